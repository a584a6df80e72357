/**
 * The extension in a desktop VS Code, through the API an editor's features use: the same
 * behaviour the code-server suite (test/e2e) checks in the UI. Runs in the extension host (see
 * ../runTest.ts); the workspace folder holds copies of the two NATO seed transcripts.
 *
 * The language server starts on the first transcript opened, so every query is retried until it
 * answers (with a timeout), never after a fixed sleep.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { suite, suiteSetup, test } from 'mocha';
import { serverCapabilities } from '../../e2e/serverCapabilities.ts';

const EXTENSION_ID = 'transcript-tools.transcript-language';
const MUNICH = 'nato-seed-munich-doorstep.transcript';
const ROME = 'nato-seed-rome-doorstep.transcript';
const TIMEOUT_MS = 30_000;

async function until<T>(what: string, get: () => Thenable<T> | Promise<T>, ok: (v: T) => boolean, timeoutMs = TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await get();
    if (ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`${what} did not appear within ${timeoutMs / 1000} s; last: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 200)); // polling interval
  }
}

function fileUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace folder is not open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(fileUri(name));
  assert.equal(doc.languageId, 'transcript', `${name} should open as a transcript`);
  return vscode.window.showTextDocument(doc);
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code ?? ''));

function diagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'transcript' || codeOf(d).startsWith('TR')).filter((d) => !code || codeOf(d) === code);
}

function symbols(uri: vscode.Uri): Thenable<vscode.DocumentSymbol[] | undefined> {
  return vscode.commands.executeCommand<vscode.DocumentSymbol[] | undefined>('vscode.executeDocumentSymbolProvider', uri);
}

function quickFixes(uri: vscode.Uri, range: vscode.Range): Thenable<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value);
}

suite('Transcripts in VS Code', () => {
  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    await open(MUNICH); // activation: onLanguage:transcript
    await until('the extension to activate', async () => ext.isActive, (v) => v);
  });

  test('Munich: the outline lists Preamble, the opening statement and Q1 … Q7', async () => {
    const uri = fileUri(MUNICH);
    const list = await until('document symbols for Munich', () => symbols(uri), (s) => !!s && s.length > 0);
    const names = list!.map((s) => s.name);
    assert.equal(names.length, 9, `expected 9 top-level entries, got ${JSON.stringify(names)}`);
    assert.equal(names[0], 'Preamble');
    assert.equal(names[1], 'Opening statement · Mark Rutte');
    names.slice(2).forEach((n, i) => assert.ok(n.startsWith(`Q${i + 1} · `), `entry ${i + 3} should be Q${i + 1} · …, is ${n}`));
    assert.deepEqual(list![2]!.children.map((c) => c.name), ['Question', 'Mark Rutte']);
  });

  test('Munich: one boilerplate diagnostic TR002 at the top', async () => {
    const uri = fileUri(MUNICH);
    const found = await until('TR002 for Munich', async () => diagnostics(uri, 'TR002'), (d) => d.length > 0);
    assert.equal(found.length, 1);
    assert.equal(found[0]!.range.start.line, 0);
    assert.equal(found[0]!.severity, vscode.DiagnosticSeverity.Warning);
  });

  test('Check All Transcripts in Workspace: Problems for the transcript that is not open', async () => {
    const rome = fileUri(ROME);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === rome.toString()), 'Rome should not be open yet');
    const r = await vscode.commands.executeCommand<{ files: number; problems: number; withProblems: number; cancelled: boolean }>('transcript.checkWorkspace');
    assert.ok(r && r.files >= 2 && !r.cancelled, `expected both seeds checked, got ${JSON.stringify(r)}`);
    assert.equal(diagnostics(rome, 'TR002').length, 1);
    assert.equal(diagnostics(rome, 'TR005').length, 3);
    assert.ok(r.problems >= 5 && r.withProblems >= 2, JSON.stringify(r));
  });

  test('Munich: the TR002 quick fix deletes the boilerplate', async () => {
    const editor = await open(MUNICH);
    const uri = editor.document.uri;
    const [d] = await until('TR002 for Munich', async () => diagnostics(uri, 'TR002'), (x) => x.length > 0);
    const actions = await until('the TR002 quick fix', () => quickFixes(uri, d!.range), (a) => a.some((x) => /^Delete \d+ lines of web-page furniture$/.test(x.title)));
    const fix = actions.find((x) => /^Delete \d+ lines of web-page furniture$/.test(x.title))!;
    assert.ok(fix.edit, 'the quick fix carries an edit');
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const label = 'NATO Secretary General Mark Rutte';
    assert.equal(editor.document.getText(), before.slice(before.indexOf(`\n${label}\n`) + 1), 'the text from the opening label on stays, everything before it goes');
    await until('TR002 to clear', async () => diagnostics(uri, 'TR002'), (x) => x.length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Munich: speaker labels are semantic tokens (speaker, questioner / answerer)', async () => {
    const editor = await open(MUNICH);
    const doc = editor.document;
    const legend = await until(
      'the semantic tokens legend',
      () => vscode.commands.executeCommand<vscode.SemanticTokensLegend | undefined>('vscode.provideDocumentSemanticTokensLegend', doc.uri),
      (l) => !!l,
    );
    const tokens = await until(
      'semantic tokens for Munich',
      () => vscode.commands.executeCommand<vscode.SemanticTokens | undefined>('vscode.provideDocumentSemanticTokens', doc.uri),
      (t) => !!t && t.data.length > 0,
    );
    // Decode the relative five-integer form.
    const decoded: { line: number; char: number; length: number; type: string; modifiers: string[] }[] = [];
    let line = 0;
    let char = 0;
    const data = tokens!.data;
    for (let i = 0; i + 4 < data.length; i += 5) {
      line += data[i]!;
      char = data[i] === 0 ? char + data[i + 1]! : data[i + 1]!;
      const mods = legend!.tokenModifiers.filter((_, bit) => (data[i + 4]! >> bit) & 1);
      decoded.push({ line, char, length: data[i + 2]!, type: legend!.tokenTypes[data[i + 3]!]!, modifiers: mods });
    }
    const lines = doc.getText().split('\n');
    const q = lines.indexOf('Question');
    const a = lines.indexOf('NATO Secretary General Mark Rutte', q);
    const at = (l: number) => decoded.find((t) => t.line === l && t.char === 0);
    assert.equal(at(q)?.type, 'speaker', `line ${q + 1} "Question" should be a speaker token: ${JSON.stringify(at(q))}`);
    assert.ok(at(q)!.modifiers.includes('questioner'));
    assert.equal(at(q)!.length, 'Question'.length);
    assert.equal(at(a)?.type, 'speaker', `line ${a + 1} should be a speaker token: ${JSON.stringify(at(a))}`);
    assert.ok(at(a)!.modifiers.includes('answerer'));
    assert.equal(at(q + 2), undefined, 'speech is not a token');
  });

  test('Rome: TR002 and three TR005 labels; the TR005 quick fix trims one label', async () => {
    const editor = await open(ROME);
    const uri = editor.document.uri;
    const tr005 = await until('3 × TR005 for Rome', async () => diagnostics(uri, 'TR005'), (d) => d.length === 3);
    assert.equal(diagnostics(uri, 'TR002').length, 1);
    const first = tr005.sort((x, y) => x.range.start.line - y.range.start.line)[0]!;
    const lineNo = first.range.start.line;
    const before = editor.document.lineAt(lineNo).text;
    assert.match(before, /\u00a0$/, 'the label ends with a non-breaking space');
    const actions = await until('the TR005 quick fix', () => quickFixes(uri, first.range), (a) => a.some((x) => x.title === 'Remove trailing whitespace from the label'));
    const fix = actions.find((x) => x.title === 'Remove trailing whitespace from the label')!;
    const text = editor.document.getText();
    assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)));
    assert.equal(editor.document.lineAt(lineNo).text, before.replace(/[\s\u00a0]+$/, ''));
    const expected = text.split('\n').map((l, i) => (i === lineNo ? l.replace(/[\s\u00a0]+$/, '') : l)).join('\n');
    assert.equal(editor.document.getText(), expected, 'only that line changed');
    await until('2 × TR005 left', async () => diagnostics(uri, 'TR005'), (d) => d.length === 2);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('Rome: hovering a speaker label', async function () {
    const serverJs = process.env.TRANSCRIPT_SERVER_JS;
    if (serverJs) {
      const caps = await serverCapabilities(serverJs);
      if (!caps.hoverProvider) this.skip(); // the server offers no hover yet
    }
    const editor = await open(ROME);
    const q = editor.document.getText().split('\n').indexOf('Question');
    const hovers = await until(
      'a hover on the Question label',
      () => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(q, 2)),
      (h) => h.length > 0,
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Question/);
  });
});
