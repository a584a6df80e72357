/**
 * Offsets <-> (line, column) over a parsed model's line table. Lines are 0-based, columns are
 * 0-based UTF-16 code units, offsets index the original text. Line breaks are CR, LF or CRLF,
 * the same as LSP text documents, so these agree with an editor's positions.
 */

import type { TranscriptModel } from '../model.ts';
import { lastAtMost } from '../lines.ts';

/** A 0-based line and UTF-16 column. */
export interface Pos {
  line: number;
  col: number;
}

/** A range between two positions, end exclusive. */
export interface Span {
  start: Pos;
  end: Pos;
}

type Lines = Pick<TranscriptModel, 'lineStarts' | 'lineLengths' | 'lineCount' | 'length'>;

/**
 * The position of `offset`. Offsets past the end clamp to the end of the text; an offset inside
 * a line break (between CR and LF, or on the break itself) maps to the end of its line.
 */
export function positionAt(model: Lines, offset: number): Pos {
  const starts = model.lineStarts;
  if (starts.length === 0) return { line: 0, col: 0 };
  const o = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, model.length));
  const lo = lastAtMost(starts, o);
  return { line: lo, col: Math.min(o - starts[lo], model.lineLengths[lo]) };
}

/**
 * The offset of (`line`, `col`). Lines past the end give the text length; columns clamp to the
 * line's content (a column past the end of a line is its end, never the next line).
 */
export function offsetAt(model: Lines, line: number, col: number): number {
  if (!Number.isFinite(line) || line < 0) return 0;
  if (line >= model.lineCount) return model.length;
  const c = Math.max(0, Math.min(Number.isFinite(col) ? Math.floor(col) : 0, model.lineLengths[line]));
  return model.lineStarts[line] + c;
}

/** The span from `start` to `end` offsets. */
export function spanOf(model: Lines, start: number, end: number): Span {
  return { start: positionAt(model, start), end: positionAt(model, end) };
}

/** True when `inner` lies within `outer` (ends inclusive). */
export function spanContains(outer: Span, inner: Span): boolean {
  const le = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.col <= b.col);
  return le(outer.start, inner.start) && le(inner.end, outer.end) && le(inner.start, inner.end);
}
