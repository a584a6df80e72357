import type { Fix, Rule, RuleContext } from './types.ts';
import type { Label } from '../model.ts';
import type { ModelDelta } from '../incremental.ts';
import { noteKind } from '../notes.ts';
import { turnBlocks } from './label-helpers.ts';

/**
 * Timestamps written in the speech: with labels (`Lenny (00:52):`, `[00:00:02] Name:`), as notes
 * (`(01:51):`, `\[04:29\]`, `[inaudible 00:12:37]`), as bare lines, as WebVTT cue timings and
 * CHAT media bullets. Shared with TR013 (timestamp-backwards).
 */
export interface TimeMark {
  line: number;
  /** Columns of the time text itself (brackets excluded). */
  start: number;
  end: number;
  /** The time as written: `00:52`, `1:02:03.500`. */
  text: string;
  source: 'label' | 'note' | 'line' | 'cue-start' | 'cue-end' | 'chat-start' | 'chat-end';
  /** Seconds from the start of the recording, or null when the time is impossible or malformed. */
  seconds: number | null;
  /** What is wrong with how it is written, if anything (see `checkFields`). */
  problem: TimeProblem | null;
  /** For cue and bullet ends: the index of the matching start mark. */
  pairOf?: number;
  /**
   * Where timestamps stand: with a label, on a line of its own, or at the start of a line or of
   * the speech. A time-like token in the middle of a sentence (`odds of (3:1)`) may be something else.
   */
  lead: boolean;
}

export type TimeProblem =
  /** A minutes or seconds field of 60 or more. */
  | { kind: 'value'; field: 'minutes' | 'seconds'; value: string }
  /** A minutes or seconds field not written with two digits. */
  | { kind: 'width'; field: 'minutes' | 'seconds'; value: string };

/** A time-like token: 1-3 digit fields, two or three of them, optional fraction. */
const TIMEISH = String.raw`\d{1,3}(?::\d{1,3}){1,2}(?:[.,]\d{1,3})?`;
const TIMEISH_ONLY = new RegExp(`^${TIMEISH}$`);
/** A bracketed group on one line: `[…]`, `\[…\]`, `(…)`. */
const GROUP = /\\?\[([^\]\n]{1,120}?)\\?\]|\(([^()\n]{1,120})\)/g;
const CUE = /^\s*(\S+)\s+-->\s+(\S+)/;
// eslint-disable-next-line no-control-regex
const CHAT_BULLET = /\u0015(\d+)_(\d+)\u0015/g;

function splitTime(text: string): { fields: string[]; fraction: string } {
  const m = /^([\d:]+)([.,]\d+)?$/.exec(text);
  return { fields: (m ? m[1] : text).split(':'), fraction: m?.[2] ?? '' };
}

/** Checks the fields after the first (the first field of `mm:ss` or `h:mm:ss` may be any size). */
export function checkFields(text: string): TimeProblem | null {
  const { fields } = splitTime(text);
  const names: ('minutes' | 'seconds')[] = fields.length === 3 ? ['minutes', 'seconds'] : ['seconds'];
  for (let k = 1; k < fields.length; k++) {
    if (fields[k].length !== 2) return { kind: 'width', field: names[k - 1], value: fields[k] };
  }
  for (let k = 1; k < fields.length; k++) {
    if (Number(fields[k]) >= 60) return { kind: 'value', field: names[k - 1], value: fields[k] };
  }
  return null;
}

/** Seconds of a well-formed time, else null. */
export function timeSeconds(text: string): number | null {
  if (checkFields(text)) return null;
  const { fields, fraction } = splitTime(text);
  let s = 0;
  for (const f of fields) s = s * 60 + Number(f);
  return s + (fraction ? Number(`0.${fraction.slice(1)}`) : 0);
}

/** True when `[start, end)` of `s` is a whole time token, not part of a longer number. */
function isBoundary(s: string, start: number, end: number): boolean {
  const before = start > 0 ? s[start - 1] : '';
  const after = end < s.length ? s[end] : '';
  return !/[\d:.,]/.test(before) && !/[\d:]/.test(after) && !/^[.,]\d/.test(s.slice(end, end + 2));
}

const timesOf = new WeakMap<object, TimeMark[]>();
/** Per dialect: each turn's own timestamps, lines relative to the turn's first line. */
const perTurnTimes = new Map<string, WeakMap<object, readonly TimeMark[]>>();
const NONE: readonly TimeMark[] = Object.freeze([]);

/** Every timestamp in the speech of the document, collected once per model (TR012 and TR013 both read them). */
export function collectTimes(ctx: RuleContext): TimeMark[] {
  let marks = timesOf.get(ctx.model);
  if (!marks) timesOf.set(ctx.model, (marks = collect(ctx)));
  return marks;
}

/** Every timestamp in the speech of the document, in document order (front matter and preamble excluded). */
function collect(ctx: RuleContext): TimeMark[] {
  const { model } = ctx;
  // WebVTT NOTE, STYLE and REGION blocks are comments, not part of the timeline.
  const comments = new Set(model.dialect === 'webvtt' ? model.notes.filter((n) => n.kind === 'heading' && n.wholeLine).map((n) => n.line) : []);
  // Worked out once per turn (lines relative to its start), kept while the turn object is unchanged.
  let memo = perTurnTimes.get(model.dialect);
  if (!memo) perTurnTimes.set(model.dialect, (memo = new WeakMap()));
  const d = ctx.delta;
  const before = d && d.dialectKept ? timesOf.get(d.from) : undefined;
  if (d && before) return rebuild(ctx, before, d, memo, comments);
  return gather(ctx, 0, model.turns.length, memo, comments);
}

/**
 * The marks of the model before an edit, with those of the blocks the update rebuilt worked out
 * anew and those after them moved: the same as gathering every turn, at the cost of the edit.
 */
function rebuild(ctx: RuleContext, before: readonly TimeMark[], d: ModelDelta, memo: WeakMap<object, readonly TimeMark[]>, comments: Set<number>): TimeMark[] {
  const [lo, hi] = d.blockLines;
  let ia = 0;
  while (ia < before.length && before[ia].line < lo) ia++;
  let ib = ia;
  while (ib < before.length && before[ib].line <= hi) ib++;
  const middle = gather(ctx, d.turnsFrom, d.turnsTo, memo, comments, ia);
  const shift = middle.length - (ib - ia);
  const out = before.slice(0, ia);
  for (const m of middle) out.push(m);
  for (let k = ib; k < before.length; k++) {
    const m = before[k];
    out.push(d.lineDelta === 0 && shift === 0 ? m : { ...m, line: m.line + d.lineDelta, ...(m.pairOf !== undefined ? { pairOf: m.pairOf + shift } : {}) });
  }
  return out;
}

/** The marks of turns `[from, to)`, numbered from `first` (for `pairOf`). */
function gather(ctx: RuleContext, from: number, to: number, memo: WeakMap<object, readonly TimeMark[]>, comments: Set<number>, first = 0): TimeMark[] {
  const { model } = ctx;
  const marks: TimeMark[] = [];
  for (const block of turnBlocks(model, from, to)) {
    const turn = model.turns[block.turn!];
    let own = turn ? memo.get(turn) : undefined;
    if (own === undefined) {
      own = blockTimes(ctx, block, turn?.label ?? null, comments);
      if (own.length === 0) own = NONE;
      if (turn) memo.set(turn, own);
    }
    if (own.length === 0) continue;
    const offset = first + marks.length;
    for (const m of own) marks.push({ ...m, line: m.line + block.startLine, ...(m.pairOf !== undefined ? { pairOf: m.pairOf + offset } : {}) });
  }
  return marks;
}

/** The timestamps of one turn's block, with lines relative to its first line. */
function blockTimes(ctx: RuleContext, block: { startLine: number; endLine: number }, turnLabel: Label | null, comments: Set<number>): TimeMark[] {
  const { model } = ctx;
  const marks: TimeMark[] = [];
  const seen = new Set<string>();
  const add = (line: number, start: number, text: string, source: TimeMark['source'], lead = true): number => {
    const key = `${line}:${start}`;
    if (seen.has(key)) return -1;
    seen.add(key);
    const problem = checkFields(text);
    marks.push({ line, start, end: start + text.length, text, source, seconds: problem ? null : timeSeconds(text), problem, lead });
    return marks.length - 1;
  };
  const labelAt = (i: number) => (turnLabel && turnLabel.line === i ? turnLabel : undefined);
  for (let i = block.startLine; i <= block.endLine; i++) {
    const s = ctx.line(i);
    if (s.trim() === '' || comments.has(i)) continue;
    const lineMarks: { start: number; text: string; source: TimeMark['source']; lead: boolean }[] = [];
    // WebVTT / SRT cue timing.
    if (model.dialect === 'webvtt') {
      const cue = CUE.exec(s);
      if (cue && TIMEISH_ONLY.test(cue[1]) && TIMEISH_ONLY.test(cue[2])) {
        const a = s.indexOf(cue[1]);
        const b = s.indexOf(cue[2], a + cue[1].length);
        const si = add(i, a, cue[1], 'cue-start');
        const ei = add(i, b, cue[2], 'cue-end');
        if (ei >= 0 && si >= 0) marks[ei].pairOf = si;
        continue;
      }
    }
    // CHAT media bullets (milliseconds).
    if (model.dialect === 'chat' && s.includes('\u0015')) {
      CHAT_BULLET.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = CHAT_BULLET.exec(s)) !== null) {
        const a = m.index + 1;
        const b = a + m[1].length + 1;
        marks.push({ line: i, start: a, end: a + m[1].length, text: m[1], source: 'chat-start', seconds: Number(m[1]) / 1000, problem: null, lead: true });
        marks.push({ line: i, start: b, end: b + m[2].length, text: m[2], source: 'chat-end', seconds: Number(m[2]) / 1000, problem: null, pairOf: marks.length - 1, lead: true });
      }
    }
    // Bracketed times: `(01:51):`, `\[04:29\]`, `[inaudible 00:12:37]`.
    const label = labelAt(i);
    const contentStart = s.search(/\S/);
    const speechStart = label ? (label.textStart >= 0 ? label.textStart : s.length) : contentStart;
    const leads = (col: number) => col <= speechStart || col === contentStart || (col > speechStart && s.slice(speechStart, col).replace(/[*_\s]/g, '') === '');
    GROUP.lastIndex = 0;
    let g: RegExpExecArray | null;
    while ((g = GROUP.exec(s)) !== null) {
      const inner = g[1] ?? g[2];
      const innerStart = g.index + g[0].indexOf(inner);
      const trimmed = inner.trim();
      if (TIMEISH_ONLY.test(trimmed)) {
        lineMarks.push({ start: innerStart + inner.indexOf(trimmed), text: trimmed, source: 'note', lead: leads(g.index) });
        continue;
      }
      // A time at the end or the start of an inaudible or action note.
      const tail = new RegExp(String.raw`^(.*\S)\s+(${TIMEISH})\s*$`).exec(inner);
      const head = new RegExp(String.raw`^\s*(${TIMEISH})\s+(.*\S)\s*$`).exec(inner);
      if (tail && noteKind(tail[1]) !== 'editorial' && noteKind(tail[1]) !== 'timestamp') {
        lineMarks.push({ start: innerStart + inner.lastIndexOf(tail[2]), text: tail[2], source: 'note', lead: true });
      } else if (head && noteKind(head[2]) !== 'editorial' && noteKind(head[2]) !== 'timestamp') {
        lineMarks.push({ start: innerStart + inner.indexOf(head[1]), text: head[1], source: 'note', lead: true });
      }
    }
    // A bare time on a line of its own (`00:05`, `12:01:`).
    const bare = /^\s*(\S+?):?\s*$/.exec(s);
    if (bare && TIMEISH_ONLY.test(bare[1])) lineMarks.push({ start: s.indexOf(bare[1]), text: bare[1], source: 'line', lead: true });
    // A time written with the label and not in brackets (`Speaker 1  0:03`).
    if (label?.timestamp) {
      const limit = label.textStart >= 0 ? label.textStart : s.length;
      let at = -1;
      for (let from = 0; from < limit; ) {
        const k = s.indexOf(label.timestamp, from);
        if (k < 0 || k >= limit) break;
        if (isBoundary(s, k, k + label.timestamp.length) && (k >= label.end || k + label.timestamp.length <= label.start)) {
          at = k;
          break;
        }
        from = k + 1;
      }
      if (at >= 0) lineMarks.push({ start: at, text: label.timestamp, source: 'label', lead: true });
    }
    lineMarks.sort((a, b) => a.start - b.start);
    for (const lm of lineMarks) if (isBoundary(s, lm.start, lm.start + lm.text.length)) add(i, lm.start, lm.text, lm.source, lm.lead);
  }
  for (const m of marks) m.line -= block.startLine;
  return marks;
}

/** Width of the first field, grouped by the number of fields (`mm:ss` and `h:mm:ss` are judged apart). */
function paddingStyle(marks: TimeMark[], fieldCount: number): { padded: number; unpadded: number } {
  let padded = 0;
  let unpadded = 0;
  for (const m of marks) {
    if (m.problem || m.source === 'chat-start' || m.source === 'chat-end') continue;
    const { fields } = splitTime(m.text);
    if (fields.length !== fieldCount) continue;
    if (fields[0].length === 1) unpadded++;
    else if (fields[0].length === 2 && fields[0][0] === '0') padded++;
  }
  return { padded, unpadded };
}

function where(m: TimeMark | undefined): string {
  return m ? `${m.text} on line ${m.line + 1}` : '';
}

/** TR012: timestamps with impossible values (`01:75`) or written unlike the document's other timestamps (`00:5`). */
export const malformedTimestamp: Rule = {
  id: 'TR012',
  name: 'malformed-timestamp',
  description: 'A timestamp has an impossible value (minutes or seconds of 60 or more) or is written unlike the other timestamps of the document.',
  rationale:
    'Timestamps let a reader jump to the recording and let tools align text and audio. A value such as `01:75` ' +
    'cannot be sought to, and `00:5` may mean `00:05` or `00:50`, so both hide where the passage really is.',
  severity: 'warning',
  fixable: true,
  example: {
    bad: 'Lenny (00:52):\nWelcome to the show.\n\nNikita Miller (01:75):\nThank you.',
  },
  check(ctx) {
    const marks = collectTimes(ctx).filter((m) => m.source !== 'chat-start' && m.source !== 'chat-end');
    const valid = marks.filter((m) => m.seconds !== null);
    // A one-digit field may be a ratio or a verse (`(3:1)`): judge it only among other timestamps.
    const timestampDoc = valid.length >= 2;
    const neighbours = (idx: number): { prev?: TimeMark; next?: TimeMark } => {
      let prev: TimeMark | undefined;
      let next: TimeMark | undefined;
      for (let k = idx - 1; k >= 0 && !prev; k--) if (marks[k].seconds !== null && marks[k].source !== 'cue-end') prev = marks[k];
      for (let k = idx + 1; k < marks.length && !next; k++) if (marks[k].seconds !== null && marks[k].source !== 'cue-end') next = marks[k];
      return { prev, next };
    };
    const between = (prev?: TimeMark, next?: TimeMark): string =>
      prev && next ? ` It stands between ${where(prev)} and ${where(next)}.` : prev ? ` The previous timestamp is ${where(prev)}.` : next ? ` The next timestamp is ${where(next)}.` : '';
    const styles = new Map<number, { padded: number; unpadded: number }>();

    marks.forEach((m, idx) => {
      const range = { line: m.line, column: m.start, endLine: m.line, endColumn: m.end };
      const { fields } = splitTime(m.text);
      const p = m.problem;
      if (p?.kind === 'value') {
        const { prev, next } = neighbours(idx);
        ctx.report({
          ...range,
          message:
            `The timestamp "${m.text}" is impossible: its ${p.field} field is ${p.value}, but ${p.field} run from 00 to 59. ` +
            `Nobody can seek to it in the recording, and the order of the times around it cannot be checked.${between(prev, next)} ` +
            'Check the recording and correct the time.',
        });
        return;
      }
      if (p?.kind === 'width') {
        if (!timestampDoc || !m.lead) return;
        const { prev, next } = neighbours(idx);
        const fixes: Fix[] = [];
        let reading = '';
        if (p.value.length === 1) {
          // `00:5` is `00:05` or `00:50`: offer the one that fits between its neighbours, if only one does.
          const k = fields.indexOf(p.value, 1);
          const cands = [`0${p.value}`, `${p.value}0`].map((v) => {
            const fs = [...fields];
            fs[k] = v;
            const text = fs.join(':') + m.text.slice(fields.join(':').length);
            return { text, s: timeSeconds(text) };
          });
          reading = ` (${cands[0].text} or ${cands[1].text})`;
          const fit = cands.filter((c) => c.s !== null && prev?.seconds != null && next?.seconds != null && c.s >= prev.seconds && c.s <= next.seconds);
          if (fit.length === 1) {
            fixes.push({
              title: `Write the timestamp as "${fit[0].text}" (the reading that fits between ${prev!.text} and ${next!.text})`,
              edits: [{ start: ctx.offsetAt(m.line, m.start), end: ctx.offsetAt(m.line, m.end), newText: fit[0].text }],
              preferred: true,
              safe: false,
            });
          }
        }
        ctx.report({
          ...range,
          message:
            `The timestamp "${m.text}" writes its ${p.field} with ${p.value.length} digit${p.value.length === 1 ? '' : 's'}; ` +
            `${p.field} are written with two digits, so it is ambiguous${reading} and tools that read times will misread or skip it.` +
            `${between(prev, next)} Check the recording and write the ${p.field} with two digits.`,
          fixes,
        });
        return;
      }
      // Written without the leading zero that the document's other timestamps of this shape use.
      if (m.source === 'cue-start' || m.source === 'cue-end' || fields[0].length !== 1) return;
      let style = styles.get(fields.length);
      if (!style) styles.set(fields.length, (style = paddingStyle(marks, fields.length)));
      if (!m.lead || style.padded < 3 || style.unpadded * 3 > style.padded) return;
      const fixed = `0${m.text}`;
      ctx.report({
        ...range,
        message:
          `The timestamp "${m.text}" has no leading zero, unlike the document's other ${fields.length === 3 ? 'hh:mm:ss' : 'mm:ss'} timestamps ` +
          `(${style.padded} of them write it, e.g. "${fixed}"). Consistent timestamps sort, search and align correctly; write it as "${fixed}".`,
        fixes: [
          {
            title: `Write the timestamp as "${fixed}"`,
            edits: [{ start: ctx.offsetAt(m.line, m.start), end: ctx.offsetAt(m.line, m.end), newText: fixed }],
            preferred: true,
            safe: false,
          },
        ],
      });
    });
  },
};
