/**
 * A code lens on each Q&A pair, above its question: the words the exchange takes and who speaks,
 * with the talk time where the labels carry timestamps.
 *
 *   62 words · Question → Mark Rutte
 *   418 words · 2:31 · Priya Shah → Claire Dumont, Rajiv Menon
 */

import type { TranscriptModel } from '../model.ts';
import { nameList, speakerName } from './common.ts';
import type { Span } from './positions.ts';
import { labelSpan } from './speakerRefs.ts';
import { formatCount, formatDuration, pairDuration, pairWords } from './stats.ts';

export interface PairLens {
  /** Index into `model.pairs`. */
  pair: number;
  /** Where the lens stands: the question's label (or its first line). */
  span: Span;
  title: string;
  words: number;
  /** Seconds, when timestamps tell. */
  seconds: number | null;
}

/** One lens per Q&A pair, in document order. */
export function pairLenses(model: TranscriptModel): PairLens[] {
  return model.pairs.map((p, i) => {
    const q = model.turns[p.question];
    const words = pairWords(model, p);
    const seconds = pairDuration(model, p);
    const asker = speakerName(model, q);
    const answerers = nameList(p.answers.map((a) => speakerName(model, model.turns[a])));
    const parts = [`${formatCount(words)} ${words === 1 ? 'word' : 'words'}`];
    if (seconds !== null) parts.push(formatDuration(seconds));
    parts.push(`${asker} → ${answerers}`);
    const span: Span = q.label
      ? labelSpan(model, q.label)
      : { start: { line: q.startLine, col: 0 }, end: { line: q.startLine, col: model.lineLengths[q.startLine] ?? 0 } };
    return { pair: i, span, title: parts.join(' · '), words, seconds };
  });
}
