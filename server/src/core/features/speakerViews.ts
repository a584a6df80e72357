/**
 * What the editor's speaker views show: the statistics view (per speaker turns, words, share of
 * the words, questions asked and answered) and per-speaker colours (every label's span, grouped
 * by speaker identity). Plain data over the model; 0-based lines, UTF-16 columns.
 */

import type { SpeakerRole, TranscriptModel } from '../model.ts';
import type { Span } from './positions.ts';
import { labelSpan } from './speakerRefs.ts';
import { speakerStats, totalWords } from './stats.ts';

export interface SpeakerSummary {
  /** The speaker's stable id (`mark-rutte`, `questioner`). */
  id: string;
  name: string;
  role: string;
  part: SpeakerRole;
  anonymous: boolean;
  turns: number;
  words: number;
  /** `words` over every word of speech in the document (0 when it has none). */
  share: number;
  /** Q&A pairs whose question the speaker asked. */
  asked: number;
  /** Q&A pairs the speaker answered. */
  answered: number;
  /** The most used label, or null. */
  label: string | null;
}

export interface DocumentStatistics {
  /** Every word of speech, unattributed speech included. */
  words: number;
  turns: number;
  pairs: number;
  /** Words of speech no speaker is known for. */
  unattributedWords: number;
  /** In `model.speakers` order. */
  speakers: SpeakerSummary[];
}

/** The statistics view's data for a document. */
export function documentStatistics(model: TranscriptModel): DocumentStatistics {
  const total = totalWords(model);
  const speakers = speakerStats(model).map((s): SpeakerSummary => {
    const sp = model.speakers[s.speaker];
    return {
      id: sp.id,
      name: sp.name,
      role: sp.role,
      part: sp.part,
      anonymous: sp.anonymous,
      turns: s.turns,
      words: s.words,
      share: s.share,
      asked: s.asked,
      answered: s.answered,
      label: s.canonical,
    };
  });
  const attributed = speakers.reduce((n, s) => n + s.words, 0);
  return { words: total, turns: model.turns.length, pairs: model.pairs.length, unattributedWords: Math.max(0, total - attributed), speakers };
}

export interface SpeakerLabels {
  /** The speaker's stable id, what a colour is chosen from. */
  id: string;
  name: string;
  /** The span of each of the speaker's labels with text, in document order. */
  labels: Span[];
}

/** Every speaker (in `model.speakers` order) with the spans of its labels. */
export function speakerLabels(model: TranscriptModel): SpeakerLabels[] {
  return model.speakers.map((sp) => {
    const labels: Span[] = [];
    for (const ti of sp.turns) {
      const l = model.turns[ti]?.label;
      if (!l) continue;
      const span = labelSpan(model, l);
      if (span.end.col > span.start.col) labels.push(span);
    }
    return { id: sp.id, name: sp.name, labels };
  });
}
