/**
 * The long fuzz run (issue 7): the properties of test/fuzz.test.ts, for as long as asked, with a
 * new seed for every batch, plus long lines that must be handled in linear time.
 *
 *   npm run fuzz -- [MINUTES] [--seed N] [--only TEXT]
 *
 * MINUTES (default 10, fractions allowed) is the wall-clock budget. --seed fixes the first seed
 * (batches use seed, seed+1, ...), --only runs the properties whose name contains TEXT. Needs the
 * shared corpus (../shared/corpus or $TRANSCRIPT_CORPUS) for the mutation part.
 *
 * Prints progress every minute and at the end a table: cases tried per property and input kind,
 * and each distinct failure with its shrunk counterexample (fast-check's shrinking, then a line
 * and character shrink for mutated corpus files) and the seed and path that replay it. Failures
 * are also written to test-artifacts/fuzz-long/. Exits 1 when anything failed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { defaultCorpusDir } from './support/gold.ts';
import {
  clearMemo,
  corpusFiles,
  describeCounterexample,
  generatedInput,
  LINEAR_TIME,
  longLineInput,
  minimizeText,
  mutatedCorpus,
  PROPERTIES,
  runProperty,
  type FuzzInput,
  type FuzzProperty,
} from './support/fuzz.ts';

const root = path.resolve(__dirname, '..');

function usage(msg: string): never {
  process.stderr.write(`fuzz-long: ${msg}\nusage: npm run fuzz -- [MINUTES] [--seed N] [--only TEXT]\n`);
  process.exit(2);
}

let minutes = 10;
let seed = Date.now() % 2_000_000_000;
let only = '';
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--seed') seed = Number(args[++i]);
  else if (a === '--only') only = args[++i] ?? '';
  else if (a === '--help' || a === '-h') usage('runs the fuzz properties for MINUTES');
  else if (/^\d+(\.\d+)?$/.test(a)) minutes = Number(a);
  else usage(`unknown argument ${a}`);
}
if (!Number.isFinite(seed)) usage('--seed needs a number');

let files;
try {
  files = corpusFiles(root, defaultCorpusDir(root));
} catch (e) {
  usage((e as Error).message);
}

interface Section {
  name: string;
  arb: fc.Arbitrary<FuzzInput>;
  /** Cases per batch: small enough that the deadline is met, large enough to amortise start-up. */
  batch: number;
  props: FuzzProperty[];
}

const pick = (ps: readonly FuzzProperty[]) => ps.filter((p) => p.name.includes(only));
const sections: Section[] = [
  { name: 'generated', arb: generatedInput, batch: 2000, props: pick(PROPERTIES) },
  { name: 'corpus', arb: mutatedCorpus(files), batch: 300, props: pick(PROPERTIES) },
  { name: 'long lines', arb: longLineInput, batch: 20, props: pick([LINEAR_TIME]) },
].filter((s) => s.props.length > 0);
if (sections.length === 0) usage(`no property matches --only ${JSON.stringify(only)}`);

interface Failure {
  section: string;
  property: string;
  subject: string;
  error: string;
  seed: number;
  replay: string;
  counterexample: string;
}

// Process warnings (the YAML library warns about odd front matter) are counted, not printed.
const warnings = new Map<string, number>();
process.removeAllListeners('warning');
process.on('warning', (w) => warnings.set(`${w.name}: ${w.message}`, (warnings.get(`${w.name}: ${w.message}`) ?? 0) + 1));

/** Distinct failures kept per property and input kind. */
const MAX_DISTINCT = 8;

const cases = new Map<string, number>();
const failures: Failure[] = [];
const signatures = new Set<string>();
const key = (s: string, p: string) => `${s}\u0000${p}`;
const outDir = path.join(root, 'test-artifacts', 'fuzz-long');

const start = Date.now();
const deadline = start + minutes * 60_000;
let nextProgress = start + 60_000;
let batchSeed = seed;
console.log(`fuzz-long: ${minutes} min, first seed ${seed}, ${files.length} transcripts to mutate${only ? `, properties matching ${JSON.stringify(only)}` : ''}`);

outer: while (Date.now() < deadline) {
  for (const section of sections) {
    for (const prop of section.props) {
      const left = deadline - Date.now();
      if (left <= 0) break outer;
      const r = runProperty(prop, section.arb, { seed: batchSeed, numRuns: section.batch, timeLimitMs: left });
      const k = key(section.name, prop.name);
      cases.set(k, (cases.get(k) ?? 0) + r.runs);
      if (r.failed) {
        // One report per distinct kind of failure (numbers and quoted text left out).
        // Long lines: one per repeated fragment, as each may be a path of its own.
        const what = section.name === 'long lines' ? (r.counterexample?.origin ?? '') : (r.error ?? '');
        const sig = `${k}\u0000${what.replace(/\d+/g, 'N').replace(/"[^"]*"/g, section.name === 'long lines' ? '$&' : '""')}`;
        const already = failures.filter((f) => f.section === section.name && f.property === prop.name).length;
        if (!signatures.has(sig) && already < MAX_DISTINCT) {
          signatures.add(sig);
          let ce = r.counterexample;
          if (ce?.origin && section.name === 'corpus') ce = minimizeText(prop, ce, 30_000);
          const f: Failure = {
            section: section.name,
            property: prop.name,
            subject: prop.subject,
            error: r.error ?? '',
            seed: r.seed,
            replay: (r.report ?? '').match(/seed: -?\d+, path: "[^"]*"/)?.[0] ?? `seed ${r.seed}`,
            counterexample: ce ? describeCounterexample(ce, section.name === 'long lines' ? 120 : 2000) : '(none)',
          };
          if (r.counterexample?.origin) f.counterexample += `\n(found as ${r.counterexample.origin})`;
          failures.push(f);
          console.log(`\nFAILED ${section.name} / ${prop.name} (${prop.subject}): ${f.error}\n${f.counterexample}\nreplay: ${f.replay}\n`);
          fs.mkdirSync(outDir, { recursive: true });
          fs.writeFileSync(path.join(outDir, `failure-${failures.length}.json`), `${JSON.stringify(f, null, 2)}\n`);
        }
      }
      batchSeed++;
      if (Date.now() >= nextProgress) {
        const total = [...cases.values()].reduce((a, b) => a + b, 0);
        console.log(`  ${Math.round((Date.now() - start) / 60_000)} min: ${total} cases, ${failures.length} distinct failures`);
        nextProgress += 60_000;
      }
    }
  }
  clearMemo();
}

const rows = sections.flatMap((s) =>
  s.props.map((p) => {
    const n = failures.filter((f) => f.section === s.name && f.property === p.name).length;
    return [s.name, p.name, String(cases.get(key(s.name, p.name)) ?? 0), String(n)];
  }),
);
const head = ['inputs', 'property', 'cases', 'failures'];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const fmt = (r: string[]) => `| ${r.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join(' | ')} |`;
console.log(`\nfuzz-long: ${((Date.now() - start) / 60_000).toFixed(1)} min, seeds ${seed}..${batchSeed - 1}`);
console.log([fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(fmt)].join('\n'));
if (warnings.size) {
  console.log(`\nprocess warnings while fuzzing (not printed as they came):`);
  for (const [w, n] of warnings) console.log(`  ${n} × ${w}`);
}
if (failures.length) {
  console.log(`\n${failures.length} distinct failures (also in ${path.relative(root, outDir)}/):`);
  failures.forEach((f, i) => console.log(`\n${i + 1}. ${f.section} / ${f.property} — ${f.subject}\n   ${f.error}\n   ${f.counterexample.replace(/\n/g, '\n   ')}\n   replay: ${f.replay}`));
  process.exitCode = 1;
} else {
  console.log('\nno failures');
}
