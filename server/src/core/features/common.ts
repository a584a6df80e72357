/**
 * Helpers the editor features share: line text, content extents, a turn's speech and names.
 * Pure functions over the text and its parsed model.
 */

import type { TranscriptModel, Turn } from '../model.ts';
import { stripNotes } from '../notes.ts';
import { collapseSpaces, firstNonSpace, lastNonSpaceEnd } from '../text.ts';
import type { Span } from './positions.ts';
import type { TextSource } from '../source.ts';

/** Line `i` of the text without its line break ('' outside the document). */
export function lineOf(text: TextSource, model: TranscriptModel, i: number): string {
  if (i < 0 || i >= model.lineCount) return '';
  return text.slice(model.lineStarts[i], model.lineStarts[i] + model.lineLengths[i]);
}

/** True when line `i` holds nothing but spaces. */
export function isBlank(text: TextSource, model: TranscriptModel, i: number): boolean {
  const s = lineOf(text, model, i);
  return firstNonSpace(s) >= s.length;
}

/** The last line in `[from, to]` that is not blank, or -1 when all are. */
export function lastContentLine(text: TextSource, model: TranscriptModel, from: number, to: number): number {
  for (let i = Math.min(to, model.lineCount - 1); i >= from; i--) if (!isBlank(text, model, i)) return i;
  return -1;
}

/** The first line in `[from, to]` that is not blank, or -1 when all are. */
export function firstContentLine(text: TextSource, model: TranscriptModel, from: number, to: number): number {
  for (let i = Math.max(0, from); i <= to && i < model.lineCount; i++) if (!isBlank(text, model, i)) return i;
  return -1;
}

/** The span of line `i`'s text without leading and trailing spaces (empty at column 0 for a blank line). */
export function contentSpan(text: TextSource, model: TranscriptModel, i: number): Span {
  const s = lineOf(text, model, i);
  const a = firstNonSpace(s);
  if (a >= s.length) return { start: { line: i, col: 0 }, end: { line: i, col: 0 } };
  return { start: { line: i, col: a }, end: { line: i, col: lastNonSpaceEnd(s) } };
}

/** The span of whole lines `first..last`, from column 0 to the end of `last`. */
export function linesSpan(model: TranscriptModel, first: number, last: number): Span {
  const l = Math.max(first, Math.min(last, model.lineCount - 1));
  return { start: { line: first, col: 0 }, end: { line: l, col: model.lineLengths[l] ?? 0 } };
}

/** Lines that hold a whole-line note (headings, stage directions, timestamps on their own). */
export function wholeLineNotes(model: TranscriptModel): Set<number> {
  const out = new Set<number>();
  for (const n of model.notes) if (n.wholeLine) out.add(n.line);
  return out;
}

/**
 * The speech of a turn as one line of text: the label, whole-line notes and inline notes
 * removed, spaces collapsed. Reads at most `maxLines` lines (titles and details need only the start).
 */
export function turnSpeech(
  text: TextSource,
  model: TranscriptModel,
  turn: Turn,
  skip: ReadonlySet<number>,
  maxLines = 40,
  /** Stop adding lines once this many characters are in (a detail needs only the first words). */
  maxChars = Infinity,
): string {
  const parts: string[] = [];
  const last = Math.min(turn.endLine, turn.startLine + maxLines - 1);
  let chars = 0;
  for (let i = turn.startLine; i <= last && chars < maxChars; i++) {
    if (skip.has(i)) continue;
    let s = lineOf(text, model, i);
    if (i === turn.startLine && turn.label && turn.label.line === i) {
      if (turn.label.textStart < 0) continue;
      s = s.slice(turn.label.textStart);
    }
    const part = stripNotes(s);
    parts.push(part);
    chars += part.length;
  }
  return collapseSpaces(parts.join(' '));
}

/** The first `n` words of a text, with an ellipsis when there is more (and at most ~`maxChars`). */
export function firstWords(s: string, n = 8, maxChars = 60): string {
  // A paragraph may run to thousands of words: split only its start when that holds n + 1 words.
  if (s.length > 4 * maxChars + 16) {
    const head = s.slice(0, 4 * maxChars + 16).split(' ').filter(Boolean);
    if (head.length > n + 1) return firstWordsOf(head, n, maxChars, true);
  }
  const ws = s.split(' ').filter(Boolean);
  return firstWordsOf(ws, n, maxChars, ws.length > n);
}

function firstWordsOf(ws: string[], n: number, maxChars: number, more: boolean): string {
  let out = ws.slice(0, n).join(' ');
  if (out.length > maxChars) {
    const cut = out.lastIndexOf(' ', maxChars);
    out = out.slice(0, cut > maxChars / 2 ? cut : maxChars);
    more = true;
  }
  return more ? `${out.replace(/[,;:\s]+$/, '')}…` : out;
}

/** Name shown for a turn's speaker: the canonical name, the label as written, or `Unattributed`. */
export function speakerName(model: TranscriptModel, turn: Turn): string {
  if (turn.speaker >= 0 && turn.speaker < model.speakers.length) return model.speakers[turn.speaker].name;
  const t = turn.label?.text.trim();
  return t ? t : 'Unattributed';
}

/** Distinct values in first-seen order. */
export function distinct(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

/** `A`, `A, B`, `A, B, C +2`: a short list of names. */
export function nameList(names: readonly string[], max = 3): string {
  const d = distinct(names);
  return d.length <= max ? d.join(', ') : `${d.slice(0, max).join(', ')} +${d.length - max}`;
}
