/**
 * Completion of speaker labels.
 *
 * - At the start of a line (after its indentation, after `**` in Markdown documents, after `*` in
 *   CHAT, after `<v ` in WebVTT): the known speakers' canonical labels (the most used variant),
 *   written the way the document writes that speaker's labels: `MS. PSAKI:  ` inline,
 *   `**Natalie Pistunovich:** `, `Lenny (00:52):` with the latest timestamp as a placeholder, and
 *   for block documents the label line with the blank line after it, so speech follows.
 * - Inside the front-matter roster (`speakers:`): the names of the speakers it does not list yet.
 *
 * Order: the speaker most likely to speak next first. After a question, those who answer; else
 * the speakers who most often follow the previous turn's speaker in this document; then the most
 * recent; the previous speaker last (people rarely follow themselves).
 */

import type { TranscriptModel, Turn } from '../model.ts';
import { lineOf } from './common.ts';
import type { Pos, Span } from './positions.ts';
import { rosterLines, rosterMentions, turnAtOrBefore, turnStartingAt } from './speakerRefs.ts';
import { speakerStats } from './stats.ts';
import { eolOf, type TextSource } from '../source.ts';

export interface SpeakerCompletion {
  /** What the list shows: the label (or name). */
  label: string;
  speaker: number;
  /** The text to insert over `range`; a snippet when `snippet`. */
  insertText: string;
  snippet: boolean;
  range: Span;
  /** What the typed text is matched against. */
  filterText: string;
  detail: string;
  /** Zero-padded rank. */
  sortText: string;
  /** The likeliest next speaker. */
  preselect: boolean;
  where: 'label' | 'roster';
}

export interface CompletionOptions {
  /** The client accepts snippets (placeholders for timestamps, the cursor after the label). */
  snippets?: boolean;
}

const TS_G = /\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?/g;

/** How a label is written: what stands before and after its text, and what follows its line. */
interface Shape {
  lead: string;
  tail: string;
  standalone: boolean;
  /** Blank lines between a label alone on its line and the speech. */
  gap: number;
}

/** Court-reporter line numbers (`16   `, `45:12   `) at the start of a line, with their spaces. */
const COURT = /^\s*(?:\d{1,4}:)?\d{1,2}(?=\s)\s*/;

function shapeOf(text: TextSource, model: TranscriptModel, t: Turn): Shape {
  const l = t.label!;
  const s = lineOf(text, model, l.line);
  let lead = s.slice(0, l.start);
  if (model.dialect === 'deposition') lead = lead.replace(COURT, '');
  lead = lead.replace(/^\s+/, '');
  const standalone = l.textStart < 0;
  const tail = standalone ? s.slice(l.end).replace(/[\s\u00a0]+$/, '') : s.slice(l.end, l.textStart);
  let gap = 0;
  if (standalone) {
    for (let i = l.line + 1; i <= t.endLine && lineOf(text, model, i).trim() === ''; i++) gap++;
    if (t.endLine === l.line) gap = 1;
    gap = Math.min(gap, 2);
  }
  return { lead, tail, standalone, gap };
}

/** Escapes text for a snippet. */
function snip(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/** Inserts `label` into a shape; timestamps become `stamp` (a snippet placeholder when `snippets`). */
function render(shape: Shape, label: string, stamp: string, eol: string, snippets: boolean, lineBreaks = true): { text: string; filter: string } {
  let n = 0;
  const part = (s: string) => {
    if (!snippets) return s.replace(TS_G, stamp);
    let out = '';
    let last = 0;
    for (const m of s.matchAll(TS_G)) {
      out += `${snip(s.slice(last, m.index))}\${${++n}:${snip(stamp)}}`;
      last = m.index + m[0].length;
    }
    return out + snip(s.slice(last));
  };
  const after = shape.standalone && lineBreaks ? eol.repeat(1 + shape.gap) : '';
  const body = `${part(shape.lead)}${snippets ? snip(label) : label}${part(shape.tail)}`;
  const filter = `${shape.lead.replace(TS_G, stamp)}${label}${shape.tail.replace(TS_G, stamp)}`.trim();
  return { text: snippets ? `${body}${after}$0` : body + after, filter };
}

/** The timestamp of the last labelled turn before `line`, the placeholder for a new one. */
function latestStamp(model: TranscriptModel, line: number): string | null {
  for (let t = turnAtOrBefore(model, line); t; t = t.index > 0 ? model.turns[t.index - 1] : null) {
    if (t.label?.timestamp) return t.label.timestamp;
  }
  for (const t of model.turns) if (t.label?.timestamp) return t.label.timestamp.replace(/\d/g, '0');
  return null;
}

/** Speakers in the order they are likely to speak after the turn before `line`. */
export function likelyNext(model: TranscriptModel, line: number): number[] {
  const n = model.speakers.length;
  const prev = turnAtOrBefore(model, line - 1);
  const order = model.speakers.map((_s, i) => i);
  if (!prev) {
    const first = (i: number) => model.speakers[i].turns[0] ?? Infinity;
    return order.sort((a, b) => first(a) - first(b));
  }
  const p = prev.speaker;
  const follows = new Array<number>(n).fill(0);
  let self = 0;
  for (let i = 0; i + 1 < model.turns.length; i++) {
    const a = model.turns[i].speaker;
    const b = model.turns[i + 1].speaker;
    if (a !== p || b < 0) continue;
    if (b === p) self++;
    follows[b]++;
  }
  const recent = new Array<number>(n).fill(-1);
  for (let i = 0; i <= prev.index; i++) {
    const s = model.turns[i].speaker;
    if (s >= 0) recent[s] = i;
  }
  const stats = speakerStats(model);
  const afterQuestion = prev.kind === 'question';
  const keys = (i: number): number[] => [
    i === p && self === 0 ? 0 : 1,
    afterQuestion ? stats[i].answered : 0,
    follows[i],
    recent[i],
    model.speakers[i].turns.length,
  ];
  return order.sort((a, b) => {
    const ka = keys(a);
    const kb = keys(b);
    for (let k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return kb[k] - ka[k];
    return a - b;
  });
}

/** Words of a label for matching what is typed: letters and digits, lower case. */
function wordsOf(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * True when what is typed could be the start of `label`: each typed word starts a word of the
 * label, in order (`Rutt`, `NATO Sec`, `mark r` for `NATO Secretary General Mark Rutte`). Speech
 * typed at the start of a line (`Yes, I have`) matches no label, so no list pops up over it.
 */
export function typedMatches(typed: string, label: string): boolean {
  const t = wordsOf(typed);
  if (t.length === 0) return true;
  const w = wordsOf(label);
  let j = 0;
  for (const x of t) {
    while (j < w.length && !w[j].startsWith(x)) j++;
    if (j === w.length) return false;
    j++;
  }
  return true;
}

/** Where a label may be typed on the line at `pos`: the column where it starts, or -1. */
function labelStart(text: TextSource, model: TranscriptModel, pos: Pos): number {
  const s = lineOf(text, model, pos.line);
  const before = s.slice(0, pos.col);
  let start = 0;
  if (model.dialect === 'deposition') {
    const m = COURT.exec(before);
    if (m) start = m[0].length;
  }
  while (start < before.length && /[\s\ufeff]/.test(before[start])) start++;
  const typed = before.slice(start);
  // A label prefix the document writes before names: `**`, CHAT `*`, `<v `, `[`.
  const core = typed.replace(/^(?:\*\*?|<v(?:\.[\w.-]+)?\s?|\[)/, '');
  if (core.length > 60) return -1;
  if (/[:;?!"“”()<>[\]{}|]/.test(core)) return -1;
  if (core.split(/\s+/).filter(Boolean).length > 8) return -1;
  if (model.dialect === 'chat' && /^[@%]/.test(typed)) return -1;
  return start;
}

/** The completions at `pos`. */
export function speakerCompletions(text: TextSource, model: TranscriptModel, at: Pos, options: CompletionOptions = {}): SpeakerCompletion[] {
  // The line after a final line break is a line to the editor too.
  if (!Number.isInteger(at.line) || at.line < 0 || at.line > model.lineCount) return [];
  // A column past the end of the line means its end (as the protocol says); never negative.
  const pos: Pos = { line: at.line, col: Math.max(0, Math.min(Number.isFinite(at.col) ? Math.floor(at.col) : 0, lineOf(text, model, at.line).length)) };
  const fm = model.frontMatter;
  if (fm && pos.line >= fm.startLine && pos.line <= fm.endLine) return rosterCompletions(text, model, pos);
  const start = labelStart(text, model, pos);
  if (start < 0) return [];
  const typed = lineOf(text, model, pos.line).slice(start, pos.col);
  const snippets = options.snippets === true;
  const eol = eolOf(text);
  const stamp = latestStamp(model, pos.line) ?? '00:00';
  const range: Span = { start: { line: pos.line, col: start }, end: { line: pos.line, col: pos.col } };
  const stats = speakerStats(model);
  const out: SpeakerCompletion[] = [];
  const ranked = likelyNext(model, pos.line);
  // Rewriting the label of an existing turn: its speech is already below, no line breaks to add.
  const relabel = turnStartingAt(model, pos.line)?.label != null;
  for (const i of ranked) {
    const sp = model.speakers[i];
    const canonical = stats[i].canonical;
    if (!canonical) continue;
    // Written as this speaker's canonical label is written nearest before the cursor.
    let exemplar: Turn | null = null;
    for (const ti of sp.turns) {
      const t = model.turns[ti];
      if (t.label?.text !== canonical || t.label.form === 'dash') continue;
      if (!exemplar || t.startLine < pos.line) exemplar = t;
    }
    if (!exemplar) continue;
    const shape = shapeOf(text, model, exemplar);
    const r = render(shape, canonical, stamp, eol, snippets, !relabel);
    if (!typedMatches(typed, r.filter)) continue;
    const who = sp.anonymous ? `anonymous ${sp.part === 'questioner' ? 'questioner' : 'answerer'}` : sp.role ? `${sp.name}, ${sp.role}` : sp.name;
    out.push({
      label: canonical,
      speaker: i,
      insertText: r.text,
      snippet: snippets,
      range,
      filterText: r.filter,
      detail: `${who} · ${stats[i].turns} ${stats[i].turns === 1 ? 'turn' : 'turns'}`,
      sortText: String(out.length).padStart(4, '0'),
      preselect: out.length === 0,
      where: 'label',
    });
  }
  return out;
}

/** Names for the front-matter roster: speakers it does not list yet, on a line of the roster. */
function rosterCompletions(text: TextSource, model: TranscriptModel, pos: Pos): SpeakerCompletion[] {
  const fm = model.frontMatter!;
  if (pos.line <= fm.startLine || pos.line >= fm.endLine) return [];
  const s = lineOf(text, model, pos.line);
  const lines = rosterLines(text, model);
  const hit = lines.find(([l]) => l === pos.line);
  let start: number;
  let prefix = '';
  if (hit) {
    const before = s.slice(0, pos.col);
    if (pos.col < hit[1]) return [];
    const item = /^(\s*-\s*)/.exec(before);
    if (hit[1] > 0) {
      // `speakers: Jen` after the key, or after `[`, or after a comma in a flow list.
      const m = /(?:[:,[]\s*)([^,[\]]*)$/.exec(before);
      start = m ? pos.col - m[1].length : hit[1];
    } else if (item) start = item[1].length;
    else start = before.length - before.trimStart().length;
    if (/[,:]\s*$/.test(before.slice(start))) return [];
  } else {
    // A blank line under a roster key whose entries are a list: offer `- Name`.
    if (s.trim() !== '' || pos.col < s.length) return [];
    const above = lines.filter(([l]) => l < pos.line).pop();
    if (!above || pos.line - above[0] > 1) return [];
    const aboveText = lineOf(text, model, above[0]);
    if (above[1] > 0 && aboveText.slice(above[1]).trim() !== '') return [];
    if (!/^\s*-\s/.test(aboveText) && above[1] === 0) return [];
    const indent = /^(\s*)/.exec(aboveText)![1];
    start = 0;
    prefix = `${above[1] > 0 ? `${indent}  ` : indent}- `;
  }
  const listed = new Set(rosterMentions(text, model).map((m) => m.speaker));
  const out: SpeakerCompletion[] = [];
  model.speakers.forEach((sp, i) => {
    if (sp.anonymous || listed.has(i)) return;
    out.push({
      label: sp.name,
      speaker: i,
      insertText: prefix + sp.name,
      snippet: false,
      range: { start: { line: pos.line, col: start }, end: { line: pos.line, col: pos.col } },
      filterText: prefix + sp.name,
      detail: `${sp.role ? `${sp.role} · ` : ''}labelled ${sp.labels.map((l) => `"${l}"`).join(', ')}`,
      sortText: String(out.length).padStart(4, '0'),
      preselect: out.length === 0,
      where: 'roster',
    });
  });
  return out;
}
