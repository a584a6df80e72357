/**
 * Document symbols: the outline of a transcript.
 *
 * - the front matter (`Front matter`) and the preamble (`Preamble`), when present;
 * - documents with questions: the opening statement (the turns before the first question, one
 *   symbol `Opening statement · Mark Rutte`, its turns as children when there are several), then
 *   one symbol per question in order, `Q3 · <title>`, spanning the question and its answers with
 *   a child per turn; a question nobody answers is `Q4 · <title> (unanswered)`; any other turn
 *   between pairs (a moderator calling the next question) stays in the outline as a turn;
 * - documents without questions: one symbol per turn (`Speaker name`, first words as detail),
 *   grouped under the document's headings when it has some, else in sections of `sectionSize`
 *   turns when there are more than that.
 *
 * Every range spans its whole element (label to the end of the last line with text);
 * `selectionRange` is the label (or the first line's text) and always lies inside `range`.
 */

import type { TranscriptModel, Turn } from '../model.ts';
import { titleOf } from '../qa.ts';
import {
  contentSpan,
  firstContentLine,
  firstWords,
  lastContentLine,
  lineOf,
  linesSpan,
  nameList,
  speakerName,
  turnSpeech,
  wholeLineNotes,
} from './common.ts';
import type { Span } from './positions.ts';
import { formatCount } from './stats.ts';
import type { TextSource } from '../source.ts';

export type OutlineKind =
  | 'frontMatter'
  | 'preamble'
  /** The turns before the first question. */
  | 'opening'
  /** A question with its answers. */
  | 'pair'
  /** A question nobody answers. */
  | 'unanswered'
  | 'turn'
  /** A heading, or a run of turns in a long document without headings. */
  | 'section';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: OutlineKind;
  /** The whole element. */
  range: Span;
  /** The label or first line: what the editor reveals and highlights. Inside `range`. */
  selectionRange: Span;
  children: OutlineSymbol[];
  /** For `turn` symbols: the index into `model.turns`. */
  turn?: number;
}

export interface SymbolOptions {
  /** Turns per section in a long document with neither questions nor headings (default 20). */
  sectionSize?: number;
  /**
   * At most this many symbols, children included (default: no limit). Past it the turns inside
   * exchanges and sections are left out; past it with the top level alone, the first items are
   * listed and one last item names what is not (like VS Code's `json.maxItemsComputed`).
   */
  maxItems?: number;
}

/** The outline size the language server keeps to unless configured (`transcript.outline.maxItems`). */
export const DEFAULT_OUTLINE_MAX_ITEMS = 5000;

/** Separator between a symbol's number or kind and its title. */
export const SEP = ' · ';

interface Ctx {
  text: TextSource;
  model: TranscriptModel;
  /** Whole-line notes, left out of speech. */
  skip: ReadonlySet<number>;
  /** Last line of each turn as the outline shows it (clipped before a heading inside it). */
  ends: number[];
  /** Whether groups list their turns; when not, `left` counts the turns they would list. */
  children: boolean;
  left: number;
  /** Top-level items built at most; past it `skipped` counts them and `lastSkipped` builds the last. */
  cap: number;
  skipped: number;
  lastSkipped: (() => OutlineSymbol) | null;
}

/** Adds a top-level item (built only while under the cap), holding `members` turns. */
function emit(ctx: Ctx, out: OutlineSymbol[], build: () => OutlineSymbol, members = 0): void {
  if (out.length < ctx.cap) {
    out.push(build());
    return;
  }
  ctx.skipped++;
  ctx.lastSkipped = build;
  if (!ctx.children) ctx.left += members;
}

/** The turn symbols inside a group, or none (counted) when the outline is too long for them. */
function kids(ctx: Ctx, turns: readonly Turn[]): OutlineSymbol[] {
  if (ctx.children) return turns.map((t) => turnSymbol(ctx, t));
  ctx.left += turns.length;
  return [];
}

/** The outline of a transcript. */
export function documentSymbols(text: TextSource, model: TranscriptModel, options: SymbolOptions = {}): OutlineSymbol[] {
  const max = Math.max(1, Math.floor(options.maxItems ?? Infinity));
  // Every turn once at the top level or inside a group, plus groups and at most three other items.
  if (2 * model.turns.length + 3 <= max) return outline(text, model, options, true);
  // Too long, perhaps: the top level first (at most `max` items built, the rest counted), and the
  // turns its groups hold.
  const { out, left, skipped, lastSkipped } = outlineCounted(text, model, options, false, max);
  const top = out.length + skipped;
  if (top + left <= max) return outline(text, model, options, true);
  if (top <= max) return out;
  const shown = out.slice(0, max - 1);
  const first = out[max - 1];
  const last = lastSkipped ? lastSkipped() : first;
  shown.push({
    name: `${formatCount(top - (max - 1))} more not listed`,
    detail: `the outline lists at most ${formatCount(max)} items (transcript.outline.maxItems)`,
    kind: 'section',
    range: { start: first.range.start, end: last.range.end },
    selectionRange: first.selectionRange,
    children: [],
  });
  return shown;
}

function outline(text: TextSource, model: TranscriptModel, options: SymbolOptions, children: boolean): OutlineSymbol[] {
  return outlineCounted(text, model, options, children).out;
}

function outlineCounted(
  text: TextSource,
  model: TranscriptModel,
  options: SymbolOptions,
  children: boolean,
  cap = Infinity,
): { out: OutlineSymbol[]; left: number; skipped: number; lastSkipped: (() => OutlineSymbol) | null } {
  const skip = wholeLineNotes(model);
  const ctx: Ctx = { text, model, skip, ends: model.turns.map((t) => t.endLine), children, left: 0, cap, skipped: 0, lastSkipped: null };
  const out: OutlineSymbol[] = [];
  if (model.frontMatter) out.push(frontMatterSymbol(ctx));
  const pre = preambleSymbol(ctx);
  if (pre) out.push(pre);
  if (model.turns.some((t) => t.kind === 'question')) qaSymbols(ctx, out);
  else plainSymbols(ctx, Math.max(1, options.sectionSize ?? 20), out);
  return { out, left: ctx.left, skipped: ctx.skipped, lastSkipped: ctx.lastSkipped };
}

function frontMatterSymbol(ctx: Ctx): OutlineSymbol {
  const fm = ctx.model.frontMatter!;
  const data = fm.data as Record<string, unknown> | null;
  const title = data && typeof data === 'object' && typeof data.title === 'string' ? data.title : '';
  return {
    name: 'Front matter',
    detail: firstWords(title.replace(/\s+/g, ' ').trim(), 12, 70),
    kind: 'frontMatter',
    range: linesSpan(ctx.model, fm.startLine, fm.endLine),
    selectionRange: contentSpan(ctx.text, ctx.model, fm.startLine),
    children: [],
  };
}

function preambleSymbol(ctx: Ctx): OutlineSymbol | null {
  const p = ctx.model.preamble;
  if (!p) return null;
  const first = firstContentLine(ctx.text, ctx.model, p.startLine, p.endLine);
  if (first < 0) return null;
  const last = lastContentLine(ctx.text, ctx.model, first, p.endLine);
  return {
    name: 'Preamble',
    detail: firstWords(lineOf(ctx.text, ctx.model, first).replace(/\s+/g, ' ').trim(), 10, 60),
    kind: 'preamble',
    range: linesSpan(ctx.model, p.startLine, last),
    selectionRange: contentSpan(ctx.text, ctx.model, first),
    children: [],
  };
}

/** Where a turn's label is, or its first line's text. */
function turnSelection(ctx: Ctx, t: Turn): Span {
  const l = t.label;
  const len = ctx.model.lineLengths[t.startLine] ?? 0;
  if (l && l.line === t.startLine && l.end > l.start) {
    const a = Math.min(l.start, len);
    return { start: { line: l.line, col: a }, end: { line: l.line, col: Math.max(a, Math.min(l.end, len)) } };
  }
  return contentSpan(ctx.text, ctx.model, t.startLine);
}

function turnRange(ctx: Ctx, t: Turn): Span {
  return linesSpan(ctx.model, t.startLine, Math.max(t.startLine, ctx.ends[t.index]));
}

/**
 * A turn's first words, kept per turn object: they depend on its own lines only, and an
 * incremental parse keeps the objects of unchanged turns, so an outline after an edit reuses them.
 */
const details = new WeakMap<Turn, string>();

function turnDetail(ctx: Ctx, t: Turn): string {
  let d = details.get(t);
  if (d === undefined) details.set(t, (d = firstWords(turnSpeech(ctx.text, ctx.model, t, ctx.skip, 6, 2000))));
  return d;
}

/** A symbol over one turn's lines, named by its speaker, its first words as detail. */
function oneTurn(ctx: Ctx, t: Turn, kind: OutlineKind): OutlineSymbol {
  return {
    name: speakerName(ctx.model, t),
    detail: turnDetail(ctx, t),
    kind,
    range: turnRange(ctx, t),
    selectionRange: turnSelection(ctx, t),
    children: [],
  };
}

function turnSymbol(ctx: Ctx, t: Turn): OutlineSymbol {
  return { ...oneTurn(ctx, t, 'turn'), turn: t.index };
}

/** Names for a list of turns, unattributed speech left out. */
function speakersOf(ctx: Ctx, turns: readonly Turn[]): string[] {
  return turns.filter((t) => t.speaker >= 0).map((t) => speakerName(ctx.model, t));
}

/** A symbol spanning several turns, the first turn's label as its selection. */
function group(ctx: Ctx, name: string, detail: string, kind: OutlineKind, turns: readonly Turn[], children: OutlineSymbol[]): OutlineSymbol {
  const first = turns[0];
  const last = turns[turns.length - 1];
  return {
    name,
    detail,
    kind,
    range: linesSpan(ctx.model, first.startLine, Math.max(first.startLine, ctx.ends[last.index])),
    selectionRange: turnSelection(ctx, first),
    children,
  };
}

function qaSymbols(ctx: Ctx, out: OutlineSymbol[]): void {
  const { model } = ctx;
  const turns = model.turns;
  const firstQ = turns.findIndex((t) => t.kind === 'question');

  if (firstQ > 0) {
    const opening = turns.slice(0, firstQ);
    const names = speakersOf(ctx, opening);
    const distinctNames = new Set(names);
    const title = distinctNames.size > 1 ? 'Opening statements' : 'Opening statement';
    const name = names.length ? `${title}${SEP}${nameList(names)}` : title;
    if (opening.length === 1) emit(ctx, out, () => ({ ...oneTurn(ctx, opening[0], 'opening'), name }));
    else emit(ctx, out, () => group(ctx, name, `${opening.length} turns`, 'opening', opening, kids(ctx, opening)), opening.length);
  }

  const pairOf = new Map(model.pairs.map((p) => [p.question, p]));
  let k = 0;
  for (let i = Math.max(0, firstQ); i < turns.length; ) {
    const t = turns[i];
    if (t.kind !== 'question') {
      emit(ctx, out, () => turnSymbol(ctx, t));
      i++;
      continue;
    }
    k++;
    const n = k;
    const pair = pairOf.get(i);
    const answers = pair ? pair.answers.filter((a) => a > i && a < turns.length) : [];
    if (!pair || answers.length === 0) {
      emit(ctx, out, () => {
        const title = titleOf(turnSpeech(ctx.text, model, t, ctx.skip, 12));
        return { ...oneTurn(ctx, t, 'unanswered'), name: `Q${n}${title ? SEP + title : ''} (unanswered)`, detail: `${speakerName(model, t)} → no answer` };
      });
      i++;
      continue;
    }
    const from = i;
    const last = answers[answers.length - 1];
    emit(
      ctx,
      out,
      () => {
        const span = turns.slice(from, last + 1);
        const answerers = nameList(answers.map((a) => speakerName(model, turns[a])));
        const name = pair.title ? `Q${n}${SEP}${pair.title}` : `Q${n}`;
        return group(ctx, name, `${speakerName(model, t)} → ${answerers}`, 'pair', span, kids(ctx, span));
      },
      last + 1 - from,
    );
    i = last + 1;
  }
}

/** The heading lines inside speech (whole-line `heading` notes), in order. */
function headingLines(ctx: Ctx): number[] {
  const first = ctx.model.turns[0]?.startLine ?? Infinity;
  return ctx.model.notes
    .filter((n) => n.kind === 'heading' && n.wholeLine && n.line > first)
    .map((n) => n.line)
    .sort((a, b) => a - b);
}

function headingName(s: string): string {
  const t = s
    .replace(/^\s*#+\s*/, '')
    .replace(/[\s:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  return t ? firstWords(t, 12, 70) : 'Section';
}

function plainSymbols(ctx: Ctx, size: number, out: OutlineSymbol[]): void {
  const { model, text } = ctx;
  const turns = model.turns;
  const heads = headingLines(ctx);
  if (heads.length > 0) {
    // A heading ends the turn it sits in: the turn's symbol stops at the last text before it.
    for (const t of turns) {
      const h = heads.find((x) => x > t.startLine && x <= t.endLine);
      if (h !== undefined) ctx.ends[t.index] = Math.max(t.startLine, lastContentLine(text, model, t.startLine, h - 1));
    }
    for (const t of turns) if (t.startLine < heads[0]) emit(ctx, out, () => turnSymbol(ctx, t));
    heads.forEach((h, i) => {
      const next = i + 1 < heads.length ? heads[i + 1] : model.lineCount;
      const members = turns.filter((t) => t.startLine > h && t.startLine < next);
      emit(
        ctx,
        out,
        () => ({
          name: headingName(lineOf(text, model, h)),
          detail: nameList(speakersOf(ctx, members)),
          kind: 'section',
          range: linesSpan(model, h, Math.max(h, lastContentLine(text, model, h, next - 1))),
          selectionRange: contentSpan(text, model, h),
          children: kids(ctx, members),
        }),
        members.length,
      );
    });
    return;
  }
  if (turns.length <= size) {
    for (const t of turns) emit(ctx, out, () => turnSymbol(ctx, t));
    return;
  }
  for (let a = 0; a < turns.length; a += size) {
    const members = turns.slice(a, a + size);
    emit(
      ctx,
      out,
      () => {
        const from = members[0].label?.timestamp;
        const to = members[members.length - 1].label?.timestamp;
        const times = from && to ? `${from}–${to}${SEP}` : '';
        const name = `Turns ${a + 1}–${a + members.length}`;
        return group(ctx, name, times + nameList(speakersOf(ctx, members)), 'section', members, kids(ctx, members));
      },
      members.length,
    );
  }
}

/** Every symbol of a tree, depth first (for tests and lookups). */
export function flattenSymbols(symbols: readonly OutlineSymbol[]): OutlineSymbol[] {
  const out: OutlineSymbol[] = [];
  const walk = (xs: readonly OutlineSymbol[]) => {
    for (const s of xs) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(symbols);
  return out;
}
