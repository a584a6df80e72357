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

/** The folding ranges of a transcript. */
export function foldingRanges(text: TextSource, model: TranscriptModel): Fold[] {
  const out: Fold[] = [];
  const add = (startLine: number, endLine: number, kind: FoldKind, what: Fold['what']) => {
    if (startLine >= 0 && endLine > startLine && endLine < model.lineCount) out.push({ startLine, endLine, kind, what });
  };
  if (model.frontMatter) add(model.frontMatter.startLine, model.frontMatter.endLine, 'region', 'frontMatter');
  const p = model.preamble;
  if (p) {
    const first = firstContentLine(text, model, p.startLine, p.endLine);
    if (first >= 0) add(first, lastContentLine(text, model, first, p.endLine), 'comment', 'preamble');
  }
  for (const pair of model.pairs) add(pair.startLine, pair.endLine, 'region', 'pair');
  for (const t of model.turns) add(t.startLine, t.endLine, 'region', 'turn');
  out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
  return out.filter((f, i) => i === 0 || f.startLine !== out[i - 1].startLine || f.endLine !== out[i - 1].endLine);
}
