/**
 * Parser throughput against a trivial line-classification baseline, on a generated ~10 MB
 * block-dialect transcript (scripts/gen-transcript.ts, seeded, so every run parses the same text).
 *
 *   node --import tsx scripts/bench.ts [--mb 10] [--runs 5] [--seed 1]
 *   node --expose-gc --import tsx scripts/bench.ts     (GC is also enabled at run time when possible)
 *
 * One warm-up run each, then the median of `--runs` runs. MB = 10^6 bytes of UTF-8.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parse } from '../server/src/core/index.ts';
import { generateTranscriptDetailed } from './gen-transcript.ts';

interface Options {
  mb: number;
  runs: number;
  seed: number;
}

function options(argv: string[]): Options {
  const o: Options = { mb: 10, runs: 5, seed: 1 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = Number(inline ?? argv[i + 1]);
    if (inline === undefined && ['--mb', '--runs', '--seed'].includes(flag)) i++;
    if (flag === '--mb' && value > 0) o.mb = value;
    else if (flag === '--runs' && value >= 1) o.runs = Math.floor(value);
    else if (flag === '--seed' && Number.isFinite(value)) o.seed = value;
  }
  return o;
}

/** global.gc when exposed; otherwise enable it at run time (V8 flag + a fresh context). */
function getGc(): (() => void) | null {
  if (typeof globalThis.gc === 'function') {
    const gc = globalThis.gc;
    return () => gc();
  }
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    if (typeof gc === 'function') return () => (gc as () => void)();
  } catch {
    // not available
  }
  return null;
}

/**
 * The baseline: split into lines and classify each trivially (trimmed length, first char code,
 * ends with ':'). Returns a checksum so the work cannot be optimised away.
 */
function baseline(text: string): number {
  let blank = 0;
  let colon = 0;
  let upper = 0;
  let chars = 0;
  const n = text.length;
  let start = 0;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    const t = line.trim();
    if (t.length === 0) blank++;
    else {
      const c = t.charCodeAt(0);
      if (c >= 65 && c <= 90) upper++;
      if (t.endsWith(':')) colon++;
      chars += t.length;
    }
    start = end + 1;
  }
  return blank + 3 * colon + 7 * upper + chars;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const r = fn();
  return [performance.now() - t0, r];
}

const fmt = (x: number, d = 1): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const mb = (bytes: number): string => `${bytes < 0 ? '-' : '+'}${fmt(Math.abs(bytes) / 1e6)} MB`;

function main(): void {
  const o = options(process.argv.slice(2));
  const gc = getGc();

  const [genMs, doc] = time(() => generateTranscriptDetailed(Math.round(o.mb * 1e6), o.seed));
  const text = doc.text;
  const sizeMB = doc.bytes / 1e6;
  console.log(
    `Transcript benchmark — Node ${process.version}, ${fmt(sizeMB, 2)} MB UTF-8 (${text.length.toLocaleString('en-US')} UTF-16 units), ` +
      `${doc.lines.toLocaleString('en-US')} lines, ${doc.turns.toLocaleString('en-US')} turns; seed ${o.seed}, generated in ${fmt(genMs, 0)} ms`,
  );
  console.log(`1 warm-up run each, then median of ${o.runs}\n`);

  // Warm up once each.
  let sink = baseline(text);
  sink += parse(text).turns.length;

  const baseTimes: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    gc?.();
    const [ms, r] = time(() => baseline(text));
    sink += r;
    baseTimes.push(ms);
  }
  const parseTimes: number[] = [];
  for (let i = 0; i < o.runs; i++) {
    gc?.();
    const [ms, model] = time(() => parse(text));
    sink += model.turns.length;
    parseTimes.push(ms);
  }

  // Heap held by one model (text excluded: it is alive before and after).
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const model = parse(text);
  const afterParse = process.memoryUsage().heapUsed;
  gc?.();
  const retained = process.memoryUsage().heapUsed;

  const baseMs = median(baseTimes);
  const parseMs = median(parseTimes);
  const rows = [
    ['', 'median ms', 'MB/s', `runs (ms)`],
    ['baseline (split + classify)', fmt(baseMs), fmt(sizeMB / (baseMs / 1000)), baseTimes.map((t) => fmt(t)).join(' ')],
    ['parse()', fmt(parseMs), fmt(sizeMB / (parseMs / 1000)), parseTimes.map((t) => fmt(t)).join(' ')],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const [i, r] of rows.entries()) {
    console.log(r.map((c, j) => (j === 0 || j === 3 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('   ').trimEnd());
    if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('   '));
  }
  console.log(`\nratio parse/baseline: ${fmt(parseMs / baseMs, 2)}× the time`);
  if (gc) {
    console.log(
      `heap after parse: ${mb(retained - before)} retained by the model (${fmt((retained - before) / doc.bytes, 2)}× the text's UTF-8 size), ` +
        `${mb(afterParse - before)} before GC`,
    );
  } else {
    console.log(`heap after parse: ${mb(afterParse - before)} (no GC available: includes garbage; run with --expose-gc)`);
  }
  console.log(
    `model: dialect ${model.dialect}, ${model.lineCount.toLocaleString('en-US')} lines, ${model.turns.length.toLocaleString('en-US')} turns ` +
      `(generator wrote ${doc.turns.toLocaleString('en-US')}), ${model.speakers.length} speakers (${doc.speakers}), ` +
      `${model.pairs.length.toLocaleString('en-US')} pairs (${doc.pairs.toLocaleString('en-US')})`,
  );
  const predicted = new Set(model.turns.map((t) => t.startLine + 1));
  const missed = doc.turnLines.filter((l) => !predicted.has(l));
  const expected = new Set(doc.turnLines);
  const extra = [...predicted].filter((l) => !expected.has(l));
  if (missed.length || extra.length) {
    const show = (xs: number[]): string => xs.slice(0, 10).join(', ') + (xs.length > 10 ? ', …' : '');
    console.log(
      `turn starts vs generator: ${missed.length} missed${missed.length ? ` (lines ${show(missed)})` : ''}, ` +
        `${extra.length} extra${extra.length ? ` (lines ${show(extra)})` : ''}; reproduce with: node --import tsx scripts/gen-transcript.ts ${doc.bytes} ${o.seed}`,
    );
  }
  if (sink === -1) console.log(''); // keeps `sink` observable
}

main();
