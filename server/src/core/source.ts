import { lastAtMost } from './lines.ts';

/**
 * Text as the core reads it after parsing. A string is one; the language server hands in its own
 * store of an open document (`PieceText`: pieces of a few thousand characters), so that an edit of
 * a 50 MB document neither builds nor flattens a new 50 MB string. Every member is one a string
 * has, with the same meaning, so a string can be passed wherever a `TextSource` is asked for.
 */
export interface TextSource {
  readonly length: number;
  charCodeAt(index: number): number;
  /** The text of `[start, end)`. */
  slice(start: number, end: number): string;
  /** Whether `search` occurs anywhere in the text. */
  includes(search: string): boolean;
}

/** The whole text as one string (a copy for a piece store: for rare actions such as fix-all). */
export function flatText(t: TextSource): string {
  return typeof t === 'string' ? t : t.slice(0, t.length);
}

/** The document's line break (its first), `\n` when it has none. */
export function eolOf(text: TextSource): string {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return '\n';
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

/** Whether the text ends with a line break. */
export function endsWithBreak(text: TextSource): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === 10 || c === 13;
}

/**
 * An immutable text in pieces. `edit` returns a new text sharing every piece the edit did not
 * touch, so an edit costs the size of one piece plus the number of pieces, and the text before it
 * stays readable (the incremental parse compares old and new lines).
 */
export class PieceText implements TextSource {
  /** Pieces are cut to about this many UTF-16 units; an edited piece twice as long is cut again. */
  static readonly PIECE = 16 * 1024;

  private constructor(
    private pieces: readonly string[],
    /** Offset of each piece's first character, and the length at the end (pieces.length + 1 entries). */
    private readonly starts: Float64Array,
    private readonly piece: number,
    /** The whole text when it was given as one string (until the first edit). */
    private whole: string | null,
  ) {
    this.length = starts[pieces.length];
  }

  readonly length: number;
  /** The piece last looked at: reads come in runs. */
  private last = 0;

  static of(text: string, piece = PieceText.PIECE): PieceText {
    return PieceText.fromPieces(cut(text, piece), piece, text);
  }

  /** Index of the piece holding offset `i` (0 <= i < length). */
  private find(i: number): number {
    const s = this.starts;
    let k = this.last;
    if (i >= s[k] && i < s[k + 1]) return k;
    k = lastAtMost(s, i, 0, this.pieces.length - 1);
    this.last = k;
    return k;
  }

  charCodeAt(i: number): number {
    if (this.whole !== null) return this.whole.charCodeAt(i);
    if (!(i >= 0 && i < this.length)) return NaN;
    const k = this.find(Math.floor(i));
    return this.pieces[k].charCodeAt(i - this.starts[k]);
  }

  slice(start: number, end: number): string {
    if (this.whole !== null) return this.whole.slice(start, end);
    const n = this.length;
    const a = Math.max(0, Math.min(n, start < 0 ? n + start : start));
    const b = Math.max(0, Math.min(n, end < 0 ? n + end : end));
    if (b <= a) return '';
    let k = this.find(a);
    const s = this.starts;
    if (b <= s[k + 1]) return this.pieces[k].slice(a - s[k], b - s[k]);
    let out = this.pieces[k].slice(a - s[k]);
    for (k++; s[k + 1] < b; k++) out += this.pieces[k];
    return out + this.pieces[k].slice(0, b - s[k]);
  }

  includes(search: string): boolean {
    if (this.whole !== null) return this.whole.includes(search);
    if (search === '') return true;
    const ps = this.pieces;
    const m = search.length - 1;
    // Pieces (and boundaries between pieces) known not to hold `search`: an edit keeps the marks of
    // the pieces it does not touch, so the next search reads only the new pieces (a suppression
    // comment looked for on every lint of a 50 MB document).
    let marks = this.absent.get(search);
    if (!marks) this.absent.set(search, (marks = { pieces: new Uint8Array(ps.length), joins: new Uint8Array(ps.length) }));
    for (let k = 0; k < ps.length; k++) {
      if (!marks.pieces[k]) {
        if (ps[k].includes(search)) return true;
        marks.pieces[k] = 1;
      }
      // A match across the boundary with the next piece.
      if (m > 0 && k + 1 < ps.length && !marks.joins[k]) {
        const at = this.starts[k + 1];
        if (this.slice(Math.max(0, at - m), at + m).includes(search)) return true;
        marks.joins[k] = 1;
      }
    }
    return false;
  }

  /** Per search string: which pieces, and which joins of piece k with k + 1, do not hold it. */
  private absent = new Map<string, { pieces: Uint8Array; joins: Uint8Array }>();

  /**
   * The whole text as one string (a full parse needs one). Made once per version; the pieces are
   * then cut from it at the same places, so that they and whatever a parse slices from the string
   * share it, and the strings the pieces came from can go.
   */
  toString(): string {
    if (this.whole !== null) return this.whole;
    const whole = this.pieces.join('');
    const s = this.starts;
    this.pieces = this.pieces.map((_p, k) => whole.slice(s[k], s[k + 1]));
    this.whole = whole;
    return whole;
  }

  /** The text with `[start, end)` replaced by `insert` (offsets clamped into the text). */
  edit(start: number, end: number, insert: string): PieceText {
    const n = this.length;
    const a = Math.max(0, Math.min(n, start));
    const b = Math.max(a, Math.min(n, end));
    const ps = this.pieces;
    if (ps.length === 0) return PieceText.fromPieces(cut(insert, this.piece), this.piece);
    const i = a === n ? ps.length - 1 : this.find(a);
    const j = b === n ? ps.length - 1 : this.find(b);
    const s = this.starts;
    const joined = ps[i].slice(0, a - s[i]) + insert + ps[j].slice(b - s[j]);
    const middle = joined.length > 2 * this.piece ? cut(joined, this.piece) : joined.length > 0 ? [joined] : [];
    const pieces = ps.slice(0, i).concat(middle, ps.slice(j + 1));
    const starts = new Float64Array(pieces.length + 1);
    starts.set(s.subarray(0, i + 1));
    const next = new PieceText(pieces, startsOf(pieces, i, starts, s[i]), this.piece, null);
    // Marks of untouched pieces carry over; the new pieces, and the joins beside them, are unknown.
    for (const [search, marks] of this.absent) {
      const p = new Uint8Array(pieces.length);
      const jn = new Uint8Array(pieces.length);
      p.set(marks.pieces.subarray(0, i));
      p.set(marks.pieces.subarray(j + 1), i + middle.length);
      jn.set(marks.joins.subarray(0, Math.max(0, i - 1)));
      jn.set(marks.joins.subarray(j + 1), i + middle.length);
      next.absent.set(search, { pieces: p, joins: jn });
    }
    return next;
  }

  private static fromPieces(pieces: string[], piece: number, whole: string | null = null): PieceText {
    return new PieceText(pieces, startsOf(pieces, 0, new Float64Array(pieces.length + 1), 0), piece, whole);
  }
}

function cut(text: string, piece: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length; at += piece) out.push(text.slice(at, Math.min(text.length, at + piece)));
  return out;
}

/** Fills `starts[from..]` from `pieces[from..]`, the first starting at `at`. */
function startsOf(pieces: readonly string[], from: number, starts: Float64Array, at: number): Float64Array {
  let o = at;
  for (let k = from; k < pieces.length; k++) {
    starts[k] = o;
    o += pieces[k].length;
  }
  starts[pieces.length] = o;
  return starts;
}
