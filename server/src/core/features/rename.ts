/**
 * Rename a speaker: every label of the speaker, whatever variant it uses, and the speaker's entry
 * in the front-matter roster; never the same name inside speech.
 *
 * Each label keeps what is not the name. The name part of a label (found by the label analysis)
 * is rewritten, and its title, honorific, affiliation and decoration stay:
 *
 *   NATO Secretary General Mark Rutte   -> NATO Secretary General Jane Smith
 *   Mark Rutte, NATO Secretary General  -> Jane Smith, NATO Secretary General
 *   Mr Rutte                            -> Mr Smith        (a surname label takes the new surname)
 *   MS. PSAKI                           -> MS. SMITH       (capitals stay capitals)
 *   The Prime Minister (Keir Example)   -> The Prime Minister (Jane Smith)
 *   JM / J.M.                           -> JS / J.S.       (initials take the new initials)
 *
 * A new name with an honorific (`Ms. Jane Smith`) replaces the honorific of labels that have one.
 * A label that is a title alone (`The CHAIRMAN`) stays when the speaker is also labelled by name;
 * when every label of the speaker is a title (`The Convener`), each label becomes the new name.
 * Anonymous speakers (`Question`, `Q.`, `A.`) and CHAT speaker codes are not renamed.
 *
 * The edits are checked by parsing the result: every renamed label must still read as a label of
 * one speaker, at the same turns; otherwise the rename is refused with the reason.
 */

import type { ParseOptions, TranscriptModel } from '../model.ts';
import type { TextEdit } from '../rules/types.ts';
import { parse } from '../parse.ts';
import { analyzeLabel } from '../names.ts';
import { lineOf } from './common.ts';
import { offsetAt, type Pos, type Span } from './positions.ts';
import { labelAt, labelSpan, rosterMentionsOf, speakerAt } from './speakerRefs.ts';

/** A rename that cannot be done; the message says why, for the editor to show. */
export class RenameError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenameError';
  }
}

export interface PrepareRenameResult {
  /** The label (or roster entry) under the cursor. */
  span: Span;
  /** The speaker's canonical name, what the editor offers to edit. */
  placeholder: string;
  speaker: number;
}

/** Why a speaker cannot be renamed, or null when it can. */
function refusal(model: TranscriptModel, speaker: number): string | null {
  const sp = model.speakers[speaker];
  if (!sp) return 'There is no speaker here to rename.';
  if (sp.anonymous) {
    const who = sp.part === 'questioner' ? 'questioner' : 'answerer';
    return `"${sp.labels[0] ?? sp.name}" is the anonymous ${who}'s label, not a person's name, so it cannot be renamed. To name who ${sp.part === 'questioner' ? 'asks' : 'answers'} in a turn, edit that label by hand.`;
  }
  if (model.dialect === 'chat') return `"${sp.labels[0] ?? sp.name}" is a CHAT speaker code declared in @Participants and @ID; rename it there and in every tier by hand.`;
  return null;
}

/**
 * What the editor offers to rename at `pos`: the label or roster entry there and the speaker's
 * name. Null when `pos` is not on a speaker; throws `RenameError` for a speaker that cannot be
 * renamed (anonymous labels, unattributed speech, CHAT codes).
 */
export function prepareRename(text: string, model: TranscriptModel, pos: Pos): PrepareRenameResult | null {
  const t = labelAt(text, model, pos);
  if (t && t.label && t.speaker < 0) throw new RenameError(`"${t.label.text}" does not name a speaker, so there is nothing to rename.`);
  const m = speakerAt(text, model, pos);
  if (!m) return null;
  const why = refusal(model, m.speaker);
  if (why) throw new RenameError(why);
  return { span: m.span, placeholder: model.speakers[m.speaker].name, speaker: m.speaker };
}

// ---------------------------------------------------------------------------------------------
// Rewriting one label

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Where the words of `phrase` stand in `raw` (any spaces between them), or null. */
function findPhrase(raw: string, phrase: string, from = 0): { start: number; end: number } | null {
  const words = phrase.split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const re = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escapeRe).join('[\\s\\u00a0]+')}(?![\\p{L}\\p{N}])`, 'u');
  const m = re.exec(raw.slice(from));
  return m ? { start: from + m.index, end: from + m.index + m[0].length } : null;
}

/** True when a text has letters and none of them lower case: `PSAKI`, `MS.`. */
function allCaps(s: string): boolean {
  return /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
}

/** Initials of name words: `Joan Mercer` -> `JM`. */
function initials(words: readonly string[]): string {
  return words
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join('')
    .toUpperCase();
}

/** A new name split for rewriting: honorific, the words of the name, first name, surname. */
interface NewName {
  full: string;
  honorific: string;
  /** The name without its honorific. */
  name: string;
  first: string;
  /** The last word with the particles before it (`von der Leyen`). */
  surname: string;
  initials: string;
}

/** Particles that belong to a surname (`von der Leyen`, `de la Cruz`, `bin Salman`). */
const SURNAME_PARTICLES = new Set(['von', 'van', 'der', 'den', 'de', 'da', 'di', 'du', 'del', 'della', 'des', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ter', 'ten', 'zu', 'af', 'dos', 'das', 'do', 'y', 'mac', 'ap']);

function splitNewName(full: string): NewName {
  const words = full.split(/\s+/).filter(Boolean);
  let h = 0;
  const a = analyzeLabel(full);
  if (a.honorific) h = a.honorific.split(/\s+/).length;
  // Only an honorific in front of a name counts (`Dr`, `Ms.`), not the whole new name.
  if (h >= words.length) h = 0;
  const rest = words.slice(h);
  let s = rest.length - 1;
  while (s > 1 && SURNAME_PARTICLES.has(rest[s - 1])) s--;
  return {
    full,
    honorific: words.slice(0, h).join(' '),
    name: rest.join(' '),
    first: rest[0] ?? '',
    surname: rest.slice(Math.max(0, s)).join(' '),
    initials: initials(rest),
  };
}

/** The speaker's full name tokens and words, from its canonical name and its fullest label. */
interface OldName {
  tokens: string[];
  words: string[];
  /** Some label writes the speaker as a title and one name (`Senator GRADY`): a lone name is a surname. */
  surnames: boolean;
}

function oldNameOf(model: TranscriptModel, speaker: number): OldName {
  const sp = model.speakers[speaker];
  let best = analyzeLabel(sp.name);
  for (const l of sp.labels) {
    const a = analyzeLabel(l);
    if (a.nameTokens.length > best.nameTokens.length) best = a;
  }
  const surnames = sp.labels.some((l) => {
    const ln = labelName(l);
    return ln !== null && ln.titled && ln.tokens.length === 1;
  });
  return { tokens: best.nameTokens, words: best.name.split(/\s+/).filter(Boolean), surnames };
}

/**
 * A surname written in capitals after a title in a mixed-case label, as Hansard and the
 * Congressional Record write them (`Senator PRYCE`, `Chairman HOLLIS`): the label analysis reads
 * such a label as a title alone. The span of the capitals, or null.
 */
function capitalsName(raw: string): { start: number; end: number } | null {
  if (!/\p{Ll}/u.test(raw)) return null;
  const m = /(?:^|\s)((?:Mc|Mac|O['’])?\p{Lu}[\p{Lu}'’-]+(?:\s+(?:Mc|Mac|O['’])?\p{Lu}[\p{Lu}'’-]+)*)\s*$/u.exec(raw.replace(/\s*\([^()]*\)\s*$/, (x) => ' '.repeat(x.length)));
  if (!m) return null;
  if (analyzeLabel(m[1]).nameTokens.length === 0) return null;
  const start = m.index + m[0].indexOf(m[1]);
  return { start, end: start + m[1].length };
}

/** A label's name: where it is in `raw`, its tokens, and whether a title or honorific stands with it. */
interface LabelName {
  start: number;
  end: number;
  tokens: string[];
  /** An honorific or a title comes with the name (`Mr Rutte`, `Senator PRYCE`, `Commissioner Ionescu`). */
  titled: boolean;
  honorific: string;
}

function labelName(text: string): LabelName | null {
  // Badge and staff numbers (`DC 4471 JONES`) are not part of a name; blanked, columns kept.
  const raw = text.replace(/\s\d{3,6}\b/g, (m) => ' '.repeat(m.length));
  const a = analyzeLabel(raw);
  if (a.anonymous !== null) return null;
  if (a.nameTokens.length > 0) {
    const span = findPhrase(raw, a.name);
    if (span) return { ...span, tokens: a.nameTokens, titled: a.honorific !== '' || a.role !== '', honorific: a.honorific };
    return null;
  }
  const caps = capitalsName(raw);
  if (caps) return { ...caps, tokens: analyzeLabel(raw.slice(caps.start, caps.end)).nameTokens, titled: true, honorific: '' };
  return null;
}

/** True when a label names its speaker (not a title alone, not anonymous). */
function hasName(raw: string): boolean {
  return labelName(raw) !== null;
}

/** Writes `repl` in the case of `old`: capitals stay capitals, a capitalised surname stays so. */
function inCaseOf(old: string, repl: string, surnamePart: string): string {
  const letters = old.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && allCaps(old)) return repl.toUpperCase();
  const words = old.split(/\s+/);
  const last = words[words.length - 1];
  if (words.length > 1 && last.replace(/[^\p{L}]/gu, '').length > 1 && allCaps(last) && !allCaps(words[0]) && surnamePart && repl.endsWith(surnamePart)) {
    return repl.slice(0, repl.length - surnamePart.length) + surnamePart.toUpperCase();
  }
  return repl;
}

/**
 * The rewrite of one label (or roster entry) `raw`: the columns of `raw` to replace and the new
 * text, or null when the label stays (a title alone beside named labels). `wholeIfNoName` makes
 * a label without a name become the new name (a speaker known only by a title).
 */
function rewriteLabel(raw: string, old: OldName, next: NewName, wholeIfNoName: boolean): { start: number; end: number; newText: string } | null {
  const lead = raw.length - raw.trimStart().length;
  const whole = { start: lead, end: raw.trimEnd().length };
  const ln = labelName(raw);
  if (!ln) {
    if (!wholeIfNoName && analyzeLabel(raw).nameTokens.length === 0) return null;
    // No name to find (`The Convener`), or the label writes it another way than the analysis
    // (`Ibarra, Tomás`): the whole label becomes the new name.
    const w = raw.slice(whole.start, whole.end);
    return w === next.full ? null : { ...whole, newText: inCaseOf(w, next.full, next.surname) };
  }
  let span = { start: ln.start, end: ln.end };
  const oldName = raw.slice(span.start, span.end);
  const lt = ln.tokens;
  const ft = old.tokens;
  const subset = lt.every((t) => ft.includes(t));
  const bare = oldName.replace(/[.\s]/g, '');
  const oldInitials = initials(old.words);
  const several = next.name.split(' ').length > 1;
  let repl: string;
  let surname = '';
  if (bare.length >= 2 && oldInitials.length >= 2 && bare.toUpperCase() === oldInitials && bare === bare.toUpperCase() && next.initials.length >= 2) {
    // Initials (`JM`, `J.M.`) take the new initials.
    repl = oldName.includes('.') ? `${next.initials.split('').join('.')}.` : next.initials;
  } else if (lt.length === 1 && (ln.titled || old.surnames) && several && !(subset && ft.length > 1 && lt[0] === ft[0])) {
    // `Mr Rutte`, `MS. PSAKI`, `Senator PRYCE`: a title or honorific with the surname.
    repl = surname = next.surname;
  } else if (subset && lt.length >= ft.length) {
    repl = next.name;
    surname = next.surname;
  } else if (lt.length === 1 && subset && lt[0] === ft[0] && ft.length > 1) {
    repl = next.first;
  } else if (lt.length === 1 && subset && lt[0] === ft[ft.length - 1]) {
    repl = surname = next.surname;
  } else {
    repl = next.name;
    surname = next.surname;
  }
  repl = inCaseOf(oldName, repl, surname);
  // A new honorific replaces the label's own (`MS. PSAKI` -> `MR. KIRBY` for `Mr. John Kirby`).
  if (next.honorific && ln.honorific) {
    const h = findPhrase(raw.slice(0, span.start), ln.honorific);
    if (h) {
      span = { start: h.start, end: span.end };
      repl = `${allCaps(ln.honorific) ? next.honorific.toUpperCase() : next.honorific} ${repl}`;
    }
  }
  if (raw.slice(span.start, span.end) === repl) return null;
  return { start: span.start, end: span.end, newText: repl };
}

/** Rewrites a code in parentheses that is the old initials (`Joan Mercer (JM)`) to the new initials. */
function rewriteCode(raw: string, old: OldName, next: NewName): { start: number; end: number; newText: string } | null {
  const m = /\(([A-Z][A-Z.]{0,5})\)\s*$/.exec(raw);
  if (!m) return null;
  const code = m[1].replace(/\./g, '');
  if (code.length < 2 || code !== initials(old.words) || next.initials.length < 2 || code === next.initials) return null;
  const start = m.index + 1;
  return { start, end: start + m[1].length, newText: m[1].includes('.') ? `${next.initials.split('').join('.')}.` : next.initials };
}

// ---------------------------------------------------------------------------------------------
// The rename

export interface RenameResult {
  edits: TextEdit[];
  /** The speaker renamed. */
  speaker: number;
  /** Labels and roster entries rewritten. */
  labels: number;
  roster: number;
}

/** Why a new name cannot be a label, or null. */
function badName(name: string): string | null {
  if (name.trim() === '') return 'The new name is empty.';
  if (/[\r\n]/.test(name)) return 'A speaker name is one line.';
  if (name.trim().length > 90) return 'The new name is longer than a speaker label can be (90 characters).';
  if (analyzeLabel(name).anonymous !== null) return `"${name.trim()}" is an anonymous label (a questioner or answerer), not a name.`;
  return null;
}

/**
 * The edits that rename the speaker at `pos` to `newName`. Throws `RenameError` when `pos` is on
 * no speaker, the speaker cannot be renamed, or the result would not read as the same turns.
 */
export function renameSpeaker(text: string, model: TranscriptModel, pos: Pos, newName: string, options: ParseOptions = {}): RenameResult {
  const prep = prepareRename(text, model, pos);
  if (!prep) throw new RenameError('Place the cursor on a speaker label (or a roster entry) to rename a speaker.');
  const name = newName.replace(/[\s\u00a0]+/g, ' ').trim();
  const bad = badName(newName);
  if (bad) throw new RenameError(bad);
  const speaker = prep.speaker;
  const sp = model.speakers[speaker];
  const old = oldNameOf(model, speaker);
  const next = splitNewName(name);
  const named = sp.labels.some(hasName);
  const edits: TextEdit[] = [];
  const renamedTurns: number[] = [];
  let labels = 0;
  for (const ti of sp.turns) {
    const t = model.turns[ti];
    if (!t.label || t.label.form === 'dash') continue;
    const span = labelSpan(model, t.label);
    const raw = lineOf(text, model, span.start.line).slice(span.start.col, span.end.col);
    const r = rewriteLabel(raw, old, next, !named);
    renamedTurns.push(ti);
    if (!r) continue;
    const at = offsetAt(model, span.start.line, span.start.col);
    edits.push({ start: at + r.start, end: at + r.end, newText: r.newText });
    labels++;
  }
  let roster = 0;
  const rosterEdits: TextEdit[] = [];
  for (const m of rosterMentionsOf(text, model, speaker)) {
    const raw = lineOf(text, model, m.span.start.line).slice(m.span.start.col, m.span.end.col);
    const at = offsetAt(model, m.span.start.line, m.span.start.col);
    const r = rewriteLabel(raw, old, next, true);
    const c = rewriteCode(raw, old, next);
    if (r) rosterEdits.push({ start: at + r.start, end: at + r.end, newText: r.newText });
    if (c && (!r || c.start >= r.end)) rosterEdits.push({ start: at + c.start, end: at + c.end, newText: c.newText });
    if (r || c) roster++;
  }
  edits.push(...rosterEdits);
  edits.sort((a, b) => a.start - b.start);
  if (edits.length > 0) check(text, model, edits, rosterEdits, renamedTurns, name, options);
  return { edits, speaker, labels, roster };
}

/** Applies sorted, non-overlapping edits. */
function apply(text: string, edits: readonly TextEdit[]): string {
  let out = '';
  let pos = 0;
  for (const e of edits) {
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The words of a text outside the labels of `model` (whose lines the text has, line for line). */
function wordsOutsideLabels(text: string, model: TranscriptModel): string[] {
  const labels = new Map<number, { start: number; end: number }>();
  for (const t of model.turns) if (t.label && t.label.form !== 'dash') labels.set(t.label.line, t.label);
  const out: string[] = [];
  text.split(/\r\n|\r|\n/).forEach((s, i) => {
    const l = labels.get(i);
    const rest = l ? `${s.slice(0, l.start)} ${s.slice(l.end)}` : s;
    for (const w of rest.match(/[\p{L}\p{N}]+/gu) ?? []) out.push(w);
  });
  return out;
}

/**
 * Parses the renamed text: the same turns, each renamed label still a label of one speaker, and
 * every word outside the labels (the roster entries aside) the same.
 */
function check(text: string, model: TranscriptModel, edits: TextEdit[], rosterEdits: TextEdit[], renamed: number[], name: string, options: ParseOptions): void {
  const out = apply(text, edits);
  const after = parse(out, options);
  const fail = (why: string) => new RenameError(`Renaming to "${name}" would change how the transcript reads: ${why}. Choose a name written like a speaker label.`);
  if (after.turns.length !== model.turns.length) throw fail(`${after.turns.length} turns instead of ${model.turns.length}`);
  for (let i = 0; i < after.turns.length; i++) {
    const a = after.turns[i];
    const b = model.turns[i];
    if (a.startLine !== b.startLine || (a.label === null) !== (b.label === null)) throw fail(`the turn on line ${b.startLine + 1} would change`);
  }
  const a = wordsOutsideLabels(apply(text, [...rosterEdits].sort((x, y) => x.start - y.start)), model);
  const b = wordsOutsideLabels(out, after);
  if (a.length !== b.length || a.some((w, i) => w !== b[i])) throw fail('part of the new name would be read as speech');
  const speakers = new Set(renamed.map((t) => after.turns[t].speaker));
  if (speakers.has(-1)) throw fail('a renamed label would no longer name a speaker');
  if (speakers.size > 1) throw fail('the renamed labels would be read as different people');
}
