/**
 * The extension's own requests, shared by the server and the client (plain types and method
 * names, no dependencies, so the client bundle takes only the strings).
 *
 * - `transcript/statistics` {uri} → StatisticsResult | null: per-speaker statistics for the
 *   statistics view.
 * - `transcript/speakerLabels` {uri} → SpeakerLabelsResult | null: each speaker's label ranges,
 *   for per-speaker colours.
 *
 * Both answer null for a document the server does not have open.
 */

import type { SpeakerSummary } from '../core/features/speakerViews.ts';

export const STATISTICS_REQUEST = 'transcript/statistics';
export const SPEAKER_LABELS_REQUEST = 'transcript/speakerLabels';

export interface DocumentParams {
  uri: string;
}

export interface WireRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** One speaker's figures: the core's summary as it travels (type-only import, erased in the bundle). */
export type StatisticsSpeaker = SpeakerSummary;

export interface StatisticsResult {
  uri: string;
  /** The document version the statistics are for. */
  version: number;
  words: number;
  turns: number;
  pairs: number;
  unattributedWords: number;
  speakers: StatisticsSpeaker[];
}

export interface SpeakerLabelsResult {
  uri: string;
  version: number;
  speakers: { id: string; name: string; labels: WireRange[] }[];
}
