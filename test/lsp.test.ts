/**
 * The language server over the protocol, as an editor uses it: spawns the bundled
 * `node dist/server.js --stdio` (run `npm run build` first; `npm test` does) and talks JSON-RPC.
 * Waits on messages with timeouts, never on fixed sleeps.
 *
 *   node --import tsx --test test/lsp.test.ts
 *
 * Reads the NATO seeds from the shared corpus (`<repo>/../shared/corpus` or $TRANSCRIPT_CORPUS).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type FoldingRange,
  type InitializeResult,
  type Range,
  type SemanticTokens,
} from 'vscode-languageserver-protocol/node';
import { decodeTokens } from '../server/src/core/features/index.ts';
import { applyEdits, corpusText, Session } from './support/lspClient.ts';

const MUNICH = corpusText('nato__seed-munich-doorstep.txt');
const ROME = corpusText('nato__seed-rome-doorstep.txt');
const MUNICH_URI = 'file:///corpus/nato__seed-munich-doorstep.transcript';
const ROME_URI = 'file:///corpus/nato__seed-rome-doorstep.transcript';
const UNKNOWN_URI = 'file:///nowhere/never-opened.transcript';

/** Every symbol of a tree with its parent. */
function walk(symbols: DocumentSymbol[], parent: DocumentSymbol | null = null, out: [DocumentSymbol, DocumentSymbol | null][] = []) {
  for (const s of symbols) {
    out.push([s, parent]);
    walk(s.children ?? [], s, out);
  }
  return out;
}

const before_ = (a: { line: number; character: number }, b: { line: number; character: number }) =>
  a.line < b.line || (a.line === b.line && a.character <= b.character);
const contains = (outer: Range, inner: Range) => before_(outer.start, inner.start) && before_(inner.end, outer.end) && before_(inner.start, inner.end);

const MUNICH_OUTLINE = [
  'Preamble',
  'Opening statement · Mark Rutte',
  'Q1 · Will you continue working with the Peshmerga and the Syrian Democratic Forces?',
  'Q2 · What do you expect from US Secretary Rubio from his speech?',
  'Q3 · Do you think that Europe can be independent from the United States?',
  'Q4 · How quickly does that need to happen?',
  'Q5 · The deadline?',
  'Q6 · Can Putin [inaudible] NATO countries, and when it can be?',
  'Q7 · What NATO are planning to do with this, and will you allow Ukraine to strike this…',
];

/** The lines holding a label alone, found without the parser: the 15 labels of the Munich seed. */
function munichLabelLines(): { line: number; text: string }[] {
  return MUNICH.split(/\r?\n/)
    .map((s, line) => ({ line, text: s.trim() }))
    .filter((x) => x.text === 'NATO Secretary General Mark Rutte' || x.text === 'Question');
}

describe('language server over LSP (pull diagnostics)', () => {
  let s: Session;
  let init: InitializeResult;

  before(async () => {
    s = new Session();
    init = await s.initialize(true);
    await s.open(MUNICH_URI, MUNICH);
    await s.open(ROME_URI, ROME);
  });

  after(async () => {
    if (s) await s.close();
  });

  test('initialize advertises the capabilities', () => {
    const c = init.capabilities;
    assert.deepEqual(c.textDocumentSync, { openClose: true, change: 2 });
    assert.ok(c.documentSymbolProvider);
    assert.ok(c.foldingRangeProvider);
    assert.equal(c.semanticTokensProvider?.full, true);
    assert.ok(c.semanticTokensProvider?.legend.tokenTypes.includes('speaker'));
    for (const m of ['questioner', 'answerer', 'moderator', 'unattributed']) assert.ok(c.semanticTokensProvider?.legend.tokenModifiers.includes(m), m);
    const ca = c.codeActionProvider;
    assert.ok(ca && typeof ca === 'object');
    assert.deepEqual(ca.codeActionKinds, ['quickfix', 'source.fixAll.transcript']);
    assert.equal(c.diagnosticProvider?.interFileDependencies, false);
    assert.equal(init.serverInfo?.name, 'transcript-language-server');
  });

  test('documentSymbol: preamble, opening statement and exactly 7 Q&A pairs on the Munich seed', async () => {
    const symbols = await s.symbols(MUNICH_URI);
    assert.deepEqual(
      symbols.map((x) => x.name),
      MUNICH_OUTLINE,
    );
    const pairs = symbols.filter((x) => /^Q\d+ · /.test(x.name));
    assert.equal(pairs.length, 7);
    pairs.forEach((p, i) => {
      assert.ok(p.name.startsWith(`Q${i + 1} · `));
      assert.equal(p.detail, 'Question → Mark Rutte');
      assert.deepEqual(
        p.children?.map((c) => c.name),
        ['Question', 'Mark Rutte'],
      );
    });
    assert.deepEqual(symbols[0].range, { start: { line: 0, character: 0 }, end: { line: 42, character: 85 } });
    assert.deepEqual(symbols[1].selectionRange, { start: { line: 44, character: 0 }, end: { line: 44, character: 33 } });
    assert.deepEqual(pairs[0].range.start, { line: 58, character: 0 });
    assert.deepEqual(pairs[0].selectionRange, { start: { line: 58, character: 0 }, end: { line: 58, character: 8 } });
  });

  test('documentSymbol: every selectionRange lies inside its range, every child inside its parent', async () => {
    for (const uri of [MUNICH_URI, ROME_URI]) {
      for (const [sym, parent] of walk(await s.symbols(uri))) {
        assert.ok(contains(sym.range, sym.selectionRange), `${sym.name}: selectionRange outside range`);
        if (parent) assert.ok(contains(parent.range, sym.range), `${sym.name}: outside ${parent.name}`);
      }
    }
  });

  test('foldingRange includes the preamble, the pairs and the turns', async () => {
    const folds = (await s.conn.sendRequest('textDocument/foldingRange', { textDocument: { uri: MUNICH_URI } })) as FoldingRange[];
    assert.ok(folds.some((f) => f.startLine === 0 && f.endLine === 42 && f.kind === 'comment'), 'preamble fold');
    assert.ok(folds.some((f) => f.startLine === 58 && f.endLine === 64), 'Q1 pair fold');
    assert.ok(folds.some((f) => f.startLine === 44 && f.endLine === 56), 'opening statement fold');
  });

  test('semantic tokens: the 15 labels, with their parts', async () => {
    const r = (await s.conn.sendRequest('textDocument/semanticTokens/full', { textDocument: { uri: MUNICH_URI } })) as SemanticTokens;
    const tokens = decodeTokens(r.data);
    const speakers = tokens.filter((t) => t.type === 'speaker');
    const expected = munichLabelLines();
    assert.equal(expected.length, 15);
    assert.deepEqual(
      speakers.map((t) => [t.line, t.start, t.length]),
      expected.map((x) => [x.line, 0, x.text.length]),
    );
    assert.deepEqual(speakers[0].modifiers, []); // the opening statement
    for (const t of speakers.slice(1)) assert.deepEqual(t.modifiers, [t.length === 8 ? 'questioner' : 'answerer']);
    // Notes in speech are tokens too: `[inaudible]` in Q6.
    assert.ok(tokens.some((t) => t.type === 'note' && t.modifiers.includes('inaudible')));
  });

  test('diagnostics (pull): TR002 boilerplate once on the Munich seed', async () => {
    const items = await s.diagnostics(MUNICH_URI);
    const tr002 = items.filter((d) => d.code === 'TR002');
    assert.equal(tr002.length, 1);
    assert.equal(tr002[0].source, 'transcript');
    assert.equal(tr002[0].codeDescription?.href, 'https://github.com/transcript-tools/vscode-transcript/blob/main/docs/rules/TR002.md');
  });

  let romeTr005: Diagnostic[] = [];

  test('diagnostics (pull): TR005 on the Rome seed, with code, source, docs link and data', async () => {
    const items = await s.diagnostics(ROME_URI);
    romeTr005 = items.filter((d) => d.code === 'TR005');
    assert.deepEqual(
      romeTr005.map((d) => d.range.start.line),
      [46, 54, 62],
    );
    for (const d of romeTr005) {
      assert.equal(d.source, 'transcript');
      assert.equal(d.severity, 2);
      assert.equal(d.codeDescription?.href, 'https://github.com/transcript-tools/vscode-transcript/blob/main/docs/rules/TR005.md');
      assert.ok(d.data && typeof d.data === 'object');
    }
  });

  test('codeAction: the TR005 quick fix removes the trailing non-breaking space', async () => {
    const d = romeTr005[0];
    assert.ok(d, 'needs the TR005 diagnostics of the previous test');
    const actions = await s.codeActions(ROME_URI, d.range, [d], ['quickfix']);
    assert.equal(actions.length, 1);
    const a = actions[0];
    assert.equal(a.kind, 'quickfix');
    assert.equal(a.isPreferred, true);
    assert.equal(a.title, 'Remove trailing whitespace from the label');
    assert.deepEqual(a.diagnostics, [d]);
    const edits = a.edit?.changes?.[ROME_URI];
    assert.ok(edits && edits.length > 0);
    const fixed = applyEdits(ROME, edits);
    const before = ROME.split(/\r?\n/);
    const after = fixed.split(/\r?\n/);
    assert.equal(before[46], 'Mark Rutte, NATO Secretary General\u00a0');
    assert.equal(after[46], 'Mark Rutte, NATO Secretary General');
    assert.equal(after.length, before.length);
    assert.equal(after.filter((x, i) => x !== before[i]).length, 1);
  });

  test('codeAction: a diagnostic from an older version still gets its fix, found again', async () => {
    const d = romeTr005[1];
    const stale = { ...d, data: { version: -1, rule: 'label-trailing-whitespace', fixes: [] } };
    const actions = await s.codeActions(ROME_URI, d.range, [stale], ['quickfix']);
    assert.equal(actions.length, 1);
  });

  test('diagnostics (pull): typing inside speech is answered "unchanged", and the kept list still gets its quick fixes', async () => {
    const uri = 'file:///corpus/rome-typing.transcript';
    const pull = (previousResultId?: string) =>
      s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri }, ...(previousResultId ? { previousResultId } : {}) }) as Promise<DocumentDiagnosticReport>;
    await s.open(uri, ROME);
    const first = await pull();
    assert.equal(first.kind, 'full');
    const shown = first.kind === 'full' ? first.items : [];
    assert.deepEqual(shown.filter((d) => d.code === 'TR005').map((d) => d.range.start.line), [46, 54, 62]);
    // The same version asked again: unchanged, without looking at the text.
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // A letter typed in the opening statement (line 48): every finding keeps its line and column.
    const at = { line: 48, character: 5 };
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: at, end: at }, text: 'x' }] });
    const typed = applyEdits(ROME, [{ range: { start: at, end: at }, newText: 'x' }]);
    assert.deepEqual(await pull(first.resultId), { kind: 'unchanged', resultId: first.resultId });
    // Without the previous resultId the client shows nothing of ours: a full answer, equal to the kept list.
    const again = await pull();
    assert.equal(again.kind, 'full');
    assert.deepEqual(again.kind === 'full' ? again.items.map(({ data: _d, ...rest }) => rest) : [], shown.map(({ data: _d, ...rest }) => rest));
    // The editor still holds version 1's diagnostics: their fix is found again for version 2's text.
    const d = shown.filter((x) => x.code === 'TR005')[1];
    const actions = await s.codeActions(uri, d.range, [d], ['quickfix']);
    assert.equal(actions.length, 1);
    const fixed = applyEdits(typed, actions[0].edit?.changes?.[uri] ?? []).split('\n');
    assert.equal(fixed[54], 'Mark Rutte, NATO Secretary General');
    assert.equal(fixed[48].slice(0, 12), "It's xgreat ");
    assert.equal(fixed.join('\n'), typed.replace('Mark Rutte, NATO Secretary General\u00a0\n\nWe will publish', 'Mark Rutte, NATO Secretary General\n\nWe will publish'));
    // An edit that adds a finding (a fourth label with a trailing non-breaking space): a full answer.
    const label = { line: 54, character: 'Mark Rutte, NATO Secretary General'.length };
    const nbsp = { start: label, end: { ...label, character: label.character + 1 } };
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ range: nbsp, text: '' }] });
    const third = await pull(again.resultId);
    assert.equal(third.kind, 'full');
    assert.deepEqual(third.kind === 'full' ? third.items.filter((x) => x.code === 'TR005').map((x) => x.range.start.line) : [], [46, 62]);
    assert.notEqual(third.resultId, again.resultId);
  });

  test('codeAction: source.fixAll.transcript returns edits that fix every TR005', async () => {
    const actions = await s.codeActions(ROME_URI, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
    const fixAll = actions.find((a) => a.kind === 'source.fixAll.transcript');
    assert.ok(fixAll, 'a source.fixAll.transcript action');
    const edits = fixAll.edit?.changes?.[ROME_URI];
    assert.ok(edits && edits.length > 0);
    const fixed = applyEdits(ROME, edits);
    assert.ok(!/\u00a0$/m.test(fixed.split('\n').slice(40).join('\n')), 'no label ends with a non-breaking space');
    // Only quick fixes when only quick fixes are asked for.
    const quick = await s.codeActions(ROME_URI, romeTr005[0].range, [romeTr005[0]], ['quickfix']);
    assert.ok(quick.every((a) => a.kind === 'quickfix'));
  });

  test('didChange (incremental): the outline follows the edit', async () => {
    const lines = MUNICH.split('\n');
    const q5 = lines.indexOf('The deadline?');
    assert.ok(q5 > 0);
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: MUNICH_URI, version: 2 },
      contentChanges: [
        // Rewrite Q5, then append a new exchange at the end.
        { range: { start: { line: q5, character: 0 }, end: { line: q5, character: 3 } }, text: 'When is the' },
        { range: { start: { line: lines.length, character: 0 }, end: { line: lines.length, character: 0 } }, text: '\nQuestion\n\nOne more: will you come back next year?\n\nNATO Secretary General Mark Rutte\n\nYes.\n' },
      ],
    });
    const names = (await s.symbols(MUNICH_URI)).map((x) => x.name);
    assert.equal(names[6], 'Q5 · When is the deadline?');
    assert.equal(names[names.length - 1], 'Q8 · One more: will you come back next year?');
    assert.equal(names.length, MUNICH_OUTLINE.length + 1);
  });

  test('settings: transcript.rules changes severities and refreshes diagnostics', async () => {
    s.settings = { rules: { 'label-trailing-whitespace': 'error' }, dialect: 'auto' };
    const n = s.refreshes.length;
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.waitFor('a diagnostic refresh', () => s.refreshes.slice(n).includes('diagnostic'));
    assert.deepEqual(
      (await s.diagnostics(ROME_URI)).filter((d) => d.code === 'TR005').map((d) => d.severity),
      [1, 1, 1],
    );
    s.settings = { rules: { TR005: 'off' } };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await s.diagnostics(ROME_URI)).filter((d) => d.code === 'TR005').length, 0);
    s.settings = { rules: {}, dialect: 'auto' };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await s.diagnostics(ROME_URI)).filter((d) => d.code === 'TR005').length, 3);
  });

  test('requests for an unknown document answer empty and the server keeps running', async () => {
    const doc = { textDocument: { uri: UNKNOWN_URI } };
    assert.deepEqual(await s.conn.sendRequest('textDocument/documentSymbol', doc), []);
    assert.deepEqual(await s.conn.sendRequest('textDocument/foldingRange', doc), []);
    assert.deepEqual(await s.conn.sendRequest('textDocument/semanticTokens/full', doc), { data: [] });
    assert.deepEqual(await s.conn.sendRequest('textDocument/diagnostic', doc), { kind: 'full', items: [] });
    assert.deepEqual(await s.codeActions(UNKNOWN_URI, { start: { line: 9, character: 9 }, end: { line: 99, character: 0 } }, [], undefined), []);
    // Bad positions in a known document: no crash.
    const bad: Diagnostic = { range: { start: { line: 10_000, character: 5 }, end: { line: 10_001, character: 0 } }, severity: 2, code: 'TR005', source: 'transcript', message: 'x' };
    assert.deepEqual(await s.codeActions(ROME_URI, bad.range, [bad], ['quickfix']), []);
    assert.equal((await s.symbols(ROME_URI)).length > 0, true);
  });

  test('a cancelled request answers RequestCancelled (or its result) and the server keeps running', async () => {
    const cts = new CancellationTokenSource();
    const p = s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: MUNICH_URI } }, cts.token);
    cts.cancel();
    await p.then(
      (r) => assert.ok(Array.isArray(r)),
      (e: { code?: number }) => assert.equal(e.code, -32800),
    );
    assert.ok((await s.symbols(MUNICH_URI)).length > 0);
  });

  test('more findings than VS Code shows (1,000 per file): 999 picked as VS Code would, most severe first, and one saying what was left out', async () => {
    // 20 hints first (the same speaker twice in a row), then 1,400 warnings (labels ending in a space), then one more warning.
    let text = '';
    for (let i = 0; i < 20; i++) text += `Ben Ode\n\nFirst ${i}.\n\nBen Ode\n\nSecond ${i}.\n\n`;
    for (let i = 0; i < 700; i++) text += `Anna Berg\u00a0\n\nHello, number ${i}.\n\nQuestion \n\nWhat about ${i}?\n\n`;
    text += 'Ana Berg\n\nThe end.\n';
    const uri = 'file:///many-findings.transcript';
    await s.open(uri, text);
    const ds = await s.diagnostics(uri);
    assert.equal(ds.length, 1000);
    const note = ds.at(-1)!;
    assert.equal(note.severity, 3);
    assert.deepEqual(note.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.match(note.message, /^Not showing 4\d\d further findings: VS Code lists at most 1,000 problems per file \(1,4\d\d found, 1,400 of them TR005 \(label-trailing-whitespace\)\)\./);
    const shown = ds.slice(0, -1);
    // Warnings fill all 999 places, in document order: the first 999 trailing-space labels; no hint.
    assert.deepEqual(new Set(shown.map((d) => d.code)), new Set(['TR005']));
    const firstLabel = 20 * 8;
    assert.deepEqual(shown.slice(0, 3).map((d) => d.range.start.line), [firstLabel, firstLabel + 4, firstLabel + 8]);
    assert.equal(shown.at(-1)!.range.start.line, firstLabel + 998 * 4);
  });

  test('transcript.outline.maxItems caps the outline: the first items and one naming the rest', async () => {
    const uri = 'file:///outline-limit.transcript';
    const text = ['Anna Berg: Good morning.', ...Array.from({ length: 12 }, (_, i) => [`Question: And item ${i + 1}?`, `Anna Berg: Item ${i + 1} is fine.`]).flat()].join('\n');
    await s.open(uri, text);
    assert.equal((await s.symbols(uri)).length, 13);
    const before = s.settings;
    s.settings = { outline: { maxItems: 4 } };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { transcript: s.settings } });
    try {
      const cut = await s.symbols(uri);
      assert.deepEqual(
        cut.map((x) => [x.name, x.children?.length ?? 0]),
        [
          ['Opening statement · Anna Berg', 0],
          ['Q1 · And item 1?', 0],
          ['Q2 · And item 2?', 0],
          ['10 more not listed', 0],
        ],
      );
      assert.deepEqual(cut[3].range.end, { line: 24, character: 'Anna Berg: Item 12 is fine.'.length });
    } finally {
      s.settings = before;
      await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: { transcript: before } });
    }
    assert.equal((await s.symbols(uri)).length, 13);
  });

  test('shutdown and exit end the process with code 0', async () => {
    const code = await s.close();
    assert.equal(code, 0, s.stderr);
    s = undefined as unknown as Session;
  });

});

describe('language server over LSP (push diagnostics)', () => {
  let s: Session;

  before(async () => {
    s = new Session();
    await s.initialize(false);
  });

  after(async () => {
    if (s) await s.close();
  });

  test('initialize advertises no pull diagnostics to a client without them', async () => {
    const other = new Session();
    try {
      const init = await other.initialize(false);
      assert.equal(init.capabilities.diagnosticProvider, undefined);
    } finally {
      await other.close();
    }
  });

  test('publishes diagnostics after a pause, only for the latest version', async () => {
    await s.open(ROME_URI, ROME, 1);
    await s.waitFor('diagnostics for version 1', () => s.published.some((p) => p.uri === ROME_URI && p.version === 1));
    const v1 = s.published.find((p) => p.version === 1)!;
    assert.equal(v1.diagnostics.filter((d) => d.code === 'TR005').length, 3);
    const lines = ROME.split('\n');
    // Two quick edits: only version 3 is published. Version 2 removes one trailing space, version 3 another.
    const change = (version: number, line: number) =>
      s.conn.sendNotification('textDocument/didChange', {
        textDocument: { uri: ROME_URI, version },
        contentChanges: [{ range: { start: { line, character: lines[line].length - 1 }, end: { line, character: lines[line].length } }, text: '' }],
      });
    await change(2, 46);
    await change(3, 54);
    await s.waitFor('diagnostics for version 3', () => s.published.some((p) => p.uri === ROME_URI && p.version === 3));
    assert.equal(s.published.filter((p) => p.version === 2).length, 0, 'stale version 2 was never published');
    const v3 = s.published.find((p) => p.version === 3)!;
    assert.deepEqual(
      v3.diagnostics.filter((d) => d.code === 'TR005').map((d) => d.range.start.line),
      [62],
    );
  });

  test('closing a document clears its diagnostics', async () => {
    const n = s.published.length;
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: ROME_URI } });
    await s.waitFor('cleared diagnostics', () => s.published.slice(n).some((p) => p.uri === ROME_URI && p.diagnostics.length === 0));
  });
});
