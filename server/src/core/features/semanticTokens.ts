/**
 * Semantic tokens: every speaker label (the TextMate grammar cannot tell a label alone on its
 * line from a short line of speech; the parser can), the timestamps written with labels, and the
 * notes inside speech (`[inaudible]`, `(Laughter.)`, `[sic]`, timestamps, headings).
 *
 * Tokens are absolute (0-based line, UTF-16 column, length), sorted and never overlapping, one
 * line each. `encodeTokens` turns them into the relative five-integer form editors exchange.
 */

import type { NoteKind, TranscriptModel, Turn } from '../model.ts';
import type { TextSource } from '../source.ts';

/** Token types, in legend order. */
export const TOKEN_TYPES = ['speaker', 'timestamp', 'note'] as const;
export type TokenType = (typeof TOKEN_TYPES)[number];

/** Token modifiers, in legend order (bit `i` of the mask is `TOKEN_MODIFIERS[i]`). */
export const TOKEN_MODIFIERS = [
  // speaker labels: the part the turn plays
  'questioner',
  'answerer',
  'moderator',
  'unattributed',
  // notes: what kind of note
  'inaudible',
  'action',
  'editorial',
  'heading',
  'tier',
] as const;
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

/** The legend a server advertises: token types and modifiers by index. */
export const SEMANTIC_TOKENS_LEGEND: { tokenTypes: string[]; tokenModifiers: string[] } = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

export interface SemanticToken {
  line: number;
  /** UTF-16 column. */
  start: number;
  length: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

/** The modifiers of a turn's label: what the turn does, and who says it. */
function labelModifiers(model: TranscriptModel, t: Turn): TokenModifier[] {
  const part = t.speaker >= 0 ? model.speakers[t.speaker]?.part : undefined;
  let mask = 0;
  if (t.speaker < 0) mask |= bit('unattributed');
  if (t.kind === 'question' || part === 'questioner') mask |= bit('questioner');
  if (t.kind === 'answer' || part === 'answerer') mask |= bit('answerer');
  if (part === 'moderator') mask |= bit('moderator');
  // One shared (frozen) list per combination: a long transcript has 100,000 labels and a handful of combinations.
  let mods = MODIFIER_LISTS.get(mask);
  if (!mods) MODIFIER_LISTS.set(mask, (mods = Object.freeze(TOKEN_MODIFIERS.filter((_m, i) => (mask & (1 << i)) !== 0)) as TokenModifier[]));
  return mods;
}

const bit = (m: TokenModifier): number => 1 << TOKEN_MODIFIERS.indexOf(m);
const MODIFIER_LISTS = new Map<number, TokenModifier[]>();

const NOTE_MODIFIER: Record<NoteKind, TokenModifier | null> = {
  inaudible: 'inaudible',
  action: 'action',
  editorial: 'editorial',
  heading: 'heading',
  tier: 'tier',
  timestamp: null,
};

/** The semantic tokens of a transcript, sorted by position, without overlaps. */
export function semanticTokens(text: TextSource, model: TranscriptModel): SemanticToken[] {
  const all: SemanticToken[] = [];
  const lineText = (i: number) => text.slice(model.lineStarts[i], model.lineStarts[i] + model.lineLengths[i]);
  for (const t of model.turns) {
    const l = t.label;
    if (!l || l.line < 0 || l.line >= model.lineCount) continue;
    const len = model.lineLengths[l.line];
    const start = Math.min(l.start, len);
    const end = Math.min(l.end, len);
    if (end > start) all.push({ line: l.line, start, length: end - start, type: 'speaker', modifiers: labelModifiers(model, t) });
    if (l.timestamp) {
      // The timestamp written with the label (`Lenny (00:52):`, `[00:00:02] Name:`), outside the name.
      const s = lineText(l.line);
      let at = s.indexOf(l.timestamp, end);
      if (at < 0) {
        at = s.indexOf(l.timestamp);
        if (at >= 0 && at + l.timestamp.length > start) at = -1;
      }
      if (at >= 0) all.push({ line: l.line, start: at, length: l.timestamp.length, type: 'timestamp', modifiers: [] });
    }
  }
  for (const n of model.notes) {
    if (n.line < 0 || n.line >= model.lineCount) continue;
    const end = Math.min(n.end, model.lineLengths[n.line]);
    if (end <= n.start) continue;
    const mod = NOTE_MODIFIER[n.kind];
    all.push({ line: n.line, start: n.start, length: end - n.start, type: mod ? 'note' : 'timestamp', modifiers: mod ? [mod] : [] });
  }
  all.sort((a, b) => a.line - b.line || a.start - b.start || b.length - a.length);
  const out: SemanticToken[] = [];
  for (const tok of all) {
    const prev = out[out.length - 1];
    if (prev && prev.line === tok.line && tok.start < prev.start + prev.length) continue;
    out.push(tok);
  }
  return out;
}

/** Bit mask of modifiers in legend order. */
export function modifierMask(mods: readonly TokenModifier[]): number {
  let m = 0;
  for (const x of mods) {
    const i = TOKEN_MODIFIERS.indexOf(x);
    if (i >= 0) m |= 1 << i;
  }
  return m;
}

/**
 * The relative encoding: five integers per token (delta line, delta start, length, type index,
 * modifier mask), each token relative to the one before. Tokens must be sorted.
 */
export function encodeTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let line = 0;
  let start = 0;
  for (const t of tokens) {
    const dl = t.line - line;
    data.push(dl, dl === 0 ? t.start - start : t.start, t.length, TOKEN_TYPES.indexOf(t.type), modifierMask(t.modifiers));
    line = t.line;
    start = t.start;
  }
  return data;
}

/** The inverse of `encodeTokens` (for tests and tools). */
export function decodeTokens(data: readonly number[]): SemanticToken[] {
  const out: SemanticToken[] = [];
  let line = 0;
  let start = 0;
  for (let i = 0; i + 4 < data.length; i += 5) {
    line += data[i];
    start = data[i] === 0 ? start + data[i + 1] : data[i + 1];
    const mods = TOKEN_MODIFIERS.filter((_m, b) => (data[i + 4] & (1 << b)) !== 0);
    out.push({ line, start, length: data[i + 2], type: TOKEN_TYPES[data[i + 3]] ?? 'note', modifiers: mods });
  }
  return out;
}
