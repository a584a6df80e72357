/**
 * The extension's own requests, shared by the server and the client (plain types and method
 * names, no dependencies, so the client bundle takes only the strings).
 *
 * - `transcript/statistics` {uri} → StatisticsResult | null: per-speaker statistics for the
 *   statistics view.
 * - `transcript/speakerLabels` {uri} → SpeakerLabelsResult | null: each speaker's label ranges,
 *   for per-speaker colours.
 *
 * - `transcript/filter` {uri, filter, source?} → FilterResult | null: the turns of one speaker,
 *   the questions, or the Q&A pairs, as a transcript text for the filter view.
 *
 * These answer null for a document the server does not have open.
 *
 * - `transcript/lint` {uri, text} → LintResult: the diagnostics of a transcript that is not open
 *   (the lint-workspace command reads the file and sends its text), under the settings and the
 *   project configuration of `uri`.
 */

import type { SpeakerSummary } from '../core/features/speakerViews.ts';

export const STATISTICS_REQUEST = 'transcript/statistics';
export const SPEAKER_LABELS_REQUEST = 'transcript/speakerLabels';
export const FILTER_REQUEST = 'transcript/filter';
export const LINT_REQUEST = 'transcript/lint';

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

/** Which turns the filter view shows. */
export type WireTurnFilter = { kind: 'speaker'; speaker: string } | { kind: 'questions' } | { kind: 'pairs' };

export interface FilterParams {
  uri: string;
  filter: WireTurnFilter;
  /** The name the header comment gives the source (default: the uri's file name). */
  source?: string;
}

export interface FilterResult {
  uri: string;
  version: number;
  /** `Mark Rutte`, `Questions`, `Q&A pairs`. */
  title: string;
  /** Number of turns shown. */
  turns: number;
  /** The filtered transcript: a header comment, then each turn after `<!-- line N -->`. */
  text: string;
  /** For each line of `text`, the 0-based source line it copies, or -1 for added lines. */
  sourceLines: number[];
}

export interface LintParams {
  uri: string;
  text: string;
}

/** An LSP diagnostic (kept structural so the client bundle imports no protocol types from here). */
export interface WireDiagnostic {
  range: WireRange;
  severity?: 1 | 2 | 3 | 4;
  code?: string | number;
  codeDescription?: { href: string };
  source?: string;
  message: string;
}

export interface LintResult {
  uri: string;
  diagnostics: WireDiagnostic[];
  /** True when the text was not linted (too large, or not a string). */
  skipped: boolean;
}
