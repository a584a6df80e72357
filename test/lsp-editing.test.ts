/**
 * Speaker-aware editing over the protocol, as an editor uses it, on the NATO seeds: rename (every
 * label variant renamed, speech untouched, anonymous speakers refused), references, highlights,
 * definition, completion, hover, code lenses, formatting and workspace symbols. Spawns the bundled
 * `node dist/server.js --stdio` (run `npm run build` first; `npm test` does).
 *
 *   node --import tsx --test test/lsp-editing.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CodeLens,
  CompletionItem,
  CompletionList,
  DocumentHighlight,
  Hover,
  InitializeResult,
  Location,
  Range,
  SymbolInformation,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { applyEdits, corpus, corpusText, Session } from './support/lspClient.ts';

const MUNICH = corpusText('nato__seed-munich-doorstep.txt');
const ROME = corpusText('nato__seed-rome-doorstep.txt');
const MUNICH_URI = 'file:///corpus/nato__seed-munich-doorstep.transcript';
const ROME_URI = 'file:///corpus/nato__seed-rome-doorstep.transcript';
const VARIANTS_URI = 'file:///corpus/munich-variants.transcript';

const lines = (s: string) => s.split(/\r?\n/);
/** The lines of the Munich seed that hold Mark Rutte's label, and those of the questioner's. */
const RUTTE_LINES = [44, 62, 70, 78, 86, 94, 102, 110];
const QUESTION_LINES = [58, 66, 74, 82, 90, 98, 106];

/**
 * The Munich seed with a roster and three variants of Rutte's label, as transcripts mix them:
 * `NATO Secretary General Mark Rutte`, `Mark Rutte, NATO Secretary General`, `Mr Rutte`.
 */
const FRONT = ['---', 'title: Doorstep at the Munich Security Conference', 'speakers:', '  - Mark Rutte', '---'];
const VARIANTS = (() => {
  const ls = lines(MUNICH);
  ls[62] = 'Mark Rutte, NATO Secretary General';
  ls[70] = 'Mr Rutte';
  ls[94] = 'Mark Rutte, NATO Secretary General';
  return [...FRONT, ...ls].join('\n');
})();
const SHIFT = FRONT.length;

const pos = (line: number, character: number) => ({ line, character });
const range = (l: number, a: number, b: number): Range => ({ start: pos(l, a), end: pos(l, b) });

function itemsOf(r: CompletionItem[] | CompletionList | null): CompletionItem[] {
  if (!r) return [];
  return Array.isArray(r) ? r : r.items;
}

describe('speaker-aware editing over LSP', () => {
  let s: Session;
  let init: InitializeResult;
  let folder = '';

  before(async () => {
    // A workspace folder with a transcript that is not open in the editor.
    folder = mkdtempSync(path.join(tmpdir(), 'transcript-ws-'));
    copyFileSync(path.join(corpus, 'nato__seed-rome-doorstep.txt'), path.join(folder, 'rome-on-disk.transcript'));
    s = new Session();
    init = await s.initialize({ pull: true, workspaceFolders: [pathToFileURL(folder).href], snippets: false });
    await s.open(MUNICH_URI, MUNICH);
    await s.open(ROME_URI, ROME);
    await s.open(VARIANTS_URI, VARIANTS);
  });

  after(async () => {
    if (s) await s.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  const req = <T>(method: string, params: unknown) => s.conn.sendRequest(method, params) as Promise<T>;
  const at = (uri: string, line: number, character: number) => ({ textDocument: { uri }, position: pos(line, character) });

  test('initialize advertises rename with prepare, references, highlights, definition, completion, hover, lenses, formatting, workspace symbols', () => {
    const c = init.capabilities;
    assert.deepEqual(c.renameProvider, { prepareProvider: true });
    assert.equal(c.referencesProvider, true);
    assert.equal(c.documentHighlightProvider, true);
    assert.equal(c.definitionProvider, true);
    assert.deepEqual(c.completionProvider?.triggerCharacters, ['*']);
    assert.equal(c.hoverProvider, true);
    assert.ok(c.codeLensProvider);
    assert.equal(c.documentFormattingProvider, true);
    assert.equal(c.documentRangeFormattingProvider, true);
    assert.equal(c.workspaceSymbolProvider, true);
  });

  // -------------------------------------------------------------------------------------------
  // Rename

  test('prepareRename on a label: the label, with the speaker name as placeholder', async () => {
    const r = await req<{ range: Range; placeholder: string }>('textDocument/prepareRename', at(MUNICH_URI, 62, 30));
    assert.deepEqual(r, { range: range(62, 0, 33), placeholder: 'Mark Rutte' });
    // Off a label (speech): nothing to rename.
    assert.equal(await req('textDocument/prepareRename', at(MUNICH_URI, 60, 5)), null);
  });

  test('prepareRename and rename refuse the anonymous questioner with a clear message', async () => {
    await assert.rejects(req('textDocument/prepareRename', at(MUNICH_URI, 58, 3)), (e: { code: number; message: string }) => {
      assert.equal(e.code, -32803);
      assert.match(e.message, /"Question" is the anonymous questioner's label/);
      return true;
    });
    await assert.rejects(req('textDocument/rename', { ...at(MUNICH_URI, 58, 3), newName: 'Jane Smith' }), /anonymous/);
  });

  test('rename on the Munich seed: all 8 labels renamed, speech untouched ("Mr Rutte" in a question stays)', async () => {
    const edit = await req<WorkspaceEdit>('textDocument/rename', { ...at(MUNICH_URI, 110, 4), newName: 'Jane Smith' });
    const edits = edit.changes?.[MUNICH_URI] ?? [];
    assert.equal(edits.length, 8);
    const before = lines(MUNICH);
    const after_ = lines(applyEdits(MUNICH, edits));
    assert.equal(after_.length, before.length);
    for (const l of RUTTE_LINES) assert.equal(after_[l], 'NATO Secretary General Jane Smith');
    const changed = after_.map((x, i) => (x !== before[i] ? i : -1)).filter((i) => i >= 0);
    assert.deepEqual(changed, RUTTE_LINES);
    assert.match(after_[60], /^Yes, I have, Mr Rutte\./);
  });

  test('rename on the Rome seed: the label variant keeps its role and its trailing non-breaking space', async () => {
    const edit = await req<WorkspaceEdit>('textDocument/rename', { ...at(ROME_URI, 46, 2), newName: 'Jane Smith' });
    const after_ = lines(applyEdits(ROME, edit.changes?.[ROME_URI] ?? []));
    const before = lines(ROME);
    for (const l of [46, 54, 62]) assert.equal(after_[l], 'Jane Smith, NATO Secretary General\u00a0');
    assert.equal(after_.filter((x, i) => x !== before[i]).length, 3);
  });

  test('rename with every variant and a roster: each label keeps its form, the roster entry follows, speech does not', async () => {
    const edit = await req<WorkspaceEdit>('textDocument/rename', { ...at(VARIANTS_URI, 70 + SHIFT, 3), newName: 'Jane Smith' });
    const after_ = lines(applyEdits(VARIANTS, edit.changes?.[VARIANTS_URI] ?? []));
    const before = lines(VARIANTS);
    assert.equal(after_[3], '  - Jane Smith');
    assert.equal(after_[44 + SHIFT], 'NATO Secretary General Jane Smith');
    assert.equal(after_[62 + SHIFT], 'Jane Smith, NATO Secretary General');
    assert.equal(after_[70 + SHIFT], 'Mr Smith');
    assert.equal(after_[94 + SHIFT], 'Jane Smith, NATO Secretary General');
    const changed = after_.map((x, i) => (x !== before[i] ? i - SHIFT : -1)).filter((i) => i >= -SHIFT && after_[i + SHIFT] !== before[i + SHIFT]);
    assert.deepEqual(changed, [3 - SHIFT, ...RUTTE_LINES]);
    assert.match(after_[60 + SHIFT], /Mr Rutte/);
    // Renaming from the roster entry does the same.
    const fromRoster = await req<WorkspaceEdit>('textDocument/rename', { ...at(VARIANTS_URI, 3, 6), newName: 'Jane Smith' });
    assert.deepEqual(fromRoster.changes?.[VARIANTS_URI], edit.changes?.[VARIANTS_URI]);
  });

  test('rename to a name that cannot be a label is refused', async () => {
    await assert.rejects(req('textDocument/rename', { ...at(MUNICH_URI, 44, 1), newName: '   ' }), /empty/);
    await assert.rejects(req('textDocument/rename', { ...at(MUNICH_URI, 44, 1), newName: 'Question' }), /anonymous label/);
  });

  // -------------------------------------------------------------------------------------------
  // References, highlights, definition

  test('references: every label of the speaker, whatever variant; the roster entry with the declaration', async () => {
    const refs = await req<Location[]>('textDocument/references', { ...at(MUNICH_URI, 44, 10), context: { includeDeclaration: true } });
    assert.deepEqual(
      refs.map((r) => r.range),
      RUTTE_LINES.map((l) => range(l, 0, 33)),
    );
    assert.ok(refs.every((r) => r.uri === MUNICH_URI));
    const qs = await req<Location[]>('textDocument/references', { ...at(MUNICH_URI, 90, 0), context: { includeDeclaration: false } });
    assert.deepEqual(
      qs.map((r) => r.range.start.line),
      QUESTION_LINES,
    );
    const variants = await req<Location[]>('textDocument/references', { ...at(VARIANTS_URI, 62 + SHIFT, 0), context: { includeDeclaration: true } });
    assert.deepEqual(
      variants.map((r) => r.range.start.line),
      [3, ...RUTTE_LINES.map((l) => l + SHIFT)],
    );
    assert.deepEqual(variants[0].range, range(3, 4, 14));
    assert.deepEqual(variants[3].range, range(70 + SHIFT, 0, 8));
    const noDecl = await req<Location[]>('textDocument/references', { ...at(VARIANTS_URI, 62 + SHIFT, 0), context: { includeDeclaration: false } });
    assert.equal(noDecl.length, 8);
  });

  test('documentHighlight: the speaker labels (and the roster entry as the write)', async () => {
    const hs = await req<DocumentHighlight[]>('textDocument/documentHighlight', at(MUNICH_URI, 58, 2));
    assert.deepEqual(
      hs.map((h) => [h.range.start.line, h.kind]),
      QUESTION_LINES.map((l) => [l, 2]),
    );
    const vs = await req<DocumentHighlight[]>('textDocument/documentHighlight', at(VARIANTS_URI, 44 + SHIFT, 2));
    assert.deepEqual(vs[0], { range: range(3, 4, 14), kind: 3 });
    assert.equal(vs.length, 9);
    assert.deepEqual(await req('textDocument/documentHighlight', at(MUNICH_URI, 60, 10)), []);
  });

  test('definition: the first label, or the roster entry when the front matter declares the speaker', async () => {
    assert.deepEqual(await req<Location>('textDocument/definition', at(MUNICH_URI, 110, 5)), { uri: MUNICH_URI, range: range(44, 0, 33) });
    assert.deepEqual(await req<Location>('textDocument/definition', at(MUNICH_URI, 106, 5)), { uri: MUNICH_URI, range: range(58, 0, 8) });
    assert.deepEqual(await req<Location>('textDocument/definition', at(VARIANTS_URI, 70 + SHIFT, 2)), { uri: VARIANTS_URI, range: range(3, 4, 14) });
    assert.equal(await req('textDocument/definition', at(MUNICH_URI, 60, 5)), null);
  });

  // -------------------------------------------------------------------------------------------
  // Completion

  test('completion at the start of a line: block labels, the likely next speaker first', async () => {
    // On the blank line after the last question's text: Mark Rutte answers next.
    const afterQ = itemsOf(await req('textDocument/completion', at(MUNICH_URI, 109, 0)));
    assert.deepEqual(
      afterQ.map((i) => i.label),
      ['NATO Secretary General Mark Rutte', 'Question'],
    );
    assert.equal(afterQ[0].preselect, true);
    assert.deepEqual(afterQ[0].textEdit, { range: range(109, 0, 0), newText: 'NATO Secretary General Mark Rutte\n\n' });
    assert.ok((afterQ[0].sortText ?? '') < (afterQ[1].sortText ?? ''));
    // After an answer: the questioner.
    const afterA = itemsOf(await req('textDocument/completion', at(MUNICH_URI, 105, 0)));
    assert.equal(afterA[0].label, 'Question');
    // In the middle of a sentence: nothing.
    assert.deepEqual(itemsOf(await req('textDocument/completion', at(MUNICH_URI, 60, 20))), []);
  });

  test('completion in an inline and a Markdown document: the dialect style, after `**` too', async () => {
    const inlineUri = 'file:///t/briefing.transcript';
    const inline = 'MS. PSAKI:  Good afternoon.\n\nQ    Will he travel?\n\nMS. PSAKI:  Not this week.\n\n';
    await s.open(inlineUri, inline);
    const items = itemsOf(await req('textDocument/completion', at(inlineUri, 6, 0)));
    assert.deepEqual(
      items.map((i) => (i.textEdit as TextEdit).newText),
      ['Q    ', 'MS. PSAKI:  '],
    );
    const mdUri = 'file:///t/podcast.transcript';
    const md = '**Natalie:** Hi, and welcome.\n\n**Ole:** Thanks, good to be here.\n\n**Natalie:** What do you do?\n\n**Ole:** I write Go.\n\n**';
    await s.open(mdUri, md);
    const bold = itemsOf(await req('textDocument/completion', { ...at(mdUri, 8, 2), context: { triggerKind: 2, triggerCharacter: '*' } }));
    assert.deepEqual(
      bold.map((i) => i.textEdit),
      [
        { range: range(8, 0, 2), newText: '**Natalie:** ' },
        { range: range(8, 0, 2), newText: '**Ole:** ' },
      ],
    );
  });

  test('completion inside the front-matter roster offers the speakers it does not list', async () => {
    const uri = 'file:///t/roster.transcript';
    const text = '---\nspeakers:\n  - Jen Psaki\n  - \n---\nMS. PSAKI:  Hello.\n\nQ    Why?\n\nMR. KIRBY:  Because.\n';
    await s.open(uri, text);
    const items = itemsOf(await req('textDocument/completion', at(uri, 3, 4)));
    assert.deepEqual(
      items.map((i) => [i.label, i.textEdit]),
      [['Mr. Kirby', { range: range(3, 4, 4), newText: 'Mr. Kirby' }]],
    );
  });

  // -------------------------------------------------------------------------------------------
  // Hover

  test('hover on a label: name, role, turns, words, share, questions, label variants', async () => {
    const h = await req<Hover>('textDocument/hover', at(MUNICH_URI, 44, 12));
    assert.deepEqual(h.range, range(44, 0, 33));
    const md = (h.contents as { kind: string; value: string }).value;
    assert.equal((h.contents as { kind: string }).kind, 'markdown');
    assert.equal(
      md,
      [
        '**Mark Rutte** — NATO Secretary General',
        '',
        '8 turns · 1,031 words · 88.5% of the words',
        '',
        'Answered 7 of the 7 questions',
        '',
        'Label: `NATO Secretary General Mark Rutte` ×8',
      ].join('\n'),
    );
    const q = await req<Hover>('textDocument/hover', at(MUNICH_URI, 58, 0));
    assert.match((q.contents as { value: string }).value, /^\*\*Question\*\* \(anonymous questioner\)\n\n7 turns · 134 words · 11\.5% of the words\n\nAsked 7 of the 7 questions/);
    const v = await req<Hover>('textDocument/hover', at(VARIANTS_URI, 70 + SHIFT, 1));
    assert.match((v.contents as { value: string }).value, /Labels: `NATO Secretary General Mark Rutte` ×5, `Mark Rutte, NATO Secretary General` ×2, `Mr Rutte` ×1/);
    assert.equal(await req('textDocument/hover', at(MUNICH_URI, 60, 3)), null);
  });

  // -------------------------------------------------------------------------------------------
  // Code lenses

  test('code lens on each Q&A pair: words and speakers; off with transcript.codeLens.enabled = false', async () => {
    const lenses = await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: MUNICH_URI } });
    assert.equal(lenses.length, 7);
    assert.deepEqual(
      lenses.map((l) => l.range.start.line),
      QUESTION_LINES,
    );
    assert.deepEqual(lenses[0].command, { title: '41 words · Question → Mark Rutte', command: '' });
    s.settings = { rules: {}, dialect: 'auto', codeLens: { enabled: false } };
    const n = s.refreshes.length;
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await s.waitFor('a code lens refresh', () => s.refreshes.slice(n).includes('codeLens'));
    assert.deepEqual(await req('textDocument/codeLens', { textDocument: { uri: MUNICH_URI } }), []);
    s.settings = { rules: {}, dialect: 'auto' };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.equal((await req<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: MUNICH_URI } })).length, 7);
  });

  // -------------------------------------------------------------------------------------------
  // Formatting

  test('formatting the Rome seed removes the labels\u2019 trailing spaces and nothing else; formatting again changes nothing', async () => {
    const edits = await req<TextEdit[]>('textDocument/formatting', { textDocument: { uri: ROME_URI }, options: { tabSize: 2, insertSpaces: true } });
    const formatted = applyEdits(ROME, edits);
    const before = lines(ROME);
    const after_ = lines(formatted);
    const changed = after_.map((x, i) => (x !== before[i] ? i : -1)).filter((i) => i >= 0);
    assert.ok(changed.includes(46) && changed.includes(54) && changed.includes(62));
    for (const i of changed) assert.equal(after_[i], before[i].replace(/[\s\u00a0]+$/, ''));
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: ROME_URI, version: 2 }, contentChanges: [{ text: formatted }] });
    assert.deepEqual(await req('textDocument/formatting', { textDocument: { uri: ROME_URI }, options: { tabSize: 2, insertSpaces: true } }), []);
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: ROME_URI, version: 3 }, contentChanges: [{ text: ROME }] });
  });

  test('range formatting touches only the lines of the range', async () => {
    const edits = await req<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri: ROME_URI },
      range: { start: pos(50, 0), end: pos(56, 0) },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(edits.length > 0);
    for (const e of edits) assert.ok(e.range.start.line >= 50 && e.range.end.line <= 55, JSON.stringify(e));
    assert.equal(lines(applyEdits(ROME, edits))[54], 'Mark Rutte, NATO Secretary General');
  });

  // -------------------------------------------------------------------------------------------
  // Workspace symbols

  test('workspace symbols: the Q&A pairs and speakers of open transcripts and of transcripts on disk', async () => {
    const deadline = await req<SymbolInformation[]>('workspace/symbol', { query: 'deadline' });
    const q5 = deadline.find((x) => x.name === 'Q5 · The deadline?' && x.location.uri === MUNICH_URI);
    assert.ok(q5, JSON.stringify(deadline.map((x) => x.name)));
    assert.equal(q5.location.range.start.line, 90);
    assert.equal(q5.kind, 11); // Interface, as in the outline
    assert.equal(q5.containerName, 'Question → Mark Rutte · nato__seed-munich-doorstep.transcript');
    const all = await req<SymbolInformation[]>('workspace/symbol', { query: '' });
    const rutte = all.filter((x) => x.name === 'Mark Rutte');
    assert.ok(rutte.some((x) => x.location.uri === MUNICH_URI && x.location.range.start.line === 44));
    assert.ok(rutte.some((x) => x.location.uri === ROME_URI));
    const onDisk = all.filter((x) => x.location.uri.endsWith('/rome-on-disk.transcript'));
    assert.ok(onDisk.some((x) => x.name === 'Mark Rutte' && x.kind === 5), 'the speaker of the transcript on disk');
    assert.ok(onDisk.some((x) => /^Q1 · .*Zelenskyy/.test(x.name)), JSON.stringify(onDisk.map((x) => x.name)));
    assert.ok(!all.some((x) => x.name === 'Question'), 'anonymous speakers are not symbols');
    const zel = await req<SymbolInformation[]>('workspace/symbol', { query: 'zelenskyy hague' });
    assert.ok(zel.length >= 2 && zel.every((x) => /Zelenskyy/.test(x.name)));
  });

  test('requests for an unknown document answer empty', async () => {
    const uri = 'file:///nowhere/never-opened.transcript';
    assert.equal(await req('textDocument/prepareRename', at(uri, 0, 0)), null);
    assert.deepEqual(await req('textDocument/references', { ...at(uri, 0, 0), context: { includeDeclaration: true } }), []);
    assert.deepEqual(await req('textDocument/completion', at(uri, 0, 0)), []);
    assert.equal(await req('textDocument/hover', at(uri, 0, 0)), null);
    assert.deepEqual(await req('textDocument/codeLens', { textDocument: { uri } }), []);
    assert.deepEqual(await req('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }), []);
  });

  test('shutdown and exit end the process with code 0', async () => {
    const code = await s.close();
    assert.equal(code, 0, s.stderr);
    s = undefined as unknown as Session;
  });
});
