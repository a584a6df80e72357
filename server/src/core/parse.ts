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
import { analyzeLine, type LineInfo } from './lineinfo.ts';
import { analyzeLabel } from './names.ts';
import { segmentProse } from './prose.ts';
import { looksLikeCaptions, looksLikeChat, segmentCaptions, segmentChat, type RawLabel, type Segmented } from './formats.ts';
import { findFrontMatter } from './frontmatter.ts';
import { furnitureBlocks, isFurniture } from './boilerplate.ts';
import { resolveSpeakers, type LabelUse } from './speakers.ts';
import { assignKinds } from './qa.ts';
import { rosterFromLines, rosterItem, type RosterEntry } from './roster.ts';
import { findNotes, stripNotes } from './notes.ts';
import { countWords } from './text.ts';

/** A court-reporter line number at the start of a line: `12   Q. ...`, `45:12  A. ...`. */
const LINE_NUMBER = /^\s{0,8}(?:\d{1,4}:)?(\d{1,2})(?=\s|$)/;

/** Width of court-reporter line numbers (`12   Q. ...`) if the document uses them on most lines. */
function courtPrefix(line: (i: number) => string, from: number, n: number): number {
  let numbered = 0;
  let content = 0;
  let width = 0;
  for (let i = from; i < n; i++) {
    const s = line(i);
    if (s.trim() === '') continue;
    content++;
    // `12  Q. ...` or, with the page, `45:12  Q. ...`.
    const m = LINE_NUMBER.exec(s);
    if (m && Number(m[1]) >= 1 && Number(m[1]) <= 28) {
      numbered++;
      width = Math.max(width, m[0].length);
    }
  }
  return content >= 10 && numbered >= content * 0.6 ? width : 0;
}

function proseLabel(c: NonNullable<LineInfo['cand']>): RawLabel {
  return {
    text: c.text,
    form: c.form,
    start: c.start,
    end: c.end,
    textStart: c.textStart,
    timestamp: c.timestamp,
    anon: c.anon,
  };
}

const FORMS_FOR: Record<DialectId, ReadonlySet<string>> = {
  block: new Set(['standalone']),
  inline: new Set(['inline', 'qa', 'standalone']),
  deposition: new Set(['qa', 'inline']),
  timestamped: new Set(['standalone', 'inline', 'qa']),
  chat: new Set(),
  webvtt: new Set(),
};

/** Reads a transcript into a model. Never throws. */
export function parse(input: string, options: ParseOptions = {}): TranscriptModel {
  // A client may send anything as text; the model is built from a string whatever happens.
  const text = typeof input === 'string' ? input : String(input ?? '');
  const split = splitLines(text);
  const n = split.starts.length;
  // Columns are offsets within each line as stored, so a byte-order mark counts on line 0; the
  // line analysis reads U+FEFF as a space.
  const line = (i: number): string => text.substr(split.starts[i], split.lengths[i]);

  const frontMatter = findFrontMatter(line, n);
  let prefix = 0;
  /** The court-reporter line number to skip on line i: only on lines that carry one. */
  const prefixOf = (i: number): number => (prefix > 0 && LINE_NUMBER.test(line(i)) ? prefix : 0);
  const first = frontMatter ? frontMatter.endLine + 1 : 0;

  // 1. Segment with the format's own rules.
  let dialect: DialectId;
  let seg: Segmented;
  let infos: LineInfo[] | null = null;
  const forced = options.dialect;
  if (forced === 'chat' || (forced === undefined && looksLikeChat(line, n))) {
    dialect = 'chat';
    seg = segmentChat(line, first, n);
  } else if (forced === 'webvtt' || (forced === undefined && looksLikeCaptions(line, n))) {
    dialect = 'webvtt';
    seg = segmentCaptions(line, first, n);
  } else {
    prefix = courtPrefix(line, first, n);
    infos = new Array<LineInfo>(n);
    for (let i = 0; i < n; i++) infos[i] = analyzeLine(i < first ? '' : line(i), prefixOf(i));
    if (forced) {
      const allowed = FORMS_FOR[forced];
      for (const li of infos) if (li.cand && !allowed.has(li.cand.form)) li.cand = null;
    }
    const declared = rosterFromLines(line, first, Math.min(n, first + 100)).flatMap((r) => [
      ...analyzeLabel(r.name).nameTokens,
      ...(r.code ? [r.code.toLowerCase()] : []),
    ]);
    const ps = segmentProse(infos, first, line, declared);
    const noteLines = new Map<number, NoteKind>();
    seg = { speechStart: ps.starts.length ? ps.starts[0] : -1, starts: ps.starts, labels: ps.labels.map((c) => (c ? proseLabel(c) : null)), noteLines };
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
    for (let i = seg.speechStart < 0 ? n : seg.speechStart; i < n; i++) {
      const li = infos[i];
      if (li.noteOnly) noteLines.set(i, /\d:\d/.test(line(i)) ? 'timestamp' : 'action');
      else if (li.heading) noteLines.set(i, 'heading');
    }
    dialect = forced ?? proseDialect(seg.labels);
  }

  // 2. Blocks: front matter, preamble, turns.
  const blocks: Block[] = [];
  if (frontMatter) blocks.push({ kind: 'frontMatter', startLine: 0, endLine: frontMatter.endLine });
  const speechStart = seg.starts.length ? seg.starts[0] : n;
  const preamble = speechStart > first ? { startLine: first, endLine: speechStart - 1 } : null;
  if (preamble) blocks.push({ kind: 'preamble', ...preamble });
  const isContent = (i: number) => line(i).trim() !== '';
  const turns: Turn[] = [];
  const notes: Note[] = [];
  for (let t = 0; t < seg.starts.length; t++) {
    const startLine = seg.starts[t];
    const blockEnd = t + 1 < seg.starts.length ? seg.starts[t + 1] - 1 : n - 1;
    let endLine = blockEnd;
    while (endLine > startLine && !isContent(endLine)) endLine--;
    const raw = seg.labels[t];
    const label: Label | null = raw
      ? { line: startLine, start: raw.start, end: raw.end, text: raw.text, form: raw.form, textStart: raw.textStart, ...(raw.timestamp ? { timestamp: raw.timestamp } : {}) }
      : null;
    turns.push({ index: t, startLine, endLine, label, speaker: -1, kind: 'statement', words: 0 });
    blocks.push({ kind: 'turn', startLine, endLine: blockEnd, turn: t });
  }
  if (blocks.length === 0) blocks.push({ kind: 'preamble', startLine: 0, endLine: n - 1 });

  // 3. Notes and words.
  const speechOf: string[] = [];
  for (const turn of turns) {
    const parts: string[] = [];
    for (let i = turn.startLine; i <= turn.endLine; i++) {
      const nk = seg.noteLines.get(i);
      const s = line(i);
      if (nk !== undefined) {
        const a = s.search(/\S/);
        if (a >= 0) notes.push({ line: i, start: a, end: s.trimEnd().length, kind: nk, wholeLine: true });
        continue;
      }
      let from = 0;
      if (i === turn.startLine && turn.label) {
        if (turn.label.textStart < 0) continue;
        from = turn.label.textStart;
      } else from = Math.min(prefixOf(i), s.length);
      if (dialect === 'chat' && i !== turn.startLine) from = 0;
      const before = notes.length;
      findNotes(s, i, from, notes);
      // A line that is nothing but notes is a whole-line note.
      if (notes.length > before && stripNotes(s.slice(from)).trim() === '') for (let k = before; k < notes.length; k++) notes[k].wholeLine = notes.length - before === 1;
      parts.push(stripNotes(s.slice(from)));
    }
    const sp = parts.join(' ');
    speechOf.push(sp);
    turn.words = countWords(sp);
  }

  // 4. Speakers.
  const uses: LabelUse[] = [];
  const useTurn: number[] = [];
  turns.forEach((_t, i) => {
    const raw = seg.labels[i];
    if (!raw || raw.form === 'dash' || raw.text.trim() === '') return;
    uses.push({ text: raw.text, anon: raw.anon, ...(raw.part ? { part: raw.part } : {}), ...(raw.role !== undefined ? { role: raw.role } : {}), ...(raw.name ? { name: raw.name } : {}) });
    useTurn.push(i);
  });
  const roster: RosterEntry[] = [
    ...(frontMatter?.roster ?? []).map((r) => rosterItem(r)).filter((r): r is RosterEntry => r !== null),
    ...rosterFromLines(line, first, preamble ? preamble.endLine + 1 : first),
  ];
  const { speakers, index } = resolveSpeakers(uses, roster);
  useTurn.forEach((t, k) => {
    turns[t].speaker = index[k];
    speakers[index[k]].turns.push(t);
  });

  // 5. Kinds and pairs.
  /** A turn's speech with its inline notes kept (`Can Putin [inaudible] NATO countries`), for titles. */
  const withNotes = (t: number): string => {
    const turn = turns[t];
    const parts: string[] = [];
    for (let i = turn.startLine; i <= turn.endLine && parts.length < 40; i++) {
      if (seg.noteLines.has(i)) continue;
      if (i === turn.startLine && turn.label && turn.label.textStart < 0) continue;
      const from = i === turn.startLine && turn.label ? turn.label.textStart : dialect !== 'chat' ? Math.min(prefixOf(i), split.lengths[i]) : 0;
      parts.push(line(i).slice(from).replace(/\\([[\]])/g, '$1'));
    }
    return parts.join(' ');
  };
  const pairs = assignKinds({ turns, speakers, speech: (i) => speechOf[i], titleText: withNotes });

  // 6. Furniture in the preamble.
  const boilerplate = preamble ? furnitureBlocks(preamble.startLine, preamble.endLine + 1, line, isContent) : [];

  return {
    dialect,
    dialectForced: forced !== undefined,
    lineCount: n,
    lineStarts: split.starts,
    lineLengths: split.lengths,
    length: text.length,
    bom: split.bom,
    frontMatter,
    preamble,
    boilerplate,
    blocks,
    turns,
    speakers: speakers as Speaker[],
    pairs,
    notes,
    problems: [],
  };
}

/**
 * The first line of unattributed speech in `[from, to)`: a line that continues a sentence from a
 * previous page (starts lower case), or a paragraph of real sentences, with no web furniture and
 * no `Transcript` heading after it. -1 when the region holds only titles and metadata.
 */
function unattributedStart(infos: LineInfo[], line: (i: number) => string, from: number, to: number): number {
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
    let j = i;
    for (; j < to && !infos[j].blank && !infos[j].heading && !infos[j].noteOnly; j++) {
      const t = line(j);
      words += countWords(t);
      sentences += (t.match(/[.?!…](?=\s|$)/g) ?? []).length;
    }
    const lines = j - i;
    const procedural = /\b(met|convened|reconvened),? pursuant to\b|^\s*\[?(?:whereupon|the (?:committee|subcommittee|court|hearing))\b/i.test(line(i));
    // A byline under a title (`by NATO Secretary General ...`, `with Jane Roe`) is not speech.
    const byline = /^\s*(?:by|with|featuring|hosted by|moderated by|presented by)\s/i.test(line(i));
    if (!procedural && ((li.lower && !byline && (li.terminal || li.words >= 6)) || (words >= 25 && sentences >= 2 && li.words >= 6 && words >= lines * 8))) return i;
    i = j - 1;
  }
  return -1;
}

/** Names the prose dialect from the labels the document uses. */
function proseDialect(labels: (RawLabel | null)[]): DialectId {
  let qa = 0;
  let ts = 0;
  let inline = 0;
  let standalone = 0;
  for (const l of labels) {
    if (!l) continue;
    if (l.timestamp) ts++;
    if (l.form === 'qa') qa++;
    else if (l.form === 'inline') inline++;
    else standalone++;
  }
  const total = qa + inline + standalone;
  if (total === 0) return 'block';
  if (ts * 2 >= total) return 'timestamped';
  if (qa * 2 >= total && labels.some((l) => l?.anon === 'answerer')) return 'deposition';
  if (qa + inline >= standalone) return 'inline';
  return 'block';
}
