/**
 * Format a transcript (the whole document or a range of lines):
 *
 * - each speaker's labels are rewritten to the speaker's usual label, the same rewrites the
 *   label-variant rule (TR006) proposes: a first full introduction followed by a short form, a
 *   label that says more (`QUESTION (Reuters)`), and a label written in another form are kept;
 * - in block and inline documents that separate turns with blank lines, exactly one blank line
 *   between turns (blank lines inside a turn are left as they are);
 * - no trailing spaces (non-breaking ones included) on any line.
 *
 * CHAT and WebVTT documents only lose trailing spaces. Hard-wrapped lines are never reflowed.
 *
 * The result is checked by parsing it: the words of everything that is not a label must be the
 * same words in the same order, and the turns the same turns of the same speakers. When the
 * check fails, the formatter falls back to fewer changes (no label rewrites, then no blank-line
 * changes, then nothing), so formatting never loses or changes a word of speech. Formatting a
 * formatted document changes nothing.
 */

import type { ParseOptions, TranscriptModel } from '../model.ts';
import type { TextEdit } from '../rules/types.ts';
import { applyEdits, lint } from '../lint.ts';
import { parse } from '../parse.ts';
import { labelVariant } from '../rules/tr006-label-variant.ts';
import { isSpaceCode } from '../text.ts';
import { eolOf } from '../source.ts';
import { lineOf } from './common.ts';
import { positionAt } from './positions.ts';

export interface FormatOptions {
  /** Only lines `startLine..endLine` (0-based, inclusive): range formatting. */
  range?: { startLine: number; endLine: number };
  /** How the document is parsed (a forced dialect), for the check. */
  parse?: ParseOptions;
}

export interface FormatResult {
  /** Non-overlapping edits, in order, as offsets into the original text. */
  edits: TextEdit[];
  /** The formatted text. */
  text: string;
  /** What was applied: everything, everything but label rewrites, trailing spaces only, or nothing. */
  level: 'full' | 'no-labels' | 'trailing-spaces' | 'none';
}

interface Plan {
  labels: boolean;
  spacing: boolean;
}

/** A line without its trailing spaces; a byte-order mark at the very start stays. */
function trimEnd(s: string, keepFirst: boolean): string {
  let end = s.length;
  const min = keepFirst ? 1 : 0;
  while (end > min && isSpaceCode(s.charCodeAt(end - 1))) end--;
  return s.slice(0, end);
}

/** True when most lines with text start with a court-reporter line number. */
function numberedLines(text: string, model: TranscriptModel): boolean {
  let content = 0;
  let numbered = 0;
  for (let i = 0; i < model.lineCount; i++) {
    const s = lineOf(text, model, i);
    if (s.trim() === '') continue;
    content++;
    if (/^\s*(?:\d{1,4}:)?\d{1,2}\s/.test(s)) numbered++;
  }
  return content >= 10 && numbered >= content * 0.6;
}

/** Label rewrites (TR006 fixes) as offset edits, each inside one line. */
function labelEdits(text: string, model: TranscriptModel): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const f of lint(text, model, { rules: [labelVariant] })) {
    const fix = f.fixes[0];
    if (!fix) continue;
    for (const e of fix.edits) {
      if (e.start < 0 || e.end < e.start || e.end > text.length) continue;
      if (/[\r\n]/.test(text.slice(e.start, e.end)) || /[\r\n]/.test(e.newText)) continue;
      edits.push(e);
    }
  }
  return edits;
}

/** The edits of one plan. */
function planEdits(text: string, model: TranscriptModel, plan: Plan, range: { startLine: number; endLine: number }): TextEdit[] {
  const n = model.lineCount;
  const inRange = (i: number) => i >= range.startLine && i <= range.endLine;
  const structured = model.dialect !== 'chat' && model.dialect !== 'webvtt';
  const content: (string | null)[] = new Array(n).fill(null);
  const line = (i: number) => content[i] ?? lineOf(text, model, i);

  // 1. Label rewrites, applied to their lines (right to left within a line).
  if (plan.labels && structured) {
    const byLine = new Map<number, TextEdit[]>();
    for (const e of labelEdits(text, model)) {
      const p = positionAt(model, e.start);
      if (!inRange(p.line)) continue;
      const list = byLine.get(p.line) ?? [];
      list.push(e);
      byLine.set(p.line, list);
    }
    for (const [i, es] of byLine) {
      const base = model.lineStarts[i];
      let s = lineOf(text, model, i);
      es.sort((a, b) => b.start - a.start);
      let limit = Infinity;
      for (const e of es) {
        if (e.end - base > limit) continue;
        s = s.slice(0, e.start - base) + e.newText + s.slice(e.end - base);
        limit = e.start - base;
      }
      content[i] = s;
    }
  }

  // 2. Trailing spaces.
  for (let i = 0; i < n; i++) {
    if (!inRange(i)) continue;
    const s = line(i);
    const t = trimEnd(s, i === 0 && model.bom);
    if (t !== s) content[i] = t;
  }

  // 3. One blank line between turns.
  const remove = new Set<number>();
  const insertBefore = new Set<number>();
  if (plan.spacing && (model.dialect === 'block' || model.dialect === 'inline') && !numberedLines(text, model)) {
    const turns = model.turns;
    let gaps = 0;
    let blankGaps = 0;
    for (let k = 0; k + 1 < turns.length; k++) {
      gaps++;
      if (turns[k + 1].startLine - turns[k].endLine > 1) blankGaps++;
    }
    if (gaps > 0 && blankGaps * 2 > gaps) {
      for (let k = 0; k + 1 < turns.length; k++) {
        const from = turns[k].endLine + 1;
        const to = turns[k + 1].startLine - 1;
        if (to < from - 1 || !inRange(turns[k].endLine) || !inRange(turns[k + 1].startLine)) continue;
        if (to < from) insertBefore.add(turns[k + 1].startLine);
        else for (let i = from + 1; i <= to; i++) remove.add(i);
      }
    }
  }

  // Edits: changed lines (the changed middle only), removed blank lines, inserted blank lines.
  const eol = eolOf(text);
  const edits: TextEdit[] = [];
  for (let i = 0; i < n; i++) {
    const start = model.lineStarts[i];
    if (remove.has(i)) {
      const end = i + 1 < n ? model.lineStarts[i + 1] : text.length;
      edits.push({ start, end, newText: '' });
      continue;
    }
    if (insertBefore.has(i)) edits.push({ start, end: start, newText: eol });
    const after = content[i];
    const before = lineOf(text, model, i);
    if (after === null || after === before) continue;
    let p = 0;
    while (p < before.length && p < after.length && before[p] === after[p]) p++;
    let q = 0;
    while (q < before.length - p && q < after.length - p && before[before.length - 1 - q] === after[after.length - 1 - q]) q++;
    edits.push({ start: start + p, end: start + before.length - q, newText: after.slice(p, after.length - q) });
  }
  return merge(edits);
}

/** Sorts edits and joins those that touch, so no two share a position. */
function merge(edits: TextEdit[]): TextEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.start - b.e.start || a.e.end - b.e.end || a.i - b.i);
  const out: TextEdit[] = [];
  for (const { e } of sorted) {
    const last = out[out.length - 1];
    if (last && e.start <= last.end) {
      if (e.start < last.end) continue; // never happens: each line is edited once
      out[out.length - 1] = { start: last.start, end: e.end, newText: last.newText + e.newText };
    } else out.push({ ...e });
  }
  return out;
}

/** The words of everything that is not a label, in order. */
export function nonLabelWords(text: string, model: TranscriptModel): string[] {
  const out: string[] = [];
  const labelOn = new Map<number, { start: number; end: number }>();
  for (const t of model.turns) if (t.label && t.label.form !== 'dash') labelOn.set(t.label.line, t.label);
  for (let i = 0; i < model.lineCount; i++) {
    let s = lineOf(text, model, i);
    const l = labelOn.get(i);
    if (l) s = `${s.slice(0, l.start)} ${s.slice(l.end)}`;
    const ws = s.match(/[\p{L}\p{N}]+/gu);
    if (ws) for (const w of ws) out.push(w);
  }
  return out;
}

/** Why `after` is not the same transcript as `before` (same words, same turns of the same speakers), or null. */
export function sameTranscript(beforeText: string, before: TranscriptModel, afterText: string, after: TranscriptModel): string | null {
  const a = nonLabelWords(beforeText, before);
  const b = nonLabelWords(afterText, after);
  if (a.length !== b.length) return `${a.length} words of speech before, ${b.length} after`;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return `word ${i + 1} changed from "${a[i]}" to "${b[i]}"`;
  if (before.turns.length !== after.turns.length) return `${before.turns.length} turns before, ${after.turns.length} after`;
  const map = new Map<number, number>();
  const back = new Map<number, number>();
  for (let i = 0; i < before.turns.length; i++) {
    const x = before.turns[i];
    const y = after.turns[i];
    if ((x.label === null) !== (y.label === null)) return `turn ${i + 1} gained or lost its label`;
    if (x.speaker < 0 || y.speaker < 0) {
      if (x.speaker !== y.speaker) return `turn ${i + 1} changed speaker`;
      continue;
    }
    if ((map.get(x.speaker) ?? y.speaker) !== y.speaker || (back.get(y.speaker) ?? x.speaker) !== x.speaker) return `turn ${i + 1} changed speaker`;
    map.set(x.speaker, y.speaker);
    back.set(y.speaker, x.speaker);
  }
  return null;
}

/** Formats a transcript (or the lines of `options.range`). */
export function formatTranscript(text: string, model: TranscriptModel, options: FormatOptions = {}): FormatResult {
  const range = options.range ?? { startLine: 0, endLine: model.lineCount - 1 };
  const parseOptions = options.parse ?? (model.dialectForced ? { dialect: model.dialect } : {});
  const plans: [FormatResult['level'], Plan | null][] = [
    ['full', { labels: true, spacing: true }],
    ['no-labels', { labels: false, spacing: true }],
    ['trailing-spaces', { labels: false, spacing: false }],
  ];
  let previous = '';
  for (const [level, plan] of plans) {
    const edits = planEdits(text, model, plan!, range);
    if (edits.length === 0) return { edits, text, level };
    const out = applyEdits(text, edits);
    if (out === previous) continue;
    previous = out;
    if (sameTranscript(text, model, out, parse(out, parseOptions)) === null) return { edits, text: out, level };
  }
  return { edits: [], text, level: 'none' };
}
