/**
 * `parse(text)`: the whole pipeline from text to model. Never throws; every line of the input
 * belongs to exactly one block (front matter, preamble, or a turn).
 */

import type {
  Block,
  DialectId,
  Label,
  Note,
  NoteKind,
  ParseOptions,
  Speaker,
  TranscriptModel,
  Turn,
} from './model.ts';
import { splitLines } from './lines.ts';
import { analyzeLine, isLinkOnly, type LineInfo } from './lineinfo.ts';
import { analyzeLabel } from './names.ts';
import { finishStarts, proseLabel, segmentProseState, type ProseState } from './prose.ts';
import { looksLikeCaptions, looksLikeChat, segmentCaptions, segmentChat, type RawLabel, type Segmented } from './formats.ts';
import { findFrontMatter } from './frontmatter.ts';
import { furnitureBlocks, isFurniture } from './boilerplate.ts';
import { resolveSpeakers, type LabelUse } from './speakers.ts';
import { addToTally, assignKinds, tallyTurns, titleOf, turnFacts, type KindsBefore, type KindTally, type TurnFacts } from './qa.ts';
import { rosterFromLines, rosterItem, type RosterEntry } from './roster.ts';
import { findNotes, stripNotes } from './notes.ts';
import { countWords } from './text.ts';
import type { TextSource } from './source.ts';

/**
 * A court-reporter line number at the start of a line: `12   Q. ...`, `45:12  A. ...`; some
 * courts print the time in the margin before it on the lines where a turn starts
 * (`09:36:10 15 Q. ...`). Groups: the margin time, the number with its indentation, the number.
 */
const LINE_NUMBER: RegExp = /^(\s{0,8}\d{1,2}:\d{2}:\d{2}\s+(?=\d{1,2}(?:\s|$)))?(\s{0,8}(?:\d{1,4}:)?(\d{1,2}))(?=\s|$)/;

/** Columns to skip on line `s` in a document with court prefix width `prefix`: the number, and a margin time before it. */
function linePrefix(s: string, prefix: number): number {
  if (prefix === 0) return 0;
  const m = LINE_NUMBER.exec(s);
  if (!m) return 0;
  return m[1] ? Math.max(prefix, m[0].length) : prefix;
}

export { LINE_NUMBER };

const FORMS_FOR: Record<DialectId, ReadonlySet<string>> = {
  block: new Set(['standalone']),
  inline: new Set(['inline', 'qa', 'standalone']),
  deposition: new Set(['qa', 'inline']),
  timestamped: new Set(['standalone', 'inline', 'qa']),
  chat: new Set(),
  webvtt: new Set(),
};

/** What the parser keeps of a turn besides the model's `Turn`: reused while the turn is unchanged. */
export interface TurnData {
  raw: RawLabel | null;
  facts: TurnFacts;
  /** The pair title when the turn is a question, computed once. */
  title?: string;
  /** The key of its label use for speaker resolution (null: none), computed once. */
  useKey?: string | null;
}

/** Everything a parse keeps so that an edit can redo only what it touches (incremental.ts). */
export interface ParseState {
  text: TextSource;
  options: ParseOptions;
  model: TranscriptModel;
  /** Per-turn data, parallel to `model.turns`. */
  turnData: TurnData[];
  /** The last speaker resolution, reused while the labels stay the same. */
  speakerMemo: { last?: SpeakerMemo; tally?: KindTally };
  /** Prose dialects only: the per-line analysis and the segmentation state. */
  prose: {
    infos: LineInfo[];
    seg: ProseState;
    first: number;
    /** Court-reporter line-number prefix width (0: none). */
    prefix: number;
    /** Lines with content, and those with a court-reporter line number, for the prefix decision. */
    content: number;
    numbered: number;
    /** The first turn when unattributed speech precedes the first label, else -1. */
    unattributed: number;
    roster: RosterEntry[];
    /** The turns' labels counted by kind, which name the dialect. */
    labelCounts: DialectCounts;
  } | null;
}

/** The line accessors a parse works with. */
export interface LineEnv {
  text: TextSource;
  starts: ArrayLike<number>;
  lengths: ArrayLike<number>;
  line: (i: number) => string;
}

export function lineEnv(text: TextSource, starts: ArrayLike<number>, lengths: ArrayLike<number>): LineEnv {
  return { text, starts, lengths, line: (i) => text.slice(starts[i], starts[i] + lengths[i]) };
}

/** Per-line content and court-number counts for the prefix decision. */
export function countNumbered(line: (i: number) => string, from: number, to: number): { content: number; numbered: number; width: number } {
  let content = 0;
  let numbered = 0;
  let width = 0;
  for (let i = from; i < to; i++) {
    const s = line(i);
    if (s.trim() === '') continue;
    content++;
    const m = LINE_NUMBER.exec(s);
    if (m && Number(m[3]) >= 1 && Number(m[3]) <= 28) {
      numbered++;
      width = Math.max(width, m[2].length);
    }
  }
  return { content, numbered, width };
}

/** The court prefix a document with these counts uses. */
export function prefixFor(c: { content: number; numbered: number; width: number }): number {
  return c.content >= 10 && c.numbered >= c.content * 0.6 ? c.width : 0;
}

/**
 * Line analyses without a label candidate, shared: the segmenter reads only their flags, so a
 * document of a million lines keeps a few hundred of these objects instead of a million (their
 * `start` and `end` columns are not kept).
 */
const SHARED_INFOS = new Map<number, LineInfo>();

function shared(li: LineInfo): LineInfo {
  const key =
    (li.blank ? 1 : 0) | (li.noteOnly ? 2 : 0) | (li.heading ? 4 : 0) | (li.terminal ? 8 : 0) | (li.lower ? 16 : 0) | (li.question ? 32 : 0) | (li.keyValue ? 64 : 0) | (li.words << 7);
  let s = SHARED_INFOS.get(key);
  if (!s) SHARED_INFOS.set(key, (s = Object.freeze({ ...li, start: 0, end: 0, cand: null })));
  return s;
}

/** Analyses a line as the prose segmenter sees it. */
export function analyzeProseLine(s: string, prefix: number, forced: DialectId | undefined): LineInfo {
  const li = analyzeLine(s, linePrefix(s, prefix));
  if (forced && li.cand && !FORMS_FOR[forced].has(li.cand.form)) li.cand = null;
  return li.cand ? li : shared(li);
}

/** The kind of note a whole line of prose is, if it is one. */
function proseNoteLine(infos: LineInfo[], line: (i: number) => string, i: number): NoteKind | undefined {
  const li = infos[i];
  if (li.noteOnly) {
    const s = line(i);
    // (A link or an image alone on its line is an insertion, not a stage direction.)
    return isLinkOnly(s.trim()) ? 'editorial' : /\d:\d/.test(s) ? 'timestamp' : 'action';
  }
  return li.heading ? 'heading' : undefined;
}

/** How turns are read: the dialect, note lines and court prefixes. */
export interface TurnEnv {
  env: LineEnv;
  dialect: DialectId;
  noteLine: (i: number) => NoteKind | undefined;
  prefixOf: (i: number) => number;
}

export function proseTurnEnv(env: LineEnv, dialect: DialectId, infos: LineInfo[], prefix: number): TurnEnv {
  return {
    env,
    dialect,
    noteLine: (i) => proseNoteLine(infos, env.line, i),
    prefixOf: (i) => linePrefix(env.line(i), prefix),
  };
}

/** Builds turn `index` over lines `[startLine, blockEnd]`: its notes, words and speech facts. */
export function buildTurn(te: TurnEnv, index: number, startLine: number, blockEnd: number, raw: RawLabel | null): { turn: Turn; data: TurnData; notes: Note[] } {
  const { line } = te.env;
  let endLine = blockEnd;
  while (endLine > startLine && line(endLine).trim() === '') endLine--;
  const label: Label | null = raw
    ? { line: startLine, start: raw.start, end: raw.end, text: raw.text, form: raw.form, textStart: raw.textStart, ...(raw.timestamp ? { timestamp: raw.timestamp } : {}) }
    : null;
  const turn: Turn = { index, startLine, endLine, label, speaker: -1, kind: 'statement', words: 0 };
  const notes: Note[] = [];
  const parts: string[] = [];
  let words = 0;
  for (let i = startLine; i <= endLine; i++) {
    const nk = te.noteLine(i);
    const s = line(i);
    if (nk !== undefined) {
      const a = s.search(/\S/);
      if (a >= 0) notes.push({ line: i, start: a, end: s.trimEnd().length, kind: nk, wholeLine: true });
      continue;
    }
    let from = 0;
    if (i === startLine && label) {
      if (label.textStart < 0) continue;
      from = label.textStart;
    } else from = Math.min(te.prefixOf(i), s.length);
    if (te.dialect === 'chat' && i !== startLine) from = 0;
    const before = notes.length;
    findNotes(s, i, from, notes);
    // stripNotes removes exactly the spans findNotes reports: a line without notes is kept as it is.
    const speech = notes.length > before ? stripNotes(s.slice(from)) : s.slice(from);
    // A line that is nothing but notes is a whole-line note.
    if (notes.length > before && speech.trim() === '') for (let k = before; k < notes.length; k++) notes[k].wholeLine = notes.length - before === 1;
    parts.push(speech);
    // Parts are joined with a space, so no word runs across two of them.
    words += countWords(speech);
  }
  const sp = parts.join(' ');
  turn.words = words;
  return { turn, data: { raw, facts: turnFacts(sp, turn.words) }, notes };
}

/**
 * A copy of `s` that holds no reference to a longer string: a title cut from a turn's speech is a
 * slice that would otherwise keep all of that speech (up to 40 lines) alive as long as the model.
 */
function own(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** A question turn's title: its speech with inline notes kept (`Can Putin [inaudible] NATO countries`). */
function turnTitle(te: TurnEnv, turn: Turn): string {
  const parts: string[] = [];
  for (let i = turn.startLine; i <= turn.endLine && parts.length < 40; i++) {
    if (te.noteLine(i) !== undefined) continue;
    if (i === turn.startLine && turn.label && turn.label.textStart < 0) continue;
    const from = i === turn.startLine && turn.label ? turn.label.textStart : te.dialect !== 'chat' ? Math.min(te.prefixOf(i), te.env.lengths[i]) : 0;
    parts.push(te.env.line(i).slice(from).replace(/\\([[\]])/g, '$1'));
  }
  return titleOf(parts.join(' '));
}

/**
 * The last speaker resolution of a document, reused while the labels are the same: the distinct
 * labels in order of first use and the number of uses of each (all that `resolveSpeakers` reads).
 */
export interface SpeakerMemo {
  order: string[];
  counts: Map<string, number>;
  speakers: Speaker[];
  /** Speaker index per distinct label. */
  index: Map<string, number>;
}

/** The key of a turn's label use, or null when the turn is not attributed by its label. */
function useKey(raw: RawLabel | null, interned: Map<string, string>): string | null {
  if (!raw || raw.form === 'dash' || raw.text.trim() === '') return null;
  const k = `${raw.anon ?? ''}|${raw.part ?? ''}|${raw.role ?? ''}|${raw.name ?? ''}|${raw.text}`;
  // One string per distinct label, shared by its turns.
  let shared = interned.get(k);
  if (shared === undefined) interned.set(k, (shared = k));
  return shared;
}

/**
 * What an incremental update knows about the turns before it: turns outside `[from, to)` are the
 * previous model's, with their speaker set; `keys` are the label keys `[from, to)` replaced; and
 * `speakers` are the previous model's speakers.
 */
export interface TurnsBefore {
  from: number;
  to: number;
  keys: readonly (string | null)[];
  speakers: readonly Speaker[];
  /** The previous model's pairs (kept turns keep their kinds). */
  pairs: TranscriptModel['pairs'];
  /** The replaced turns' share of the kind tally (`KindTally`). */
  removed: readonly { speaker: number; words: number; asks: boolean }[];
}

/** Speakers, kinds and pairs: the document-wide pass over the turns (cheap per turn). */
export function resolveTurns(
  te: TurnEnv,
  turns: Turn[],
  data: TurnData[],
  roster: RosterEntry[],
  memo?: { last?: SpeakerMemo; tally?: KindTally },
  before?: TurnsBefore,
): { speakers: Speaker[]; pairs: TranscriptModel['pairs']; kindsChangedOutside?: boolean } {
  const interned = new Map<string, string>(memo?.last?.order.map((k) => [k, k]) ?? []);
  const last = memo?.last;
  if (before && last && before.keys.length === before.to - before.from && before.speakers.length === last.speakers.length) {
    // The same labels in the same order as before: the same speakers with the same turns, so only
    // the rebuilt turns need their speaker (the kinds are still redone).
    let same = true;
    for (let i = before.from; i < before.to && same; i++) same = (data[i].useKey ??= useKey(data[i].raw, interned)) === before.keys[i - before.from];
    if (same) {
      for (let i = before.from; i < before.to; i++) {
        const k = data[i].useKey!;
        turns[i].speaker = k === null ? -1 : last.index.get(k)!;
      }
      // The same turns per speaker: their lists are shared (nothing changes them once built).
      const speakers: Speaker[] = last.speakers.map((sp, si) => ({ ...sp, labels: [...sp.labels], turns: before.speakers[si].turns }));
      const tally = memo?.tally;
      if (tally && tally.words.length === speakers.length) {
        for (const r of before.removed) addToTally(tally, r.speaker, r.words, r.asks, -1);
        for (let i = before.from; i < before.to; i++) addToTally(tally, turns[i].speaker, turns[i].words, data[i].facts.asks, 1);
      } else if (memo) memo.tally = undefined;
      const facts = (i: number) => data[i].facts;
      const kinds: KindsBefore = { from: before.from, to: before.to, parts: before.speakers.map((s) => s.part), pairs: before.pairs };
      const pairs = assignKinds(
        { turns, speakers, facts, title: (i) => (data[i].title ??= own(turnTitle(te, turns[i]))), tally: keptTally(memo, turns, facts, speakers.length) },
        kinds,
      );
      return { speakers, pairs, kindsChangedOutside: kinds.changedOutside !== false };
    }
  }
  const order: string[] = [];
  const counts = new Map<string, number>();
  const keys: (string | null)[] = new Array(turns.length);
  for (let i = 0; i < turns.length; i++) {
    const k = (data[i].useKey ??= useKey(data[i].raw, interned));
    keys[i] = k;
    if (k === null) continue;
    const c = counts.get(k);
    if (c === undefined) {
      counts.set(k, 1);
      order.push(k);
    } else counts.set(k, c + 1);
  }
  let resolved: SpeakerMemo;
  if (last && last.order.length === order.length && last.order.every((k, i) => k === order[i]) && order.every((k) => last.counts.get(k) === counts.get(k))) {
    resolved = last;
  } else {
    const uses: LabelUse[] = [];
    const useKeys: string[] = [];
    for (let i = 0; i < turns.length; i++) {
      const raw = data[i].raw;
      if (keys[i] === null || !raw) continue;
      uses.push({ text: raw.text, anon: raw.anon, ...(raw.part ? { part: raw.part } : {}), ...(raw.role !== undefined ? { role: raw.role } : {}), ...(raw.name ? { name: raw.name } : {}) });
      useKeys.push(keys[i]!);
    }
    const r = resolveSpeakers(uses, roster);
    const index = new Map<string, number>();
    useKeys.forEach((k, u) => index.set(k, r.index[u]));
    resolved = { order, counts, speakers: r.speakers as Speaker[], index };
    if (memo) memo.last = resolved;
  }
  // Fresh speaker objects: kinds below mark questioners on them.
  const speakers: Speaker[] = resolved.speakers.map((sp) => ({ ...sp, labels: [...sp.labels], turns: [] }));
  for (let i = 0; i < turns.length; i++) {
    const k = keys[i];
    const si = k === null ? -1 : resolved.index.get(k)!;
    turns[i].speaker = si;
    if (si >= 0) speakers[si].turns.push(i);
  }
  if (memo) memo.tally = undefined;
  const facts = (i: number) => data[i].facts;
  const pairs = assignKinds({
    turns,
    speakers,
    facts,
    title: (i) => (data[i].title ??= own(turnTitle(te, turns[i]))),
    tally: keptTally(memo, turns, facts, speakers.length),
  });
  return { speakers, pairs };
}

/** The kind tally the memo keeps, worked out (and kept) when first asked for. */
function keptTally(memo: { tally?: KindTally } | undefined, turns: readonly Turn[], facts: (i: number) => TurnFacts, speakerCount: number): () => KindTally {
  return () => {
    if (memo?.tally) return memo.tally;
    const t = tallyTurns(turns, facts, speakerCount);
    if (memo) memo.tally = t;
    return t;
  };
}

/** Reads a transcript into a model. Never throws. */
export function parse(input: string, options: ParseOptions = {}): TranscriptModel {
  return parseState(input, options).model;
}

/** Parses and keeps what an incremental update needs. */
export function parseState(input: string, options: ParseOptions = {}): ParseState {
  // A client may send anything as text; the model is built from a string whatever happens.
  const text = typeof input === 'string' ? input : String(input ?? '');
  const split = splitLines(text);
  const n = split.starts.length;
  // Typed arrays: 4 bytes a line instead of 8 in a million-line document (and the only copy kept).
  const lineStarts = Int32Array.from(split.starts);
  const lineLengths = Int32Array.from(split.lengths);
  const env = lineEnv(text, lineStarts, lineLengths);
  // Columns are offsets within each line as stored, so a byte-order mark counts on line 0; the
  // line analysis reads U+FEFF as a space.
  const line = env.line;

  const frontMatter = findFrontMatter(line, n);
  const first = frontMatter ? frontMatter.endLine + 1 : 0;

  // 1. Segment with the format's own rules.
  let dialect: DialectId;
  let seg: Segmented;
  let te: TurnEnv;
  let prose: ParseState['prose'] = null;
  const forced = options.dialect;
  if (forced === 'chat' || (forced === undefined && looksLikeChat(line, n))) {
    dialect = 'chat';
    seg = segmentChat(line, first, n);
  } else if (forced === 'webvtt' || (forced === undefined && looksLikeCaptions(line, n))) {
    dialect = 'webvtt';
    seg = segmentCaptions(line, first, n);
  } else {
    const counts = countNumbered(line, first, n);
    const prefix = prefixFor(counts);
    const infos = new Array<LineInfo>(n);
    for (let i = 0; i < n; i++) infos[i] = analyzeProseLine(i < first ? '' : line(i), prefix, forced);
    const declared = declaredTokens(line, first, n);
    const ps = segmentProseState(infos, first, line, declared);
    const starts = finishStarts(ps.lines, ps.accepted);
    // A prose turn's raw label is its line's candidate itself (no copy).
    seg = { speechStart: starts.length ? starts[0] : -1, starts, labels: starts.map((i): RawLabel => proseLabel(ps.lines, i)), noteLines: new Map() };
    // Speech before the first label that no label attributes (a page that opens mid-answer, a
    // briefing whose opening is unlabelled); with no labels at all, the whole speech.
    const end = seg.starts.length ? seg.starts[0] : n;
    let u = unattributedStart(infos, line, first, end);
    if (u < 0 && seg.starts.length === 0) {
      for (let i = first; i < n && u < 0; i++) {
        const li = infos[i];
        if (!li.blank && !li.noteOnly && !li.heading && li.terminal && li.words >= 6) u = i;
      }
    }
    if (u >= 0) {
      seg.starts.unshift(u);
      seg.labels.unshift(null);
      seg.speechStart = u;
    }
    const labelCounts = dialectCounts(seg.labels.length, (i) => seg.labels[i]);
    dialect = forced ?? dialectOf(labelCounts);
    te = proseTurnEnv(env, dialect, infos, prefix);
    prose = { infos, seg: ps, first, prefix, content: counts.content, numbered: counts.numbered, unattributed: u, roster: [], labelCounts };
  }
  te ??= { env, dialect, noteLine: (i) => seg.noteLines.get(i), prefixOf: () => 0 };

  // 2. Turns and blocks: front matter, preamble, turns.
  const speechStart = seg.starts.length ? seg.starts[0] : n;
  const preamble = speechStart > first ? { startLine: first, endLine: speechStart - 1 } : null;
  const turns: Turn[] = [];
  const data: TurnData[] = [];
  const notes: Note[] = [];
  for (let t = 0; t < seg.starts.length; t++) {
    const blockEnd = t + 1 < seg.starts.length ? seg.starts[t + 1] - 1 : n - 1;
    const b = buildTurn(te, t, seg.starts[t], blockEnd, seg.labels[t]);
    turns.push(b.turn);
    data.push(b.data);
    for (const note of b.notes) notes.push(note);
  }
  const blocks = buildBlocks(frontMatter, preamble, turns, n);

  // 3. Speakers, kinds and pairs.
  const roster: RosterEntry[] = [
    ...(frontMatter?.roster ?? []).map((r) => rosterItem(r)).filter((r): r is RosterEntry => r !== null),
    ...rosterFromLines(line, first, preamble ? preamble.endLine + 1 : first),
  ];
  if (prose) prose.roster = roster;
  const speakerMemo: { last?: SpeakerMemo; tally?: KindTally } = {};
  const { speakers, pairs } = resolveTurns(te, turns, data, roster, speakerMemo);

  // 4. Furniture in the preamble.
  const isContent = (i: number) => line(i).trim() !== '';
  const boilerplate = preamble ? furnitureBlocks(preamble.startLine, preamble.endLine + 1, line, isContent) : [];

  const model: TranscriptModel = {
    dialect,
    dialectForced: forced !== undefined,
    lineCount: n,
    lineStarts,
    lineLengths,
    length: text.length,
    bom: split.bom,
    frontMatter,
    preamble,
    boilerplate,
    blocks,
    turns,
    speakers,
    pairs,
    notes,
    problems: [],
  };
  return { text, options, model, turnData: data, speakerMemo, prose };
}

/** Name tokens a roster before the speech declares (`Interviewer: Joan Mercer (JM)`). */
export function declaredTokens(line: (i: number) => string, first: number, n: number): string[] {
  // The whole name too, marked `=` (`=conference room 4b`: a label the document declares, whatever its words).
  return rosterFromLines(line, first, Math.min(n, first + 100)).flatMap((r) => [...analyzeLabel(r.name).nameTokens, ...(r.code ? [r.code.toLowerCase()] : []), `=${r.name.toLowerCase().replace(/\s+/g, ' ')}`]);
}

/** The top-level partition: front matter, preamble, then one block per turn (to the next turn). */
export function buildBlocks(frontMatter: TranscriptModel['frontMatter'], preamble: TranscriptModel['preamble'], turns: Turn[], n: number): Block[] {
  const blocks: Block[] = [];
  if (frontMatter) blocks.push({ kind: 'frontMatter', startLine: 0, endLine: frontMatter.endLine });
  if (preamble) blocks.push({ kind: 'preamble', ...preamble });
  for (let t = 0; t < turns.length; t++) {
    blocks.push({ kind: 'turn', startLine: turns[t].startLine, endLine: t + 1 < turns.length ? turns[t + 1].startLine - 1 : n - 1, turn: t });
  }
  if (blocks.length === 0) blocks.push({ kind: 'preamble', startLine: 0, endLine: n - 1 });
  return blocks;
}

/** Words that talk about a transcript or recording rather than say something in it. */
const ABOUT_THE_RECORD =
  /\b(?:transcripts?|transcri(?:bed|ption|ber)|oral histor(?:y|ies)|interview(?:s|ed|ing)?|tape-recorded|recordings?|proceedings|condensed|edited for|copyright|(?:all|literary) rights|manuscripts?|anonymi[sz](?:ed|ation)|verbatim|uncorrected)\b/i;

/**
 * The first line of unattributed speech in `[from, to)`: a line that continues a sentence from a
 * previous page (starts lower case), or a paragraph of real sentences, with no web furniture and
 * no `Transcript` heading after it. -1 when the region holds only titles and metadata.
 */
export function unattributedStart(infos: LineInfo[], line: (i: number) => string, from: number, to: number): number {
  let furnitureAfter = -1;
  for (let i = to - 1; i >= from; i--) {
    // Furniture is short (`Share this page`); a furniture word inside a long line of speech is not.
    if (!infos[i].blank && infos[i].words < 12 && (isFurniture(line(i)) || /\btranscript\b/i.test(line(i)))) {
      furnitureAfter = i;
      break;
    }
  }
  for (let i = Math.max(from, furnitureAfter + 1); i < to; i++) {
    const li = infos[i];
    if (li.blank || li.noteOnly || li.heading) continue;
    let words = 0;
    let sentences = 0;
    let meta = false;
    let j = i;
    for (; j < to && !infos[j].blank && !infos[j].heading && !infos[j].noteOnly; j++) {
      const t = line(j);
      words += countWords(t);
      sentences += (t.match(/[.?!…](?=\s|$)/g) ?? []).length;
      meta ||= ABOUT_THE_RECORD.test(t);
    }
    const lines = j - i;
    const procedural = /\b(met|convened|reconvened),? pursuant to\b|^\s*\[?(?:whereupon|the (?:committee|subcommittee|court|hearing))\b/i.test(line(i));
    // A byline under a title (`by NATO Secretary General ...`, `with Jane Roe`) is not speech.
    const byline = /^\s*(?:by|with|featuring|hosted by|moderated by|presented by)\s/i.test(line(i));
    // `This transcript was typed from a recording...`, `This record contains the text of...`: a
    // note about the document, not speech.
    const editorial = /^\s*this\s+(?:transcript|record|recording|interview|conversation|document|text|version|edition)\b/i.test(line(i));
    // `President Okafor, members of the Board..., the Class of 2024: good morning.`: a speaker's greeting.
    const greeting = li.terminal && li.words >= 6 && /\b(?:good (?:morning|afternoon|evening)|ladies and gentlemen)\b/i.test(line(i));
    // A paragraph about the record itself (`Since 1954 the Oral History Center has been
    // interviewing...`, `This interview has been condensed and edited`, `Anonymisation: names...
    // have been replaced`) introduces the transcript; a speaker's greeting still opens it.
    if (meta && !greeting) {
      i = j - 1;
      continue;
    }
    if (!procedural && !editorial && ((li.lower && !byline && (li.terminal || li.words >= 6)) || greeting || (words >= 25 && sentences >= 2 && li.words >= 6 && words >= lines * 8))) return i;
    i = j - 1;
  }
  return -1;
}

/** How many labels of each kind a prose document uses, which names its dialect (`dialectOf`). */
export interface DialectCounts {
  qa: number;
  ts: number;
  inline: number;
  standalone: number;
  /** Labels of an anonymous answerer (`A.`). */
  answerers: number;
}

/** Adds (`sign` 1) or takes away (-1) one label's share of `c`. */
export function countLabel(c: DialectCounts, l: RawLabel | null, sign: number): void {
  if (!l) return;
  if (l.anon === 'answerer') c.answerers += sign;
  if (l.timestamp) c.ts += sign;
  if (l.form === 'qa') c.qa += sign;
  else if (l.form === 'inline') c.inline += sign;
  else c.standalone += sign;
}

/** Names the prose dialect from the labels the document uses. */
export function dialectOf(c: DialectCounts): DialectId {
  const total = c.qa + c.inline + c.standalone;
  if (total === 0) return 'block';
  if (c.ts * 2 >= total) return 'timestamped';
  if (c.qa * 2 >= total && c.answerers > 0) return 'deposition';
  if (c.qa + c.inline >= c.standalone) return 'inline';
  return 'block';
}

/** The label counts of labels `0..count - 1`. */
export function dialectCounts(count: number, labelOf: (i: number) => RawLabel | null): DialectCounts {
  const c: DialectCounts = { qa: 0, ts: 0, inline: 0, standalone: 0, answerers: 0 };
  for (let i = 0; i < count; i++) countLabel(c, labelOf(i), 1);
  return c;
}
