/**
 * An open document as the server keeps it: the `TextDocument` of vscode-languageserver-textdocument
 * (same positions, same clamping), but its text is a `PieceText` and every version a new object.
 * The library's document rebuilds one string per edit, and reading it then flattens the whole text:
 * at 50 MB that is a 50-100 MB copy and garbage per keystroke. Here an edit costs one piece of the
 * text and one pass over the line table (an Int32Array).
 */

import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { PieceText, type TextSource } from '../core/source.ts';
import { LineIndex } from './lineIndex.ts';
import type { TextChange } from '../core/incremental.ts';

const isBreak = (c: number): boolean => c === 10 || c === 13;

export class OpenDocument implements TextDocument {
  private constructor(
    readonly uri: string,
    readonly languageId: string,
    readonly version: number,
    /** The text, for the core (a `TextSource`). */
    readonly text: PieceText,
    /** Offset of each line's first character (as the library counts lines: a final break starts one more). */
    private readonly lines: LineIndex,
  ) {}

  /** `piece`: the size pieces are cut to (small in tests, to cross many piece boundaries). */
  static create(uri: string, languageId: string, version: number, content: string, piece?: number): OpenDocument {
    return new OpenDocument(uri, languageId, version, PieceText.of(content, piece), LineIndex.of(lineStarts(content, 0, content.length, [0])));
  }

  get lineCount(): number {
    return this.lines.length;
  }

  getText(range?: Range): string {
    if (!range) return this.text.toString();
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  offsetAt(position: Position): number {
    const lines = this.lines;
    if (position.line >= lines.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = lines.at(position.line);
    if (position.character <= 0) return start;
    const next = position.line + 1 < lines.length ? lines.at(position.line + 1) : this.text.length;
    return this.beforeBreak(Math.min(start + position.character, next), start);
  }

  positionAt(offset: number): Position {
    const o = Math.max(Math.min(offset, this.text.length), 0);
    const line = this.lineOf(o);
    const start = this.lines.at(line);
    return { line, character: this.beforeBreak(o, start) - start };
  }

  getLineRange(line: number): Range {
    const lines = this.lines;
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.text.length - lines.at(last) } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const next = line + 1 < lines.length ? lines.at(line + 1) : this.text.length;
    const start = lines.at(line);
    return { start: { line, character: 0 }, end: { line, character: this.beforeBreak(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lines;
    if (line >= lines.length || line < 0) return '';
    const next = line + 1 < lines.length ? lines.at(line + 1) : this.text.length;
    return this.text.slice(this.beforeBreak(next, lines.at(line)), next);
  }

  private lineOf(offset: number): number {
    return this.lines.lineAt(offset);
  }

  private beforeBreak(offset: number, lineStart: number): number {
    let o = offset;
    while (o > lineStart && isBreak(this.text.charCodeAt(o - 1))) o--;
    return o;
  }

  /**
   * The document after `changes` (each in the coordinates of the text the previous one produced,
   * as `didChange` sends them), with each change as offsets. A change with a range is applied as
   * the library applies it (an inverted range is turned around, positions clamped); one without
   * replaces the whole text.
   */
  update(changes: readonly TextDocumentContentChangeEvent[], version: number): { document: OpenDocument; applied: (TextChange | null)[] } {
    let doc: OpenDocument = this;
    const applied: (TextChange | null)[] = [];
    for (const c of changes) {
      if ('range' in c && c.range) {
        let { start, end } = c.range;
        if (start.line > end.line || (start.line === end.line && start.character > end.character)) [start, end] = [end, start];
        const a = doc.offsetAt(start);
        const b = doc.offsetAt(end);
        doc = doc.replace(a, b, c.text, version);
        applied.push({ start: a, oldEnd: b, newEnd: a + c.text.length });
      } else {
        doc = OpenDocument.create(doc.uri, doc.languageId, version, c.text);
        applied.push(null);
      }
    }
    if (doc === this) doc = new OpenDocument(this.uri, this.languageId, version, this.text, this.lines);
    else if (doc.version !== version) doc = new OpenDocument(doc.uri, doc.languageId, version, doc.text, doc.lines);
    return { document: doc, applied };
  }

  /** `[a, b)` replaced by `insert`. */
  private replace(a: number, b: number, insert: string, version: number): OpenDocument {
    const text = this.text.edit(a, b, insert);
    const old = this.lines;
    const diff = insert.length - (b - a);
    // Line starts before the line above the edit stay (the break before them is untouched); the
    // first start after the edit's end, and all after it, move by `diff` (the two characters that
    // decide whether a break ends there are both after the edit). Between them: scanned again.
    const startLine = this.lineOf(a);
    const keep = Math.max(0, startLine - 1);
    const k = this.lineOf(b) + 1;
    const from = old.at(keep);
    const to = k < old.length ? old.at(k) + diff : text.length;
    const mid = lineStarts(text, from, to, []);
    // `lineStarts` counts the break just before `to` too: that start is the first kept one.
    if (k < old.length && mid.length > 0 && mid[mid.length - 1] === to) mid.pop();
    // Lines `keep + 1 .. k - 1` are replaced by `mid`; those from `k` on move by `diff`.
    const lines = old.replace(keep + 1, k, mid, diff);
    return new OpenDocument(this.uri, this.languageId, version, text, lines);
  }
}

/**
 * Appends to `out` the start of every line that begins after a break in `[from, to)` of `text`
 * (CR LF is one break) and returns `out`. `to` is the text's end or a line start, so a break never
 * straddles it.
 */
function lineStarts(text: TextSource, from: number, to: number, out: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      out.push(i + 1);
    }
  }
  return out;
}
