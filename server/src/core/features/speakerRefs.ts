/**
 * Where a speaker is named in a document: the label of every turn, and the roster entry that
 * declares the speaker (front matter `speakers:`, or a preamble line `Interviewer: Joan Mercer`). Shared by rename, references,
 * highlights, definition, hover and completion. Pure functions over the text and its model.
 */

import type { Label, Speaker, TranscriptModel, Turn } from '../model.ts';
import { ROSTER_KEYS } from '../frontmatter.ts';
import { analyzeLabel } from '../names.ts';
import { rosterItem, rosterLine, splitNames } from '../roster.ts';
import { firstNonSpace, lastNonSpaceEnd } from '../text.ts';
import { lineOf } from './common.ts';
import type { Pos, Span } from './positions.ts';
import type { TextSource } from '../source.ts';

/** One place a speaker is named. */
export interface SpeakerMention {
  /** Index into `model.speakers`. */
  speaker: number;
  /** The label text (or roster entry) as written: decoration (`**`, `:`, a timestamp) excluded. */
  span: Span;
  /** A turn's label, or the front-matter roster entry. */
  where: 'label' | 'roster';
  /** For labels, the index into `model.turns`. */
  turn?: number;
}

/** The span of a label's text on its line. */
export function labelSpan(model: TranscriptModel, label: Label): Span {
  const len = model.lineLengths[label.line] ?? 0;
  const a = Math.min(label.start, len);
  return { start: { line: label.line, col: a }, end: { line: label.line, col: Math.max(a, Math.min(label.end, len)) } };
}

/** The turn that starts on `line`, by binary search (turns are in line order). */
export function turnStartingAt(model: TranscriptModel, line: number): Turn | null {
  const ts = model.turns;
  let lo = 0;
  let hi = ts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ts[mid].startLine;
    if (s === line) return ts[mid];
    if (s < line) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}

/** The last turn that starts on or before `line`, or null before the first turn. */
export function turnAtOrBefore(model: TranscriptModel, line: number): Turn | null {
  const ts = model.turns;
  let lo = 0;
  let hi = ts.length - 1;
  let best: Turn | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ts[mid].startLine <= line) {
      best = ts[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

/**
 * The labelled turn whose label is at `pos`: on the label's line, from the first character of the
 * line's content to the end of the label's decoration (`**MS. PSAKI:**`, `Lenny (00:52):`).
 * Dash speaker changes (`- `, `>>`) are not labels here.
 */
export function labelAt(text: TextSource, model: TranscriptModel, pos: Pos): Turn | null {
  const t = turnStartingAt(model, pos.line);
  if (!t || !t.label || t.label.line !== pos.line || t.label.form === 'dash') return null;
  const s = lineOf(text, model, pos.line);
  const from = Math.min(t.label.start, firstNonSpace(s));
  const to = t.label.textStart >= 0 ? Math.max(t.label.end, t.label.textStart) : Math.max(t.label.end, lastNonSpaceEnd(s));
  return pos.col >= from && pos.col <= to ? t : null;
}

/** Every labelled turn of a speaker, in document order, as mentions. */
export function labelMentions(model: TranscriptModel, speaker: number): SpeakerMention[] {
  const sp = model.speakers[speaker];
  if (!sp) return [];
  const out: SpeakerMention[] = [];
  for (const ti of sp.turns) {
    const t = model.turns[ti];
    if (t?.label && t.label.form !== 'dash') out.push({ speaker, span: labelSpan(model, t.label), where: 'label', turn: ti });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The front-matter roster

const KEY_LINE = new RegExp(String.raw`^(\s*)(?:-\s+)?["']?(${ROSTER_KEYS.join('|')})["']?\s*:(.*)$`, 'i');
const ANY_KEY = /^(\s*)(?:-\s+)?["']?[\w -]+["']?\s*:(?:\s|$)/;

/** Indentation width of a line (spaces and tabs). */
function indentOf(s: string): number {
  return /^[ \t]*/.exec(s)![0].length;
}

/**
 * The lines of the front matter that hold roster values, as `[line, fromCol]`: the key's own line
 * (values after the colon, `fromCol` just past it) and the lines of its list or mapping below.
 */
export function rosterLines(text: TextSource, model: TranscriptModel): [number, number][] {
  const fm = model.frontMatter;
  if (!fm) return [];
  const out: [number, number][] = [];
  for (let i = fm.startLine + 1; i < fm.endLine; i++) {
    const s = lineOf(text, model, i);
    const m = KEY_LINE.exec(s);
    if (!m) continue;
    const keyIndent = indentOf(s);
    out.push([i, s.length - m[3].length]);
    for (let j = i + 1; j < fm.endLine; j++) {
      const u = lineOf(text, model, j);
      if (u.trim() === '') continue;
      const ind = indentOf(u);
      if (ind > keyIndent || (ind === keyIndent && /^\s*-(\s|$)/.test(u) && !ANY_KEY.test(u.replace(/^(\s*)-\s+/, '$1')))) {
        out.push([j, 0]);
        i = j;
      } else break;
    }
  }
  return out;
}

/** Name tokens of a text, as a set. */
function tokens(s: string): Set<string> {
  return new Set(analyzeLabel(s).nameTokens);
}

/** The speaker a roster name declares: the one named exactly so, else the one whose labels it covers. */
export function speakerOfRosterName(model: TranscriptModel, raw: string): number {
  const item = rosterItem(raw);
  if (!item) return -1;
  const rt = tokens(item.name);
  const code = item.code.toLowerCase();
  if (rt.size === 0 && !code) return -1;
  const named = (sp: Speaker) => {
    const st = tokens(sp.name);
    return st.size > 0 && st.size === rt.size && [...st].every((t) => rt.has(t));
  };
  const exact = model.speakers.map((sp, i) => (!sp.anonymous && named(sp) ? i : -1)).filter((i) => i >= 0);
  if (exact.length === 1) return exact[0];
  const covers = model.speakers
    .map((sp, i) => {
      if (sp.anonymous) return -1;
      const byCode = code !== '' && sp.labels.some((l) => l.toLowerCase().replace(/[.\s]/g, '') === code);
      const byName = sp.labels.some((l) => {
        const lt = tokens(l);
        return lt.size > 0 && [...lt].every((t) => rt.has(t));
      });
      return byCode || byName ? i : -1;
    })
    .filter((i) => i >= 0);
  return covers.length === 1 ? covers[0] : -1;
}

/** A roster entry as written, with the speaker it declares (-1 when none). */
export interface RosterMention {
  /** The entry as the roster lists it (`Jen Psaki`, `Joan Mercer (JM)`). */
  text: TextSource;
  span: Span;
  speaker: number;
  /** In the front matter, or on a `Participants: …` line of the preamble. */
  in: 'frontMatter' | 'preamble';
}

/**
 * The entries of the roster where they are written, each with the speaker it declares: in the
 * front matter (`speakers:` lists, `host: Name`, `- name: Name`), found as written inside the
 * roster keys' values and never elsewhere (a title that names someone is not an entry); and on
 * the preamble's participant lines (`Interviewer: Joan Mercer (JM)`).
 */
export function rosterMentions(text: TextSource, model: TranscriptModel): RosterMention[] {
  const out: RosterMention[] = [];
  const fm = model.frontMatter;
  if (fm && fm.roster.length > 0) {
    const names = [...fm.roster].sort((a, b) => b.length - a.length);
    for (const [line, from] of rosterLines(text, model)) {
      const s = lineOf(text, model, line);
      const taken: [number, number][] = [];
      for (const name of names) {
        if (!name) continue;
        let at = s.indexOf(name, from);
        while (at >= 0) {
          const end = at + name.length;
          const free = taken.every(([a, b]) => end <= a || at >= b);
          const bounded = !/[\p{L}\p{N}]/u.test(s[at - 1] ?? '') && !/[\p{L}\p{N}]/u.test(s[end] ?? '');
          if (free && bounded) {
            taken.push([at, end]);
            out.push({ text: name, span: { start: { line, col: at }, end: { line, col: end } }, speaker: speakerOfRosterName(model, name), in: 'frontMatter' });
          }
          at = s.indexOf(name, end);
        }
      }
    }
  }
  const p = model.preamble;
  if (p) {
    for (let line = p.startLine; line <= p.endLine && line < p.startLine + 100; line++) {
      const s = lineOf(text, model, line);
      const r = rosterLine(s);
      if (!r) continue;
      let from = r.valueStart;
      for (const item of splitNames(r.value)) {
        const at = s.indexOf(item, from);
        if (at < 0) continue;
        from = at + item.length;
        if (!rosterItem(item)) continue;
        out.push({ text: item, span: { start: { line, col: at }, end: { line, col: from } }, speaker: speakerOfRosterName(model, item), in: 'preamble' });
      }
    }
  }
  return out.sort((a, b) => a.span.start.line - b.span.start.line || a.span.start.col - b.span.start.col);
}

/** The roster entries of a speaker. */
export function rosterMentionsOf(text: TextSource, model: TranscriptModel, speaker: number): SpeakerMention[] {
  return rosterMentions(text, model)
    .filter((r) => r.speaker === speaker)
    .map((r) => ({ speaker, span: r.span, where: 'roster' as const }));
}

/** True when `pos` lies within `span` (ends inclusive). */
export function within(span: Span, pos: Pos): boolean {
  const afterStart = pos.line > span.start.line || (pos.line === span.start.line && pos.col >= span.start.col);
  const beforeEnd = pos.line < span.end.line || (pos.line === span.end.line && pos.col <= span.end.col);
  return afterStart && beforeEnd;
}

/** The speaker named at `pos` (a label, or a roster entry in the front matter), with the mention there. */
export function speakerAt(text: TextSource, model: TranscriptModel, pos: Pos): SpeakerMention | null {
  const t = labelAt(text, model, pos);
  if (t && t.label) return t.speaker >= 0 ? { speaker: t.speaker, span: labelSpan(model, t.label), where: 'label', turn: t.index } : null;
  const fm = model.frontMatter;
  const p = model.preamble;
  if ((fm && pos.line > fm.startLine && pos.line < fm.endLine) || (p && pos.line >= p.startLine && pos.line <= p.endLine)) {
    const r = rosterMentions(text, model).find((m) => m.speaker >= 0 && within(m.span, pos));
    if (r) return { speaker: r.speaker, span: r.span, where: 'roster' };
  }
  return null;
}
