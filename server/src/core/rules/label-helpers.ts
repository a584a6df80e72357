/**
 * Helpers shared by the label rules (TR001-TR004, TR006, TR007, TR014): label ranges, line
 * deletions and insertions as text edits, the document's line break, label use counts.
 * Pure functions over the rule context; no rule logic here.
 */

import { lowerBoundBy } from '../lines.ts';
import type { Block, Label, Speaker, TranscriptModel, Turn } from '../model.ts';
import type { RuleContext, TextEdit } from './types.ts';
import { collapseSpaces, normalizeSpaces } from '../text.ts';
import { parse } from '../parse.ts';
import { flatText, type TextSource } from '../source.ts';

/** A 0-based range as reports take it. */
interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * Column shift between the model and `ctx.line(0)` when the text starts with a byte-order mark:
 * the parser measures line 0 without the BOM, the rule context keeps it. Checked against the
 * text rather than assumed, so the helpers stay right if the parser changes its convention.
 */
function bomShift(ctx: RuleContext, label: Label): number {
  if (label.line !== 0 || !ctx.model.bom) return 0;
  const s = ctx.line(0);
  if (s.charCodeAt(0) !== 0xfeff) return 0;
  const at = (k: number) => collapseSpaces(s.slice(label.start + k, label.end + k));
  return at(0) !== collapseSpaces(label.text) && at(1) === collapseSpaces(label.text) ? 1 : 0;
}

/** Columns of a label's text on its line, in the rule context's terms. */
export function labelCols(ctx: RuleContext, label: Label): { start: number; end: number; textStart: number } {
  const k = bomShift(ctx, label);
  return { start: label.start + k, end: label.end + k, textStart: label.textStart < 0 ? -1 : label.textStart + k };
}

/** The range of a label's text (decoration such as `**`, the colon and a timestamp excluded). */
export function labelSpan(ctx: RuleContext, label: Label): Span {
  const c = labelCols(ctx, label);
  return { line: label.line, column: c.start, endLine: label.line, endColumn: c.end };
}

/** True when line `i` holds nothing but spaces of any kind (no-break, zero-width, a BOM). */
export function isBlank(ctx: RuleContext, i: number): boolean {
  return normalizeSpaces(ctx.line(i)).trim() === '';
}

/** Offset of the start of line `i`, after the BOM on line 0 (edits never remove the BOM). */
export function lineStartOffset(ctx: RuleContext, i: number): number {
  const o = ctx.offsetAt(i, 0);
  return i === 0 && ctx.text.charCodeAt(0) === 0xfeff ? o + 1 : o;
}

/**
 * An edit deleting lines `[from, to]` with their line breaks. When they are the last content of
 * the document, the blank lines before them go too, so the text ends where the speech ends.
 */
export function deleteLines(ctx: RuleContext, from: number, to: number): TextEdit {
  const n = ctx.model.lineCount;
  let last = to;
  while (last + 1 < n && isBlank(ctx, last + 1)) last++;
  if (last === n - 1) {
    // Nothing but blank lines after: also drop the blank lines before `from`.
    let first = from;
    while (first > 0 && isBlank(ctx, first - 1)) first--;
    if (first > 0) return { start: ctx.lineEndWithBreak(first - 1), end: ctx.text.length, newText: '' };
    return { start: lineStartOffset(ctx, from), end: ctx.text.length, newText: '' };
  }
  return { start: lineStartOffset(ctx, from), end: ctx.lineEndWithBreak(to), newText: '' };
}

/**
 * The blocks of turns `[from, to)` in order. There is one block per turn after the front-matter and
 * preamble blocks, so a range is a slice; the whole list is searched only if that ever fails.
 */
export function turnBlocks(model: TranscriptModel, from: number, to: number): Block[] {
  const off = model.blocks.length - model.turns.length;
  const aligned = from === to || (model.blocks[off + from]?.turn === from && model.blocks[off + to - 1]?.turn === to - 1);
  const blocks = aligned ? model.blocks.slice(off + from, off + to) : model.blocks;
  return blocks.filter((b) => b.kind === 'turn' && b.turn !== undefined && b.turn >= from && b.turn < to);
}

/** How many turns use each label text of a speaker, in first-use order. */
export function labelCounts(model: TranscriptModel, speaker: Speaker): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of speaker.turns) {
    const text = model.turns[t].label?.text;
    if (text !== undefined) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  return counts;
}

/** The label a speaker is usually written with: the most used variant; ties go to the first used. */
export function canonicalLabel(model: TranscriptModel, speaker: Speaker, exclude: ReadonlySet<number> = new Set()): string | null {
  const counts = new Map<string, number>();
  for (const t of speaker.turns) {
    const text = model.turns[t].label?.text;
    if (text !== undefined && !exclude.has(t)) counts.set(text, (counts.get(text) ?? 0) + 1);
  }
  let best: string | null = null;
  let bestCount = 0;
  // Map order is first-use order, and only a strictly larger count takes over.
  for (const [text, c] of counts) {
    if (c > bestCount) {
      best = text;
      bestCount = c;
    }
  }
  return best;
}

/** The index of the first note on line `line` or after it (notes are in line order). */
export function firstNoteFrom(model: TranscriptModel, line: number): number {
  const notes = model.notes;
  return lowerBoundBy(notes.length, (k) => notes[k].line, line);
}

/** Notes that stand for speech that was there (`[inaudible]`, `(Laughter.)`, `[sic]`): not timestamps or headings. */
function speechNotes(model: TranscriptModel, turn: Turn): number {
  let n = 0;
  // Start at the turn's first note, stop after its last line.
  const notes = model.notes;
  for (let k = firstNoteFrom(model, turn.startLine); k < notes.length && notes[k].line <= turn.endLine; k++) {
    const note = notes[k];
    if (turn.label && note.line === turn.label.line && note.end <= turn.label.end) continue;
    if (note.kind === 'timestamp' || note.kind === 'heading') continue;
    n++;
  }
  return n;
}

/** A labelled turn with no words of speech and no note standing for speech. */
export function isEmptyTurn(model: TranscriptModel, turn: Turn): boolean {
  return turn.label !== null && turn.label.form !== 'dash' && turn.words === 0 && speechNotes(model, turn) === 0;
}

/** Quotes a label for a message. */
export function q(s: string): string {
  return `"${s}"`;
}

/** `1 turn`, `3 turns`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/**
 * True when a label is clearly a speaker label: written with a colon, bold or a timestamp,
 * inline, anonymous (`Question`), or its speaker says a sentence somewhere. A plain line the
 * parser took for a label whose "speaker" never says a sentence is more likely a heading; the
 * empty-label rules leave it alone rather than offer to delete it.
 */
export function trustedLabel(ctx: RuleContext, turn: Turn): boolean {
  const { model } = ctx;
  const label = turn.label;
  if (!label) return false;
  if (label.form !== 'standalone' || label.timestamp !== undefined) return true;
  const c = labelCols(ctx, label);
  const s = ctx.line(label.line);
  if (/[:*_]/.test(s.slice(c.end)) || /[*_]\s*$/.test(s.slice(0, c.start))) return true;
  if (turn.speaker < 0) return false;
  return model.speakers[turn.speaker].anonymous || sentenceSpeakers(ctx)[turn.speaker] === 1;
}

const SENTENCE_SPEAKERS = new WeakMap<TranscriptModel, Uint8Array>();

/**
 * 1 for each speaker who ends a turn with a sentence somewhere (`trustedLabel`), worked out once per
 * model. The only document-wide fact about speech the empty-label rules read: lint reuses their
 * findings after an edit only while it stays the same (`sentenceSpeakersKey`).
 */
export function sentenceSpeakers(ctx: Pick<RuleContext, 'model' | 'line'>): Uint8Array {
  const { model } = ctx;
  let out = SENTENCE_SPEAKERS.get(model);
  if (out) return out;
  out = new Uint8Array(model.speakers.length);
  model.speakers.forEach((sp, si) => {
    for (const t of sp.turns) {
      const other = model.turns[t];
      if (other.words === 0) continue;
      for (let i = other.endLine; i > other.startLine; i--) {
        const line = ctx.line(i).trim();
        if (line === '') continue;
        if (/[.?!…]["”’)\]]*$/u.test(line)) {
          out![si] = 1;
          return;
        }
        break;
      }
    }
  });
  SENTENCE_SPEAKERS.set(model, out);
  return out;
}

/** `sentenceSpeakers` as a `Rule.reuseKey`. */
export function sentenceSpeakersKey(ctx: RuleContext): string {
  return sentenceSpeakers(ctx).join('');
}

/**
 * The words of the turns in order (lower-case): speech without notes, plus label words when asked
 * (`'spoken'`: only the labels of turns that hold speech: a word of speech that became the label of
 * an empty turn is one the next fix may delete).
 */
export function turnWords(text: TextSource, model: TranscriptModel, withLabels: boolean | 'spoken'): string[] {
  const out: string[] = [];
  const wordsOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const notesByLine = new Map<number, { start: number; end: number }[]>();
  for (const n of model.notes) {
    const list = notesByLine.get(n.line);
    if (list) list.push(n);
    else notesByLine.set(n.line, [n]);
  }
  for (const t of model.turns) {
    if (withLabels && t.label && (withLabels === true || t.words > 0)) for (const w of wordsOf(t.label.text)) out.push(w);
    for (let i = t.startLine; i <= t.endLine; i++) {
      let s = text.slice(model.lineStarts[i], model.lineStarts[i] + model.lineLengths[i]);
      for (const n of notesByLine.get(i) ?? []) s = s.slice(0, n.start) + ' '.repeat(Math.max(0, n.end - n.start)) + s.slice(n.end);
      if (t.label && i === t.label.line) {
        if (t.label.textStart < 0) continue;
        s = ' '.repeat(t.label.textStart) + s.slice(t.label.textStart);
      }
      for (const w of wordsOf(s)) out.push(w); // no spread: a line may hold 100,000 words
    }
  }
  return out;
}

const speechCache = new WeakMap<TranscriptModel, string[]>();
const verifyBudget = new WeakMap<RuleContext, number>();

/** Starts a rule's own budget of verified fixes (lint calls it before each rule runs). */
export function resetVerifyBudget(ctx: RuleContext): void {
  verifyBudget.delete(ctx);
}
/** At most this many fixes are verified by re-parsing per rule and lint run. */
const VERIFY_LIMIT = 25;
/**
 * Past this size a re-parse per fix would make every keystroke slow (a 1 MB transcript parses in
 * about 0.1 s): fixes are not verified here, and fix-all verifies what it applies instead.
 */
export const VERIFY_MAX_CHARS = 100_000;

/**
 * True when applying `edits` keeps every word of speech: re-parses the result and checks that the
 * speech of the turns before is still there in order (as speech or, for a label the parser
 * misread as speech, as a label). Deleting a label can change how the parser reads the lines
 * around it; a fix is only safe if it does not. Past a budget of re-parses per lint run (or in
 * a large document) it answers true: fix-all checks every pass against the original speech.
 * With `sameTurns`, every turn must also still start on the same line (for rewrites in place).
 */
export function keepsSpeech(ctx: RuleContext, edits: TextEdit[], options: { sameTurns?: boolean } = {}): boolean {
  const { model } = ctx;
  if (ctx.text.length > VERIFY_MAX_CHARS) return true;
  const text = flatText(ctx.text);
  const used = verifyBudget.get(ctx) ?? 0;
  // Past the budget, fix-all's own guard (every pass checked against the original speech) decides.
  if (used >= VERIFY_LIMIT) return true;
  verifyBudget.set(ctx, used + 1);
  let before = speechCache.get(model);
  if (!before) speechCache.set(model, (before = turnWords(text, model, false)));
  const sorted = [...edits].sort((a, b) => b.start - a.start);
  let next = text;
  for (const e of sorted) next = next.slice(0, e.start) + e.newText + next.slice(e.end);
  const parsed = parse(next, model.dialectForced ? { dialect: model.dialect } : {});
  if (options.sameTurns) {
    // A rewrite in place must leave every turn where it was.
    if (parsed.turns.length !== model.turns.length) return false;
    for (let i = 0; i < parsed.turns.length; i++) {
      const a = parsed.turns[i];
      const b = model.turns[i];
      if (a.startLine !== b.startLine || (a.label === null) !== (b.label === null)) return false;
    }
  }
  return keepsWords(before, turnWords(next, parsed, true));
}

/** True when `after` contains every word of `before`, in order. */
export function keepsWords(before: readonly string[], after: readonly string[]): boolean {
  let j = 0;
  for (const w of before) {
    while (j < after.length && after[j] !== w) j++;
    if (j === after.length) return false;
    j++;
  }
  return true;
}
