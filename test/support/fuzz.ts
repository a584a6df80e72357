/**
 * Property-based and fuzz testing of the transcript core (issue 7), shared by the bounded suite
 * `test/fuzz.test.ts` (runs in `npm test`, fixed seed) and the long run `test/fuzz-long.ts`
 * (`npm run fuzz -- MINUTES`, random seeds).
 *
 * Three parts:
 * - inputs: arbitraries for raw strings (lone surrogates, NUL and other control characters, CR,
 *   CRLF and mixed line breaks, byte-order marks), line soups of transcript fragments (labels of
 *   every dialect, timestamps, notes, brackets, front matter, suppression comments), structured
 *   transcripts per dialect, and mutations of real transcripts (lines deleted, duplicated,
 *   swapped, cut in the middle of a label, control characters inserted, line breaks changed);
 * - properties: each a function of one input that throws an `Error` naming what broke;
 * - running: `runProperty` wraps fast-check's `check` and returns the number of cases tried and
 *   the shrunk counterexample.
 *
 * Everything is pure except the memo below (parse, lint and fixAll results by text, so that
 * properties checked on the same inputs do not redo the work) and `corpusFiles` (reads files).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { DIALECTS, fixAll, lint, parse, type DialectId, type Finding, type TranscriptModel } from '../../server/src/core/index.ts';
import {
  decodeTokens,
  documentSymbols,
  encodeTokens,
  foldingRanges,
  semanticTokens,
  spanContains,
  type OutlineSymbol,
  type Pos,
  type Span,
} from '../../server/src/core/features/index.ts';

// ---------------------------------------------------------------------------------------------
// Inputs

/** One fuzz case: a text, parsed with the detected dialect or a forced one. */
export interface FuzzInput {
  text: string;
  /** A forced dialect (`parse(text, { dialect })`), or undefined to detect one. */
  dialect?: DialectId;
  /** Where the text came from, for counterexamples (a corpus file and its mutations). */
  origin?: string;
}

const nul = '\u0000';

/** Line breaks, each as the text writes it. */
const BREAK = fc.constantFrom('\n', '\r\n', '\r');

/** One UTF-16 unit or pair, biased towards what breaks parsers. */
const fuzzChar: fc.Arbitrary<string> = fc.oneof(
  { weight: 8, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }) },
  { weight: 4, arbitrary: fc.constantFrom(' ', ' ', ':', ';', '.', ',', '?', '|', '&', '=', '[', ']', '(', ')', '<', '>', '*', '-', '#', '@', '%', '\t', 'Q', 'A', '0', '1', '\\', '"', '/') },
  { weight: 3, arbitrary: BREAK },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(nul, '\u007f', '\u0085', '\ufeff', '\u00a0', '\u200b', '\u200e', '\u202e', '\u2028', '\u2029', '\u3000', '\ufffd', '\u0301', '\u00ad', 'ß', 'İ', 'ﬃ'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
);

/** Any string, weighted towards control characters, lone surrogates and line breaks. */
export const rawText: fc.Arbitrary<string> = fc.string({ unit: fuzzChar, maxLength: 300 });

/** Speaker labels of every dialect, as they start a line. */
export const LABELS: readonly string[] = [
  'Question',
  'Q',
  'Q.',
  'A.',
  'Q:',
  'A:',
  'Q\u00a0\u00a0',
  'Q\t',
  'A\t',
  'MS. PSAKI:',
  'MS. PSAKI:  ',
  'MR. SMITH:',
  'MS. SMITH:',
  'MR. SMTIH:',
  'THE WITNESS:',
  'THE COURT:',
  'BY MS. DOE:',
  'Mr. McCONNELL.',
  '*CHI:\t',
  '*MOT:\t',
  '*INV:\t',
  '%mor:\t',
  '%gpx:\t',
  '@Participants:\tCHI Target_Child, MOT Mother',
  '@Begin',
  '@End',
  '@G:\tbook',
  '<v Host>',
  '<v Dr. Ada Lovelace>',
  '<v>',
  '</v>',
  '- ',
  '-',
  '>> ',
  '>>',
  'Mark Rutte, NATO Secretary General',
  'NATO Secretary General Mark Rutte',
  'Mr Rutte',
  'The Convener',
  'The Convener:',
  'Elena Vasquez, Minister for Coastal Affairs\u00a0',
  'Minister for Coastal Affairs Elena Vasquez',
  'Ms Vasquez',
  'Elena Vasquez (00:01:23):',
  'Lenny (00:52):',
  'Lenny (00:52)',
  'Nikita Miller  0:03',
  'Nikita Miller  12:61',
  '**Natalie:**',
  '**Natalie** [00:00:00]',
  '**:**',
  '[00:00:02] Speaker 1:',
  '[00:00:0] Speaker 1:',
  '(01:51):',
  'Speaker 2',
  'I:',
  'R:',
  'P1:',
  'Speaker1:',
  'Interviewer:',
  'Participant:',
  'HOST:',
  'GUEST:',
  'Tomas Lind:',
  ':',
  'Ada:',
  'ADA:',
  'Bob:',
  // typing slips and the forms of the third fixture set
  'MS. PSAKI;',
  'MS. PSAKI; ',
  'Bill;',
  'Bill; ',
  'Q;',
  'MR. SMITH.',
  'Karen Liu -- Vice President, Investor Relations',
  'Thomas Reinholt -- Chief Executive Officer',
  'ANA RUIZ, CNN ANCHOR:',
  'RUIZ:',
  'UNIDENTIFIED FEMALE:',
  'THE CLERK:',
  'LT. GEN. OYELARAN:',
  'PRESS SECRETARY ALBRIGHT:',
  '>> MAYOR TRAN:',
  '>> ',
  '[KATE MORROW]',
  '[KATE MORROW] ',
  '(00:00:31):',
  '0:00',
  '-47:12',
  '[13:00:08]',
  'APPEARANCES:',
  '@ID:\teng|Harrow|CHI|2;04.11|female|TD||Target_Child|||',
  '::cue(v[voice="Moderator"]) { color: yellow; }',
  ' 1   BY MR. KESSLER:',
  ' 2        Q.   ',
  ' 4        A.   ',
];

/** Speech, notes, timestamps and other things that stand inside a turn or between turns. */
export const SPEECH: readonly string[] = [
  'Good morning.',
  'Good afternoon.  Happy Friday.',
  'Who is responsible for that?',
  'When will the barrier be finished?',
  'It is new money.',
  'Yes.',
  'No',
  'Thank you.',
  'The deadline?',
  'and then we went on',
  'words, words, words',
  '[inaudible]',
  '[crosstalk]',
  '(Laughter.)',
  '(Applause)',
  '\\[laughs\\]',
  '[sic]',
  '[the Alliance]',
  '[04:29]',
  '(00:52)',
  '1:13 P.M. EDT',
  '[',
  ']',
  '(',
  ')',
  '[unbalanced',
  'unbalanced)',
  '((nested) [mixed)]',
  '(As delivered)',
  'Reset password',
  'Sign up for our newsletter',
  'Accept cookies',
  'Share this page',
  '# Heading',
  '## Part 2',
  'Later in that same depo:',
  '<!-- transcript-lint-disable-next-line -->',
  '<!-- transcript-lint-disable-line TR005 -->',
  '<!-- transcript-lint-disable-file label-variant -->',
  '<!-- transcript-lint-disable',
  'WEBVTT',
  'NOTE a caption note',
  '00:00:01.000 --> 00:00:04.000',
  '00:00:04,000 --> 00:00:02,000',
  '1',
  '12',
  '25',
  '  5  ',
  '99:99:99',
  '00:61',
  '1:2:3:4',
  '00:00:00',
  '\u00a0',
  ' ',
  '   ',
  '\t',
  '---',
  'title: x',
  'speakers: [Ada, Bob]',
];

const WORDS = ['the', 'harbour', 'budget', 'question', 'answer', 'Minister', 'yes', 'no', 'storm', 'twelve', 'million', 'Q', 'A', 'I', 'okay', 'so'];

const FRONT_MATTER: readonly string[] = [
  '---\ntitle: Press conference\nspeakers: [Elena Vasquez, Tomas Lind]\n---',
  '---\nguest: Ada\nhost: Bob\n---',
  '---\nparticipants:\n  - Ada Lovelace\n  - name: Bob\n---',
  '---\n: bad yaml [\n---',
  '---\ntitle: [unterminated',
  '---\n---',
  '---\nspeakers: 12\n...',
];

const words = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));

/** One line of a fragment soup: zero to three fragments, sometimes with stray characters. */
const soupLine: fc.Arbitrary<string> = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom(...LABELS) },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...LABELS), fc.constantFrom(' ', '  ', '\t', ''), fc.oneof(words, fc.constantFrom(...SPEECH))).map((p) => p.join('')) },
  { weight: 3, arbitrary: fc.constantFrom(...SPEECH) },
  { weight: 3, arbitrary: words },
  { weight: 1, arbitrary: fc.tuple(words, fc.constantFrom(...SPEECH), words).map((p) => p.join(' ')) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...LABELS), fc.string({ unit: fuzzChar, maxLength: 6 })).map((p) => p.join('')) },
  // A label with a typing slip: its colon written as another character, or lost.
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom(...LABELS.filter((l) => l.includes(':'))), fc.constantFrom(';', '.', '', ' :', '::', ','), words).map(([l, c, w]) => `${l.replace(':', c)} ${w}`),
  },
  { weight: 1, arbitrary: fc.string({ unit: fuzzChar, maxLength: 20 }) },
);

/** Joins lines with one kind of line break, or a random one per line. */
function joinLines(lines: readonly string[], breaks: readonly string[]): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) out += lines[i] + breaks[i % breaks.length];
  return out;
}

/** Line-break plans: all LF, all CRLF, all CR, or mixed; the last element decides the final break. */
const breakPlan: fc.Arbitrary<string[]> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<string[]>(['\n']) },
  { weight: 1, arbitrary: fc.constant<string[]>(['\r\n']) },
  { weight: 1, arbitrary: fc.constant<string[]>(['\r']) },
  { weight: 1, arbitrary: fc.array(BREAK, { minLength: 1, maxLength: 7 }) },
);

/** Optional wrapping: a byte-order mark, front matter, no final line break. */
const wrap = (body: fc.Arbitrary<string[]>): fc.Arbitrary<string> =>
  fc
    .record({
      bom: fc.constantFrom(false, false, false, true),
      front: fc.option(fc.constantFrom(...FRONT_MATTER), { freq: 4 }),
      lines: body,
      breaks: breakPlan,
      finalBreak: fc.boolean(),
    })
    .map(({ bom, front, lines, breaks, finalBreak }) => {
      const all = front ? [...front.split('\n'), ...lines] : lines;
      let text = joinLines(all, breaks);
      if (!finalBreak) text = text.replace(/(\r\n|\r|\n)$/, '');
      return (bom ? '\ufeff' : '') + text;
    });

/** Lines of transcript-like fragments in any order. */
export const soupText: fc.Arbitrary<string> = wrap(fc.array(soupLine, { maxLength: 40 }));

const NAMES = ['Elena Vasquez', 'Tomas Lind', 'Mark Rutte', 'Ada Lovelace', 'Bob Dylan', 'Jen Psaki', 'John Smith', 'Jane Doe'];

interface TurnSpec {
  who: number;
  ask: boolean;
  speech: string;
  extra: string;
}

/** A plausible transcript in one dialect, with a few questions among the turns. */
export const structuredText: fc.Arbitrary<string> = wrap(
  fc
  .record({
    dialect: fc.constantFrom(...DIALECTS),
    names: fc.shuffledSubarray(NAMES, { minLength: 1, maxLength: 4 }),
    preamble: fc.array(fc.constantFrom('Press conference', 'by the Minister for Coastal Affairs', '(As delivered)', 'Sign up for our newsletter', 'Reset password', '27 February 2020', ''), { maxLength: 5 }),
    turns: fc.array(
      fc.record({
        who: fc.nat(3),
        ask: fc.boolean(),
        speech: fc.oneof(words, fc.constantFrom(...SPEECH)),
        extra: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom(...SPEECH) }, { weight: 1, arbitrary: words }),
      }),
      { minLength: 1, maxLength: 25 },
    ),
  })
  .map(({ dialect, names, preamble, turns }) => render(dialect, names, preamble, turns)),
);

function render(dialect: DialectId, names: string[], preamble: string[], turns: TurnSpec[]): string[] {
  const out: string[] = [];
  const name = (t: TurnSpec) => names[t.who % names.length];
  const said = (t: TurnSpec) => (t.ask ? `${t.speech.replace(/[.?]*$/, '')}?` : t.speech);
  const upper = (t: TurnSpec) => `${t.ask ? 'Q' : `MR. ${name(t).split(' ').pop()!.toUpperCase()}`}`;
  const ts = (i: number) => `00:${String(Math.floor(i / 6)).padStart(2, '0')}:${String((i * 10) % 60).padStart(2, '0')}`;
  switch (dialect) {
    case 'block':
      out.push(...preamble, '');
      turns.forEach((t) => out.push(t.ask ? 'Question' : name(t), '', said(t), ...(t.extra ? ['', t.extra] : []), ''));
      break;
    case 'inline':
      out.push(...preamble);
      turns.forEach((t) => out.push(`${upper(t)}:  ${said(t)}`, ...(t.extra ? [t.extra] : [])));
      break;
    case 'deposition':
      out.push(...preamble, 'BY MS. DOE:');
      turns.forEach((t, i) => out.push(`${String((i % 25) + 1).padStart(2)}   ${t.ask ? 'Q.' : t.who === 3 ? 'MR. SMITH:' : 'A.'}  ${said(t)}`, ...(t.extra ? [t.extra] : [])));
      break;
    case 'timestamped':
      turns.forEach((t, i) => out.push(i % 2 ? `${name(t)} (${ts(i)}):` : `[${ts(i)}] ${name(t)}:`, said(t), ...(t.extra ? [t.extra] : []), ''));
      break;
    case 'chat':
      out.push('@Begin', '@Participants:\tCHI Target_Child, MOT Mother, INV Investigator');
      turns.forEach((t) => out.push(`*${['CHI', 'MOT', 'INV', 'FAT'][t.who]}:\t${said(t)}`, ...(t.extra ? [`%com:\t${t.extra}`] : [])));
      out.push('@End');
      break;
    case 'webvtt':
      out.push('WEBVTT', '');
      turns.forEach((t, i) => out.push(`${ts(i)}.000 --> ${ts(i + 1)}.000`, t.who === 3 ? `- ${said(t)}` : `<v ${name(t)}>${said(t)}`, ...(t.extra ? [t.extra] : []), ''));
      break;
  }
  return out;
}

/** Detection most of the time; a forced dialect (any of the six) for about a quarter of the cases. */
const forcedDialect: fc.Arbitrary<DialectId | null> = fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...DIALECTS) });

/** Generated text of every kind, sometimes parsed with a forced dialect. */
export const generatedInput: fc.Arbitrary<FuzzInput> = fc
  .record({
    text: fc.oneof({ weight: 2, arbitrary: rawText }, { weight: 3, arbitrary: soupText }, { weight: 3, arbitrary: structuredText }),
    dialect: forcedDialect,
  })
  .map(({ text, dialect }) => (dialect ? { text, dialect } : { text }));

// ---------------------------------------------------------------------------------------------
// Mutations of real transcripts

export interface CorpusFile {
  /** Path relative to the repository root (for messages). */
  name: string;
  text: string;
}

/**
 * The transcripts to mutate: every `*.txt` of the shared corpus and of `test/fixtures/heldout*`.
 * Throws when the shared corpus is missing (it sits beside the repository, `../shared/corpus`).
 */
export function corpusFiles(repoRoot: string, corpusDir: string): CorpusFile[] {
  if (!fs.existsSync(corpusDir) || !fs.statSync(corpusDir).isDirectory()) {
    throw new Error(`the shared corpus is missing: ${corpusDir} (expected ../shared/corpus beside the repository, or $TRANSCRIPT_CORPUS)`);
  }
  const dirs = [corpusDir, ...fs.readdirSync(path.join(repoRoot, 'test', 'fixtures')).filter((d) => d.startsWith('heldout')).map((d) => path.join(repoRoot, 'test', 'fixtures', d))];
  const out: CorpusFile[] = [];
  for (const d of dirs) {
    const txt = fs.readdirSync(d).filter((f) => f.endsWith('.txt')).sort();
    if (txt.length === 0) throw new Error(`no .txt transcripts in ${d}`);
    for (const f of txt) out.push({ name: path.relative(repoRoot, path.join(d, f)), text: fs.readFileSync(path.join(d, f), 'utf8') });
  }
  return out;
}

/** Control and invisible characters a mutation inserts. */
const CONTROL = [nul, '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\ufeff', '\u200b', '\u202e', '\u2028', '\ud800', '\udc00', '\ufffd', '\t'];

export type Mutation =
  | { op: 'delete'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; with: number }
  | { op: 'blank'; at: number }
  /** Split line `at` in two after `col` characters (clamped to the line): cuts labels at the start of lines. */
  | { op: 'cut'; at: number; col: number }
  /** Drop the end of line `at` after `col` characters. */
  | { op: 'truncate'; at: number; col: number }
  | { op: 'control'; at: number; col: number; char: string }
  /** Change the line break after line `at`. */
  | { op: 'break'; at: number; to: string }
  /** A typing slip: the first `:` of line `at` written as `to`. */
  | { op: 'slip'; at: number; to: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('swap' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ op: fc.constant('blank' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), col: fc.integer({ min: 1, max: 24 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat(), col: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ op: fc.constant('control' as const), at: fc.nat(), col: fc.integer({ min: 0, max: 40 }), char: fc.constantFrom(...CONTROL) }),
  fc.record({ op: fc.constant('break' as const), at: fc.nat(), to: fc.constantFrom('\n', '\r\n', '\r', '\r\r', '\n\n') }),
  fc.record({ op: fc.constant('slip' as const), at: fc.nat(), to: fc.constantFrom(';', '.', '', ' :', '::', ',') }),
);

export interface MutationSpec {
  file: number;
  ops: Mutation[];
  /** Every line break rewritten afterwards, or kept. */
  endings: 'keep' | 'crlf' | 'cr';
  bom: boolean;
  dialect?: DialectId;
}

/** Applies mutations to a text, line by line (each line keeps its own break). */
export function mutate(base: string, spec: Omit<MutationSpec, 'file'>): string {
  const parts = base.split(/(\r\n|\r|\n)/);
  const lines: string[] = [];
  const breaks: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    lines.push(parts[i]);
    breaks.push(parts[i + 1] ?? '');
  }
  for (const m of spec.ops) {
    if (lines.length === 0) {
      lines.push('');
      breaks.push('');
    }
    const at = m.at % lines.length;
    switch (m.op) {
      case 'delete':
        if (lines.length > 1) {
          lines.splice(at, 1);
          breaks.splice(at, 1);
        }
        break;
      case 'duplicate':
        lines.splice(at, 0, lines[at]);
        breaks.splice(at, 0, breaks[at] || '\n');
        break;
      case 'swap': {
        const j = m.with % lines.length;
        [lines[at], lines[j]] = [lines[j], lines[at]];
        break;
      }
      case 'blank':
        lines.splice(at, 0, '');
        breaks.splice(at, 0, '\n');
        break;
      case 'cut': {
        const s = lines[at];
        const c = Math.min(m.col, s.length);
        lines.splice(at, 1, s.slice(0, c), s.slice(c));
        breaks.splice(at, 0, '\n');
        break;
      }
      case 'truncate':
        lines[at] = lines[at].slice(0, m.col);
        break;
      case 'control': {
        const s = lines[at];
        const c = Math.min(m.col, s.length);
        lines[at] = s.slice(0, c) + m.char + s.slice(c);
        break;
      }
      case 'break':
        breaks[at] = m.to;
        break;
      case 'slip': {
        // The first line from `at` on that has a colon (labels are what has one).
        for (let k = 0; k < lines.length; k++) {
          const j = (at + k) % lines.length;
          const c = lines[j].indexOf(':');
          if (c < 0) continue;
          lines[j] = lines[j].slice(0, c) + m.to + lines[j].slice(c + 1);
          break;
        }
        break;
      }
    }
  }
  let text = '';
  for (let i = 0; i < lines.length; i++) text += lines[i] + (i + 1 < lines.length ? breaks[i] || '\n' : breaks[i]);
  if (spec.endings === 'crlf') text = text.replace(/\r\n|\r|\n/g, '\r\n');
  else if (spec.endings === 'cr') text = text.replace(/\r\n|\r|\n/g, '\r');
  if (spec.bom && !text.startsWith('\ufeff')) text = `\ufeff${text}`;
  return text;
}

/** The input a mutation spec stands for. */
export function mutatedInput(files: readonly CorpusFile[], spec: MutationSpec): FuzzInput {
  const f = files[spec.file % files.length];
  const text = mutate(f.text, spec);
  const origin = `${f.name} with ${JSON.stringify(spec.ops)}, endings ${spec.endings}${spec.bom ? ', BOM' : ''}`;
  const input: FuzzInput = spec.dialect ? { text, dialect: spec.dialect, origin } : { text, origin };
  // Counterexamples print the file and its mutations rather than a 60 kB text.
  return Object.assign(input, {
    [fc.toStringMethod]: () => `{ origin: ${JSON.stringify(origin)}${spec.dialect ? `, dialect: "${spec.dialect}"` : ''}, text: ${text.length} chars }`,
  });
}

/** Mutation specs over `files`: 1 to 6 mutations of one file. */
export function mutationSpec(files: readonly CorpusFile[]): fc.Arbitrary<MutationSpec> {
  return fc
    .record({
      file: fc.nat(files.length - 1),
      ops: fc.array(mutation, { minLength: 1, maxLength: 6 }),
      endings: fc.constantFrom('keep' as const, 'keep' as const, 'keep' as const, 'crlf' as const, 'cr' as const),
      bom: fc.boolean(),
      dialect: forcedDialect,
    })
    .map(({ dialect, ...rest }) => (dialect ? { ...rest, dialect } : rest));
}

/** Mutated transcripts, as inputs. */
export function mutatedCorpus(files: readonly CorpusFile[]): fc.Arbitrary<FuzzInput> {
  return mutationSpec(files).map((spec) => mutatedInput(files, spec));
}

/**
 * Fixed cases that make sure every file is covered whatever the random draw: each file as it is,
 * and each with one mutation of a kind that rotates over the files.
 */
export function corpusExamples(files: readonly CorpusFile[]): FuzzInput[] {
  const kinds: Mutation[] = [
    { op: 'cut', at: 7, col: 3 },
    { op: 'delete', at: 5 },
    { op: 'duplicate', at: 9 },
    { op: 'swap', at: 4, with: 11 },
    { op: 'control', at: 6, col: 2, char: nul },
    { op: 'break', at: 3, to: '\r' },
    { op: 'truncate', at: 8, col: 4 },
    { op: 'slip', at: 10, to: ';' },
  ];
  const out: FuzzInput[] = [];
  files.forEach((_, i) => {
    out.push(mutatedInput(files, { file: i, ops: [], endings: 'keep', bom: false }));
    out.push(mutatedInput(files, { file: i, ops: [kinds[i % kinds.length]], endings: i % 3 === 0 ? 'crlf' : 'keep', bom: i % 4 === 0 }));
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Big inputs, checked once each

/**
 * Large documents, each checked once: 1 MB lines (words, no spaces, unclosed parentheses,
 * unopened closers), thousands of labels and speakers, many empty lines.
 */
export function bigInputs(): { name: string; input: FuzzInput }[] {
  const MB = 1 << 20;
  const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);
  const qa: string[] = [];
  for (let i = 0; i < 2500; i++) qa.push(`Q.  Is item ${i} on the list?`, `A.  Yes, item ${i} is.`);
  const inline: string[] = [];
  for (let i = 0; i < 3000; i++) inline.push(`${i % 7 === 0 ? 'Q' : `SPEAKER NUMBER${i}`}:  Line ${i} of the briefing.`);
  const block: string[] = [];
  for (let i = 0; i < 2000; i++) block.push(i % 2 ? 'Question' : `Minister ${String.fromCharCode(65 + (i % 26))}${i} Lind`, '', i % 2 ? 'Why?' : 'Because.', '');
  return [
    { name: '1 MB speech line of words', input: { text: `Title\n\nMS. PSAKI:  ${fill('the harbour budget question ', MB)}\nQ  And?\n` } },
    { name: '1 MB line without spaces, CRLF', input: { text: `Q. ${'x'.repeat(MB)}\r\nA. no\r\n` } },
    { name: '1 MB line of unclosed parentheses', input: { text: `${'('.repeat(MB)}\n` } },
    { name: '1 MB run of spaces inside a line of speech', input: { text: `MS. PSAKI:  Good afternoon.\nQ  So${' '.repeat(MB)}why?\n` } },
    { name: '1 MB speech line of unopened closing brackets', input: { text: `MS. PSAKI:  ${fill(')]', MB)}\nQ  And?\n` } },
    { name: '5,000 Q./A. labels', input: { text: qa.join('\n') } },
    { name: '3,000 inline labels, 2,571 speakers, CRLF', input: { text: inline.join('\r\n') } },
    { name: '2,000 block labels', input: { text: block.join('\n') } },
    { name: '2,000 labels without speech', input: { text: 'Q:\n'.repeat(2_000) } },
    { name: '100,000 empty lines, CR only', input: { text: '\r'.repeat(100_000) } },
  ];
}

// ---------------------------------------------------------------------------------------------
// Memo: parse, lint and fixAll by (text, dialect)

interface Memo {
  model?: TranscriptModel;
  findings?: Finding[];
  fixed?: string;
}

const memo = new Map<string, Memo>();
let memoChars = 0;
/** Memo budget in UTF-16 units of keys; past it the memo starts again. */
const MEMO_LIMIT = 40_000_000;

function entry(input: FuzzInput): Memo {
  const key = `${input.dialect ?? ''}\u0000${input.text}`;
  let e = memo.get(key);
  if (!e) {
    if (memoChars + key.length > MEMO_LIMIT) {
      memo.clear();
      memoChars = 0;
    }
    e = {};
    memo.set(key, e);
    memoChars += key.length;
  }
  return e;
}

export function clearMemo(): void {
  memo.clear();
  memoChars = 0;
}

function parseOpts(input: FuzzInput) {
  return input.dialect ? { dialect: input.dialect } : {};
}

/** `parse(text)` (or with the forced dialect), memoised. */
export function modelOf(input: FuzzInput): TranscriptModel {
  const e = entry(input);
  return (e.model ??= parse(input.text, parseOpts(input)));
}

export function findingsOf(input: FuzzInput): Finding[] {
  const e = entry(input);
  return (e.findings ??= lint(input.text, modelOf(input)));
}

export function fixedOf(input: FuzzInput): string {
  const e = entry(input);
  return (e.fixed ??= fixAll(input.text, {}, undefined, parseOpts(input)).text);
}

// ---------------------------------------------------------------------------------------------
// Properties

/** A property over one input: throws an Error saying what broke, returns normally when it holds. */
export interface FuzzProperty {
  /** Short name, used in test titles and the report table. */
  name: string;
  /** The core function a failure points at. */
  subject: string;
  check(input: FuzzInput): void;
}

function fail(message: string): never {
  throw new Error(message);
}

/** `what` and a short excerpt of line `i`, for messages. */
function at(text: string, m: TranscriptModel, i: number): string {
  if (i < 0 || i >= m.lineCount) return `line ${i} (outside the ${m.lineCount} lines)`;
  const s = text.substr(m.lineStarts[i], Math.min(m.lineLengths[i], 80));
  return `line ${i} ${JSON.stringify(s)}`;
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n);

/** The line table a correct splitter gives (CR, LF and CRLF end a line; a final break starts none). */
function expectedLines(text: string): { starts: number[]; lengths: number[] } {
  const starts: number[] = [];
  const lengths: number[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    starts.push(start);
    lengths.push(m.index - start);
    start = m.index + m[0].length;
  }
  if (start < text.length || starts.length === 0) {
    starts.push(start);
    lengths.push(text.length - start);
  }
  return { starts, lengths };
}

function checkSpan(text: string, m: TranscriptModel, what: string, s: { line: number; start: number; end: number }): void {
  if (!isInt(s.line) || s.line < 0 || s.line >= m.lineCount) fail(`${what}: line ${s.line} outside the ${m.lineCount} lines`);
  const len = m.lineLengths[s.line];
  if (!isInt(s.start) || !isInt(s.end) || !(0 <= s.start && s.start <= s.end && s.end <= len)) {
    fail(`${what}: columns ${s.start}..${s.end} not ordered inside ${at(text, m, s.line)} (length ${len})`);
  }
}

function checkLineRange(m: TranscriptModel, what: string, startLine: number, endLine: number): void {
  if (!isInt(startLine) || !isInt(endLine) || !(0 <= startLine && startLine <= endLine && endLine < m.lineCount)) {
    fail(`${what}: lines ${startLine}..${endLine} not ordered inside the ${m.lineCount} lines`);
  }
}

function checkPos(m: TranscriptModel, what: string, p: Pos): void {
  if (!isInt(p.line) || !isInt(p.col) || p.line < 0 || p.line >= m.lineCount || p.col < 0 || p.col > m.lineLengths[p.line]) {
    fail(`${what}: position ${p.line}:${p.col} outside the document (${m.lineCount} lines, that line ${m.lineLengths[p.line] ?? '-'} long)`);
  }
}

const sp = (s: Span) => `${s.start.line}:${s.start.col}-${s.end.line}:${s.end.col}`;

/** The words (lower-case letters and digits) of a string. */
const wordsOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * The words of the turns, in order: each turn's speech without notes and without its label,
 * with the label's words in front when `withLabels`. Preamble and front matter are not speech.
 * Columns on line 0 count a byte-order mark, as the model documents.
 */
export function speechWords(text: string, m: TranscriptModel, withLabels = false): string[] {
  const out: string[] = [];
  const notesByLine = new Map<number, { start: number; end: number }[]>();
  for (const n of m.notes) {
    const xs = notesByLine.get(n.line) ?? [];
    xs.push(n);
    notesByLine.set(n.line, xs);
  }
  for (const t of m.turns) {
    if (withLabels && t.label) for (const w of wordsOf(t.label.text)) out.push(w);
    for (let i = t.startLine; i <= t.endLine && i < m.lineCount; i++) {
      let s = text.substr(m.lineStarts[i], m.lineLengths[i]);
      const blank = (a: number, b: number) => {
        s = s.slice(0, a) + ' '.repeat(Math.max(0, b - a)) + s.slice(b);
      };
      for (const n of notesByLine.get(i) ?? []) blank(n.start, n.end);
      if (t.label && i === t.label.line) {
        if (t.label.textStart < 0) continue;
        blank(0, t.label.textStart);
      }
      // One at a time: a 1 MB line has too many words to spread into push().
      for (const w of wordsOf(s)) out.push(w);
    }
  }
  return out;
}

/** The turns as the line-break-independent facts a parse should agree on. */
function turnFacts(m: TranscriptModel): string[] {
  return m.turns.map((t) =>
    JSON.stringify([
      t.startLine,
      t.endLine,
      t.kind,
      t.words,
      t.speaker >= 0 ? m.speakers[t.speaker]?.name : null,
      t.label && [t.label.line, t.label.start, t.label.end, t.label.text, t.label.form, t.label.textStart, t.label.timestamp ?? null],
    ]),
  );
}

function checkSymbols(text: string, m: TranscriptModel, symbols: readonly OutlineSymbol[], parent: OutlineSymbol | null): void {
  let prevEnd: Pos | null = null;
  for (const s of symbols) {
    const name = JSON.stringify(s.name);
    if (typeof s.name !== 'string' || s.name.trim() === '') fail(`a symbol has an empty name (range ${sp(s.range)})`);
    checkPos(m, `symbol ${name} range start`, s.range.start);
    checkPos(m, `symbol ${name} range end`, s.range.end);
    checkPos(m, `symbol ${name} selectionRange start`, s.selectionRange.start);
    checkPos(m, `symbol ${name} selectionRange end`, s.selectionRange.end);
    if (!spanContains(s.range, s.range)) fail(`symbol ${name}: range ${sp(s.range)} ends before it starts`);
    if (!spanContains(s.range, s.selectionRange)) fail(`symbol ${name}: selectionRange ${sp(s.selectionRange)} outside range ${sp(s.range)} at ${at(text, m, s.selectionRange.start.line)}`);
    if (parent && !spanContains(parent.range, s.range)) fail(`symbol ${name} ${sp(s.range)} outside its parent ${JSON.stringify(parent.name)} ${sp(parent.range)}`);
    if (prevEnd && (s.range.start.line < prevEnd.line || (s.range.start.line === prevEnd.line && s.range.start.col < prevEnd.col))) {
      fail(`symbol ${name} ${sp(s.range)} starts before its previous sibling ends (${prevEnd.line}:${prevEnd.col})`);
    }
    prevEnd = s.range.end;
    checkSymbols(text, m, s.children, s);
  }
}

export const PROPERTIES: readonly FuzzProperty[] = [
  {
    name: 'parse never throws',
    subject: 'parse',
    check(input) {
      modelOf(input);
    },
  },
  {
    name: 'line table matches the text',
    subject: 'parse (lines)',
    check(input) {
      const m = modelOf(input);
      const want = expectedLines(input.text);
      if (m.length !== input.text.length) fail(`length ${m.length}, text has ${input.text.length}`);
      if (m.lineCount !== want.starts.length) fail(`lineCount ${m.lineCount}, the text has ${want.starts.length} lines`);
      for (let i = 0; i < want.starts.length; i++) {
        if (m.lineStarts[i] !== want.starts[i] || m.lineLengths[i] !== want.lengths[i]) {
          fail(`line ${i}: start ${m.lineStarts[i]} length ${m.lineLengths[i]}, expected ${want.starts[i]} ${want.lengths[i]}`);
        }
      }
      if (m.bom !== input.text.startsWith('\ufeff')) fail(`bom is ${m.bom}`);
      if (input.dialect && m.dialect !== input.dialect) fail(`forced dialect ${input.dialect}, got ${m.dialect}`);
      if (!DIALECTS.includes(m.dialect)) fail(`unknown dialect ${m.dialect}`);
    },
  },
  {
    name: 'blocks contiguous, ordered, cover every line once',
    subject: 'parse (blocks)',
    check(input) {
      const m = modelOf(input);
      let next = 0;
      const turnBlocks = new Map<number, number>();
      m.blocks.forEach((b, i) => {
        if (b.startLine !== next) fail(`block ${i} (${b.kind}) starts at line ${b.startLine}, expected ${next}: blocks must be contiguous`);
        if (!(b.endLine >= b.startLine)) fail(`block ${i} (${b.kind}) ends at ${b.endLine} before it starts at ${b.startLine}`);
        next = b.endLine + 1;
        if (b.kind === 'turn') {
          const t = b.turn === undefined ? undefined : m.turns[b.turn];
          if (!t) fail(`turn block ${i} points at turn ${b.turn} of ${m.turns.length}`);
          if (turnBlocks.has(t.index)) fail(`turn ${t.index} has two blocks`);
          turnBlocks.set(t.index, i);
          if (t.startLine < b.startLine || t.endLine > b.endLine) fail(`turn ${t.index} (lines ${t.startLine}..${t.endLine}) outside its block ${b.startLine}..${b.endLine}`);
        }
      });
      if (next !== m.lineCount) fail(`blocks end at line ${next - 1}, the document has ${m.lineCount} lines`);
      for (const t of m.turns) if (!turnBlocks.has(t.index)) fail(`turn ${t.index} at ${at(input.text, m, t.startLine)} has no block`);
    },
  },
  {
    name: 'turn, label, note and other ranges inside the document',
    subject: 'parse (ranges)',
    check(input) {
      const m = modelOf(input);
      const { text } = input;
      let prevEnd = -1;
      m.turns.forEach((t, i) => {
        if (t.index !== i) fail(`turns[${i}].index is ${t.index}`);
        checkLineRange(m, `turn ${i}`, t.startLine, t.endLine);
        if (t.startLine <= prevEnd) fail(`turn ${i} starts at line ${t.startLine}, inside the turn before it (ends ${prevEnd})`);
        prevEnd = t.endLine;
        if (!isInt(t.words) || t.words < 0) fail(`turn ${i}: words ${t.words}`);
        if (t.label) {
          const l = t.label;
          checkSpan(text, m, `label of turn ${i} ${JSON.stringify(l.text)}`, l);
          if (l.line < t.startLine || l.line > t.endLine) fail(`label of turn ${i} on line ${l.line}, outside the turn ${t.startLine}..${t.endLine}`);
          if (!(l.textStart === -1 || (isInt(l.textStart) && l.textStart >= 0 && l.textStart <= m.lineLengths[l.line]))) {
            fail(`label of turn ${i}: textStart ${l.textStart} outside ${at(text, m, l.line)}`);
          }
        }
      });
      m.notes.forEach((n, i) => checkSpan(text, m, `note ${i} (${n.kind})`, n));
      m.problems.forEach((p, i) => checkSpan(text, m, `problem ${i} (${p.code})`, p));
      if (m.preamble) checkLineRange(m, 'preamble', m.preamble.startLine, m.preamble.endLine);
      if (m.frontMatter) checkLineRange(m, 'front matter', m.frontMatter.startLine, m.frontMatter.endLine);
      m.boilerplate.forEach((b, i) => checkLineRange(m, `boilerplate ${i}`, b.startLine, b.endLine));
    },
  },
  {
    name: 'pairs point at real question and answer turns',
    subject: 'parse (Q&A pairs)',
    check(input) {
      const m = modelOf(input);
      m.pairs.forEach((p, i) => {
        const q = m.turns[p.question];
        if (!q) fail(`pair ${i}: question ${p.question} is not a turn (${m.turns.length} turns)`);
        if (q.kind !== 'question') fail(`pair ${i}: turn ${p.question} is a ${q.kind}, not a question`);
        for (const a of p.answers) {
          const t = m.turns[a];
          if (!t) fail(`pair ${i}: answer ${a} is not a turn`);
          if (t.kind !== 'answer') fail(`pair ${i}: answer turn ${a} at ${at(input.text, m, t.startLine)} is a ${t.kind}`);
          if (a <= p.question) fail(`pair ${i}: answer ${a} comes before its question ${p.question}`);
        }
        checkLineRange(m, `pair ${i}`, p.startLine, p.endLine);
        if (typeof p.title !== 'string') fail(`pair ${i}: title is not a string`);
      });
    },
  },
  {
    name: 'speakers[].turns agree with turns[].speaker',
    subject: 'parse (speakers)',
    check(input) {
      const m = modelOf(input);
      const listed = m.speakers.map((s) => new Set(s.turns));
      for (const t of m.turns) {
        if (!isInt(t.speaker) || t.speaker < -1 || t.speaker >= m.speakers.length) fail(`turn ${t.index}: speaker ${t.speaker} of ${m.speakers.length}`);
        if (t.speaker >= 0 && !listed[t.speaker].has(t.index)) fail(`turn ${t.index} is by ${m.speakers[t.speaker].name} but not in their turns`);
      }
      m.speakers.forEach((s, i) => {
        for (const k of s.turns) {
          if (m.turns[k]?.speaker !== i) fail(`speaker ${i} (${s.name}) lists turn ${k}, whose speaker is ${m.turns[k]?.speaker}`);
        }
        if (listed[i].size !== s.turns.length) fail(`speaker ${i} (${s.name}) lists a turn twice`);
        if (typeof s.id !== 'string' || typeof s.name !== 'string') fail(`speaker ${i}: id or name not a string`);
      });
    },
  },
  {
    name: 'document symbols: selectionRange in range, children in parents',
    subject: 'features/symbols documentSymbols',
    check(input) {
      const m = modelOf(input);
      checkSymbols(input.text, m, documentSymbols(input.text, m), null);
      checkSymbols(input.text, m, documentSymbols(input.text, m, { sectionSize: 3 }), null);
    },
  },
  {
    name: 'folding ranges valid',
    subject: 'features/folding foldingRanges',
    check(input) {
      const m = modelOf(input);
      const folds = foldingRanges(input.text, m);
      folds.forEach((f, i) => {
        if (!isInt(f.startLine) || !isInt(f.endLine) || !(0 <= f.startLine && f.startLine < f.endLine && f.endLine < m.lineCount)) {
          fail(`fold ${i} (${f.what}) lines ${f.startLine}..${f.endLine} of ${m.lineCount}`);
        }
        if (i > 0 && f.startLine < folds[i - 1].startLine) fail(`fold ${i} is out of order`);
      });
    },
  },
  {
    name: 'semantic tokens inside lines, sorted, not overlapping',
    subject: 'features/semanticTokens semanticTokens',
    check(input) {
      const m = modelOf(input);
      const tokens = semanticTokens(input.text, m);
      tokens.forEach((t, i) => {
        checkSpan(input.text, m, `token ${i} (${t.type})`, { line: t.line, start: t.start, end: t.start + t.length });
        if (t.length <= 0) fail(`token ${i} (${t.type}) at ${t.line}:${t.start} has length ${t.length}`);
        const p = tokens[i - 1];
        if (p && (t.line < p.line || (t.line === p.line && t.start < p.start + p.length))) fail(`token ${i} at ${t.line}:${t.start} overlaps or precedes token ${i - 1} at ${p.line}:${p.start}+${p.length}`);
      });
      const back = decodeTokens(encodeTokens(tokens));
      if (JSON.stringify(back) !== JSON.stringify(tokens.map((t) => ({ line: t.line, start: t.start, length: t.length, type: t.type, modifiers: t.modifiers })))) {
        fail('decodeTokens(encodeTokens(tokens)) differs from tokens');
      }
    },
  },
  {
    name: 'lint never throws, findings inside the document',
    subject: 'lint',
    check(input) {
      const m = modelOf(input);
      for (const f of findingsOf(input)) {
        if (/failed on this document/.test(f.message)) fail(`rule ${f.code} threw: ${f.message}`);
        const what = `${f.code} finding at ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;
        checkPos(m, `${what} start`, { line: f.line, col: f.column });
        checkPos(m, `${what} end`, { line: f.endLine, col: f.endColumn });
        if (f.endLine < f.line || (f.endLine === f.line && f.endColumn < f.column)) fail(`${what}: ends before it starts`);
        if (!/^TR\d{3}$/.test(f.code) || !['error', 'warning', 'information', 'hint'].includes(f.severity) || !f.message) fail(`${what}: malformed (${f.severity}, ${JSON.stringify(f.message)})`);
      }
    },
  },
  {
    name: 'fix edits non-overlapping and inside the text',
    subject: 'lint (rule fixes)',
    check(input) {
      const n = input.text.length;
      for (const f of findingsOf(input)) {
        for (const fix of f.fixes) {
          const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
          if (edits.length === 0) fail(`${f.code} fix "${fix.title}" has no edits`);
          edits.forEach((e, i) => {
            if (!isInt(e.start) || !isInt(e.end) || !(0 <= e.start && e.start <= e.end && e.end <= n)) fail(`${f.code} fix "${fix.title}": edit ${e.start}..${e.end} outside the text (${n})`);
            if (typeof e.newText !== 'string') fail(`${f.code} fix "${fix.title}": newText is not a string`);
            if (i > 0 && e.start < edits[i - 1].end) fail(`${f.code} fix "${fix.title}": edits ${edits[i - 1].start}..${edits[i - 1].end} and ${e.start}..${e.end} overlap`);
          });
        }
      }
    },
  },
  {
    name: 'fix edits keep CRLF and surrogate pairs whole',
    subject: 'lint (rule fixes)',
    check(input) {
      const { text } = input;
      const splits = (o: number) =>
        o > 0 &&
        o < text.length &&
        ((text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10) || (/[\ud800-\udbff]/.test(text[o - 1]) && /[\udc00-\udfff]/.test(text[o])));
      for (const f of findingsOf(input)) {
        for (const fix of f.fixes) {
          for (const e of fix.edits) {
            for (const o of [e.start, e.end]) if (splits(o)) fail(`${f.code} fix "${fix.title}": edit ${e.start}..${e.end} splits ${JSON.stringify(text.slice(o - 1, o + 1))} at offset ${o}`);
          }
        }
      }
    },
  },
  {
    name: 'fixAll keeps every word of speech',
    subject: 'fixAll',
    check(input) {
      const before = speechWords(input.text, modelOf(input));
      const fixed = fixedOf(input);
      if (fixed === input.text) return;
      const after = speechWords(fixed, modelOf({ ...input, text: fixed }), true);
      let j = 0;
      for (let i = 0; i < before.length; i++) {
        while (j < after.length && after[j] !== before[i]) j++;
        if (j === after.length) fail(`fixAll lost the word of speech "${before[i]}" (word ${i + 1}, near "${before.slice(Math.max(0, i - 5), i + 5).join(' ')}")`);
        j++;
      }
    },
  },
  {
    name: 'fixAll idempotent',
    subject: 'fixAll',
    check(input) {
      const once = fixedOf(input);
      const twice = fixedOf({ ...input, text: once });
      if (twice !== once) {
        const i = [...once].findIndex((c, k) => c !== twice[k]);
        fail(`fixAll twice differs from once, first at offset ${i}: ${JSON.stringify(once.slice(Math.max(0, i - 30), i + 30))} -> ${JSON.stringify(twice.slice(Math.max(0, i - 30), i + 30))}`);
      }
    },
  },
  {
    name: 'LF, CRLF and CR give the same turns',
    subject: 'parse (line breaks)',
    check(input) {
      const lf = input.text.replace(/\r\n|\r/g, '\n');
      const variants: [string, string][] = [
        ['LF', lf],
        ['CRLF', lf.replace(/\n/g, '\r\n')],
        ['CR', lf.replace(/\n/g, '\r')],
        ['as given', input.text],
      ];
      const base = modelOf({ ...input, text: lf });
      const want = turnFacts(base);
      for (const [name, text] of variants.slice(1)) {
        const m = modelOf({ ...input, text });
        if (m.dialect !== base.dialect) fail(`${name}: dialect ${m.dialect}, LF gives ${base.dialect}`);
        const got = turnFacts(m);
        const k = want.findIndex((w, i) => w !== got[i]);
        if (k >= 0 || got.length !== want.length) {
          const i = k >= 0 ? k : Math.min(want.length, got.length);
          fail(`${name} gives other turns than LF (${got.length} vs ${want.length} turns); first difference, turn ${i}: ${got[i] ?? 'none'} vs LF ${want[i] ?? 'none'}`);
        }
      }
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Running

export interface PropertyResult {
  property: string;
  subject: string;
  /** Cases tried (random and fixed examples), until the first failure when one failed. */
  runs: number;
  /** Cases skipped because parse threw on them (reported by "parse never throws"). */
  skipped: number;
  failed: boolean;
  /** fast-check stopped early on its time limit. */
  interrupted: boolean;
  seed: number;
  /** The shrunk counterexample, when it failed. */
  counterexample?: FuzzInput;
  /** fast-check's report: seed, path, counterexample, error. */
  report?: string;
  error?: string;
  ms: number;
}

const PARSE_NEVER_THROWS = 'parse never throws';

function parses(input: FuzzInput): boolean {
  try {
    modelOf(input);
    return true;
  } catch {
    return false;
  }
}

export interface RunOptions {
  seed: number;
  numRuns: number;
  /** Stop after this long (the runs so far count); no limit when undefined. */
  timeLimitMs?: number;
  /** Fixed cases run before the random ones. */
  examples?: FuzzInput[];
}

/** Checks one property over an arbitrary with fast-check, shrinking any failure. */
export function runProperty(prop: FuzzProperty, arb: fc.Arbitrary<FuzzInput>, options: RunOptions): PropertyResult {
  const t0 = performance.now();
  const details = fc.check(
    fc.property(arb, (input) => {
      // An input that parse throws on is reported once, by "parse never throws"; the other
      // properties skip it so that they go on checking what they check.
      if (prop.name !== PARSE_NEVER_THROWS && !parses(input)) fc.pre(false);
      prop.check(input);
    }),
    {
      seed: options.seed,
      numRuns: options.numRuns,
      examples: (options.examples ?? []).map((e) => [e] as [FuzzInput]),
      plugins: options.timeLimitMs !== undefined ? [fc.interruptAfterTimeLimit(options.timeLimitMs)] : [],
    },
  );
  const ms = performance.now() - t0;
  const result: PropertyResult = {
    property: prop.name,
    subject: prop.subject,
    runs: details.numRuns,
    skipped: details.numSkips,
    failed: details.failed,
    interrupted: details.interrupted,
    seed: details.seed,
    ms,
  };
  if (details.failed) {
    result.report = fc.defaultReportMessage(details) ?? 'failed';
    const ce = details.counterexample as [FuzzInput] | null;
    if (ce) result.counterexample = ce[0];
    const err = details.errorInstance;
    result.error = err instanceof Error ? err.message : String(err);
  }
  return result;
}

/** A counterexample as a replayable snippet: the text as a JS string literal and the dialect. */
export function describeCounterexample(input: FuzzInput, maxChars = 2000): string {
  const t = input.text.length > maxChars ? `${JSON.stringify(input.text.slice(0, maxChars))} /* … ${input.text.length} chars in all */` : JSON.stringify(input.text);
  return [input.origin ? `origin: ${input.origin}` : '', `text: ${t}`, input.dialect ? `dialect: ${input.dialect}` : ''].filter(Boolean).join('\n');
}

/** True when `prop` fails on `input`. */
function fails(prop: FuzzProperty, input: FuzzInput): boolean {
  try {
    prop.check(input);
    return false;
  } catch {
    return true;
  }
}

/**
 * Shrinks a failing input further, by text: drops runs of lines (halving the run length down to
 * one line), then trims characters from the end and the start of each line, keeping each step
 * only while the property still fails. Meant for counterexamples that come from a corpus file,
 * where fast-check shrinks the mutations but not the file. Bounded by `budgetMs`.
 */
export function minimizeText(prop: FuzzProperty, input: FuzzInput, budgetMs = 20_000): FuzzInput {
  const deadline = performance.now() + budgetMs;
  const { origin: _origin, ...rest } = input;
  let best: FuzzInput = { ...rest, text: input.text };
  if (!fails(prop, best)) return input;
  const split = (t: string) => {
    const parts = t.split(/(\r\n|\r|\n)/);
    const out: string[] = [];
    for (let i = 0; i < parts.length; i += 2) out.push(parts[i] + (parts[i + 1] ?? ''));
    return out.filter((l, i, a) => l !== '' || i < a.length - 1);
  };
  const tryText = (t: string): boolean => {
    const cand = { ...best, text: t };
    if (t !== best.text && fails(prop, cand)) {
      best = cand;
      return true;
    }
    return false;
  };
  let changed = true;
  while (changed && performance.now() < deadline) {
    changed = false;
    let lines = split(best.text);
    for (let size = Math.max(1, lines.length >> 1); size >= 1 && performance.now() < deadline; size = size === 1 ? 0 : Math.max(1, size >> 1)) {
      for (let i = 0; i + size <= lines.length && performance.now() < deadline; ) {
        if (tryText([...lines.slice(0, i), ...lines.slice(i + size)].join(''))) {
          lines = split(best.text);
          changed = true;
        } else i += size;
      }
    }
    for (let i = 0; i < lines.length && performance.now() < deadline; i++) {
      const l = lines[i];
      const brk = /(\r\n|\r|\n)$/.exec(l)?.[0] ?? '';
      let body = l.slice(0, l.length - brk.length);
      for (let step = Math.max(1, body.length >> 1); step >= 1 && performance.now() < deadline; step = step === 1 ? 0 : step >> 1) {
        while (body.length >= step && performance.now() < deadline) {
          const cut = body.slice(0, body.length - step);
          const t = [...lines.slice(0, i), cut + brk, ...lines.slice(i + 1)].join('');
          if (!tryText(t)) break;
          body = cut;
          lines = split(best.text);
          changed = true;
        }
        while (body.length >= step && performance.now() < deadline) {
          const cut = body.slice(step);
          const t = [...lines.slice(0, i), cut + brk, ...lines.slice(i + 1)].join('');
          if (!tryText(t)) break;
          body = cut;
          lines = split(best.text);
          changed = true;
        }
      }
    }
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Long lines in linear time (long run only: it measures time)

/** Fragments that long lines repeat: brackets, colons, spaces, labels, timestamps, markup. */
const LONG_UNITS = ['(', ')', '[', ']', '\\[', '(a', 'a)', ' (', ': ', ':', ' ', '\t', '\u00a0', 'a ', 'ab', '**', '<v ', '>', '-', '- ', '>>', '#', '"', '.', '?', 'Q ', 'Q.', 'A: ', '00:', '(00:', '[00:0', '1 ', '<!--', '-->', '\ud800', 'É', 'MR. '];

/** One long line (16–128 KB) of one or two repeated fragments, inside a small transcript. */
export const longLineInput: fc.Arbitrary<FuzzInput> = fc
  .record({
    unit: fc.oneof(fc.constantFrom(...LONG_UNITS), fc.tuple(fc.constantFrom(...LONG_UNITS), fc.constantFrom(...LONG_UNITS)).map(([a, b]) => a + b)),
    kb: fc.integer({ min: 16, max: 128 }),
    where: fc.constantFrom('alone', 'speech', 'label'),
  })
  .map(({ unit, kb, where }) => {
    const line = unit.repeat(Math.ceil((kb * 1024) / unit.length)).slice(0, kb * 1024);
    const text = where === 'alone' ? `${line}\n` : where === 'speech' ? `MS. PSAKI:  Good afternoon.\nQ  ${line}\nMS. PSAKI:  No.\n` : `${line}:  Yes.\nQ  And?\n`;
    return { text, origin: `${JSON.stringify(unit)} repeated to ${kb} KB (${where})` };
  });

/** Parse, lint, fix-all and the editor features on an input take at most about 0.5 s + 25 ms per KB. */
export const LINEAR_TIME: FuzzProperty = {
  name: 'long lines: parse, lint, fixAll, features in linear time',
  subject: 'parse / lint / fixAll / features',
  check(input) {
    const budget = 500 + (25 * input.text.length) / 1024;
    const steps: [string, () => unknown][] = [
      ['parse', () => parse(input.text)],
      ['lint', () => lint(input.text)],
      ['fixAll', () => fixAll(input.text)],
      [
        'features',
        () => {
          const m = parse(input.text);
          documentSymbols(input.text, m);
          foldingRanges(input.text, m);
          semanticTokens(input.text, m);
        },
      ],
    ];
    for (const [name, run] of steps) {
      const t0 = performance.now();
      run();
      const ms = performance.now() - t0;
      if (ms > budget) fail(`${name} took ${Math.round(ms)} ms on ${Math.round(input.text.length / 1024)} KB (budget ${Math.round(budget)} ms)`);
    }
  },
};
