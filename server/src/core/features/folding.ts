/**
 * Folding ranges: the front matter, the preamble, each Q&A pair and each turn longer than one
 * line. Lines are 0-based; a range folds the lines after `startLine` up to `endLine`.
 *
 * Ranges come sorted by start line, the outer range first when two start on the same line (a
 * pair and its question turn): editors that keep one range per start line keep the pair.
 */

import type { TranscriptModel } from '../model.ts';
import { firstContentLine, lastContentLine } from './common.ts';
import type { TextSource } from '../source.ts';

export type FoldKind = 'comment' | 'region';

export interface Fold {
  startLine: number;
  endLine: number;
  /** `comment` for the preamble (not speech: "fold all comments" hides it), `region` otherwise. */
  kind: FoldKind;
  /** What the range holds. */
  what: 'frontMatter' | 'preamble' | 'pair' | 'turn';
}

/**
 * The folding ranges of a transcript, the first `limit` of them (an editor keeps so many: VS Code's
 * `editor.foldingMaximumRegions`, sent as the client's `rangeLimit`).
 */
export function foldingRanges(text: TextSource, model: TranscriptModel, limit = Infinity): Fold[] {
  const head: Fold[] = [];
  const valid = (startLine: number, endLine: number) => startLine >= 0 && endLine > startLine && endLine < model.lineCount;
  if (model.frontMatter && valid(model.frontMatter.startLine, model.frontMatter.endLine)) {
    head.push({ startLine: model.frontMatter.startLine, endLine: model.frontMatter.endLine, kind: 'region', what: 'frontMatter' });
  }
  const p = model.preamble;
  if (p) {
    const first = firstContentLine(text, model, p.startLine, p.endLine);
    const last = first >= 0 ? lastContentLine(text, model, first, p.endLine) : -1;
    if (first >= 0 && valid(first, last)) head.push({ startLine: first, endLine: last, kind: 'comment', what: 'preamble' });
  }
  head.sort(byPosition);
  // Pairs and turns each come in document order: merge them, up to the limit.
  const out: Fold[] = [];
  const push = (f: Fold) => {
    const prev = out[out.length - 1];
    if (!prev || f.startLine !== prev.startLine || f.endLine !== prev.endLine) out.push(f);
  };
  for (const f of head) push(f);
  const { pairs, turns } = model;
  let i = 0;
  let j = 0;
  while (out.length < limit && (i < pairs.length || j < turns.length)) {
    const a = i < pairs.length ? pairs[i] : null;
    const b = j < turns.length ? turns[j] : null;
    // The outer range first when a pair and its question turn start on the same line.
    if (a && (!b || a.startLine < b.startLine || (a.startLine === b.startLine && a.endLine >= b.endLine))) {
      i++;
      if (valid(a.startLine, a.endLine)) push({ startLine: a.startLine, endLine: a.endLine, kind: 'region', what: 'pair' });
    } else if (b) {
      j++;
      if (valid(b.startLine, b.endLine)) push({ startLine: b.startLine, endLine: b.endLine, kind: 'region', what: 'turn' });
    }
  }
  return out.length > limit ? out.slice(0, limit) : out;
}

const byPosition = (a: Fold, b: Fold) => a.startLine - b.startLine || b.endLine - a.endLine;
