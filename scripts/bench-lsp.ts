/**
 * The language server's latency from a one-character edit to updated answers, at 1 and 50 MB
 * (issue 6: "edit-to-diagnostics latency at 50 MB within 1.5x of that at 1 MB").
 *
 *   npm run bench:lsp                 (= npm run build && node --import tsx scripts/bench-lsp.ts)
 *   node --import tsx scripts/bench-lsp.ts [--sizes 1,50] [--edits 7,3] [--seed 1] [--no-push]
 *                                          [--no-burst] [--diagnostics-only] [--timeout-scale 1] [--json FILE]
 *
 * Spawns the bundled server (`node dist/server.js --stdio`, as any LSP client does; build first)
 * and talks JSON-RPC over its stdio. Per size, two fresh servers:
 *
 *  pull  the client declares `textDocument.diagnostic` (as VS Code does). didOpen of a generated
 *        block-dialect transcript (scripts/gen-transcript.ts, seeded); ready = the first
 *        `textDocument/diagnostic` answered. Then, at several speech lines spread over the
 *        document, one letter is inserted in the middle of the line with an incremental didChange,
 *        and the time to an answer is taken, one request kind per edit:
 *          edit → diagnostics  didChange, then `textDocument/diagnostic` (with the previous
 *                              resultId, as VS Code sends it) until its answer; the answer must be
 *                              for the new version (resultId `version:…`, or the version in the
 *                              diagnostics' data), or "unchanged" with the resultId sent (the
 *                              server linted the new text and it shows the same list), or the run
 *                              fails; the report counts both kinds;
 *          edit → symbols      didChange, then `textDocument/documentSymbol` until its answer
 *                              (the server reads requests after the didChange, so it answers the
 *                              new version);
 *          edit → all four     didChange, then diagnostic + documentSymbol + foldingRange +
 *                              semanticTokens/full at once (what an editor asks after typing),
 *                              until the last answer.
 *        `--diagnostics-only`: only the first kind, every edit (no outline-only version in between,
 *        which the server lints on the next diagnostics request to keep reusing findings).
 *  push  the client does not declare pull diagnostics; the server publishes them itself after
 *        its debounce. edit → publish: didChange until `textDocument/publishDiagnostics` for the
 *        new version arrives.
 *
 * Beside the wall time of each, the server's CPU time over the same interval (user + system of all
 * its threads, from /proc/<pid>/stat), which moves less when other processes share the machine.
 * After opening, the diagnostics are asked once more without an edit (model and findings cached):
 * the cost of sending the answer alone, a floor no incremental analysis removes.
 *
 * Edits are sequential: the next starts after the previous answer. Memory: the server's VmRSS
 * (from /proc/<pid>/status) idle after initialize, once the document is ready, after the edits,
 * and its peak (VmHWM). Every wait has a timeout (scaled by the document size and --timeout-scale);
 * a timeout, a wrong version or a server exit fails that session with a message, and the script
 * exits 1. A server ended by a signal from another process (a shared machine) is measured once
 * more, and the report says so. The document stays within the 50 MiB VS Code syncs to extensions (sizes are in 10^6 bytes).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  CancellationTokenSource,
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type DocumentDiagnosticReport,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { generateTranscriptDetailed, type GeneratedTranscript } from './gen-transcript.ts';

const ROOT = path.resolve(__dirname, '..');
const SERVER_JS = path.join(ROOT, 'dist', 'server.js');
/** Node options for the server process, e.g. `TRANSCRIPT_BENCH_SERVER_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"` to profile it. */
const SERVER_NODE_ARGS = (process.env.TRANSCRIPT_BENCH_SERVER_ARGS ?? '').split(/\s+/).filter(Boolean);
/** VS Code syncs a document to extensions up to 50 MiB of text (TextModel._MODEL_SYNC_LIMIT, in UTF-16 units). */
const SYNC_LIMIT = 50 * 1024 * 1024;
const MAX_MB = SYNC_LIMIT / 1e6;

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  sizes: number[];
  /** Edit positions per size (the last value repeats). */
  edits: number[];
  seed: number;
  push: boolean;
  burst: boolean;
  /** Only edit → diagnostics, each edit after the last (no outline or burst edits between). */
  diagnosticsOnly: boolean;
  timeoutScale: number;
  json: string | null;
}

function usage(message: string): never {
  console.error(
    `bench-lsp: ${message}\nusage: node --import tsx scripts/bench-lsp.ts [--sizes 1,50] [--edits 7,3] [--seed 1] [--no-push] [--no-burst] [--diagnostics-only] [--timeout-scale 1] [--json FILE]`,
  );
  process.exit(2);
}

function numbers(flag: string, value: string | undefined): number[] {
  const xs = (value ?? '').split(',').map(Number);
  if (!value || xs.some((x) => !Number.isFinite(x) || x <= 0)) usage(`${flag} takes positive numbers separated by commas`);
  return xs;
}

function options(argv: string[]): Options {
  const o: Options = { sizes: [1, 50], edits: [7, 3], seed: 1, push: true, burst: true, diagnosticsOnly: false, timeoutScale: 1, json: null };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith('--') && argv[i].includes('=') ? argv[i].split('=', 2) : [argv[i], undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '--sizes') o.sizes = numbers(flag, value());
    else if (flag === '--edits') o.edits = numbers(flag, value()).map((x) => Math.max(1, Math.floor(x)));
    else if (flag === '--seed') o.seed = numbers(flag, value())[0];
    else if (flag === '--timeout-scale') o.timeoutScale = numbers(flag, value())[0];
    else if (flag === '--json') o.json = value() ?? usage('--json takes a file name');
    else if (flag === '--no-push') o.push = false;
    else if (flag === '--no-burst') o.burst = false;
    else if (flag === '--diagnostics-only') o.diagnosticsOnly = true;
    else usage(`unknown argument ${argv[i]}`);
  }
  const big = o.sizes.find((s) => s > MAX_MB);
  if (big !== undefined) usage(`${big} MB is over the 50 MiB (${fmt(MAX_MB, 1)} MB) VS Code syncs to extensions`);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const fmt = (x: number, d = 1): string => x.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const ms = (x: number | undefined): string => (x === undefined ? '—' : fmt(x, x >= 100 ? 0 : 1));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function table(rows: string[][], indent = '  '): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  const out: string[] = [];
  for (const [k, r] of rows.entries()) {
    out.push(indent + r.map((c, j) => (j === 0 ? c.padEnd(widths[j]) : c.padStart(widths[j]))).join('   ').trimEnd());
    if (k === 0) out.push(indent + widths.map((w) => '-'.repeat(w)).join('   '));
  }
  return out.join('\n');
}

class BenchError extends Error {}

/** VmRSS / VmHWM of a process in bytes, from /proc (null where there is no /proc). */
function memoryOf(pid: number | undefined): { rss: number; hwm: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string): number => Number(new RegExp(`^${field}:\\s*(\\d+)\\s*kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
  } catch {
    return null;
  }
}

const CLK_TCK = ((): number => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** CPU time (user + system, all threads) a process has used, in ms, from /proc (NaN without /proc). */
function cpuOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // rest[0] is field 3 (state)
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Warns when dist/server.js is older than a source file of the server: the bench would measure old code. */
function checkBuild(): void {
  if (!existsSync(SERVER_JS)) {
    console.error(`bench-lsp: ${SERVER_JS} is missing; run \`npm run build\` first (npm run bench:lsp does).`);
    process.exit(2);
  }
  const built = statSync(SERVER_JS).mtimeMs;
  let newest = 0;
  let newestFile = '';
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) {
        const t = statSync(p).mtimeMs;
        if (t > newest) [newest, newestFile] = [t, p];
      }
    }
  };
  walk(path.join(ROOT, 'server', 'src'));
  if (newest > built) console.warn(`warning: dist/server.js is older than ${path.relative(ROOT, newestFile)}; run \`npm run build\` (npm run bench:lsp does)\n`);
}

/** Speech lines (not blank, not a label, past the preamble) spread evenly over the document. */
function editPositions(doc: GeneratedTranscript, count: number): { line: number; character: number }[] {
  const labels = new Set(doc.turnLines.map((l) => l - 1));
  const starts: number[] = [0];
  for (let i = doc.text.indexOf('\n'); i >= 0; i = doc.text.indexOf('\n', i + 1)) starts.push(i + 1);
  const lineLength = (l: number): number => (l + 1 < starts.length ? starts[l + 1] - 1 : doc.text.length) - starts[l];
  const firstSpeech = doc.turnLines[0] ?? 0;
  const out: { line: number; character: number }[] = [];
  for (let k = 0; k < count; k++) {
    let l = Math.max(firstSpeech, Math.floor(((k + 0.5) / count) * doc.lines));
    while (l < doc.lines && (labels.has(l) || lineLength(l) < 40)) l++;
    if (l >= doc.lines) throw new BenchError(`no speech line after ${Math.floor(((k + 0.5) / count) * doc.lines)}`);
    out.push({ line: l, character: lineLength(l) >> 1 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// A server session

type Waiter = { test: () => boolean; resolve: () => void };

class Server {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  private stderr = '';
  private waiters: Waiter[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  /** Rejects when the server exits, so no wait outlives it. */
  readonly exited: Promise<never>;
  private exitInfo: string | null = null;
  /** The signal that ended the server when this script did not send it (another process did). */
  outsideSignal: string | null = null;
  private closing = false;

  constructor() {
    this.proc = spawn(process.execPath, [...SERVER_NODE_ARGS, SERVER_JS, '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr = (this.stderr + d.toString()).slice(-4000)));
    this.exited = new Promise<never>((_, reject) => {
      this.proc.once('exit', (code, signal) => {
        this.exitInfo = `server exited (code ${code}, signal ${signal})`;
        if (signal && !this.closing) this.outsideSignal = signal;
        reject(new BenchError(`${this.exitInfo}${this.stderr ? `; stderr:\n${this.stderr}` : ''}`));
      });
    });
    this.exited.catch(() => undefined);
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({ rules: {}, dialect: 'auto' })));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => null);
    this.conn.onRequest('workspace/semanticTokens/refresh', () => null);
    this.conn.onRequest('workspace/codeLens/refresh', () => null);
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    });
    this.conn.onNotification('window/logMessage', (m: { type: number; message: string }) => {
      if (m.type === 1) this.stderr = (this.stderr + `[server error] ${m.message}\n`).slice(-4000);
    });
    this.conn.onError(() => undefined);
    this.conn.listen();
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** `p`, or a BenchError after `timeoutMs` or when the server exits. */
  bounded<T>(what: string, timeoutMs: number, p: Promise<T>, onTimeout?: () => void): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        onTimeout?.();
        reject(new BenchError(`timed out after ${fmt(timeoutMs / 1000, timeoutMs < 10_000 ? 1 : 0)} s waiting for ${what}`));
      }, timeoutMs);
    });
    return Promise.race([p, timeout, this.exited]).finally(() => clearTimeout(timer));
  }

  /** A request bounded by a timeout; cancelled ($/cancelRequest) when it times out. */
  request<T>(method: string, params: object, what: string, timeoutMs: number): Promise<T> {
    const cts = new CancellationTokenSource();
    return this.bounded(what, timeoutMs, this.conn.sendRequest(method, params, cts.token) as Promise<T>, () => cts.cancel()).finally(() => cts.dispose());
  }

  /** Resolves when a publishDiagnostics for `uri` at `version` has arrived. */
  publishedFor(uri: string, version: number, timeoutMs: number): Promise<PublishDiagnosticsParams> {
    const find = (): PublishDiagnosticsParams | undefined => this.published.find((p) => p.uri === uri && p.version === version);
    const hit = find();
    if (hit) return Promise.resolve(hit);
    return this.bounded(
      `publishDiagnostics for version ${version}`,
      timeoutMs,
      new Promise<PublishDiagnosticsParams>((resolve) => this.waiters.push({ test: () => find() !== undefined, resolve: () => resolve(find()!) })),
    );
  }

  async initialize(pull: boolean, timeoutMs: number): Promise<void> {
    await this.request(
      'initialize',
      {
        processId: process.pid,
        rootUri: null,
        capabilities: {
          textDocument: {
            synchronization: { dynamicRegistration: false, didSave: true },
            documentSymbol: { hierarchicalDocumentSymbolSupport: true },
            // As VS Code declares it (editor.foldingMaximumRegions, 5,000).
            foldingRange: { lineFoldingOnly: true, rangeLimit: 5000 },
            semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
            ...(pull ? { diagnostic: { dynamicRegistration: false } } : { publishDiagnostics: { versionSupport: true } }),
          },
          workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        },
      },
      'the initialize answer',
      timeoutMs,
    );
    await this.conn.sendNotification('initialized', {});
  }

  /** Shuts the server down; kills it (this child only) when it does not exit in time. */
  async close(): Promise<void> {
    if (this.exitInfo !== null || this.proc.exitCode !== null) return;
    this.closing = true;
    const gone = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    try {
      await this.request('shutdown', {}, 'the shutdown answer', 10_000);
      await this.conn.sendNotification('exit');
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))]);
    } catch {
      // fall through to kill
    }
    if (this.proc.exitCode === null && this.proc.signalCode === null) {
      this.proc.kill('SIGKILL');
      await gone;
    }
    this.conn.dispose();
  }

  stderrTail(): string {
    return this.stderr.trim();
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

interface Mem {
  rss: number;
  hwm: number;
}

interface SessionResult {
  mode: 'pull' | 'push';
  sizeMB: number;
  bytes: number;
  ok: boolean;
  error?: string;
  /** Set when the server was ended by a signal this script did not send. */
  outsideSignal?: string;
  /** Set when this result comes from a second attempt. */
  retried?: string;
  openMs?: number;
  firstSymbolsMs?: number;
  /** Diagnostics asked again without previousResultId and without an edit: model and findings cached. */
  cachedDiagnosticsMs?: number;
  diagnosticsJsonBytes?: number;
  /** Per edit: wall ms from didChange to the answer. */
  diagnostics: number[];
  symbols: number[];
  burst: number[];
  publish: number[];
  /** Per edit: server CPU ms (all its threads) over the same interval; less sensitive to other load. */
  cpu: { diagnostics: number[]; symbols: number[]; burst: number[]; publish: number[] };
  /** Answer sizes at the last edit. */
  diagnosticCount?: number;
  /** Pull answers after didOpen and the edits: full lists, and "unchanged" (the client's list still right). */
  full: number;
  unchanged: number;
  symbolsJsonBytes?: number;
  memIdle?: Mem | null;
  memOpen?: Mem | null;
  memEnd?: Mem | null;
}

const VERSION_OF_RESULT = /^(\d+):/;

/** The version a pull-diagnostics answer is for: from its resultId, else from its diagnostics' data. */
function reportVersion(r: DocumentDiagnosticReport): number | null {
  const m = r.resultId ? VERSION_OF_RESULT.exec(r.resultId) : null;
  if (m) return Number(m[1]);
  if (r.kind === 'full') {
    const v = (r.items[0]?.data as { version?: unknown } | undefined)?.version;
    if (typeof v === 'number') return v;
  }
  return null;
}

async function runSession(mode: 'pull' | 'push', doc: GeneratedTranscript, sizeMB: number, edits: number, o: Options): Promise<SessionResult> {
  const result: SessionResult = { mode, sizeMB, bytes: doc.bytes, ok: false, diagnostics: [], symbols: [], burst: [], publish: [], full: 0, unchanged: 0,
    cpu: { diagnostics: [], symbols: [], burst: [], publish: [] } };
  const mb = doc.bytes / 1e6;
  const openTimeout = (30_000 + 3_000 * mb) * o.timeoutScale;
  const editTimeout = (20_000 + 2_000 * mb) * o.timeoutScale;
  const uri = `file:///bench/generated-${sizeMB}mb.transcript`;
  const server = new Server();
  let version = 1;
  let resultId: string | undefined;
  const positions = editPositions(doc, edits);
  const progress = (s: string): boolean => process.stderr.write(`  [${fmt(sizeMB, 0)} MB ${mode}] ${s}\n`);

  let cpu0 = 0;
  const cpuSince = (): number => cpuOf(server.pid) - cpu0;
  const edit = async (at: { line: number; character: number }): Promise<number> => {
    version++;
    cpu0 = cpuOf(server.pid);
    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: at, end: at }, rangeLength: 0, text: 'x' }],
    });
    return t0;
  };
  const pullDiagnostics = async (what: string): Promise<DocumentDiagnosticReport> => {
    const r = await server.request<DocumentDiagnosticReport>(
      'textDocument/diagnostic',
      { textDocument: { uri }, ...(resultId !== undefined ? { previousResultId: resultId } : {}) },
      what,
      editTimeout,
    );
    // "unchanged": the findings after the edit show the same as the list the client holds (the
    // server linted the new version; the messages are ordered, so it had the didChange first).
    if (r.kind === 'unchanged' && resultId !== undefined && r.resultId === resultId) {
      result.unchanged++;
      return r;
    }
    const v = reportVersion(r);
    if (r.kind !== 'full' || v !== version) {
      throw new BenchError(`${what}: expected a report for version ${version}, got ${r.kind} for version ${v ?? 'unknown'} (resultId ${r.resultId ?? 'none'}, previous ${resultId ?? 'none'})`);
    }
    resultId = r.resultId;
    result.diagnosticCount = r.items.length;
    result.full++;
    return r;
  };

  try {
    await server.initialize(mode === 'pull', 30_000 * o.timeoutScale);
    result.memIdle = memoryOf(server.pid);

    // Open, then wait until the first diagnostics are there.
    const t0 = performance.now();
    await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'transcript', version, text: doc.text } });
    if (mode === 'pull') {
      await pullDiagnostics('the first diagnostics after didOpen');
      result.openMs = performance.now() - t0;
      const t1 = performance.now();
      await server.request('textDocument/documentSymbol', { textDocument: { uri } }, 'the first documentSymbol answer', openTimeout);
      result.firstSymbolsMs = performance.now() - t1;
      const t2 = performance.now();
      const again = await server.request<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } }, 'the diagnostics asked again', openTimeout);
      result.cachedDiagnosticsMs = performance.now() - t2;
      result.diagnosticsJsonBytes = Buffer.byteLength(JSON.stringify(again));
      if (again.kind === 'full') resultId = again.resultId; // the list the client now holds
    } else {
      await server.publishedFor(uri, version, openTimeout);
      result.openMs = performance.now() - t0;
    }
    result.memOpen = memoryOf(server.pid);
    progress(`ready in ${ms(result.openMs)} ms; ${positions.length} edit position(s)`);

    for (const [k, at] of positions.entries()) {
      if (mode === 'pull') {
        let t = await edit(at);
        await pullDiagnostics(`the diagnostics for version ${version} (edit ${k + 1}, line ${at.line + 1})`);
        result.diagnostics.push(performance.now() - t);
        result.cpu.diagnostics.push(cpuSince());

        if (o.diagnosticsOnly) {
          progress(`edit ${k + 1}/${positions.length} at line ${at.line + 1}: diagnostics ${ms(result.diagnostics.at(-1))} ms`);
          continue;
        }
        t = await edit(at);
        const symbols = await server.request<unknown[]>(
          'textDocument/documentSymbol',
          { textDocument: { uri } },
          `the documentSymbol answer for version ${version} (edit ${k + 1})`,
          editTimeout,
        );
        result.symbols.push(performance.now() - t);
        result.cpu.symbols.push(cpuSince());
        if (k === positions.length - 1) result.symbolsJsonBytes = Buffer.byteLength(JSON.stringify(symbols));

        if (o.burst) {
          t = await edit(at);
          const what = (m: string): string => `the ${m} answer for version ${version} (edit ${k + 1}, all four at once)`;
          await Promise.all([
            pullDiagnostics(what('diagnostic')),
            server.request('textDocument/documentSymbol', { textDocument: { uri } }, what('documentSymbol'), editTimeout),
            server.request('textDocument/foldingRange', { textDocument: { uri } }, what('foldingRange'), editTimeout),
            server.request('textDocument/semanticTokens/full', { textDocument: { uri } }, what('semanticTokens'), editTimeout),
          ]);
          result.burst.push(performance.now() - t);
          result.cpu.burst.push(cpuSince());
        }
        progress(
          `edit ${k + 1}/${positions.length} at line ${at.line + 1}: diagnostics ${ms(result.diagnostics.at(-1))} ms, symbols ${ms(result.symbols.at(-1))} ms` +
            (o.burst ? `, all four ${ms(result.burst.at(-1))} ms` : ''),
        );
      } else {
        const t = await edit(at);
        const p = await server.publishedFor(uri, version, editTimeout);
        result.publish.push(performance.now() - t);
        result.cpu.publish.push(cpuSince());
        result.diagnosticCount = p.diagnostics.length;
        progress(`edit ${k + 1}/${positions.length} at line ${at.line + 1}: publishDiagnostics ${ms(result.publish.at(-1))} ms`);
      }
    }
    result.memEnd = memoryOf(server.pid);
    result.ok = true;
  } catch (e) {
    if (!(e instanceof BenchError)) throw e;
    result.error = e.message;
    if (server.outsideSignal) result.outsideSignal = server.outsideSignal;
    const tail = server.stderrTail();
    console.error(`\nFAILED ${fmt(sizeMB, 0)} MB ${mode}: ${e.message}${tail && !e.message.includes(tail) ? `\n  server stderr (tail):\n${tail}` : ''}\n`);
    result.memEnd = memoryOf(server.pid);
  } finally {
    await server.close();
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// Report

function report(results: SessionResult[], o: Options, command: string, wallS: number): void {
  const sizes = [...new Set(results.map((r) => r.sizeMB))];
  const find = (mode: 'pull' | 'push', size: number): SessionResult | undefined => results.find((r) => r.mode === mode && r.sizeMB === size);
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  const ratioHead = sizes.length > 1 ? [`${fmt(last, 0)} MB ÷ ${fmt(first, 0)} MB (median)`] : [];

  console.log(`\nLatency from a one-character didChange to the answer (ms; median / max over the edits)`);
  const head = ['', ...sizes.map((s) => `${fmt(s, 0)} MB median / max`), ...ratioHead];
  const rows: string[][] = [head];
  const latencyRow = (name: string, mode: 'pull' | 'push', pick: (r: SessionResult) => number[]): void => {
    const cells = sizes.map((s) => {
      const r = find(mode, s);
      const xs = r ? pick(r) : [];
      if (!r) return '—';
      if (!xs.length) return r.ok ? '—' : 'FAILED';
      return `${ms(median(xs))} / ${ms(Math.max(...xs))}${r.ok ? '' : ' (FAILED)'} n=${xs.length}`;
    });
    const a = find(mode, first);
    const b = find(mode, last);
    const ratio =
      sizes.length > 1 && a && b && pick(a).length && pick(b).length ? [`${fmt(median(pick(b)) / median(pick(a)), 1)}×`] : sizes.length > 1 ? ['—'] : [];
    rows.push([name, ...cells, ...ratio]);
  };
  latencyRow('edit → pull diagnostics', 'pull', (r) => r.diagnostics);
  if (!o.diagnosticsOnly) latencyRow('edit → documentSymbol', 'pull', (r) => r.symbols);
  if (o.burst && !o.diagnosticsOnly) latencyRow('edit → all four (diag+symbols+folding+tokens)', 'pull', (r) => r.burst);
  if (o.push) latencyRow('edit → publishDiagnostics (push)', 'push', (r) => r.publish);
  rows.push(['server CPU ms over the same interval', ...sizes.map(() => ''), ...(sizes.length > 1 ? [''] : [])]);
  latencyRow('  edit → pull diagnostics', 'pull', (r) => r.cpu.diagnostics.filter(Number.isFinite));
  if (!o.diagnosticsOnly) latencyRow('  edit → documentSymbol', 'pull', (r) => r.cpu.symbols.filter(Number.isFinite));
  if (o.burst && !o.diagnosticsOnly) latencyRow('  edit → all four', 'pull', (r) => r.cpu.burst.filter(Number.isFinite));
  if (o.push) latencyRow('  edit → publishDiagnostics (push)', 'push', (r) => r.cpu.publish.filter(Number.isFinite));
  console.log(table(rows));
  console.log(
    `  wall time is what the user waits; server CPU (user + system, all threads incl. GC helpers, /proc ticks of ${fmt(1000 / CLK_TCK, 0)} ms) is less\n` +
      '  sensitive to other load on the machine.' +
      (o.push ? ' Push includes the server\'s debounce (PUSH_DELAY_MS in server/src/server.ts, 300 ms when this was written).' : ''),
  );

  console.log(`\nOpening and memory (server process)`);
  const mrows: string[][] = [['', ...sizes.map((s) => `${fmt(s, 0)} MB`)]];
  const cell = (mode: 'pull' | 'push', f: (r: SessionResult) => string): string[] =>
    sizes.map((s) => {
      const r = find(mode, s);
      return r ? f(r) : '—';
    });
  const mbOf = (b: number | undefined): string => (b === undefined || !Number.isFinite(b) ? '—' : `${fmt(b / 1e6, 0)} MB`);
  const times = (b: number | undefined, r: SessionResult): string => (b === undefined || !Number.isFinite(b) ? '—' : `${fmt(b / r.bytes, 1)}×`);
  mrows.push(['document (UTF-8)', ...cell('pull', (r) => mbOf(r.bytes))]);
  mrows.push(['didOpen → first diagnostics (pull)', ...cell('pull', (r) => ms(r.openMs))]);
  mrows.push(['then first documentSymbol (model cached)', ...cell('pull', (r) => ms(r.firstSymbolsMs))]);
  mrows.push(['then diagnostics again, no edit (findings cached)', ...cell('pull', (r) => ms(r.cachedDiagnosticsMs))]);
  if (o.push) mrows.push(['didOpen → first publishDiagnostics (push)', ...cell('push', (r) => ms(r.openMs))]);
  mrows.push(['RSS idle, after initialize', ...cell('pull', (r) => mbOf(r.memIdle?.rss))]);
  mrows.push(['RSS after open (ready)', ...cell('pull', (r) => mbOf(r.memOpen?.rss))]);
  mrows.push(['  ÷ document size', ...cell('pull', (r) => times(r.memOpen?.rss, r))]);
  mrows.push(['  minus idle, ÷ document size', ...cell('pull', (r) => times((r.memOpen?.rss ?? NaN) - (r.memIdle?.rss ?? NaN), r))]);
  mrows.push(['RSS after the edits', ...cell('pull', (r) => mbOf(r.memEnd?.rss))]);
  mrows.push(['peak RSS (VmHWM)', ...cell('pull', (r) => mbOf(r.memEnd?.hwm))]);
  mrows.push(['  ÷ document size', ...cell('pull', (r) => times(r.memEnd?.hwm, r))]);
  if (o.push) mrows.push(['peak RSS, push session', ...cell('push', (r) => mbOf(r.memEnd?.hwm))]);
  mrows.push(['pull answers: full / "unchanged"', ...cell('pull', (r) => `${r.full} / ${r.unchanged}`)]);
  mrows.push(['diagnostics in the last full answer', ...cell('pull', (r) => (r.diagnosticCount === undefined ? '—' : r.diagnosticCount.toLocaleString('en-US')))]);
  mrows.push(['diagnostics answer (JSON)', ...cell('pull', (r) => (r.diagnosticsJsonBytes === undefined ? '—' : `${fmt(r.diagnosticsJsonBytes / 1e6, 1)} MB`))]);
  mrows.push(['documentSymbol answer (JSON)', ...cell('pull', (r) => (r.symbolsJsonBytes === undefined ? '—' : `${fmt(r.symbolsJsonBytes / 1e6, 1)} MB`))]);
  console.log(table(mrows));

  if (sizes.length > 1) {
    const a = find('pull', first);
    const b = find('pull', last);
    console.log('\nIssue 6 target');
    if (a?.diagnostics.length && b?.diagnostics.length && last === 50 && first === 1) {
      const x = median(b.diagnostics) / median(a.diagnostics);
      console.log(`  edit → diagnostics at 50 MB ≤ 1.5× that at 1 MB: ${fmt(x, 1)}×  ${x <= 1.5 ? 'MET' : 'NOT MET'}`);
    } else if (first !== 1 || last !== 50) console.log('  (compares 1 and 50 MB: run with --sizes 1,50, the default)');
    else console.log('  NOT MEASURED: a 1 or 50 MB pull session failed (see above)');
  }
  for (const r of results) if (r.retried) console.log(`\nnote: ${fmt(r.sizeMB, 0)} MB ${r.mode} was measured twice: ${r.retried}.`);
  const load = os.loadavg().map((x) => fmt(x, 2)).join(' ');
  console.log(`\nwall time ${fmt(wallS, 0)} s; load average at the end ${load} (${os.cpus().length} CPUs)`);
  console.log(`reproduce: ${command}`);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  checkBuild();
  const wall0 = performance.now();
  const argv = process.argv.slice(2).join(' ');
  const command = `npm run bench:lsp${argv ? ` -- ${argv}` : ''}   (= npm run build && node --import tsx scripts/bench-lsp.ts${argv ? ` ${argv}` : ''})`;
  const editsFor = (i: number): number => o.edits[Math.min(i, o.edits.length - 1)];
  console.log(
    `Transcript language server latency — Node ${process.version}, ${os.cpus()[0]?.model.trim() ?? 'unknown CPU'} ×${os.cpus().length}, ` +
      `seed ${o.seed}, sizes ${o.sizes.join(', ')} MB, edit positions ${o.sizes.map((_, i) => editsFor(i)).join(', ')}; server: node dist/server.js --stdio`,
  );
  const results: SessionResult[] = [];
  for (const [i, size] of o.sizes.entries()) {
    const doc = generateTranscriptDetailed(Math.round(size * 1e6), o.seed);
    if (doc.text.length > SYNC_LIMIT) {
      // The generator stops after the turn that reaches the size: trim whole lines back under the limit.
      doc.text = doc.text.slice(0, doc.text.lastIndexOf('\n', SYNC_LIMIT - 1) + 1);
      doc.bytes = Buffer.byteLength(doc.text);
      doc.lines = doc.text.split('\n').length - 1;
      doc.turnLines = doc.turnLines.filter((l) => l <= doc.lines);
    }
    for (const mode of o.push ? (['pull', 'push'] as const) : (['pull'] as const)) {
      let r = await runSession(mode, doc, size, editsFor(i), o);
      if (!r.ok && r.outsideSignal) {
        // Another process ended the server (a shared machine): measure again once, and say so.
        const why = `the first attempt's server was ended by ${r.outsideSignal} from another process`;
        console.error(`  retrying ${size} MB ${mode} once: ${why}`);
        r = await runSession(mode, doc, size, editsFor(i), o);
        r.retried = why;
      }
      results.push(r);
    }
  }
  report(results, o, command, (performance.now() - wall0) / 1000);
  if (o.json) {
    writeFileSync(o.json, JSON.stringify({ node: process.version, seed: o.seed, results }, null, 2));
    console.log(`wrote ${o.json}`);
  }
  const failed = results.filter((r) => !r.ok);
  if (failed.length) {
    console.error(`\n${failed.length} session(s) failed: ${failed.map((r) => `${r.sizeMB} MB ${r.mode}: ${r.error}`).join('; ')}`);
    process.exitCode = 1;
  }
}

main().catch((e: unknown) => {
  console.error(`bench-lsp: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  process.exit(1);
});
