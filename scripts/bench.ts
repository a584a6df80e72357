/**
 * Full-analysis throughput and heap against a bare line-split-and-classify baseline, measured in
 * the same run over the same text (issue 6). Generated block-dialect transcripts of 1, 10 and
 * 50 MB (scripts/gen-transcript.ts, seeded: every run analyses the same text).
 *
 *   npm run bench                                   (= node --import tsx scripts/bench.ts)
 *   node --import tsx scripts/bench.ts [--sizes 1,10,50] [--runs 9,5,2] [--seed 1] [--json FILE]
 *   node --import tsx scripts/bench.ts --mb 10 --runs 5          (one size, as before)
 *   node --import tsx scripts/bench.ts --profile 10 [--runs 3]   (CPU profile of parse + lint, 10 MB)
 *
 * The script re-executes itself with `--expose-gc` when started without it: every timed run starts
 * after a full GC, and the retained heap is read after one.
 *
 * What is measured, per size:
 *   baseline       `baselineLoop` below: split at '\n' (dropping a trailing '\r'), then per line one
 *                  blank test (/^\s*$/), one inline-label regex (/^\s*([A-Z][\w.'’ -]{0,40}):\s/),
 *                  and for a line after a blank line one label-alone regex
 *                  (/^\s*[A-Z][\w,'’ -]{0,60}\s*$/); counts per class plus characters as checksum.
 *   parse          parse(text)
 *   lint           lint(text, model)              (default severities, as the server without settings)
 *   symbols        documentSymbols(text, model, { maxItems: 5000 })   (as the server answers VS Code:
 *                  transcript.outline.maxItems defaults to 5,000)
 *   folding        foldingRanges(text, model, 5000)   (VS Code asks for at most 5,000: rangeLimit)
 *   tokens         encodeTokens(semanticTokens(text, model))   (what the server sends)
 *   full analysis  the sum of the five stages, per run
 * Wall time is the headline; process CPU time (user + system, all threads) is shown beside it
 * because it moves less when other processes share the machine.
 * Each run: GC, baseline ×3 (each sample kept), then the five stages, each after a GC (GC time is
 * outside the timers). Runs alternate baseline and analysis so load on the machine hits both.
 * Three warm-up runs on another 1 MB text precede everything. Reported: median of the runs; MB = 10^6 UTF-8 bytes.
 *
 * Heap (last run of each size): heapUsed after GC with the model and lint findings alive, after
 * dropping the findings, and after dropping the model too; the differences are the bytes the model
 * and the findings retain, divided by the document's UTF-8 size.
 * The text itself (a V8 string of 1 or 2 bytes per UTF-16 unit) is reported beside it: a server
 * holds the text as well as the model.
 *
 * The core runs from source under tsx, not from the esbuild bundle the server ships; tsx keeps
 * function names with a `__name` helper, which the --profile output shows at a few per cent of
 * parse + lint (TR012's closures). Server-side figures: scripts/bench-lsp.ts.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { findSourceMap } from 'node:module';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { lint, parse, PieceText, type TranscriptModel } from '../server/src/core/index.ts';
import { lintCounts, lintUpdate } from '../server/src/core/lint.ts';
import { parseState, type ParseState } from '../server/src/core/parse.ts';
import { lastUpdate, updateParse, type UpdatedState } from '../server/src/core/incremental.ts';
import { DEFAULT_OUTLINE_MAX_ITEMS, documentSymbols, encodeTokens, foldingRanges, semanticTokens } from '../server/src/core/features/index.ts';

/** The folding ranges VS Code asks for at most (`editor.foldingMaximumRegions`, sent as `rangeLimit`). */
const VSCODE_FOLDING_LIMIT = 5000;
import { generateTranscriptDetailed, type GeneratedTranscript } from './gen-transcript.ts';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  sizes: number[];
  /** Runs per size (the last value repeats). */
  runs: number[];
  seed: number;
  json: string | null;
  /** Profile parse + lint at this size instead of benchmarking. */
  profile: number | null;
}

const DEFAULT_SIZES = [1, 10, 50];
const DEFAULT_RUNS = [9, 5, 2];

function usage(message: string): never {
  console.error(`bench: ${message}\nusage: node --import tsx scripts/bench.ts [--sizes 1,10,50] [--runs 9,5,2] [--seed 1] [--json FILE] [--profile MB]`);
  process.exit(2);
}

function numbers(flag: string, value: string | undefined): number[] {
  const xs = (value ?? '').split(',').map(Number);
  if (!value || xs.some((x) => !Number.isFinite(x) || x <= 0)) usage(`${flag} takes positive numbers separated by commas`);
  return xs;
}

function options(argv: string[]): Options {
  const o: Options = { sizes: DEFAULT_SIZES, runs: DEFAULT_RUNS, seed: 1, json: null, profile: null };
  let runsGiven = false;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split('=', 2) : [argv[i], undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--sizes' || flag === '--mb') o.sizes = numbers(flag, value());
    else if (flag === '--runs') {
      o.runs = numbers(flag, value()).map((x) => Math.max(1, Math.floor(x)));
      runsGiven = true;
    } else if (flag === '--seed') o.seed = numbers(flag, value())[0];
    else if (flag === '--json') o.json = value() ?? usage('--json takes a file name');
    else if (flag === '--profile') o.profile = numbers(flag, value())[0];
    else usage(`unknown argument ${argv[i]}`);
  }
  // Explicit sizes without explicit runs: 9 runs up to 1 MB, 5 up to 10 MB, 2 above.
  if (!runsGiven && o.profile !== null) o.runs = [1];
  else if (!runsGiven && o.sizes !== DEFAULT_SIZES) o.runs = o.sizes.map((s) => (s <= 1 ? 9 : s <= 10 ? 5 : 2));
  return o;
}

// ---------------------------------------------------------------------------------------------
// GC: re-execute with --expose-gc when it is missing

function requireGc(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (typeof gc === 'function') return () => gc();
  if (process.env.TRANSCRIPT_BENCH_REEXEC) {
    console.error('bench: global.gc is still missing after re-executing with --expose-gc');
    process.exit(2);
  }
  const r = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, TRANSCRIPT_BENCH_REEXEC: '1' },
  });
  process.exit(r.status ?? 1);
}

// ---------------------------------------------------------------------------------------------
// The baseline

const BLANK = /^\s*$/;
/** `MS. PSAKI: Good afternoon.`, `Question: …` — the naive inline speaker label. */
const INLINE_LABEL = /^\s*([A-Z][\w.'’ -]{0,40}):\s/;
/** `NATO Secretary General Anna Lindqvist` alone on its line — the naive block label. */
const LABEL_ALONE = /^\s*[A-Z][\w,'’ -]{0,60}\s*$/;

interface BaselineCounts {
  blank: number;
  inline: number;
  alone: number;
  other: number;
  chars: number;
}

/**
 * The baseline: the cheapest loop that still looks at every line the way a naive transcript tool
 * would. Split at '\n' (a '\r' before it is dropped), then classify each line: blank (/^\s*$/),
 * else an inline label (INLINE_LABEL), else — only right after a blank line — a label alone on its
 * line (LABEL_ALONE), else other. No model is built; only counts are kept.
 */
function baselineLoop(text: string): BaselineCounts {
  const c: BaselineCounts = { blank: 0, inline: 0, alone: 0, other: 0, chars: 0 };
  const n = text.length;
  let start = 0;
  let prevBlank = true;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const line = text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end);
    if (BLANK.test(line)) {
      c.blank++;
      prevBlank = true;
    } else {
      if (INLINE_LABEL.test(line)) c.inline++;
      else if (prevBlank && LABEL_ALONE.test(line)) c.alone++;
      else c.other++;
      c.chars += line.length;
      prevBlank = false;
    }
    start = end + 1;
  }
  return c;
}

const checksum = (c: BaselineCounts): number => c.blank + 3 * c.inline + 5 * c.alone + 7 * c.other + c.chars;

// ---------------------------------------------------------------------------------------------
// Helpers

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Wall ms, the result, and the process's CPU ms (user + system, all threads) over the call. */
function time<T>(fn: () => T): [number, T, number] {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = fn();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return [ms, r, (c.user + c.system) / 1000];
}

const fmt = (x: number, d = 1): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const int = (x: number): string => x.toLocaleString('en-US');

/** A text table: first column left-aligned, the others right-aligned unless listed in `left`. */
function table(rows: string[][], indent = '  ', left: number[] = [0]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const out: string[] = [];
  for (const [k, r] of rows.entries()) {
    out.push(indent + r.map((c, j) => (left.includes(j) ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('   ').trimEnd());
    if (k === 0) out.push(indent + widths.map((w) => '-'.repeat(w)).join('   '));
  }
  return out.join('\n');
}

/** Bytes a V8 string of this text occupies: 1 per UTF-16 unit when all are Latin-1, else 2. */
function v8StringBytes(text: string): number {
  // eslint-disable-next-line no-control-regex
  return /[^\u0000-\u00ff]/.test(text) ? 2 * text.length : text.length;
}

// ---------------------------------------------------------------------------------------------
// The benchmark

const STAGES = ['parse', 'lint', 'symbols', 'folding', 'tokens'] as const;
type Stage = (typeof STAGES)[number];

interface SizeResult {
  targetMB: number;
  bytes: number;
  utf16: number;
  lines: number;
  runs: number;
  baselineMs: number[];
  stageMs: Record<Stage, number[]>;
  totalMs: number[];
  /** The same, in process CPU ms (less sensitive to other load on the machine). */
  baselineCpu: number[];
  stageCpu: Record<Stage, number[]>;
  totalCpu: number[];
  /** heapUsed retained after GC, bytes. */
  heap: { text: number; model: number; modelAndFindings: number };
  /** One-character edits: incremental update, lint, the edit of the piece store, and the copy a single string would cost (ms each). */
  edits: { update: number[]; lint: number[]; pieces: number[]; copy: number[]; incremental: number; reused: number };
  counts: { turns: number; speakers: number; pairs: number; findings: number; symbols: number; folds: number; tokens: number };
  gen: { turns: number; speakers: number; pairs: number; missed: number; extra: number; lines: number[] };
  baselineCounts: BaselineCounts;
}

interface Analysis {
  ms: Record<Stage, number>;
  cpu: Record<Stage, number>;
  counts: SizeResult['counts'];
  gen: SizeResult['gen'];
  /** Bytes retained after GC: the model alone, and the lint findings on top of it. */
  heapModel: number;
  heapFindings: number;
}

/** heapUsed after two full collections (the second picks up what the first's finalizers freed). */
function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

interface Held {
  /** The parse state (model plus what an incremental update reuses): what the server keeps. */
  model: ParseState | null;
  findings: ReturnType<typeof lint> | null;
}

/** The five stages, each after a GC (outside the timers); leaves the model and findings in `held`. */
function runStages(text: string, doc: GeneratedTranscript | null, gc: () => void, held: Held): Omit<Analysis, 'heapModel' | 'heapFindings'> {
  gc();
  const [parseMs, state, parseCpu] = time(() => parseState(text));
  const model: TranscriptModel = state.model;
  gc();
  const [lintMs, findings, lintCpu] = time(() => lint(text, model));
  gc();
  const [symbolsMs, symbols, symbolsCpu] = time(() => documentSymbols(text, model, { maxItems: DEFAULT_OUTLINE_MAX_ITEMS }).length);
  gc();
  const [foldingMs, folds, foldingCpu] = time(() => foldingRanges(text, model, VSCODE_FOLDING_LIMIT).length);
  gc();
  const [tokensMs, tokens, tokensCpu] = time(() => encodeTokens(semanticTokens(text, model)).length / 5);
  held.model = state;
  held.findings = findings;

  const predicted = new Set(model.turns.map((t) => t.startLine + 1));
  const expected = new Set(doc?.turnLines ?? []);
  const missed = (doc?.turnLines ?? []).filter((l) => !predicted.has(l));
  const extra = doc ? [...predicted].filter((l) => !expected.has(l)) : [];
  return {
    ms: { parse: parseMs, lint: lintMs, symbols: symbolsMs, folding: foldingMs, tokens: tokensMs },
    cpu: { parse: parseCpu, lint: lintCpu, symbols: symbolsCpu, folding: foldingCpu, tokens: tokensCpu },
    counts: { turns: model.turns.length, speakers: model.speakers.length, pairs: model.pairs.length, findings: findings.length, symbols, folds, tokens },
    gen: {
      turns: doc?.turns ?? 0,
      speakers: doc?.speakers ?? 0,
      pairs: doc?.pairs ?? 0,
      missed: missed.length,
      extra: extra.length,
      lines: [...missed, ...extra].sort((x, y) => x - y).slice(0, 10),
    },
  };
}

/**
 * One full analysis, then the retained heap: readings with the model and findings alive, after
 * dropping the findings, and after dropping the model too. Differences of readings taken after
 * the work is done, so code compiled meanwhile counts in none of them.
 */
function analyse(text: string, doc: GeneratedTranscript | null, gc: () => void): Analysis {
  const held: Held = { model: null, findings: null };
  const r = runStages(text, doc, gc, held);
  const both = heapAfterGc(gc);
  held.findings = null;
  const modelOnly = heapAfterGc(gc);
  held.model = null;
  const none = heapAfterGc(gc);
  return { ...r, heapModel: modelOnly - none, heapFindings: both - modelOnly };
}

/**
 * What a one-character edit costs the core, as the server pays it: the text is a `PieceText` (as
 * the server keeps open documents), the previous parse state is updated incrementally
 * (core/incremental.ts) and the new model linted with the previous run's memo (`lintUpdate`: the
 * findings of label-only rules are reused when the edit kept every label; other rules reuse
 * per-turn work of the turns the update kept). `pieces`: the edit of the piece store; `copy`: what
 * building and flattening a new single string would cost instead (outside the other timers).
 */
function benchEdits(
  text0: string,
  edits: number,
  gc: () => void,
): { update: number[]; lint: number[]; pieces: number[]; copy: number[]; incremental: number; reused: number } {
  let flat = text0;
  let text = PieceText.of(text0);
  let state: UpdatedState = parseState(text0);
  let memo = lintUpdate(text, state.model).memo;
  const update: number[] = [];
  const lintMs: number[] = [];
  const pieces: number[] = [];
  const copy: number[] = [];
  let incremental = 0;
  const reused0 = lintCounts.reused;
  for (let k = 1; k <= edits; k++) {
    // A letter typed in the middle of a line of speech, at points spread over the document.
    let at = Math.floor((flat.length * k) / (edits + 1));
    at = flat.indexOf(' ', at);
    if (at < 0) at = flat.length;
    gc();
    const t0 = performance.now();
    const next = flat.slice(0, at) + 'x' + flat.slice(at);
    next.charCodeAt(at); // flattens the new string
    copy.push(performance.now() - t0);
    const [pms, p] = time(() => text.edit(at, at, 'x'));
    pieces.push(pms);
    const [ms, s] = time(() => updateParse(state, p, { start: at, oldEnd: at, newEnd: at + 1 }));
    if (lastUpdate.incremental) incremental++;
    update.push(ms);
    state = s;
    text = p;
    flat = next;
    const [lms, linted] = time(() => lintUpdate(text, state.model, {}, state.delta ? { memo, delta: state.delta } : undefined));
    lintMs.push(lms);
    memo = linted.memo;
  }
  return { update, lint: lintMs, pieces, copy, incremental, reused: lintCounts.reused - reused0 };
}

function benchSize(doc: GeneratedTranscript, targetMB: number, runs: number, gc: () => void): SizeResult {
  const text = doc.text;
  const baselineMs: number[] = [];
  const stageMs = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const totalMs: number[] = [];
  const baselineCpu: number[] = [];
  const stageCpu = Object.fromEntries(STAGES.map((s) => [s, [] as number[]])) as Record<Stage, number[]>;
  const totalCpu: number[] = [];
  let baselineCounts = baselineLoop(text);
  let sink = 0;
  let last: Analysis | null = null;
  for (let r = 0; r < runs; r++) {
    gc();
    for (let k = 0; k < 3; k++) {
      const [ms, counts, cpu] = time(() => baselineLoop(text));
      baselineMs.push(ms);
      baselineCpu.push(cpu);
      sink += checksum(counts);
      baselineCounts = counts;
    }
    const a = analyse(text, doc, gc);
    for (const s of STAGES) stageMs[s].push(a.ms[s]);
    totalMs.push(STAGES.reduce((sum, s) => sum + a.ms[s], 0));
    for (const s of STAGES) stageCpu[s].push(a.cpu[s]);
    totalCpu.push(STAGES.reduce((sum, s) => sum + a.cpu[s], 0));
    last = a;
  }
  if (sink === -1) console.log('');
  const a = last!;
  const edits = benchEdits(text, EDITS, gc);
  return {
    targetMB,
    bytes: doc.bytes,
    utf16: text.length,
    lines: doc.lines,
    runs,
    baselineMs,
    stageMs,
    totalMs,
    baselineCpu,
    stageCpu,
    totalCpu,
    heap: { text: v8StringBytes(text), model: a.heapModel, modelAndFindings: a.heapModel + a.heapFindings },
    counts: a.counts,
    gen: a.gen,
    baselineCounts,
    edits,
  };
}

/** One-character edits timed per size. */
const EDITS = 9;

function report(results: SizeResult[], o: Options, command: string, wallS: number): void {
  const mbOf = (r: SizeResult): number => r.bytes / 1e6;
  const mbs = (r: SizeResult, ms: number): string => fmt(mbOf(r) / (ms / 1000), mbOf(r) / (ms / 1000) >= 100 ? 0 : 1);

  for (const r of results) {
    const base = median(r.baselineMs);
    console.log(
      `\n${fmt(mbOf(r), 2)} MB — ${int(r.utf16)} UTF-16 units, ${int(r.lines)} lines, ${int(r.counts.turns)} turns, ` +
        `${int(r.counts.pairs)} pairs, ${int(r.counts.findings)} findings; median of ${r.runs} run${r.runs > 1 ? 's' : ''} ` +
        `(baseline: median of ${r.baselineMs.length} samples)`,
    );
    const baseCpu = median(r.baselineCpu);
    const rows = [['stage', 'median ms', 'MB/s', '× baseline', 'CPU ms', 'CPU × baseline', 'runs (ms)']];
    const row = (name: string, xs: number[], cs: number[]): string[] => {
      const ms = median(xs);
      const cpu = median(cs);
      const x = (v: number): string => fmt(v, v >= 100 ? 0 : 1);
      return [name, fmt(ms), mbs(r, ms), x(ms / base), fmt(cpu), x(cpu / baseCpu), xs.map((t) => fmt(t, t >= 100 ? 0 : 1)).join(' ')];
    };
    rows.push(row('baseline loop', r.baselineMs, r.baselineCpu));
    for (const s of STAGES) rows.push(row(s, r.stageMs[s], r.stageCpu[s]));
    rows.push(row('full analysis', r.totalMs, r.totalCpu));
    console.log(table(rows, '  ', [0, 6]));
  }

  console.log('\nSummary (medians; full analysis = parse + lint + symbols + folding + tokens)');
  const rows = [['size', 'baseline ms', 'MB/s', 'full ms', 'MB/s', 'full ÷ baseline', '(CPU)', 'parse ÷ baseline', 'model heap ÷ size', '+ findings', '+ text']];
  for (const r of results) {
    const base = median(r.baselineMs);
    const full = median(r.totalMs);
    const parseMs = median(r.stageMs.parse);
    rows.push([
      `${fmt(mbOf(r), 2)} MB`,
      fmt(base),
      mbs(r, base),
      fmt(full),
      mbs(r, full),
      `${fmt(full / base, 0)}×`,
      `${fmt(median(r.totalCpu) / median(r.baselineCpu), 0)}×`,
      `${fmt(parseMs / base, 0)}×`,
      `${fmt(r.heap.model / r.bytes, 2)}×`,
      `${fmt(r.heap.modelAndFindings / r.bytes, 2)}×`,
      `${fmt((r.heap.modelAndFindings + r.heap.text) / r.bytes, 2)}×`,
    ]);
  }
  console.log(table(rows));
  console.log('  (CPU): the same ratio in process CPU time (user + system, all threads, so GC helper threads count), less sensitive to other load');
  console.log(
    '  heap: heapUsed after GC with the parse state (model + per-line analysis + segmenter statistics, what an incremental update reuses) alive minus with it dropped (the text alive in both), ÷ UTF-8 size; "+ findings" adds the lint\n' +
      '  findings (the server caches both); "+ text" adds the text as a V8 string (' +
      results.map((r) => `${fmt(r.heap.text / r.bytes, 2)}× at ${fmt(mbOf(r), 0)} MB`).join(', ') +
      '): what a server holds for one open document.',
  );

  // Issue 6 targets that this harness can check on its own (the latency target: scripts/bench-lsp.ts).
  const at = (mb: number): SizeResult | undefined => results.find((r) => r.targetMB === mb);
  const r10 = at(10);
  const r50 = at(50);
  console.log('\nIssue 6 targets');
  if (r10) {
    const x = median(r10.totalMs) / median(r10.baselineMs);
    const xc = median(r10.totalCpu) / median(r10.baselineCpu);
    console.log(`  full analysis ≤ 3× baseline at 10 MB:              ${fmt(x, 1)}× wall, ${fmt(xc, 1)}× CPU  ${x <= 3 ? 'MET' : 'NOT MET'}`);
  }
  if (r50) {
    const x = (r50.heap.modelAndFindings + r50.heap.text) / r50.bytes;
    console.log(`  heap (text + model + findings) < 4× size at 50 MB: ${fmt(x, 2)}×  ${x < 4 ? 'MET' : 'NOT MET'}`);
  }
  if (!r10 && !r50) console.log('  (need the 10 and 50 MB sizes)');

  // Edits: what the core does per keystroke.
  console.log(`\nA one-character edit (${EDITS} edits per size, spread over the document; median ms)`);
  const erows = [['size', 'update model', 'lint', 'update + lint', '÷ 1 MB', 'incremental', 'rules reused', 'piece edit', '(one string: copy)']];
  const first = results[0];
  const both = (r: SizeResult) => median(r.edits.update.map((u, i) => u + r.edits.lint[i]));
  for (const r of results) {
    erows.push([
      `${fmt(mbOf(r), 2)} MB`,
      fmt(median(r.edits.update)),
      fmt(median(r.edits.lint)),
      fmt(both(r)),
      `${fmt(both(r) / both(first), 1)}×`,
      `${r.edits.incremental}/${r.edits.update.length}`,
      `${r.edits.reused}`,
      fmt(median(r.edits.pieces), 2),
      fmt(median(r.edits.copy)),
    ]);
  }
  console.log(table(erows, '  ', [0]));
  console.log(
    '  update: the previous parse updated incrementally (window re-decided, touched turns rebuilt, the rest shifted); lint: with\n' +
      '  the previous run\'s memo, label-only rules reused ("rules reused": over all edits) and per-turn work of unchanged turns kept.\n' +
      '  "piece edit": the edit of the text as the server holds it (PieceText); "(one string: copy)": building and flattening a new\n' +
      '  string instead, which a server holding the text as one string pays per edit (in no other column). Server: npm run bench:lsp.',
  );
  if (r50 && first && first !== r50) {
    const x = both(r50) / both(first);
    console.log(`  core edit → findings at 50 MB ≤ 1.5× that at ${fmt(mbOf(first), 0)} MB: ${fmt(x, 1)}×  ${x <= 1.5 ? 'MET' : 'NOT MET'}`);
  }

  for (const r of results) {
    const g = r.gen;
    if (g.missed || g.extra) {
      console.log(
        `\nnote ${fmt(mbOf(r), 0)} MB: turn starts vs generator: ${g.missed} missed, ${g.extra} extra ` +
          `(lines ${r.gen.lines.join(', ')}${r.gen.missed + r.gen.extra > r.gen.lines.length ? ', …' : ''}); ` +
          `reproduce the text with node --import tsx scripts/gen-transcript.ts ${r.bytes} ${o.seed}`,
      );
    }
  }
  const b = results[0]?.baselineCounts;
  if (b) {
    console.log(
      `\nbaseline classes at ${fmt(mbOf(results[0]), 0)} MB: ${int(b.blank)} blank, ${int(b.inline)} inline-label, ${int(b.alone)} label-alone, ` +
        `${int(b.other)} other lines (generator wrote ${int(results[0].gen.turns)} turns)`,
    );
  }
  const load = os.loadavg().map((x) => fmt(x, 2)).join(' ');
  console.log(`\nwall time ${fmt(wallS, 0)} s; load average at the end ${load} (${os.cpus().length} CPUs) — a busy machine inflates both columns`);
  console.log(`reproduce: ${command}`);
}

// ---------------------------------------------------------------------------------------------
// Profile: parse + lint under the V8 sampling profiler (node:inspector), top functions by self time

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function post<T>(session: Session, method: string, params: object = {}): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params, (err, res) => (err ? reject(err) : resolve(res as T))),
  );
}

async function profile(o: Options, gc: () => void): Promise<void> {
  const mb = o.profile!;
  const doc = generateTranscriptDetailed(Math.round(mb * 1e6), o.seed);
  const text = doc.text;
  // Warm up on 1 MB so the profile shows steady-state code, not the first compilation.
  const warm = generateTranscriptDetailed(1e6, o.seed).text;
  lint(warm, parse(warm));
  gc();
  const session = new Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 });
  await post(session, 'Profiler.start');
  // --runs N: N parse + lint rounds in one profile (self-time attribution moves with inlining
  // from run to run; several rounds average that out). Times below are per round.
  const rounds = o.runs[0];
  let parseMs = 0;
  let lintMs = 0;
  let findingCount = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    const model = parse(text);
    const t1 = performance.now();
    findingCount = lint(text, model).length;
    parseMs += t1 - t0;
    lintMs += performance.now() - t1;
  }
  const { profile: prof } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
  session.disconnect();
  const file = path.join(os.tmpdir(), `transcript-bench-${mb}MB.cpuprofile`);
  writeFileSync(file, JSON.stringify(prof));

  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // tsx compiles each module onto one line: map positions back through its inline source maps.
  const keys = new Map<number, string>();
  const key = (n: ProfileNode): string => {
    let k = keys.get(n.id);
    if (k !== undefined) return k;
    const f = n.callFrame;
    let where = '';
    if (f.url.startsWith('file:')) {
      const file = fileURLToPath(f.url);
      let line = f.lineNumber + 1;
      try {
        const entry = findSourceMap(file)?.findEntry(f.lineNumber, f.columnNumber) as { originalLine?: number } | undefined;
        if (entry && typeof entry.originalLine === 'number') line = entry.originalLine + 1;
      } catch {
        // keep the generated line
      }
      where = `${path.relative(process.cwd(), file)}:${line}`;
    } else if (f.url) where = f.url;
    k = `${f.functionName || '(anonymous)'}${where ? `  ${where}` : ''}`;
    keys.set(n.id, k);
    return k;
  };
  /** Samples taken while the inspector itself works (starting and stopping the profiler). */
  const overhead = (id: number): boolean => {
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) if (byId.get(x)!.callFrame.url === 'node:inspector') return true;
    return false;
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  let skipped = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = (prof.timeDeltas[i] ?? 0) / 1000;
    if (overhead(prof.samples[i])) {
      skipped += dt;
      continue;
    }
    all += dt;
    const leaf = byId.get(prof.samples[i])!;
    self.set(key(leaf), (self.get(key(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const k = key(byId.get(id)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  console.log(
    `CPU profile of parse + lint on ${fmt(doc.bytes / 1e6, 2)} MB (seed ${o.seed}), ${rounds} round${rounds > 1 ? 's' : ''}: ` +
      `parse ${fmt(parseMs / rounds, 0)} ms, lint ${fmt(lintMs / rounds, 0)} ms per round (${int(findingCount)} findings); ` +
      `${int(prof.samples.length)} samples, ${fmt(all / rounds, 0)} ms sampled per round ` +
      `(${fmt(skipped, 0)} ms of profiler overhead left out); written to ${file} (open in Chrome DevTools › Performance)\n` +
      `Under tsx: \`__name\` frames are tsx's keep-names helper, absent from the esbuild bundle the server runs.\n`,
  );
  const top = (m: Map<string, number>, n: number, skip: (k: string) => boolean): string[][] =>
    [...m.entries()]
      .filter(([k]) => !skip(k))
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, ms]) => [fmt(ms / rounds, 0), `${fmt((100 * ms) / all, 1)}%`, k]);
  console.log(`Top functions by self time (ms per round)`);
  console.log(table([['self ms', 'share', 'function  file:line'], ...top(self, 25, () => false)], '  ', [2]));
  console.log('\nTop functions by total (inclusive) time (ms per round)');
  console.log(
    table(
      [['total ms', 'share', 'function  file:line'], ...top(total, 30, (k) => k.startsWith('(root)') || k.startsWith('(program)') || k.includes('scripts/bench.ts'))],
      '  ',
      [2],
    ),
  );
  console.log(`\nreproduce: node --import tsx scripts/bench.ts --profile ${mb}${rounds > 1 ? ` --runs ${rounds}` : ''}${o.seed !== 1 ? ` --seed ${o.seed}` : ''}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const gc = requireGc();
  if (o.profile !== null) return profile(o, gc);

  const wall0 = performance.now();
  const argv = process.argv.slice(2).join(' ');
  const command = argv ? `node --import tsx scripts/bench.ts ${argv}` : 'npm run bench   (= node --import tsx scripts/bench.ts)';
  const runsFor = (i: number): number => o.runs[Math.min(i, o.runs.length - 1)];
  console.log(
    `Transcript full-analysis benchmark — Node ${process.version}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${os.cpus().length}, ` +
      `seed ${o.seed}, sizes ${o.sizes.join(', ')} MB, runs ${o.sizes.map((_, i) => runsFor(i)).join(', ')}`,
  );

  // Warm-up: three full analyses of another 1 MB text, so that the first size measured does not pay
  // for the JIT's tiers.
  const warm = generateTranscriptDetailed(1e6, o.seed + 1000).text;
  for (let k = 0; k < 3; k++) {
    baselineLoop(warm);
    analyse(warm, null, gc);
  }

  const results: SizeResult[] = [];
  for (const [i, size] of o.sizes.entries()) {
    gc();
    const [genMs, doc] = time(() => generateTranscriptDetailed(Math.round(size * 1e6), o.seed));
    process.stderr.write(`  ${size} MB generated in ${fmt(genMs, 0)} ms; measuring ${runsFor(i)} run(s)…\n`);
    results.push(benchSize(doc, size, runsFor(i), gc));
  }
  const wallS = (performance.now() - wall0) / 1000;
  report(results, o, command, wallS);

  if (o.json) {
    const out = {
      node: process.version,
      seed: o.seed,
      wallSeconds: wallS,
      sizes: results.map((r) => ({
        ...r,
        medians: {
          baseline: median(r.baselineMs),
          ...Object.fromEntries(STAGES.map((s) => [s, median(r.stageMs[s])])),
          full: median(r.totalMs),
        },
      })),
    };
    writeFileSync(o.json, JSON.stringify(out, null, 2));
    console.log(`wrote ${o.json}`);
  }
}

void main();
