import type { TextSource } from './source.ts';

/** Line splitting that keeps offsets into the original text (CRLF, CR and LF all end a line). */
export interface SplitLines {
  /** Offset of each line's first character. */
  starts: number[];
  /** Length of each line without its line break. */
  lengths: number[];
  /** True when the text starts with U+FEFF. */
  bom: boolean;
}

/** The last index `i` of an ascending array with `sorted[i] <= value` (0 when there is none). */
export function lastAtMost(sorted: ArrayLike<number>, value: number, lo = 0, hi = sorted.length - 1): number {
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Splits `text` into lines. A final line break does not start an extra line, but an empty text
 * is one empty line, so every document has at least one line.
 */
export function splitLines(text: string): SplitLines {
  const starts: number[] = [];
  const lengths: number[] = [];
  const bom = text.charCodeAt(0) === 0xfeff;
  const n = text.length;
  const start = splitRange(text, 0, n, starts, lengths);
  if (start < n || starts.length === 0) {
    starts.push(start);
    lengths.push(n - start);
  }
  return { starts, lengths, bom };
}

/**
 * Appends the lines that end in `[from, to)` of `text` (start and length of each; a CR LF pair is
 * one break) and returns where the line after them starts.
 */
export function splitRange(text: TextSource, from: number, to: number, starts: number[], lengths: number[]): number {
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      starts.push(start);
      lengths.push(i - start);
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  return start;
}

/** First index `k` in `[0, length)` with `key(k) >= v`, for ascending keys. */
export function lowerBoundBy(length: number, key: (k: number) => number, v: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(mid) < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
