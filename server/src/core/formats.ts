/**
 * Segmenters for the two formats with an explicit syntax: TalkBank CHAT and WebVTT/SRT captions.
 * Each returns the same shape as the prose segmenter, so one assembly step builds the model.
 */

import type { LabelForm, NoteKind, SpeakerRole } from './model.ts';
import type { Anonymous } from './names.ts';
import { findLabel, TS } from './lineinfo.ts';
import { anonymousKind, isHeadingLike, isNameLike } from './names.ts';
import { normalizeSpaces } from './text.ts';

/** `Jane Doe: text`, `[KATE] text` or `>> REPORTER: text` inside a caption cue (Zoom, interviews, broadcast). */
function inlineLabel(line: string, from: number): RawLabel | null {
  const s = normalizeSpaces(line);
  const at = s.slice(from).search(/\S/);
  if (at < 0) return null;
  // `[KATE] text`, and `[SPEAKER_00]: text` as diarisation pipelines write it.
  const br = /^\[([^\]]{2,40})\]:?\s+(?=\S)/.exec(s.slice(from + at));
  // `[SOLVEIG, in Norwegian]`, `[MAN ON RADIO, speaking Norwegian]`: the language is a note on the speech.
  const name = br ? br[1].replace(/\s*,\s*(?:in|speaking|on)\s+\p{Lu}[\p{L} ]{1,30}$/u, '').trim() : '';
  if (br && /^\p{Lu}/u.test(name) && isNameLike(name) && !isHeadingLike(name) && !/\b(laugh|music|applause|inaudible|crosstalk|sighs?|pause|silence|noise|cheering)/i.test(name)) {
    const start = from + at + 1;
    return { text: name, form: 'inline', start, end: start + name.length, textStart: from + at + br[0].length, anon: anonymousKind(name) };
  }
  const c = findLabel(s, from + at, s.trimEnd().length);
  if (!c || c.form !== 'inline' || !c.colon || (c.anon === null && isHeadingLike(c.text))) return null;
  return { text: c.text, form: 'inline', start: c.start, end: c.end, textStart: c.textStart, anon: c.anon, ...(c.timestamp ? { timestamp: c.timestamp } : {}) };
}

export interface RawLabel {
  text: string;
  form: LabelForm;
  start: number;
  end: number;
  textStart: number;
  timestamp?: string;
  anon: Anonymous;
  part?: SpeakerRole;
  role?: string;
  name?: string;
}

export interface Segmented {
  /** First line of the speech proper (preamble is `[first, speechStart)`), or -1 when none. */
  speechStart: number;
  starts: number[];
  labels: (RawLabel | null)[];
  /** Lines inside the speech that are not speech: tiers, cue timings, headers. */
  noteLines: Map<number, NoteKind>;
}

const CHAT_QUESTIONER_CODES = new Set(['INV', 'EXP', 'EXA', 'INT', 'CLN', 'EXP1', 'EXP2', 'INV1', 'INV2']);
const CHAT_QUESTIONER_ROLE = /investigator|interviewer|experimenter|examiner|clinician|therapist|teacher/i;

/** True when the text looks like CHAT: `@Begin`/`@Participants` headers or `*SPK:` tiers. */
export function looksLikeChat(line: (i: number) => string, n: number): boolean {
  let tiers = 0;
  let headers = 0;
  for (let i = 0; i < Math.min(n, 400); i++) {
    const s = i === 0 ? line(i).replace(/^\ufeff/, '') : line(i);
    if (/^\*[A-Za-z0-9_+-]{1,10}:\s/.test(s)) tiers++;
    else if (/^@(Begin|Participants|UTF8|Languages|ID|End)\b/.test(s)) headers++;
  }
  return headers >= 2 || (headers >= 1 && tiers >= 1) || tiers >= 5;
}

/** Segments a CHAT file: every main tier is a turn; `%` tiers and body `@` headers are notes. */
export function segmentChat(line: (i: number) => string, first: number, n: number): Segmented {
  const roles = new Map<string, { role: string; name: string }>();
  const noteLines = new Map<number, NoteKind>();
  const starts: number[] = [];
  const labels: (RawLabel | null)[] = [];
  let speechStart = -1;
  for (let i = first; i < n; i++) {
    const s = line(i);
    if (s.startsWith('@Participants:')) {
      for (const p of s.slice(14).split(',')) {
        const toks = p.trim().split(/\s+/);
        if (toks.length >= 2) roles.set(toks[0], { role: toks[toks.length - 1].replace(/_/g, ' '), name: toks.length > 2 ? toks.slice(1, -1).join(' ') : '' });
      }
    }
    const m = /^\*([A-Za-z0-9_+-]{1,10}):(\s*)/.exec(s);
    if (m) {
      if (speechStart < 0) speechStart = i;
      const code = m[1];
      starts.push(i);
      labels.push({ text: code, form: 'chat', start: 1, end: 1 + code.length, textStart: m[0].length, anon: null });
    } else if (speechStart >= 0 && (s.startsWith('%') || s.startsWith('@'))) {
      noteLines.set(i, 'tier');
    }
  }
  // The speaker who asks, by CHAT's own codes (INV, EXP, ...) first, then by declared role.
  const codes = new Set(labels.map((l) => l!.text));
  let questioner = [...codes].find((c) => CHAT_QUESTIONER_CODES.has(c.toUpperCase()));
  if (!questioner) questioner = [...codes].find((c) => CHAT_QUESTIONER_ROLE.test(roles.get(c)?.role ?? ''));
  for (const l of labels) {
    const r = roles.get(l!.text);
    l!.role = r?.role ?? '';
    l!.name = r?.name || l!.text;
    l!.part = l!.text === questioner ? 'questioner' : questioner ? 'answerer' : 'speaker';
  }
  return { speechStart, starts, labels, noteLines };
}

/** A cue that is only a sound: brackets, parentheses, music notes. */
const NOTE_ONLY_CUE = /^(?:(?:\[[^\]]*\]|\([^)]*\)|[♪♫#*\s])+|[♪♫#].*[♪♫#])$/u;
const CUE_TIMING = new RegExp(String.raw`^\s*(?:${TS}|\d{1,2}:\d{2}:\d{2}[.,]\d{1,3})\s*-->\s*`);

/** True when the text is a WebVTT or SRT caption file. */
export function looksLikeCaptions(line: (i: number) => string, n: number): boolean {
  for (let i = 0; i < Math.min(n, 20); i++) {
    const s = line(i).trim();
    if (s === '') continue;
    if (/^WEBVTT\b/.test(s)) return true;
    break;
  }
  let cues = 0;
  for (let i = 0; i < Math.min(n, 200); i++) if (CUE_TIMING.test(line(i))) cues++;
  return cues >= 3;
}

/**
 * Segments captions: a cue line with a `<v Name>` voice tag starts a turn of that speaker; a
 * line starting with `- ` starts a turn of an unnamed speaker; other cue text continues the
 * current turn. Cue numbers, timings, NOTE/STYLE/REGION blocks are notes.
 */
export function segmentCaptions(line: (i: number) => string, first: number, n: number): Segmented {
  const noteLines = new Map<number, NoteKind>();
  const starts: number[] = [];
  const labels: (RawLabel | null)[] = [];
  let speechStart = -1;
  let inCue = false;
  let inCueText = false; // past the first text line of the current cue
  let inBlock = false; // NOTE, STYLE, REGION
  let lastText = '';
  let labelledCues = 0;
  let repeatedCues = 0;
  let lastCueLabel = '';
  const plainCues: number[] = [];
  let dashes = 0;
  for (let k = first; k < n && dashes < 2; k++) if (/^\s*(?:<[^>]{1,20}>)*\s*[-–]\s+\S/.test(line(k))) dashes++;
  // Files that name their speakers (`<v Name>`, `[NAME]`, `NAME:` at a cue start) keep an
  // untagged cue with the speaker before; only dash-marked files start a turn at each cue.
  let named = 0;
  for (let k = first; k < n && named < 2; k++) {
    if (/<v[\s.]|^\s*\[\p{Lu}[\p{L}\d_ .'’-]{1,40}\]:?\s+\S|^\s*\p{Lu}[\p{Lu} .'’-]{1,40}:\s+\S/u.test(line(k))) named++;
  }
  const dashFile = dashes >= 2 && named < 2;
  let i = first;
  // Header: the WEBVTT line and what follows it up to the first blank line.
  if (i < n && /^\s*WEBVTT/.test(line(i))) {
    while (i < n && line(i).trim() !== '') i++;
  }
  for (; i < n; i++) {
    const s = line(i);
    const t = s.trim();
    if (t === '') {
      inCue = false;
      inCueText = false;
      inBlock = false;
      continue;
    }
    if (inBlock) {
      if (speechStart >= 0) noteLines.set(i, 'heading');
      continue;
    }
    if (!inCue) {
      if (/^(NOTE|STYLE|REGION)\b/.test(t)) {
        inBlock = true;
        if (speechStart >= 0) noteLines.set(i, 'heading');
        continue;
      }
      if (CUE_TIMING.test(s)) {
        inCue = true;
        inCueText = false;
        if (speechStart >= 0) noteLines.set(i, 'timestamp');
        continue;
      }
      // A cue identifier line (number or name) before its timing line.
      if (i + 1 < n && CUE_TIMING.test(line(i + 1))) {
        if (speechStart >= 0) noteLines.set(i, 'timestamp');
        continue;
      }
    }
    // Cue text. Formatting tags (`<i>`, `<c.yellow>`, `{\\an8}`) before a dash or name are skipped.
    const cueStart = !inCueText;
    inCueText = true;
    const lead = /^\s*(?:<(?!v[\s.])[^>]{1,20}>|\{\\[^}]{1,10}\})*/.exec(s)![0].length;
    const body = s.slice(lead);
    const v = /<v(?:\.[\w.-]+)?\s+([^>]+)>/.exec(s);
    const dash = /^\s*(?:[-–]|>>)\s*(?=\S)/.exec(body);
    // Names written into the cue text (Zoom) stand at the start of a cue.
    // (A dash line inside a cue, `- [EIRIK] Someone has to.`, names the second speaker too.)
    const named = v || (!cueStart && !dash) ? null : inlineLabel(s, lead + (dash ? dash[0].length : 0));
    const plain = body.replace(/<[^>]*>/g, '').trim();
    const open = (label: RawLabel | null) => {
      starts.push(i);
      labels.push(label);
      if (speechStart < 0) speechStart = i;
      lastText = plain;
    };
    if (cueStart && (named || v)) {
      // Pipelines that label every cue repeat the label while the same speaker goes on.
      const text = named ? named.text : v![1].trim();
      labelledCues++;
      if (text === lastCueLabel) repeatedCues++;
      lastCueLabel = text;
    } else if (cueStart && !NOTE_ONLY_CUE.test(plain)) lastCueLabel = '';
    if (named) open(named);
    else if (v) {
      const name = v[1].trim();
      open({ text: name, form: 'voice', start: v.index + v[0].indexOf(name), end: v.index + v[0].indexOf(name) + name.length, textStart: v.index + v[0].length, anon: null });
    } else if (dash) {
      const at = lead + body.search(/[-–>]/);
      const mark = s.startsWith('>>', at) ? '>>' : s[at];
      open({ text: mark, form: 'dash', start: at, end: at + mark.length, textStart: lead + dash[0].length, anon: null });
    } else if (NOTE_ONLY_CUE.test(plain)) {
      // `[waves crashing]`, `♪ ♪`, `(MUSIC)`: a sound, not speech.
      if (speechStart >= 0) noteLines.set(i, 'action');
    } else if (/\s>>\s*\S/.test(body)) {
      // Roll-up captions: a speaker change in the middle of a line.
      const at = s.indexOf('>>', lead);
      open({ text: '>>', form: 'dash', start: at, end: at + 2, textStart: at + 2 + /^\s*/.exec(s.slice(at + 2))![0].length, anon: null });
    } else if (speechStart < 0) open(null);
    else if (cueStart && dashFile && !/(\.\.\.|…|,|[^.?!"”’)\]])$/.test(lastText)) {
      // Where dashes mark speaker changes, a cue without one is a new line of dialogue (unless
      // the previous cue's sentence runs on into it).
      open(null);
    } else {
      if (cueStart && !dash) plainCues.push(i);
      lastText = plain || lastText;
    }
  }
  // Where every cue carries its label, even the same speaker's next cue (diarised output), a cue
  // without one is a voice the labeller did not assign, not the previous speaker going on.
  if (plainCues.length > 0 && repeatedCues >= 2 && plainCues.length * 10 <= labelledCues) {
    const merged: { line: number; label: RawLabel | null }[] = starts.map((line, k) => ({ line, label: labels[k] }));
    for (const line of plainCues) merged.push({ line, label: null });
    merged.sort((a, b) => a.line - b.line);
    return { speechStart, starts: merged.map((m) => m.line), labels: merged.map((m) => m.label), noteLines };
  }
  return { speechStart, starts, labels, noteLines };
}
