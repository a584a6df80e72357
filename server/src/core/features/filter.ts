/**
 * Filtered views of a transcript: one speaker's turns, only the questions, or only the
 * question-and-answer pairs, as a new transcript text. Each turn is copied line for line and
 * preceded by a comment giving its original line number (`<!-- line 59 -->`, 1-based), so a person
 * can find it in the source. Pure function over the text and its model.
 */

import type { TranscriptModel } from '../model.ts';
import { pairTurns } from './stats.ts';

export type TurnFilter =
  /** Every turn of one speaker, by speaker id (`mark-rutte`, `questioner`). */
  | { kind: 'speaker'; speaker: string }
  /** Every question (the question turn of each Q&A pair, and any other turn read as a question). */
  | { kind: 'questions' }
  /** Each Q&A pair: its question, its answers and anything said between them. */
  | { kind: 'pairs' };

export interface FilteredTranscript {
  /** The filtered transcript: a header comment, then each turn after its line comment. */
  text: string;
  /** For each line of `text`, the 0-based line of the source it copies, or -1 for added lines. */
  sourceLines: number[];
  /** Indexes (into `model.turns`) of the turns shown, in document order. */
  turns: number[];
  /** What was filtered, for titles: `Question`, `Questions`, `Q&A pairs`. */
  title: string;
}

/** The turns a filter selects, in document order; null when the speaker is unknown. */
function selectTurns(model: TranscriptModel, filter: TurnFilter): { turns: number[]; title: string; pairOf: Map<number, number> } | null {
  const pairOf = new Map<number, number>();
  if (filter.kind === 'speaker') {
    const sp = model.speakers.find((s) => s.id === filter.speaker);
    if (!sp) return null;
    return { turns: [...sp.turns].sort((a, b) => a - b), title: sp.name, pairOf };
  }
  const set = new Set<number>();
  if (filter.kind === 'questions') {
    for (const p of model.pairs) set.add(p.question);
    for (const t of model.turns) if (t.kind === 'question') set.add(t.index);
  } else {
    model.pairs.forEach((p, i) => {
      pairOf.set(p.question, i);
      for (const t of pairTurns(p)) set.add(t);
    });
  }
  return { turns: [...set].sort((a, b) => a - b), title: filter.kind === 'questions' ? 'Questions' : 'Q&A pairs', pairOf };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/**
 * The filtered transcript. `source` names the original in the header comment. An unknown speaker
 * gives a transcript holding only the header, which says so.
 */
export function filterTurns(text: string, model: TranscriptModel, filter: TurnFilter, source = 'the transcript'): FilteredTranscript {
  const picked = selectTurns(model, filter);
  const out: string[] = [];
  const sourceLines: number[] = [];
  const add = (line: string, from: number) => {
    out.push(line);
    sourceLines.push(from);
  };
  if (!picked) {
    add(`<!-- No speaker "${filter.kind === 'speaker' ? filter.speaker : ''}" in ${source} -->`, -1);
    return { text: out.join('\n') + '\n', sourceLines, turns: [], title: filter.kind === 'speaker' ? filter.speaker : '' };
  }
  const line = (i: number) => {
    const start = model.lineStarts[i] ?? text.length;
    const end = start + (model.lineLengths[i] ?? 0);
    return text.slice(start, end).replace(/^\uFEFF/, '');
  };
  add(`<!-- ${picked.title}: ${plural(picked.turns.length, 'turn')} of ${source} -->`, -1);
  for (const ti of picked.turns) {
    const turn = model.turns[ti];
    if (!turn) continue;
    const pair = picked.pairOf.get(ti);
    const title = pair !== undefined ? ` · Q${pair + 1}` : '';
    add('', -1);
    add(`<!-- line ${turn.startLine + 1}${title} -->`, -1);
    for (let l = turn.startLine; l <= turn.endLine; l++) add(line(l), l);
  }
  return { text: out.join('\n') + '\n', sourceLines, turns: picked.turns, title: picked.title };
}
