/**
 * Property-based and fuzz tests of the core (issue 7), bounded for `npm test`:
 *
 * 1. generated text (raw strings with lone surrogates, NUL and control characters, CR, CRLF and
 *    mixed line breaks, byte-order marks; line soups of transcript fragments; structured
 *    transcripts of every dialect), some parsed with a forced dialect;
 * 2. mutations of every transcript in ../shared/corpus and test/fixtures/heldout*: lines
 *    deleted, duplicated, swapped, cut in the middle of a label, truncated, control characters
 *    inserted, line breaks changed;
 * 3. large documents checked once each (1 MB lines, thousands of labels), each in a child
 *    process with a time limit so that a quadratic path fails the test instead of hanging it;
 * 4. `transcript-lint --format json` on a few mutated files (needs `npm run build`);
 * 5. counterexamples found so far, kept as regression cases.
 *
 * The properties are in test/support/fuzz.ts. Deterministic: a fixed seed (printed; override with
 * FUZZ_SEED=n) and a fixed number of cases per property; the time limits are only a safety net.
 * A failure prints fast-check's shrunk counterexample and writes it to test-artifacts/fuzz/.
 * The long run is `npm run fuzz -- MINUTES` (test/fuzz-long.ts).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import fc from 'fast-check';
import { parse } from '../server/src/core/index.ts';
import { decode } from '../server/src/cli/read.ts';
import { defaultCorpusDir } from './support/gold.ts';
import {
  bigInputs,
  clearMemo,
  corpusExamples,
  corpusFiles,
  describeCounterexample,
  generatedInput,
  minimizeText,
  mutatedCorpus,
  mutationSpec,
  mutatedInput,
  PROPERTIES,
  runProperty,
  type CorpusFile,
  type FuzzInput,
  type PropertyResult,
} from './support/fuzz.ts';

const root = path.resolve(__dirname, '..');
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20251125;
/** Random cases per property on generated text. */
const GENERATED_RUNS = 1000;
/** Random cases per property on mutated transcripts (the fixed examples come on top). */
const CORPUS_RUNS = 250;
/** Safety net per property: stop (and say so) rather than let a slow machine time CI out. */
const PROPERTY_TIME_LIMIT_MS = 15_000;
/** A property that takes longer than this on a large input fails (linear code needs well under a second). */
const BIG_PROPERTY_LIMIT_MS = 5_000;
/** Mutated files run through the CLI. */
const CLI_SAMPLES = 6;

const results: { section: string; result: PropertyResult }[] = [];
const artifacts = path.join(root, 'test-artifacts', 'fuzz');

console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);

/** The message a failed property test shows: what broke, where it is, the shrunk input. */
function failureMessage(section: string, r: PropertyResult): string {
  let ce = r.counterexample;
  // A mutated corpus file shrinks by its mutations only: shrink the text itself too.
  if (ce?.origin) {
    const prop = PROPERTIES.find((p) => p.name === r.property)!;
    ce = minimizeText(prop, ce, 5_000);
  }
  const lines = [
    `${section}: "${r.property}" failed after ${r.runs} cases (seed ${r.seed}): ${r.error}`,
    `function: ${r.subject}`,
    ce ? `shrunk counterexample:\n${describeCounterexample(ce)}` : '',
    r.counterexample?.origin ? `(found as ${r.counterexample.origin})` : '',
  ];
  try {
    fs.mkdirSync(artifacts, { recursive: true });
    const file = path.join(artifacts, `${section}-${r.property.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.json`);
    fs.writeFileSync(file, `${JSON.stringify({ property: r.property, seed: r.seed, error: r.error, input: ce, report: r.report }, null, 2)}\n`);
    lines.push(`written to ${path.relative(root, file)}`);
  } catch {
    // Reporting only.
  }
  return lines.filter(Boolean).join('\n');
}

function propertyTests(section: string, arb: () => fc.Arbitrary<FuzzInput>, runs: number, examples: () => FuzzInput[] = () => []): void {
  for (const prop of PROPERTIES) {
    test(prop.name, (t) => {
      const ex = examples();
      const r = runProperty(prop, arb(), { seed: SEED, numRuns: ex.length + runs, examples: ex, timeLimitMs: PROPERTY_TIME_LIMIT_MS });
      results.push({ section, result: r });
      t.diagnostic(
        `${r.runs} cases in ${(r.ms / 1000).toFixed(1)} s${r.skipped ? ` (${r.skipped} more skipped: parse threw)` : ''}${r.interrupted ? ' (stopped at the time limit)' : ''}`,
      );
      if (r.failed) assert.fail(failureMessage(section, r));
    });
  }
}

describe('fuzz: generated text', () => {
  after(() => clearMemo());
  propertyTests('generated', () => generatedInput, GENERATED_RUNS);
});

describe('fuzz: mutated corpus and held-out transcripts', () => {
  let files: CorpusFile[] | null = null;
  let missing = '';
  try {
    files = corpusFiles(root, defaultCorpusDir(root));
  } catch (e) {
    missing = (e as Error).message;
  }
  after(() => clearMemo());
  if (!files) {
    test('the corpus is there', () => assert.fail(missing));
    return;
  }
  const corpus = files;
  test('the corpus is there', (t) => {
    assert.ok(corpus.length >= 20, `only ${corpus.length} transcripts`);
    t.diagnostic(`${corpus.length} transcripts, each as it is and with one mutation, then ${CORPUS_RUNS} random mutations per property`);
  });
  propertyTests('corpus', () => mutatedCorpus(corpus), CORPUS_RUNS, () => corpusExamples(corpus));
});

interface BigOutcome {
  done: { property: string; ms: number; error?: string }[];
  /** The property that ran past the limit, when one did. */
  timedOut?: string;
  ms: number;
}

/**
 * Runs the large inputs in one child process (test/support/fuzz-big.ts); when a property runs
 * past the limit, kills it and goes on from the next input in a new one.
 */
async function runBigInputs(count: number): Promise<Map<number, BigOutcome>> {
  const out = new Map<number, BigOutcome>();
  const script = path.join(root, 'test', 'support', 'fuzz-big.ts');
  let from = 0;
  while (from < count) {
    const child = spawn(process.execPath, ['--import', 'tsx', script, String(from)], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let input = -1;
    let property = '';
    let since = performance.now();
    let inputSince = since;
    let killed = false;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const o = JSON.parse(line) as { input?: number; start?: string; property?: string; ms?: number; error?: string };
      const now = performance.now();
      if (o.input !== undefined) {
        if (input >= 0) out.get(input)!.ms = now - inputSince;
        input = o.input;
        inputSince = now;
        out.set(input, { done: [], ms: 0 });
      } else if (o.start !== undefined) {
        property = o.start;
        since = now;
      } else if (o.property !== undefined) {
        out.get(input)!.done.push(o as { property: string; ms: number; error?: string });
      }
    });
    const watchdog = setInterval(() => {
      if (property && performance.now() - since > BIG_PROPERTY_LIMIT_MS) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 100);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearInterval(watchdog);
    if (input >= 0) out.get(input)!.ms = performance.now() - inputSince;
    if (killed && input >= 0) {
      out.get(input)!.timedOut = property;
      from = input + 1;
    } else {
      if (code !== 0) throw new Error(`fuzz-big exited ${code}: ${stderr}`);
      from = count;
    }
  }
  return out;
}

describe('fuzz: large documents, once each', () => {
  const bigs = bigInputs();
  let outcomes = new Map<number, BigOutcome>();
  before(async () => {
    outcomes = await runBigInputs(bigs.length);
  });
  for (const [i, big] of bigs.entries()) {
    test(big.name, (t) => {
      const o = outcomes.get(i);
      assert.ok(o, `${big.name}: not run`);
      const slow = o.done.filter((d) => d.ms > 500).map((d) => `${d.property} ${(d.ms / 1000).toFixed(1)} s`);
      t.diagnostic(`${o.done.length} properties in ${(o.ms / 1000).toFixed(1)} s${slow.length ? `; slowest: ${slow.join(', ')}` : ''}`);
      if (o.timedOut) {
        assert.fail(`${big.name}: "${o.timedOut}" did not finish within ${BIG_PROPERTY_LIMIT_MS / 1000} s (linear code needs well under a second); ${o.done.length} properties done before it`);
      }
      const failed = o.done.filter((d) => d.error !== undefined);
      assert.deepEqual(failed.map((d) => `${d.property}: ${d.error!.slice(0, 400)}`), [], `${big.name}: properties failed`);
      assert.equal(o.done.length, PROPERTIES.length);
    });
  }
});

describe('fuzz: transcript-lint --format json on mutated files', () => {
  const bin = path.join(root, 'bin', 'transcript-lint.js');
  test('exits 0 or 1 with valid JSON (2 with a message for a file that is not text)', (t) => {
    assert.ok(fs.existsSync(path.join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first (npm test does)');
    const files = corpusFiles(root, defaultCorpusDir(root));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-fuzz-'));
    try {
      const inputs: { name: string; bytes: Buffer }[] = fc
        .sample(mutationSpec(files), { seed: SEED, numRuns: CLI_SAMPLES })
        .map((spec, k) => ({ name: `mutated-${k}.txt`, bytes: Buffer.from(mutatedInput(files, spec).text, 'utf8') }));
      // Raw generated text written as WTF-8, so lone surrogates become invalid UTF-8 bytes.
      const raw = fc.sample(generatedInput, { seed: SEED, numRuns: 1 })[0].text;
      inputs.push({ name: 'generated-wtf8.txt', bytes: wtf8(`MS. PSAKI:  Good afternoon.\ud800\n${raw}\nQ  And?\udc00\n`) });
      for (const { name, bytes } of inputs) {
        const file = path.join(dir, name);
        fs.writeFileSync(file, bytes);
        const r = spawnSync(process.execPath, [bin, '--format', 'json', file], { cwd: dir, encoding: 'utf8', maxBuffer: 64 << 20 });
        if (r.error) throw r.error;
        const read = decode(bytes);
        if (!read.ok) {
          assert.equal(r.status, 2, `${name}: not text (${read.message}), expected exit 2, got ${r.status}`);
          assert.match(r.stderr, new RegExp(name.replace('.', '\\.')), `${name}: the message names the file`);
          continue;
        }
        assert.ok(r.status === 0 || r.status === 1, `${name}: exit ${r.status}\n${r.stderr}`);
        let doc: { files: { path: string; turns: { line: number; endLine: number }[]; diagnostics: unknown[] }[] };
        try {
          doc = JSON.parse(r.stdout);
        } catch (e) {
          assert.fail(`${name}: stdout is not JSON (${(e as Error).message}): ${r.stdout.slice(0, 200)}`);
        }
        assert.equal(doc.files.length, 1, `${name}: one file in the report`);
        const lines = parse(read.text).lineCount;
        for (const turn of doc.files[0].turns) assert.ok(turn.line >= 1 && turn.line <= turn.endLine && turn.endLine <= lines, `${name}: turn lines ${turn.line}..${turn.endLine} of ${lines}`);
        assert.ok(Array.isArray(doc.files[0].diagnostics));
      }
      t.diagnostic(`${inputs.length} files through the CLI`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** UTF-8 that writes a lone surrogate as its own three bytes (invalid UTF-8, as old tools write). */
function wtf8(s: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.codePointAt(i)!;
    if (c > 0xffff) i++;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Buffer.from(out);
}

/**
 * Counterexamples the fuzzer found, shrunk, kept so that they stay fixed. Each names the property
 * it broke; the test checks that property on the input.
 */
const REGRESSIONS: { title: string; property: string; input: FuzzInput }[] = [
  {
    title: 'parse: a label written with a semicolon (`Bill; R`) throws in segmentProse (prose.ts)',
    property: 'parse never throws',
    input: { text: 'Bill; R' },
  },
  {
    title: 'fixAll: a one-letter timestamped line of speech becomes an empty label once the label after it is deleted (TR004), and is deleted',
    property: 'fixAll keeps every word of speech',
    input: { text: '[00:00:25] Nadia Chen: So we went.\n[00:00:41] L\n[00:01:02] A\n[00:01:18] Lucia Park: Once.\n' },
  },
  {
    title: 'fixAll: a line of speech becomes an empty label once the empty label after it is deleted (TR003), and is deleted',
    property: 'fixAll keeps every word of speech',
    input: { text: 'n?\nI\nQues\n?\n' },
  },
  {
    title: 'fixAll: speech ("Question") becomes a label once the empty label after it (P1) is deleted, and the next pass deletes it',
    property: 'fixAll keeps every word of speech',
    input: { text: '**Natalie** [00:00:00] Good morning.\nQuestion\nP1:\nTHE WITNESS: Good morning.' },
  },
  {
    title: 'fixAll: not idempotent with more than 250 empty labels (10 passes of at most 25 verified fixes)',
    property: 'fixAll idempotent',
    input: { text: 'Q:\n'.repeat(251) },
  },
  {
    title: 'fixAll: a pass left a word of speech as an empty label (`D:` after `Q:`), which fix-all run again deleted',
    property: 'fixAll idempotent',
    input: { text: 'Q:\nD:\nRD:\nQ:\nA' },
  },
];

describe('fuzz: counterexamples found so far', () => {
  for (const r of REGRESSIONS) {
    test(r.title, () => {
      const prop = PROPERTIES.find((p) => p.name === r.property);
      assert.ok(prop, `no property "${r.property}"`);
      prop.check(r.input);
    });
  }
});

after(() => {
  if (results.length === 0) return;
  const w = Math.max(...PROPERTIES.map((p) => p.name.length));
  const rows = results.map(
    ({ section, result: r }) =>
      `  ${section.padEnd(9)} ${r.property.padEnd(w)} ${String(r.runs).padStart(5)} cases ${(r.ms / 1000).toFixed(1).padStart(5)} s  ${r.failed ? 'FAILED' : r.interrupted ? 'ok (time limit)' : 'ok'}${r.skipped ? ` (${r.skipped} skipped)` : ''}`,
  );
  console.log(`fuzz summary (seed ${SEED}):\n${rows.join('\n')}`);
});
