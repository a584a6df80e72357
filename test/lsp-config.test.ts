/**
 * The language server reads the project configuration the CLI reads (`.transcript-lint.json` at or
 * above the document), under the editor settings, and re-reads it when the client reports that
 * the file changed.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const root = path.resolve(__dirname, '..');
const serverJs = path.join(root, 'dist', 'server.js');
const TEXT = 'Mark Rutte, NATO Secretary General\u00a0\n\nThank you all.\n\nQuestion\n\nWhen?\n\nMark Rutte, NATO Secretary General\n\nSoon.\n';

let proc: ChildProcess;
let conn: ProtocolConnection;
let dir = '';
let settings: unknown = {};

before(async () => {
  assert.ok(fs.existsSync(serverJs), `${serverJs} is missing: run npm run build first`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-config-'));
  fs.writeFileSync(path.join(dir, '.transcript-lint.json'), JSON.stringify({ rules: { TR005: 'off' } }));
  fs.mkdirSync(path.join(dir, 'sub'));
  fs.writeFileSync(path.join(dir, 'sub', 'a.transcript'), TEXT);
  proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  conn = createProtocolConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => settings));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('workspace/diagnostic/refresh', () => null);
  conn.onNotification('window/logMessage', () => undefined);
  conn.listen();
  await conn.sendRequest('initialize', {
    processId: process.pid,
    rootUri: pathToFileURL(dir).href,
    capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
  });
  conn.sendNotification('initialized', {});
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(), languageId: 'transcript', version: 1, text: TEXT } });
});

after(async () => {
  const exited = new Promise<void>((resolve) => (proc.exitCode !== null ? resolve() : proc.once('exit', () => resolve())));
  await conn.sendRequest('shutdown').catch(() => undefined);
  await conn.sendNotification('exit').catch(() => undefined);
  const timer = setTimeout(() => proc.kill(), 2000);
  await exited;
  clearTimeout(timer);
  conn.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function uri(): string {
  return pathToFileURL(path.join(dir, 'sub', 'a.transcript')).href;
}

async function pull(): Promise<Diagnostic[]> {
  const r = (await conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri() } })) as { items?: Diagnostic[] };
  return r.items ?? [];
}

test('a rule turned off in .transcript-lint.json above the document is not reported', async () => {
  assert.deepEqual((await pull()).map((d) => d.code), []);
});

test('after the file changes (didChangeWatchedFiles) the new severity applies; settings win over the file', async () => {
  fs.writeFileSync(path.join(dir, '.transcript-lint.json'), JSON.stringify({ rules: { 'label-trailing-whitespace': 'error' } }));
  conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.transcript-lint.json')).href, type: 2 }] });
  const ds = await pull();
  assert.deepEqual(ds.map((d) => [d.code, d.severity, d.range.start.line]), [['TR005', 1, 0]]);
  settings = { rules: { TR005: 'hint' } };
  conn.sendNotification('workspace/didChangeConfiguration', { settings: { transcript: settings } });
  assert.deepEqual((await pull()).map((d) => [d.code, d.severity]), [['TR005', 4]]);
});
