/**
 * The start offset of every line of an open document, kept so that an edit costs the same in a
 * 50 MB document as in a small one: the starts are held in chunks of a few thousand lines, each
 * relative to its chunk's base offset. An edit rebuilds the chunks its lines fall in and moves the
 * bases of the chunks after it (a few hundred numbers at 50 MB) instead of rewriting every line
 * start after the edit. Persistent: `replace` returns a new index and leaves this one as it was,
 * sharing the chunks it did not touch.
 */

import { lastAtMost } from '../core/lines.ts';

/** Lines per chunk: a rebuilt chunk is copied whole, and there are `lineCount / CHUNK` bases. */
const CHUNK = 2048;

export class LineIndex {
  private constructor(
    /** Line starts relative to the chunk's base. */
    private readonly chunks: readonly Int32Array[],
    /** Each chunk's base offset. */
    private readonly bases: Float64Array,
    /** The line number of each chunk's first line. */
    private readonly firsts: Int32Array,
    readonly length: number,
  ) {}

  /** An index of these line starts (ascending, the first 0). */
  static of(starts: ArrayLike<number>): LineIndex {
    return LineIndex.cut([], [], Array.from(starts), [], []);
  }

  /** An index of `headChunks`, then `mid` (absolute starts) cut into chunks, then `tailChunks`. */
  private static cut(headChunks: Int32Array[], headBases: number[], mid: readonly number[], tailChunks: readonly Int32Array[], tailBases: readonly number[]): LineIndex {
    const chunks = headChunks;
    const bases = headBases;
    for (let i = 0; i < mid.length; i += CHUNK) {
      const k = Math.min(CHUNK, mid.length - i);
      const base = mid[i];
      const c = new Int32Array(k);
      for (let j = 0; j < k; j++) c[j] = mid[i + j] - base;
      chunks.push(c);
      bases.push(base);
    }
    for (let c = 0; c < tailChunks.length; c++) {
      chunks.push(tailChunks[c]);
      bases.push(tailBases[c]);
    }
    const firsts = new Int32Array(chunks.length);
    let line = 0;
    for (let c = 0; c < chunks.length; c++) {
      firsts[c] = line;
      line += chunks[c].length;
    }
    return new LineIndex(chunks, Float64Array.from(bases), firsts, line);
  }

  /** The start of line `i` (0 <= i < length). */
  at(i: number): number {
    const c = this.chunkOfLine(i);
    return this.bases[c] + this.chunks[c][i - this.firsts[c]];
  }

  /** The last line starting at or before `offset` (0 when none does). */
  lineAt(offset: number): number {
    // The last chunk whose first line (at the chunk's base) starts at or before the offset, then
    // the last line in it.
    const c = lastAtMost(this.bases, offset);
    const chunk = this.chunks[c];
    if (chunk[0] + this.bases[c] > offset) return 0;
    return this.firsts[c] + lastAtMost(chunk, offset - this.bases[c]);
  }

  /**
   * The index after lines `[from, to)` were replaced by lines starting at `starts` (absolute, in the
   * new text), and every line from `to` on moved by `diff`.
   */
  replace(from: number, to: number, starts: readonly number[], diff: number): LineIndex {
    const { chunks, bases, firsts } = this;
    const n = chunks.length;
    if (n === 0) return LineIndex.of(starts);
    // The chunks holding lines `[from, to)`: [c0, c1] (the chunk of `to` too, so its lines from
    // `to` on are rewritten shifted; a `to` at the end reaches the last chunk).
    const c0 = from < this.length ? this.chunkOfLine(from) : n - 1;
    const c1 = to < this.length ? this.chunkOfLine(to) : n - 1;
    const mid: number[] = [];
    for (let i = firsts[c0]; i < from; i++) mid.push(this.at(i));
    for (const s of starts) mid.push(s);
    const end = c1 + 1 < n ? firsts[c1 + 1] : this.length;
    for (let i = Math.max(to, firsts[c0]); i < end; i++) mid.push(this.at(i) + diff);
    // Rebuilt chunks, then the rest with their bases moved.
    const tailBases: number[] = [];
    for (let c = c1 + 1; c < n; c++) tailBases.push(bases[c] + diff);
    return LineIndex.cut(chunks.slice(0, c0) as Int32Array[], Array.from(bases.subarray(0, c0)), mid, chunks.slice(c1 + 1), tailBases);
  }

  private chunkOfLine(i: number): number {
    return lastAtMost(this.firsts, i);
  }
}
