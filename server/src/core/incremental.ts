/**
 * Incremental parsing: after an edit, redo only the lines and turns it touches.
 *
 * A parse keeps its per-line analysis (`LineInfo`, which depends on one line only), the label
 * statistics of the segmenter (sums of per-line shares), the accepted label lines and per-turn data
 * (notes, words, speech facts). An edit then:
 *
 *  1. re-splits and re-analyses the changed lines (plus one line either side, for CR LF pairs);
 *  2. takes a window around them, wide enough that no line outside it looks into the change (a
 *     decision reads at most a few content lines ahead and one behind), removes the window's old
 *     share from the statistics and adds its new share;
 *  3. if a document-wide decision moved (a label key crossed a repetition threshold where the key is
 *     also used outside the window, the document's label style flipped, a name became known), falls
 *     back to a full parse; otherwise re-decides the candidates inside the window only;
 *  4. rebuilds the turns whose lines changed, shifts the line numbers of the turns after them, and
 *     redoes the cheap document-wide pass (speakers, kinds, pairs: a few operations per turn).
 *
 * Edits at the top of the document (front matter, the region that decides the dialect, a roster,
 * the preamble and the first turn), in documents with court-reporter line numbers, and in CHAT and
 * captions files take the full parse. The result is always the model `parse()` gives for the new
 * text: test/incremental.test.ts checks that over random edit sequences.
 *
 * The previous state is consumed: its arrays are reused and changed in place.
 */

import type { LineInfo } from './lineinfo.ts';
import type { Label, Note, Turn, TranscriptModel } from './model.ts';
import {
  addKeyStats,
  addStyleStats,
  decideRange,
  finishStarts,
  finishStartsRange,
  keyClass,
  labelKey,
  proseGlobals,
  proseLabel,
  sameGlobals,
  type ProseLines,
} from './prose.ts';
import { looksLikeCaptions, looksLikeChat, type RawLabel } from './formats.ts';
import { lowerBoundBy, splitRange } from './lines.ts';
import { positionAt } from './features/positions.ts';
import {
  analyzeProseLine,
  buildTurn,
  countNumbered,
  declaredTokens,
  lineEnv,
  parseState,
  countLabel,
  dialectOf,
  proseTurnEnv,
  resolveTurns,
  type ParseState,
  type TurnData,
} from './parse.ts';
import { flatText, type TextSource } from './source.ts';

/** One edit as offsets: `[start, oldEnd)` of the old text became `[start, newEnd)` of the new. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** The change between two texts: their common prefix and suffix left out. */
export function diffTexts(oldText: TextSource, newText: TextSource): TextChange {
  const max = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let tail = 0;
  while (tail < max - start && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
  return { start, oldEnd: oldText.length - tail, newEnd: newText.length - tail };
}

/**
 * Combines successive changes (each in the coordinates of the text the previous one produced, as an
 * LSP `didChange` sends them) into one change of the original text.
 */
export function mergeChanges(a: TextChange | null, b: TextChange): TextChange {
  if (!a) return b;
  const start = Math.min(a.start, b.start);
  // Old end: beyond a's new end, b's end maps back by a's size change.
  const oldEnd = Math.max(a.oldEnd, b.oldEnd - (a.newEnd - a.oldEnd));
  const newEnd = Math.max(a.newEnd + (b.newEnd - b.oldEnd), b.newEnd);
  return { start, oldEnd, newEnd };
}

/** What the last update did, for benchmarks and tests. */
export interface UpdateInfo {
  incremental: boolean;
  /** Why the full parse was taken, when it was. */
  reason?: string;
}

export let lastUpdate: UpdateInfo = { incremental: false, reason: 'none yet' };

/**
 * The parse of `text`, reusing `prev` (the parse of the text before `change`; found by comparing
 * the texts when not given). `prev` must not be used afterwards.
 */
export function updateParse(prev: ParseState, text: TextSource, change?: TextChange): UpdatedState {
  const ch = change ?? diffTexts(prev.text, text);
  let result: UpdatedState | string;
  try {
    result = incremental(prev, text, ch);
  } catch (e) {
    result = `error: ${(e as Error)?.message ?? e}`;
  }
  if (typeof result === 'string') {
    lastUpdate = { incremental: false, reason: result };
    return parseState(flatText(text), prev.options);
  }
  return result;
}

/**
 * `arr` with `[from, to)` replaced by `items` and `add` added to every value after them; in place
 * when the count stays (the previous state is consumed by the update).
 */
function spliceInt(arr: Int32Array, from: number, to: number, items: readonly number[], add: number): Int32Array {
  if (items.length === to - from) {
    for (let k = 0; k < items.length; k++) arr[from + k] = items[k];
    if (add !== 0) for (let i = to; i < arr.length; i++) arr[i] += add;
    return arr;
  }
  const out = new Int32Array(arr.length - (to - from) + items.length);
  out.set(arr.subarray(0, from));
  for (let k = 0; k < items.length; k++) out[from + k] = items[k];
  const rest = from + items.length;
  out.set(arr.subarray(to), rest);
  if (add !== 0) for (let i = rest; i < out.length; i++) out[i] += add;
  return out;
}

/** Replaces `count` items of `arr` at `at` with `items`, in place when that is cheap. */
function splice<T>(arr: T[], at: number, count: number, items: T[]): T[] {
  if (items.length === count) {
    for (let k = 0; k < count; k++) arr[at + k] = items[k];
    return arr;
  }
  if (items.length < 10_000 && count < 10_000) {
    arr.splice(at, count, ...items);
    return arr;
  }
  return arr.slice(0, at).concat(items, arr.slice(at + count));
}

/**
 * What an incremental update changed, for lint to reuse the findings of rules that read labels
 * only (lint.ts `lintUpdate`). Positions are those of the text before the edit.
 */
export interface ModelDelta {
  /** The model the update started from. */
  from: TranscriptModel;
  /** The edit: `[start, oldEnd)` became `[start, newEnd)`. */
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Line and column of `start`, and the line of `oldEnd`. */
  line: number;
  column: number;
  lastLine: number;
  /** Lines added (negative: removed); lines after `lastLine` moved by this much. */
  lineDelta: number;
  /** The turns the update rebuilt, `[from, to)` in the new model, and the lines their blocks held before. */
  turnsFrom: number;
  turnsTo: number;
  blockLines: [number, number];
  /** The dialect stayed the same. */
  dialectKept: boolean;
  /**
   * No label changed (every label the same text, form and columns, on the same line or moved
   * with the lines after the edit; the edit touched no label line, or only the speech after an
   * inline label), nor the number of turns, any turn's speaker, the speakers and their parts, or
   * the dialect.
   */
  labelsKept: boolean;
  /** Labels kept, and every turn has the kind the turn it replaces (or it kept) had. */
  kindsKept: boolean;
}

/** A parse state made by an update, with what the update changed (none after a full parse). */
export type UpdatedState = ParseState & { delta?: ModelDelta };

function sameLabel(a: Label | null, b: Label | null, shift: number): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.line + shift === b.line &&
    a.text === b.text &&
    a.form === b.form &&
    a.start === b.start &&
    a.end === b.end &&
    a.textStart === b.textStart &&
    a.timestamp === b.timestamp
  );
}

function incremental(prev: ParseState, text: TextSource, ch: TextChange): UpdatedState | string {
  const p = prev.prose;
  if (!p) return 'not a prose dialect';
  if (p.prefix !== 0) return 'court line numbers';
  const m = prev.model;
  const oldText = prev.text;
  const n = m.lineCount;
  const delta = ch.newEnd - ch.oldEnd;
  if (ch.start < 0 || ch.oldEnd < ch.start || ch.oldEnd > oldText.length || text.length !== oldText.length + delta) return 'change does not fit';
  const firstTurn = m.turns.length ? m.turns[0].startLine : n;

  // 1. The changed lines, one more either side: [a, b] of the old text.
  let a = positionAt(m, ch.start).line;
  let b = positionAt(m, ch.oldEnd).line;
  if (a > 0) a--;
  if (b < n - 1) b++;
  if (a === 0) return 'first line';
  // The head of the document decides front matter, dialect, roster and preamble.
  if (a <= firstTurn + 1) return 'before the first turn';
  // An unattributed opening turn was chosen by reading everything up to the first label (what its
  // paragraphs talk about, furniture lines among them): an edit there decides it again.
  if (p.unattributed >= 0 && a <= (m.turns.length > 1 ? m.turns[1].startLine : n)) return 'in the unattributed opening';
  if (a < 1000 && oldText.slice(m.lineStarts[0], m.lineStarts[0] + m.lineLengths[0]).trim() === '---') return 'front matter';

  const infos = p.infos;
  const pl: ProseLines = p.seg.lines;
  const solid = (li: LineInfo) => !li.blank && !li.noteOnly;
  // The window: four solid lines before the change (a decision looks at most two ahead), and two
  // non-blank lines after it (a decision looks one content line behind).
  let lo = a;
  for (let seen = 0; lo > firstTurn + 1 && seen < 4; ) if (solid(infos[--lo])) seen++;
  if (lo <= firstTurn + 1) return 'window reaches the first turn';
  let hiOld = b + 1;
  for (let seen = 0; hiOld < n && seen < 2; hiOld++) if (!infos[hiOld].blank) seen++;

  // New lines of [a, b].
  const regionStart = m.lineStarts[a];
  const oldRegionEnd = b + 1 < n ? m.lineStarts[b + 1] : oldText.length;
  const newRegionEnd = oldRegionEnd + delta;
  const ns: number[] = [];
  const nl: number[] = [];
  const st = splitRange(text, regionStart, newRegionEnd, ns, nl);
  if (b + 1 < n) {
    if (st !== newRegionEnd) return 'line breaks do not line up';
  } else if (st < text.length) {
    ns.push(st);
    nl.push(text.length - st);
  }
  const n2 = a + ns.length + (n - b - 1);
  const lineDelta = n2 - n;
  const newLine = (i: number): string => text.slice(ns[i - a], ns[i - a] + nl[i - a]);

  // Court numbers must stay absent.
  const oldCounts = countNumbered((i) => oldText.slice(m.lineStarts[i], m.lineStarts[i] + m.lineLengths[i]), a, b + 1);
  const newCounts = countNumbered(newLine, a, a + ns.length);
  const content = p.content - oldCounts.content + newCounts.content;
  const numbered = p.numbered - oldCounts.numbered + newCounts.numbered;
  if (content >= 10 && numbered >= content * 0.6) return 'court line numbers';

  // 2. Take the window's old share out of the statistics (with the old lines).
  const stats = p.seg.stats;
  const before = new Map<string, number>();
  const inWindow = (lo2: number, hi2: number, f: (key: string) => void) => {
    for (let i = lo2; i < hi2; i++) {
      const c = infos[i].cand;
      if (c && (c.form === 'standalone' || c.form === 'inline')) f(labelKey(c));
    }
  };
  inWindow(lo, hiOld, (k) => {
    if (!before.has(k)) before.set(k, keyClass(stats.keys.get(k)));
  });
  addStyleStats(pl, stats, lo, hiOld, -1);
  addKeyStats(pl, stats, lo, hiOld, -1);

  // The new lines replace the old in every per-line array.
  const starts = spliceInt(m.lineStarts, a, b + 1, ns, delta);
  const lengths = spliceInt(m.lineLengths, a, b + 1, nl, 0);
  const env = lineEnv(text, starts, lengths);
  const forced = prev.options.dialect;
  const newInfos = ns.map((_s, k) => analyzeProseLine(newLine(a + k), 0, forced));
  const infos2 = splice(infos, a, b - a + 1, newInfos);
  pl.infos = infos2;
  pl.lineText = env.line;
  const hiNew = hiOld + lineDelta;

  // The head checks that read the new text.
  if (forced === undefined && a < 400 && (looksLikeChat(env.line, n2) || looksLikeCaptions(env.line, n2))) return 'now looks like CHAT or captions';
  let declared = p.seg.declared;
  if (a < p.first + 100) {
    declared = declaredTokens(env.line, p.first, n2);
    if (declared.join('\u0000') !== p.seg.declared.join('\u0000')) return 'roster changed';
  }

  // Add the window's new share; a key whose class moved must not be used outside the window.
  const windowCount = new Map<string, number>();
  inWindow(lo, hiNew, (k) => {
    if (!before.has(k)) before.set(k, keyClass(stats.keys.get(k)));
    windowCount.set(k, (windowCount.get(k) ?? 0) + 1);
  });
  addKeyStats(pl, stats, lo, hiNew, 1);
  for (const [k, cls] of before) {
    const ks = stats.keys.get(k);
    if (keyClass(ks) === cls) continue;
    const uses = (ks ? ks.standalone + ks.inline : 0) + (stats.semicolons.get(k) ?? 0);
    if (uses > (windowCount.get(k) ?? 0)) return `label "${k}" crossed a repetition threshold`;
  }
  addStyleStats(pl, stats, lo, hiNew, 1);
  const globals = proseGlobals(stats, declared);
  if (!sameGlobals(globals, p.seg.globals)) return 'document label style changed';

  // 3. Re-decide the window; go on past it while the last line's acceptance differs.
  const acc = p.seg.accepted;
  const ia = lowerBoundBy(acc.length, (k) => acc[k], lo);
  const prevAccepted = ia > 0 && acc[ia - 1] === lo - 1;
  let hO = hiOld;
  let hN = hiNew;
  let ib = lowerBoundBy(acc.length, (k) => acc[k], hO);
  let dec = decideRange(pl, stats, globals, lo, hN, prevAccepted);
  for (;;) {
    const oldLast = ib > 0 && acc[ib - 1] === hO - 1;
    const newLast = dec.length > 0 && dec[dec.length - 1] === hN - 1;
    if (oldLast === newLast || hN >= n2) break;
    hO++;
    hN++;
    ib = lowerBoundBy(acc.length, (k) => acc[k], hO);
    dec = decideRange(pl, stats, globals, lo, hN, prevAccepted);
  }
  let accepted2: number[];
  if (dec.length === ib - ia) {
    // As many labels as before in the window: in place.
    accepted2 = acc;
    for (let k = 0; k < dec.length; k++) acc[ia + k] = dec[k];
    if (lineDelta !== 0) for (let k = ib; k < acc.length; k++) acc[k] += lineDelta;
  } else {
    accepted2 = acc.slice(0, ia);
    for (const x of dec) accepted2.push(x);
    for (let k = ib; k < acc.length; k++) accepted2.push(acc[k] + lineDelta);
  }

  // 4. Turns: keep those before the window, rebuild the window's, shift those after. The segment
  // starts are the old ones up to the runs of labels the window touches, those runs decided again,
  // and the old ones after them (`finishStartsRange`); the whole list only when that reaches the top.
  const u = p.unattributed;
  const uo = u >= 0 ? 1 : 0;
  const turns = m.turns;
  const S = turns.length - uo;
  const oldStart = (k: number) => turns[k + uo].startLine;
  let kA: number;
  let io: number;
  let inn: number;
  /** New segment starts `kA..inn + 1` (the last: the start after the rebuilt turns, if any). */
  let NS: number[];
  let nsOffset: number;
  let nsCount: number;
  const part = finishStartsRange(pl, accepted2, ia - 1, ia + dec.length);
  const p0 = part ? lowerBoundBy(S, oldStart, accepted2[part.from]) : 0;
  if (part && p0 > 0) {
    const q0 = part.to + 1 >= accepted2.length ? S : lowerBoundBy(S, oldStart, accepted2[part.to] - lineDelta + 1);
    kA = uo + p0 - 1;
    inn = kA + part.starts.length;
    io = uo + q0 - 1;
    NS = [turns[kA].startLine, ...part.starts];
    if (q0 < S) NS.push(oldStart(q0) + lineDelta);
    nsOffset = kA;
    nsCount = turns.length + part.starts.length - (q0 - p0);
  } else {
    const segStarts = finishStarts(pl, accepted2);
    const all = u >= 0 ? [u, ...segStarts] : segStarts;
    const oldFirstSeg = u >= 0 ? turns[1]?.startLine : turns[0]?.startLine;
    if (segStarts[0] !== oldFirstSeg) return 'first label changed';
    kA = 0;
    while (kA < turns.length && kA < all.length && turns[kA].startLine < lo && turns[kA].startLine === all[kA]) kA++;
    kA = Math.max(0, kA - 1);
    io = turns.length - 1;
    inn = all.length - 1;
    while (io > kA && inn > kA && turns[io].startLine >= hO && turns[io].startLine + lineDelta === all[inn]) {
      io--;
      inn--;
    }
    NS = all.slice(kA, inn + 2);
    nsOffset = kA;
    nsCount = all.length;
  }
  const dialect0 = m.dialect;
  const te = proseTurnEnv(env, dialect0, infos2, 0);
  const middle: Turn[] = [];
  const middleData: TurnData[] = [];
  const middleNotes: Note[] = [];
  for (let t = kA; t <= inn; t++) {
    const startLine = NS[t - nsOffset];
    const blockEnd = t + 1 < nsCount ? NS[t + 1 - nsOffset] - 1 : n2 - 1;
    // A prose turn's raw label is its line's candidate itself (no copy), as in a full parse.
    const raw: RawLabel | null = t === 0 && u >= 0 ? null : proseLabel(pl, startLine);
    const built = buildTurn(te, t, startLine, blockEnd, raw);
    middle.push(built.turn);
    middleData.push(built.data);
    for (const note of built.notes) middleNotes.push(note);
  }
  // The lines the replaced turns' blocks held (before the rest shift).
  const blockLines: [number, number] = [turns[kA]?.startLine ?? n, io + 1 < turns.length ? turns[io + 1].startLine - 1 : n - 1];
  // Notes: those of the kept turns, the rebuilt turns', the shifted rest.
  const notes = m.notes;
  const noteLine = (k: number) => notes[k].line;
  const pN = lowerBoundBy(notes.length, noteLine, turns[kA]?.startLine ?? n);
  const sN = io + 1 < turns.length ? lowerBoundBy(notes.length, noteLine, turns[io + 1].startLine) : notes.length;
  if (lineDelta !== 0) for (let k = sN; k < notes.length; k++) notes[k].line += lineDelta;
  const notes2 = splice(notes, pN, sN - pN, middleNotes);
  const turnShift = inn - io;
  // (Nothing to do after an edit within a line that kept the number of turns: the usual keystroke.)
  if (lineDelta !== 0 || turnShift !== 0) {
    for (let t = io + 1; t < turns.length; t++) {
      const turn = turns[t];
      turn.startLine += lineDelta;
      turn.endLine += lineDelta;
      turn.index += turnShift;
      if (turn.label) turn.label.line += lineDelta;
    }
  }
  // Blocks: one per turn after the front matter and preamble blocks; the kept ones shift.
  const off = m.blocks.length - turns.length;
  const blocks = m.blocks;
  if (lineDelta !== 0 || turnShift !== 0) {
    for (let t = io + 1; t < turns.length; t++) {
      const bl = blocks[off + t];
      bl.startLine += lineDelta;
      bl.endLine += lineDelta;
      bl.turn = t + turnShift;
    }
  }
  const newBlocks = middle.map((turn, k) => ({
    kind: 'turn' as const,
    startLine: turn.startLine,
    endLine: kA + k + 1 < nsCount ? NS[kA + k + 1 - nsOffset] - 1 : n2 - 1,
    turn: kA + k,
  }));
  // The turns the window replaces (before the splice reuses the array), and their speakers.
  const replaced = turns.slice(kA, io + 1);
  const replacedSpeakers = replaced.map((t) => t.speaker);
  const replacedData = prev.turnData.slice(kA, io + 1);
  const replacedKeys = replacedData.map((d) => d.useKey);
  // The label counts that name the dialect: the replaced turns' labels out, the rebuilt turns' in.
  const labelCounts = p.labelCounts;
  for (const d of replacedData) countLabel(labelCounts, d.raw, -1);
  for (const d of middleData) countLabel(labelCounts, d.raw, 1);
  const blocks2 = splice(blocks, off + kA, io - kA + 1, newBlocks);
  const turns2 = splice(turns, kA, io - kA + 1, middle);
  const data2 = splice(prev.turnData, kA, io - kA + 1, middleData);
  const dialect = forced ?? dialectOf(labelCounts);
  const te2 = dialect === dialect0 ? te : proseTurnEnv(env, dialect, infos2, 0);
  const memoBefore = prev.speakerMemo.last;
  // The same number of turns: the speakers of all others are those of the model before.
  const kept =
    replaced.length === middle.length && replacedKeys.every((k) => k !== undefined)
      ? {
          from: kA,
          to: kA + middle.length,
          keys: replacedKeys as (string | null)[],
          speakers: m.speakers,
          pairs: m.pairs,
          removed: replaced.map((t, k) => ({ speaker: t.speaker, words: t.words, asks: replacedData[k].facts.asks })),
        }
      : undefined;
  const { speakers, pairs, kindsChangedOutside } = resolveTurns(te2, turns2, data2, p.roster, prev.speakerMemo, kept);
  const editLine = positionAt(m, ch.start);
  const lastLine = positionAt(m, ch.oldEnd).line;
  const labelsKept =
    replaced.length === middle.length &&
    dialect === dialect0 &&
    prev.speakerMemo.last === memoBefore &&
    speakers.length === m.speakers.length &&
    speakers.every((sp, i) => sp.part === m.speakers[i].part) &&
    replaced.every((old, k) => {
      const l = old.label;
      // A label on a changed line survives only an edit of the speech after it on its own line.
      if (l && l.line >= editLine.line && l.line <= lastLine && !(l.line === editLine.line && l.textStart >= 0 && editLine.col >= l.textStart)) return false;
      const shift = old.startLine > editLine.line ? lineDelta : 0;
      const now = middle[k];
      return old.startLine + shift === now.startLine && sameLabel(l, now.label, l && l.line > editLine.line ? lineDelta : 0) && replacedSpeakers[k] === now.speaker;
    });

  const model: TranscriptModel = {
    ...m,
    dialect,
    lineCount: n2,
    lineStarts: starts,
    lineLengths: lengths,
    length: text.length,
    blocks: blocks2,
    turns: turns2,
    speakers,
    pairs,
    notes: notes2,
    problems: [],
  };
  p.infos = infos2;
  p.content = content;
  p.numbered = numbered;
  p.seg.accepted = accepted2;
  p.seg.globals = globals;
  lastUpdate = { incremental: true };
  const change: ModelDelta = {
    from: m,
    start: ch.start,
    oldEnd: ch.oldEnd,
    newEnd: ch.newEnd,
    line: editLine.line,
    column: editLine.col,
    lastLine,
    lineDelta,
    turnsFrom: kA,
    turnsTo: kA + middle.length,
    blockLines,
    dialectKept: dialect === dialect0,
    labelsKept,
    kindsKept: labelsKept && kindsChangedOutside === false && replaced.every((old, k) => old.kind === middle[k].kind),
  };
  return { text, options: prev.options, model, turnData: data2, speakerMemo: prev.speakerMemo, prose: p, delta: change };
}
