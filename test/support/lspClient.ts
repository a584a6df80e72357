/**
 * A minimal LSP client for the protocol tests: spawns the bundled `node dist/server.js --stdio`
 * (run `npm run build` first; `npm test` does), answers the server's requests the way an editor
 * does, and waits on messages with timeouts, never on fixed sleeps.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type TextEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { defaultCorpusDir, findRepoRoot } from './gold.ts';

export const root = findRepoRoot(__dirname);
export const serverJs = path.join(root, 'dist', 'server.js');
export const corpus = defaultCorpusDir(root);
export const TIMEOUT_MS = 5000;

/** A file of the shared corpus, with a message naming where it was looked for when missing. */
export function corpusText(name: string): string {
  const file = path.join(corpus, name);
  if (!existsSync(file)) {
    throw new Error(`Corpus file missing: ${file}. The LSP tests read the shared corpus beside the repository (<repo>/../shared/corpus) or $TRANSCRIPT_CORPUS.`);
  }
  return readFileSync(file, 'utf8');
}

export interface InitializeOptions {
  /** Pull diagnostics (true) or push (false). */
  pull: boolean;
  /** Workspace folder uris. */
  workspaceFolders?: string[];
  /** Completion snippets. */
  snippets?: boolean;
}

/** A spawned server and a client connection to it, with the client side of server requests. */
export class Session {
  readonly proc: ChildProcess;
  readonly conn: ProtocolConnection;
  stderr = '';
  settings: unknown = { rules: {}, dialect: 'auto' };
  readonly published: PublishDiagnosticsParams[] = [];
  readonly refreshes: string[] = [];
  private waiters: { test: () => boolean; resolve: () => void }[] = [];

  constructor() {
    if (!existsSync(serverJs)) throw new Error(`${serverJs} is missing: run \`npm run build\` first (npm test builds before testing).`);
    this.proc = spawn(process.execPath, [serverJs, '--stdio'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.conn = createProtocolConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onRequest('workspace/diagnostic/refresh', () => this.note(() => this.refreshes.push('diagnostic')));
    this.conn.onRequest('workspace/semanticTokens/refresh', () => this.note(() => this.refreshes.push('semanticTokens')));
    this.conn.onRequest('workspace/codeLens/refresh', () => this.note(() => this.refreshes.push('codeLens')));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.note(() => this.published.push(p)));
    this.conn.onNotification('window/logMessage', () => undefined);
    this.conn.listen();
  }

  private note(f: () => void): null {
    f();
    this.waiters = this.waiters.filter((w) => (w.test() ? (w.resolve(), false) : true));
    return null;
  }

  /** Resolves when `test` holds (checked now and after every server message), or fails after a timeout. */
  waitFor(what: string, test: () => boolean): Promise<void> {
    if (test()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
      this.waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  async initialize(options: boolean | InitializeOptions): Promise<InitializeResult> {
    const o: InitializeOptions = typeof options === 'boolean' ? { pull: options } : options;
    const folders = o.workspaceFolders ?? [];
    const result = (await this.conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folders[0] ?? null,
      workspaceFolders: folders.length ? folders.map((uri, i) => ({ uri, name: `folder${i}` })) : null,
      capabilities: {
        textDocument: {
          synchronization: { dynamicRegistration: false },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          foldingRange: { lineFoldingOnly: true },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
          semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
          rename: { prepareSupport: true },
          completion: { completionItem: { snippetSupport: o.snippets === true } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          ...(o.pull ? { diagnostic: { dynamicRegistration: false } } : { publishDiagnostics: { versionSupport: true } }),
        },
        workspace: {
          configuration: true,
          didChangeConfiguration: { dynamicRegistration: true },
          diagnostics: { refreshSupport: true },
          semanticTokens: { refreshSupport: true },
          codeLens: { refreshSupport: true },
          workspaceFolders: folders.length > 0,
        },
      },
    })) as InitializeResult;
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'transcript', version, text } });
  }

  symbols(uri: string): Promise<DocumentSymbol[]> {
    return this.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  }

  async diagnostics(uri: string): Promise<Diagnostic[]> {
    const r = (await this.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    assert.equal(r.kind, 'full');
    return r.kind === 'full' ? r.items : [];
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
    return this.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
  }

  /** Shuts down and exits; resolves with the exit code. */
  async close(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => {
      if (this.proc.exitCode !== null) resolve(this.proc.exitCode);
      else this.proc.once('exit', (code) => resolve(code));
    });
    try {
      await this.conn.sendRequest('shutdown');
      await this.conn.sendNotification('exit');
    } catch {
      this.proc.kill();
    }
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}

/** Applies LSP text edits to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x', 'transcript', 0, text), edits);
}
