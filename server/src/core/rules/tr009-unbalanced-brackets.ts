import type { Fix, Rule, RuleContext } from './types.ts';
import { noteKind } from '../notes.ts';
import { firstNoteFrom, turnBlocks } from './label-helpers.ts';

interface Bracket {
  line: number;
  /** Column of the bracket, including a Markdown escape backslash (`\[`). */
  start: number;
  end: number;
  ch: '[' | ']' | '(' | ')';
  escaped: boolean;
  /** Possibly not a bracket (list marker, emoticon): ignored when it has no partner. */
  soft: boolean;
}

const PARTNER: Record<string, '[' | ']' | '(' | ')'> = { '[': ']', ']': '[', '(': ')', ')': '(' };

/** Words that make a one-word note: `[inaudible`, `(laughter`, `[sic`, `[crosstalk`. */
function isNoteWord(w: string): boolean {
  const k = w.toLowerCase();
  return k === 'sic' || k === 'sp' || k === '?' || noteKind(k) === 'inaudible' || noteKind(k) === 'action';
}

/**
 * A bracket that may not be one: a list marker (`1)`, `a)`, `iii)`) or an emoticon (`:)`, `;-)`, `:(`).
 * Such a bracket is ignored when it has no partner.
 */
function soft(s: string, i: number, ch: string): boolean {
  const before = s.slice(Math.max(0, i - 2), i);
  if ((ch === ')' || ch === '(') && /[:;=][-'^]?$/.test(before) && (i + 1 >= s.length || /[\s.,!?]/.test(s[i + 1]))) return true;
  if (ch !== ')') return false;
  // `1)`, `b)`, `iv)`: a list marker. Only the last few characters matter (a marker is at most four).
  return i > 6 ? /[\s“"](\d{1,2}|[a-zA-Z]|[ivx]{1,4})$/.test(s.slice(i - 6, i)) : /(?:^|[\s“"])(\d{1,2}|[a-zA-Z]|[ivx]{1,4})$/.test(s.slice(0, i));
}

const BRACKET = /[[\]()]/g;

/** Brackets of one line (0-based columns). */
function scan(s: string, line: number, out: Bracket[]): void {
  BRACKET.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BRACKET.exec(s)) !== null) {
    const i = m.index;
    const c = s[i] as Bracket['ch'];
    const escaped = i > 0 && s.charCodeAt(i - 1) === 92;
    out.push({ line, start: escaped ? i - 1 : i, end: i + 1, ch: c, escaped, soft: soft(s, i, c) });
  }
}

/** The paragraphs of the speech: runs of non-blank lines inside one turn; CHAT dependent tiers stand alone. */
const NO_SPECIAL = { tierLines: new Set<number>() as ReadonlySet<number>, skip: new Set<number>() as ReadonlySet<number> };

/** Lines that are not speech paragraphs: CHAT dependent tiers and caption cue lines stand alone; WebVTT NOTE/STYLE blocks are skipped. */
function specialLines(model: RuleContext['model'], from: number, to: number): { tierLines: ReadonlySet<number>; skip: ReadonlySet<number> } {
  // Only the notes on lines `[from, to]`; most blocks hold none.
  const notes = model.notes;
  const first = firstNoteFrom(model, from);
  if (first >= notes.length || notes[first].line > to) return NO_SPECIAL;
  const tierLines = new Set<number>();
  const skip = new Set<number>();
  for (let k = first; k < notes.length && notes[k].line <= to; k++) {
    const n = notes[k];
    if (model.dialect === 'webvtt' && n.kind === 'heading' && n.wholeLine) skip.add(n.line);
    else if (n.kind === 'tier' || (model.dialect === 'webvtt' && n.wholeLine)) tierLines.add(n.line);
  }
  return { tierLines, skip };
}

/** The paragraphs of one turn's block: runs of non-blank lines; CHAT dependent tiers stand alone. */
function units(ctx: RuleContext, block: { startLine: number; endLine: number }, tierLines: ReadonlySet<number>, skip: ReadonlySet<number>): { start: number; end: number }[] {
  const { model } = ctx;
  const out: { start: number; end: number }[] = [];
  let start = -1;
  for (let i = block.startLine; i <= block.endLine + 1; i++) {
    const isEnd = i > block.endLine;
    const blank = isEnd || ctx.line(i).trim() === '' || tierLines.has(i) || skip.has(i);
    // A CHAT main tier's continuation lines start with a tab; any other CHAT line starts a new unit.
    const chatBreak = model.dialect === 'chat' && !isEnd && !blank && start >= 0 && !/^\s/.test(ctx.line(i));
    if ((blank || chatBreak) && start >= 0) {
      out.push({ start, end: i - 1 });
      start = -1;
    }
    if (!blank && start < 0) start = i;
    if (tierLines.has(i) && !isEnd) out.push({ start: i, end: i });
  }
  return out;
}

interface Problem {
  kind: 'unclosed' | 'unopened' | 'mismatch';
  b: Bracket;
  close?: Bracket;
}

/** The bracket problems of one turn's block, in report order, with lines relative to the block's first line. */
function blockProblems(ctx: RuleContext, block: { startLine: number; endLine: number }, tierLines: ReadonlySet<number>, skip: ReadonlySet<number>): Problem[] {
  const out: Problem[] = [];
  const rel = (b: Bracket): Bracket => ({ ...b, line: b.line - block.startLine });
  for (const u of units(ctx, block, tierLines, skip)) {
    const all: Bracket[] = [];
    for (let i = u.start; i <= u.end; i++) scan(ctx.line(i), i, all);
    if (all.length === 0) continue;
    const stack: Bracket[] = [];
    const unclosed: Bracket[] = [];
    const unopened: Bracket[] = [];
    const mismatched: { open: Bracket; close: Bracket }[] = [];
    for (const b of all) {
      if (b.ch === '[' || b.ch === '(') {
        stack.push(b);
        continue;
      }
      const want = PARTNER[b.ch];
      let k = stack.length - 1;
      while (k >= 0 && stack[k].ch !== want) k--;
      if (k >= 0) {
        // Openers above the partner were never closed; they stay reported when the stack is drained.
        const above = stack.splice(k);
        above.shift();
        unclosed.push(...above);
      } else if (b.soft) {
        continue;
      } else if (stack.length > 0 && stack[stack.length - 1].line === b.line && !stack[stack.length - 1].soft) {
        // `[inaudible)`: opened with one kind and closed with the other, on the same line.
        mismatched.push({ open: stack.pop()!, close: b });
      } else unopened.push(b);
    }
    for (const b of stack) unclosed.push(b);
    // A line of a thousand stray brackets is one problem to look at, not a thousand.
    const perLine = new Map<number, number>();
    const first = (b: Bracket) => {
      const k = perLine.get(b.line) ?? 0;
      perLine.set(b.line, k + 1);
      return k < 2;
    };
    for (const b of unclosed) if (!b.soft && first(b)) out.push({ kind: 'unclosed', b: rel(b) });
    for (const b of unopened) if (first(b)) out.push({ kind: 'unopened', b: rel(b) });
    for (const m of mismatched) if (first(m.open)) out.push({ kind: 'mismatch', b: rel(m.open), close: rel(m.close) });
  }
  return out;
}

function wordAfter(s: string, col: number): { word: string; end: number } {
  const m = /^[^\s[\]()\\]+/.exec(s.slice(col));
  if (!m) return { word: '', end: col };
  const word = m[0].replace(/[.,;:!?"”’']+$/, '');
  return { word, end: col + word.length };
}

function wordBefore(s: string, col: number): { word: string; start: number } {
  // Only the last 60 characters: one regex per bracket must not scan the whole line.
  const from = Math.max(0, col - 60);
  const m = /[^\s[\]()\\]+$/.exec(s.slice(from, col));
  if (!m) return { word: '', start: col };
  const word = m[0].replace(/^["“‘']+/, '');
  return { word, start: col - word.length };
}

/** TR009: an opening bracket with no closing partner in its paragraph, or a closing bracket with no opener. */
export const unbalancedBrackets: Rule = {
  id: 'TR009',
  name: 'unbalanced-brackets',
  description: 'An opening `[` or `(` has no closing partner in its paragraph, or a closing bracket has no opener.',
  rationale:
    'Brackets mark notes (`[inaudible]`, `(Laughter.)`, `[sic]`) that are not speech. An unclosed bracket makes the ' +
    'rest of the paragraph read as a note, or a note read as speech, for readers, word counts and search alike.',
  severity: 'warning',
  fixable: true,
  reuse: 'turns',
  example: { bad: 'MS. PSAKI:  We will [inaudible have more on that.', good: 'MS. PSAKI:  We will [inaudible] have more on that.' },
  check(ctx) {
    const { model } = ctx;
    const abs = (b: Bracket, base: number): Bracket => ({ ...b, line: b.line + base });
    const key = `TR009:${model.dialect}`;
    for (const block of turnBlocks(model, ctx.turnRange[0], ctx.turnRange[1])) {
      if (!ctx.more()) return;
      // Worked out once per turn and kept while the turn is unchanged: an edit elsewhere reuses it.
      const problems = ctx.perTurn(key, block.turn!, () => {
        const special = specialLines(model, block.startLine, block.endLine);
        return blockProblems(ctx, block, special.tierLines, special.skip);
      });
      const base = block.startLine;
      for (const p of problems) {
        if (p.kind === 'unclosed') reportUnclosed(ctx, abs(p.b, base));
        else if (p.kind === 'unopened') reportUnopened(ctx, abs(p.b, base));
        else reportMismatch(ctx, abs(p.b, base), abs(p.close!, base));
      }
    }
  },
};

const shown = (b: Bracket) => (b.escaped ? `\\${b.ch}` : b.ch);
const closerFor = (b: Bracket) => (b.escaped ? `\\${PARTNER[b.ch]}` : PARTNER[b.ch]);
const kind = (b: Bracket) => (b.ch === '[' || b.ch === ']' ? 'square bracket' : 'parenthesis');

function reportUnclosed(ctx: RuleContext, b: Bracket): void {
  const s = ctx.line(b.line);
  const closer = closerFor(b);
  const { word, end } = wordAfter(s, b.end);
  const eol = s.trimEnd().length;
  const fixes: Fix[] = [];
  const oneWord = word !== '' && isNoteWord(word) && end < eol;
  if (oneWord) {
    fixes.push({
      title: `Close the note after "${word}": ${shown(b)}${word}${closer}`,
      edits: [{ start: ctx.offsetAt(b.line, end), end: ctx.offsetAt(b.line, end), newText: closer }],
      preferred: true,
      safe: false,
    });
  }
  fixes.push({
    title: `Close the ${kind(b)} at the end of the line`,
    edits: [{ start: ctx.offsetAt(b.line, eol), end: ctx.offsetAt(b.line, eol), newText: closer }],
    preferred: !oneWord && word !== '' && isNoteWord(word),
    safe: false,
  });
  const snippet = s.slice(b.start, Math.min(s.length, Math.max(end, b.end) + 20)).trimEnd();
  ctx.report({
    line: b.line,
    column: b.start,
    endLine: b.line,
    endColumn: b.end,
    message:
      `The opening ${kind(b)} "${shown(b)}" in "${snippet}${snippet.length < s.length - b.start ? '…' : ''}" is never closed in its paragraph. ` +
      `An unclosed bracket makes the text after it read as a note rather than speech (or hides where the note ends). ` +
      `Add the missing "${closer}" where the note ends${oneWord ? ` (after "${word}")` : ''}, or remove the stray "${shown(b)}".`,
    fixes,
  });
}

function reportUnopened(ctx: RuleContext, b: Bracket): void {
  const s = ctx.line(b.line);
  const opener = b.escaped ? `\\${PARTNER[b.ch]}` : PARTNER[b.ch];
  const { word, start } = wordBefore(s, b.start);
  const fixes: Fix[] = [];
  const oneWord = word !== '' && isNoteWord(word.replace(/[.,;:!?]+$/, ''));
  if (oneWord) {
    fixes.push({
      title: `Open the note before "${word}": ${opener}${word}${shown(b)}`,
      edits: [{ start: ctx.offsetAt(b.line, start), end: ctx.offsetAt(b.line, start), newText: opener }],
      preferred: true,
      safe: false,
    });
  }
  fixes.push({
    title: `Remove the stray "${shown(b)}"`,
    edits: [{ start: ctx.offsetAt(b.line, b.start), end: ctx.offsetAt(b.line, b.end), newText: '' }],
    safe: false,
  });
  ctx.report({
    line: b.line,
    column: b.start,
    endLine: b.line,
    endColumn: b.end,
    message:
      `The closing ${kind(b)} "${shown(b)}" has no opening "${opener}" before it in its paragraph. ` +
      'A stray closer usually means the start of a note was lost, so the note reads as speech. ' +
      `Add the missing "${opener}" where the note starts${oneWord ? ` (before "${word}")` : ''}, or remove the stray "${shown(b)}".`,
    fixes,
  });
}

function reportMismatch(ctx: RuleContext, open: Bracket, close: Bracket): void {
  const s = ctx.line(close.line);
  const right = closerFor(open);
  ctx.report({
    line: close.line,
    column: close.start,
    endLine: close.line,
    endColumn: close.end,
    message:
      `"${s.slice(open.start, close.end)}" opens with "${shown(open)}" but closes with "${shown(close)}". ` +
      `Mismatched brackets leave the note open for readers and tools. Close it with "${right}".`,
    fixes: [
      {
        title: `Close with "${right}"`,
        edits: [{ start: ctx.offsetAt(close.line, close.start), end: ctx.offsetAt(close.line, close.end), newText: right }],
        preferred: true,
        safe: false,
      },
    ],
  });
}
