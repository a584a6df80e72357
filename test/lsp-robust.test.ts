/**
 * The language server survives a client that misbehaves, logs and goes on (issue 7): requests for
 * unknown documents, out-of-range positions and ranges, didChange/didOpen/didClose out of order,
 * a flood of edits, cancelled requests, a 20 MB document and a 5 MB line, binary-ish text,
 * malformed params and unknown methods. After each case the server must still answer a normal
 * request (documentSymbol on a good document, compared with the core's own outline) and must not
 * have exited. Where the server answers about an edited document, the answer is compared with a
 * direct parse (server/src/core) of the text the client holds (a mirror kept with the same
 * vscode-languageserver-textdocument the server uses).
 *
 * Spawns the bundled `node dist/server.js --stdio` (run `npm run build` first; `npm test` does).
 *
 *   node --import tsx --test test/lsp-robust.test.ts
 *
 * Needs no corpus: every document is generated (scripts/gen-transcript.ts) or written here.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CancellationTokenSource,
  ErrorCodes,
  LSPErrorCodes,
  ResponseError,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentSymbol,
  type InitializeResult,
  type Position,
  type Range,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint, parse } from '../server/src/core/index.ts';
import { documentSymbols } from '../server/src/core/features/index.ts';
import { toDiagnostic, toDocumentSymbol } from '../server/src/lsp/convert.ts';
import { generateTranscript, mulberry32 } from '../scripts/gen-transcript.ts';
import { Session } from './support/lspClient.ts';

// ---------------------------------------------------------------------------------------------
// Documents and expectations

const pos = (line: number, character: number): Position => ({ line, character });
const range = (a: Position, b: Position): Range => ({ start: a, end: b });

/** The good document every case asks about afterwards (about 30 kB, block dialect). */
const GOOD = generateTranscript(30_000, 11);
const GOOD_URI = 'file:///robust/good.transcript';
const UNKNOWN_URI = 'file:///robust/never-opened.transcript';
const GOOD_LINES = GOOD.split('\n');
/** The first label line after the 14-line preamble, and the speech two lines below it. */
const LABEL_LINE = 14;
const SPEECH_LINE = 16;

/** A value as it comes back over JSON (undefined fields dropped). */
const json = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

/** The outline the server should answer for `text` (default settings, hierarchical client). */
function expectedSymbols(text: string): DocumentSymbol[] {
  return json(documentSymbols(text, parse(text)).map(toDocumentSymbol));
}

/** The diagnostics the server should answer for `text` at `version` (default severities). */
function expectedDiagnostics(text: string, version: number): Diagnostic[] {
  return json(lint(text, parse(text), { severities: {} }).map((f) => toDiagnostic(f, version)));
}

const GOOD_SYMBOLS = expectedSymbols(GOOD);

/** The good document under a YAML roster (rename, completion and hover read the roster). */
const ROSTER = ['---', 'title: Press conference', 'speakers: [Anna Lindqvist, Tomas Berg]', 'roles:', '  - Claire Dumont', '---', GOOD].join('\n');
const ROSTER_URI = 'file:///robust/roster.transcript';
/** Positions in the roster's lines: past their ends, negative. */
const ROSTER_POSITIONS: Position[] = [pos(2, 1_000_000), pos(2, -1), pos(2, 12), pos(4, 99), pos(4, -4), pos(5, 10)];

/** A few lines that add a question-and-answer pair, so the outline shows the edit. */
const exchange = (tag: string) => `\nQuestion\n\n${tag} question?\n\nNATO Secretary General Anna Lindqvist\n\nYes.\n`;


// ---------------------------------------------------------------------------------------------
// Plumbing

/** `p`, or a failure naming `what` after `ms`. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

type Outcome = { ok: true; result: unknown } | { ok: false; error: ResponseError<unknown> };

/** A request's answer or its error, never a rejection; fails after `ms`. */
async function ask(s: Session, method: string, params: unknown, ms = 5000): Promise<Outcome> {
  return within(
    (s.conn.sendRequest(method, params as object) as Promise<unknown>).then(
      (result) => ({ ok: true as const, result }),
      (error: ResponseError<unknown>) => ({ ok: false as const, error }),
    ),
    ms,
    method,
  );
}

/** An empty answer: null, [], no semantic tokens, or a full diagnostic report without items. */
function isEmpty(r: unknown): boolean {
  if (r === null) return true;
  if (Array.isArray(r)) return r.length === 0;
  if (r && typeof r === 'object') {
    const o = r as { data?: unknown; kind?: unknown; items?: unknown };
    if (Array.isArray(o.data) && o.data.length === 0 && Object.keys(o).length === 1) return true;
    if (o.kind === 'full' && Array.isArray(o.items) && o.items.length === 0) return true;
  }
  return false;
}

/** A ResponseError a well-behaved server answers on purpose (not an exception thrown by a handler). */
function isDeliberateError(e: ResponseError<unknown>): boolean {
  return (
    typeof e?.code === 'number' &&
    typeof e.message === 'string' &&
    [LSPErrorCodes.RequestFailed, LSPErrorCodes.RequestCancelled, LSPErrorCodes.ContentModified, ErrorCodes.InvalidParams].includes(e.code)
  );
}

/**
 * Every position in `value` (any object with numeric `line` and `character`) that is not inside
 * the document whose line lengths are `lens`, and every range whose start is after its end.
 */
function positionsOutside(value: unknown, lens: number[], where = '$', out: string[] = []): string[] {
  if (!value || typeof value !== 'object') return out;
  const o = value as Record<string, unknown>;
  if (typeof o.line === 'number' && typeof o.character === 'number') {
    const { line, character } = o as unknown as Position;
    if (!Number.isInteger(line) || line < 0 || line >= lens.length || !Number.isInteger(character) || character < 0 || character > lens[line]) {
      out.push(`${where} = ${JSON.stringify(o)}`);
    }
  }
  const r = o as unknown as Range;
  if (r.start && r.end && typeof r.start.line === 'number' && typeof r.end.line === 'number') {
    if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) out.push(`${where}: start after end ${JSON.stringify(r)}`);
  }
  for (const [k, v] of Object.entries(o)) positionsOutside(v, lens, `${where}.${k}`, out);
  return out;
}

/** Line lengths of a text as the editor counts lines (CR, LF, CRLF), the line after a final break included. */
const lineLengths = (text: string) => text.split(/\r\n|\r|\n/).map((l) => l.length);

/** The client's copy of a document, changed with the same library the server uses. */
class Mirror {
  doc: TextDocument;
  constructor(
    readonly uri: string,
    text: string,
    version = 1,
  ) {
    this.doc = TextDocument.create(uri, 'transcript', version, text);
  }
  get text(): string {
    return this.doc.getText();
  }
  get version(): number {
    return this.doc.version;
  }
  open(s: Session): Promise<void> {
    return s.open(this.uri, this.text, this.version);
  }
  /** Applies the changes here and sends them (not awaited by the caller when flooding). */
  change(s: Session, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    this.doc = TextDocument.update(this.doc, changes, version);
    return s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: this.uri, version }, contentChanges: changes });
  }
}

/** A misbehaving-client session: logs captured, the good document open. */
async function startSession(pull = true): Promise<{ s: Session; init: InitializeResult; logs: string[] }> {
  const s = new Session();
  const logs: string[] = [];
  // Replaces the client's silent handler: the server's log is part of what is tested.
  s.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => logs.push(p.message));
  const init = await within(s.initialize(pull), 10_000, 'initialize');
  await s.open(GOOD_URI, GOOD);
  return { s, init, logs };
}

/** The server has not exited and still answers documentSymbol on the good document, correctly. */
async function assertAlive(s: Session, why: string): Promise<void> {
  assert.equal(s.proc.exitCode, null, `server exited (${why}); stderr: ${s.stderr}`);
  assert.equal(s.proc.signalCode, null, `server killed (${why}); stderr: ${s.stderr}`);
  const symbols = await within(s.symbols(GOOD_URI), 10_000, `documentSymbol after ${why}`);
  assert.deepEqual(symbols, GOOD_SYMBOLS, `outline of the good document after ${why}`);
}

/** The server's outline and pull diagnostics for `m` are those of a direct parse of the client's text. */
async function assertInSync(s: Session, m: Mirror, why: string): Promise<void> {
  const symbols = await within(s.symbols(m.uri), 10_000, `documentSymbol (${why})`);
  assert.deepEqual(symbols, expectedSymbols(m.text), `outline (${why})`);
  const r = (await within(s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: m.uri } }), 10_000, `diagnostic (${why})`)) as DocumentDiagnosticReport;
  assert.equal(r.kind, 'full');
  if (r.kind === 'full') {
    assert.equal(r.resultId?.split(':')[0], String(m.version), `resultId names the version (${why})`);
    assert.deepEqual(r.items, expectedDiagnostics(m.text, m.version), `diagnostics (${why})`);
  }
}

// ---------------------------------------------------------------------------------------------
// What the server advertises, and params for each request

/** The request of each advertised provider (semantic tokens: full only, range is not advertised). */
const PROVIDERS: Record<string, string[]> = {
  documentSymbolProvider: ['textDocument/documentSymbol'],
  foldingRangeProvider: ['textDocument/foldingRange'],
  semanticTokensProvider: ['textDocument/semanticTokens/full'],
  diagnosticProvider: ['textDocument/diagnostic'],
  codeActionProvider: ['textDocument/codeAction'],
  hoverProvider: ['textDocument/hover'],
  completionProvider: ['textDocument/completion'],
  referencesProvider: ['textDocument/references'],
  documentHighlightProvider: ['textDocument/documentHighlight'],
  definitionProvider: ['textDocument/definition'],
  renameProvider: ['textDocument/prepareRename', 'textDocument/rename'],
  documentFormattingProvider: ['textDocument/formatting'],
  documentRangeFormattingProvider: ['textDocument/rangeFormatting'],
  codeLensProvider: ['textDocument/codeLens'],
};
/** Not about one document: covered by the malformed-params case. */
const NOT_PER_DOCUMENT = ['workspaceSymbolProvider'];

const POSITION_METHODS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/references',
  'textDocument/documentHighlight',
  'textDocument/definition',
  'textDocument/prepareRename',
  'textDocument/rename',
];
const RANGE_METHODS = ['textDocument/codeAction', 'textDocument/rangeFormatting'];

/** Well-formed params for `method` on `uri` at `p` (position requests) or `r` (range requests). */
function paramsFor(method: string, uri: string, p: Position = pos(0, 0), r: Range = range(p, p)): object {
  const textDocument = { uri };
  switch (method) {
    case 'textDocument/hover':
    case 'textDocument/completion':
    case 'textDocument/documentHighlight':
    case 'textDocument/definition':
    case 'textDocument/prepareRename':
      return { textDocument, position: p };
    case 'textDocument/references':
      return { textDocument, position: p, context: { includeDeclaration: true } };
    case 'textDocument/rename':
      return { textDocument, position: p, newName: 'Jane Roe' };
    case 'textDocument/codeAction':
      return { textDocument, range: r, context: { diagnostics: [] } };
    case 'textDocument/rangeFormatting':
      return { textDocument, range: r, options: { tabSize: 2, insertSpaces: true } };
    case 'textDocument/formatting':
      return { textDocument, options: { tabSize: 2, insertSpaces: true } };
    default:
      return { textDocument };
  }
}

/** Out-of-range positions in GOOD: huge, negative, past the end of a line, past the last line. */
const last = GOOD_LINES.length - 1;
const BAD_POSITIONS: Position[] = [
  pos(1_000_000, 0),
  pos(1_000_000, 1_000_000),
  pos(-1, 0),
  pos(-(2 ** 31), -(2 ** 31)),
  pos(0, -5),
  pos(LABEL_LINE, -1),
  pos(LABEL_LINE, 1_000_000),
  pos(LABEL_LINE + 1, 3), // an empty line
  pos(SPEECH_LINE, 2 ** 31 - 1),
  pos(last, 7), // the empty line after the final line break
  pos(last + 1, 0),
  pos(2 ** 31 - 1, 2 ** 31 - 1),
];
/** Out-of-range and inverted ranges. */
const BAD_RANGES: Range[] = [
  range(pos(0, 0), pos(1_000_000, 0)),
  range(pos(1_000_000, 0), pos(1_000_005, 3)),
  range(pos(-1, -1), pos(-1, -1)),
  range(pos(-5, 0), pos(30, 0)),
  range(pos(30, 0), pos(20, 0)), // end before start
  range(pos(SPEECH_LINE, 5), pos(SPEECH_LINE, 2)), // end before start on one line
  range(pos(SPEECH_LINE, 1_000_000), pos(SPEECH_LINE + 1, 1_000_000)),
  range(pos(LABEL_LINE, -3), pos(LABEL_LINE, 2 ** 31 - 1)),
];

// ---------------------------------------------------------------------------------------------

describe('robustness over LSP: a misbehaving client (pull diagnostics)', () => {
  let s: Session;
  let init: InitializeResult;
  let logs: string[];

  before(async () => {
    ({ s, init, logs } = await startSession(true));
  });

  after(async () => {
    if (s) await s.close();
  });

  test('the good document answers the core outline (the baseline every case checks)', async () => {
    assert.ok(GOOD_SYMBOLS.length > 5);
    await assertAlive(s, 'opening');
  });

  test('every advertised per-document request is covered here', () => {
    const advertised = Object.keys(init.capabilities).filter((k) => k.endsWith('Provider'));
    const missing = advertised.filter((k) => !(k in PROVIDERS) && !NOT_PER_DOCUMENT.includes(k));
    assert.deepEqual(missing, [], 'providers without a robustness case');
    for (const k of Object.keys(PROVIDERS)) assert.ok(advertised.includes(k), `${k} is no longer advertised`);
    assert.deepEqual((init.capabilities.renameProvider as { prepareProvider?: boolean }).prepareProvider, true);
  });

  // -------------------------------------------------------------------------------------------
  // Unknown documents

  for (const method of Object.values(PROVIDERS).flat()) {
    test(`unknown document: ${method} answers empty (or a deliberate error), and the server goes on`, async () => {
      const n = logs.length;
      const o = await ask(s, method, paramsFor(method, UNKNOWN_URI, pos(3, 4), range(pos(1, 0), pos(9, 0))));
      if (o.ok) assert.ok(isEmpty(o.result), `${method} on an unknown document answered ${JSON.stringify(o.result).slice(0, 300)}`);
      else assert.ok(isDeliberateError(o.error), `${method}: ${o.error.code} ${o.error.message}`);
      assert.ok(
        logs.slice(n).some((l) => l.includes('unknown document') && l.includes(UNKNOWN_URI)),
        `the server logs the unknown document; logged: ${JSON.stringify(logs.slice(n))}`,
      );
      await assertAlive(s, `${method} on an unknown document`);
    });
  }

  test('unknown documents: other schemes and odd uris answer empty too', async () => {
    for (const uri of ['untitled:Untitled-1', 'file:///robust/%00nul.transcript', 'not a uri at all', '', 'file:///robust/good.transcript?x#y']) {
      for (const method of ['textDocument/documentSymbol', 'textDocument/diagnostic', 'textDocument/hover', 'textDocument/formatting']) {
        const o = await ask(s, method, paramsFor(method, uri));
        assert.ok(o.ok ? isEmpty(o.result) : isDeliberateError(o.error), `${method} on ${JSON.stringify(uri)}: ${JSON.stringify(o).slice(0, 300)}`);
      }
    }
    await assertAlive(s, 'odd uris');
  });

  // -------------------------------------------------------------------------------------------
  // Out-of-range positions and ranges

  const lens = lineLengths(GOOD);
  const rosterLens = lineLengths(ROSTER);
  const shift = (p: Position) => pos(p.line + 6, p.character);

  for (const method of POSITION_METHODS) {
    test(`out-of-range positions: ${method} answers a result inside the document (or a deliberate error)`, async () => {
      await s.open(ROSTER_URI, ROSTER);
      const problems: string[] = [];
      const cases: [string, number[], Position][] = [
        ...BAD_POSITIONS.map((p): [string, number[], Position] => [GOOD_URI, lens, p]),
        ...[...ROSTER_POSITIONS, ...BAD_POSITIONS.map(shift)].map((p): [string, number[], Position] => [ROSTER_URI, rosterLens, p]),
      ];
      for (const [uri, lengths, p] of cases) {
        const where = `${uri.replace('file:///robust/', '')} ${JSON.stringify(p)}`;
        const o = await ask(s, method, paramsFor(method, uri, p));
        if (!o.ok) {
          if (!isDeliberateError(o.error)) problems.push(`${where}: error ${o.error.code} ${o.error.message}`);
          continue;
        }
        for (const x of positionsOutside(o.result, lengths)) problems.push(`${where} → ${x}`);
      }
      await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: ROSTER_URI } });
      await assertAlive(s, `${method} at out-of-range positions`);
      assert.deepEqual(problems.slice(0, 16), [], `${problems.length} problem(s)`);
    });
  }

  for (const method of RANGE_METHODS) {
    test(`out-of-range and inverted ranges: ${method} answers a result inside the document (or a deliberate error)`, async () => {
      const problems: string[] = [];
      const variants = (r: Range): object[] =>
        method === 'textDocument/codeAction'
          ? [
              paramsFor(method, GOOD_URI, r.start, r),
              { textDocument: { uri: GOOD_URI }, range: r, context: { diagnostics: [], only: ['source.fixAll'] } },
              // A diagnostic of ours at the bad range, as a stale editor might send it.
              { textDocument: { uri: GOOD_URI }, range: r, context: { diagnostics: [{ range: r, message: 'x', source: 'transcript', code: 'TR005', severity: 2 }] } },
            ]
          : [paramsFor(method, GOOD_URI, r.start, r)];
      for (const r of BAD_RANGES) {
        for (const params of variants(r)) {
          const o = await ask(s, method, params);
          if (!o.ok) {
            if (!isDeliberateError(o.error)) problems.push(`${JSON.stringify(r)}: error ${o.error.code} ${o.error.message}`);
            continue;
          }
          for (const x of positionsOutside(o.result, lens)) problems.push(`${JSON.stringify(r)} → ${x}`);
        }
      }
      await assertAlive(s, `${method} with out-of-range ranges`);
      assert.deepEqual(problems.slice(0, 12), [], `${problems.length} problem(s)`);
    });
  }

  // -------------------------------------------------------------------------------------------
  // Document synchronisation out of order

  test('didChange for a never-opened document is ignored: the document stays unknown', async () => {
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: UNKNOWN_URI, version: 2 },
      contentChanges: [{ range: range(pos(0, 0), pos(0, 0)), text: 'Question\n\nWho?\n' }, { text: 'a full replacement' }],
    });
    assert.deepEqual(await s.symbols(UNKNOWN_URI), []);
    assert.deepEqual(await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: UNKNOWN_URI } }), { kind: 'full', items: [] });
    await assertAlive(s, 'didChange for a never-opened document');
  });

  test('didChange for a closed document is ignored; reopening starts from the text sent', async () => {
    const m = new Mirror('file:///robust/closed.transcript', generateTranscript(5_000, 2));
    await m.open(s);
    await assertInSync(s, m, 'opened');
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: m.uri } });
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: m.uri, version: 2 },
      contentChanges: [{ range: range(pos(0, 0), pos(0, 0)), text: exchange('Ghost') }],
    });
    assert.deepEqual(await s.symbols(m.uri), [], 'a closed document is unknown, even after a didChange');
    const again = new Mirror(m.uri, `${m.text}${exchange('Reopened')}`, 1);
    await again.open(s);
    await assertInSync(s, again, 'reopened');
    await assertAlive(s, 'didChange for a closed document');
  });

  test('didChange with a version going backwards: the text follows the edits', async () => {
    const m = new Mirror('file:///robust/backwards.transcript', generateTranscript(5_000, 3), 10);
    await m.open(s);
    await assertInSync(s, m, 'opened at version 10');
    const end = () => m.doc.positionAt(m.text.length);
    await m.change(s, 3, [{ range: range(end(), end()), text: exchange('Backwards') }]);
    await assertInSync(s, m, 'version 10 → 3');
    await m.change(s, 3, [{ range: range(end(), end()), text: exchange('Same version') }]);
    await assertInSync(s, m, 'version 3 → 3');
    await assertAlive(s, 'versions going backwards');
  });

  test('didChange with a version going backwards and then forwards again to a version already seen: no stale outline', async () => {
    // Version 5 is analysed (and cached), the client goes back to 4, then forward to 5 with
    // different text: the server must not answer the first version 5's outline.
    const m = new Mirror('file:///robust/backwards-again.transcript', generateTranscript(5_000, 4), 5);
    await m.open(s);
    await assertInSync(s, m, 'opened at version 5');
    const end = () => m.doc.positionAt(m.text.length);
    await m.change(s, 4, [{ range: range(end(), end()), text: exchange('Back to four') }]);
    await m.change(s, 5, [{ range: range(end(), end()), text: exchange('Forward to five') }]);
    const names = (await s.symbols(m.uri)).map((x) => x.name);
    assert.ok(names.some((n) => n.includes('Forward to five question?')), `outline of the new version 5 text; got ${JSON.stringify(names.slice(-3))}`);
    await assertInSync(s, m, 'version 5 → 4 → 5');
    await assertAlive(s, 'a version number seen twice');
  });

  test('didChange with a version going backwards: pull diagnostics are not reported unchanged for different text', async () => {
    const m = new Mirror('file:///robust/backwards-diagnostics.transcript', generateTranscript(5_000, 5), 5);
    await m.open(s);
    const first = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: m.uri } })) as DocumentDiagnosticReport;
    assert.equal(first.kind, 'full');
    // Back to 4, forward to 5 with a label that now ends in a non-breaking space (TR005).
    await m.change(s, 4, [{ text: m.text }]);
    const line = m.text.split('\n')[LABEL_LINE];
    await m.change(s, 5, [{ range: range(pos(LABEL_LINE, line.length), pos(LABEL_LINE, line.length)), text: '\u00a0' }]);
    const expected = expectedDiagnostics(m.text, 5);
    assert.notDeepEqual(expected, first.kind === 'full' ? first.items : [], 'the edit changes the diagnostics');
    const r = (await s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri: m.uri }, previousResultId: first.resultId })) as DocumentDiagnosticReport;
    assert.equal(r.kind, 'full', `answered "unchanged" (resultId ${first.resultId}) for text that changed`);
    if (r.kind === 'full') assert.deepEqual(r.items, expected);
    await assertAlive(s, 'diagnostics after a version seen twice');
  });

  test('didChange whose ranges are out of range or inverted: applied as the editor library clamps them', async () => {
    const m = new Mirror('file:///robust/out-of-range-edits.transcript', generateTranscript(5_000, 6));
    await m.open(s);
    const edits: TextDocumentContentChangeEvent[][] = [
      [{ range: range(pos(1_000_000, 0), pos(1_000_000, 5)), text: exchange('Far below') }],
      [{ range: range(pos(-3, -3), pos(-1, 0)), text: 'Prepended line\n' }],
      [{ range: range(pos(LABEL_LINE, 1_000_000), pos(LABEL_LINE, 2_000_000)), text: ' (past the end)' }],
      [{ range: range(pos(SPEECH_LINE + 2, 10), pos(SPEECH_LINE, 3)), text: '[inverted]' }],
      [{ range: range(pos(2 ** 31 - 1, 2 ** 31 - 1), pos(-(2 ** 31), 0)), text: 'X' }],
      [
        { range: range(pos(0, 0), pos(1_000_000, 0)), text: 'Question\n\nEverything replaced?\n\nAnna Lindqvist\n\nYes.\n' },
        { range: range(pos(2, 0), pos(2, 1_000)), text: 'Everything replaced, twice?' },
      ],
    ];
    let version = 1;
    for (const changes of edits) {
      version++;
      await m.change(s, version, changes);
      await assertInSync(s, m, `edit ${JSON.stringify(changes).slice(0, 120)}`);
    }
    await assertAlive(s, 'out-of-range edits');
  });

  test('didClose twice, and didClose of a never-opened document: ignored', async () => {
    const m = new Mirror('file:///robust/closed-twice.transcript', generateTranscript(3_000, 7));
    await m.open(s);
    await assertInSync(s, m, 'opened');
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: m.uri } });
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: m.uri } });
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: UNKNOWN_URI } });
    assert.deepEqual(await s.symbols(m.uri), []);
    await m.open(s);
    await assertInSync(s, m, 'reopened after two closes');
    await assertAlive(s, 'didClose twice');
  });

  test('didOpen twice for the same uri, with a newer version: the second text wins', async () => {
    const m = new Mirror('file:///robust/opened-twice.transcript', generateTranscript(3_000, 8));
    await m.open(s);
    await assertInSync(s, m, 'first open');
    const second = new Mirror(m.uri, `${m.text}${exchange('Second open')}`, 2);
    await second.open(s);
    await assertInSync(s, second, 'second open, version 2');
    await assertAlive(s, 'didOpen twice');
  });

  test('didOpen twice for the same uri and the same version: the second text wins (no stale outline)', async () => {
    const m = new Mirror('file:///robust/opened-twice-same-version.transcript', generateTranscript(3_000, 9));
    await m.open(s);
    await assertInSync(s, m, 'first open');
    const second = new Mirror(m.uri, `${m.text}${exchange('Same version reopen')}`, 1);
    await second.open(s);
    const names = (await s.symbols(m.uri)).map((x) => x.name);
    assert.ok(names.some((n) => n.includes('Same version reopen question?')), `outline of the second text; got ${JSON.stringify(names.slice(-3))}`);
    await assertInSync(s, second, 'second open, same version');
    await assertAlive(s, 'didOpen twice with the same version');
  });

  // -------------------------------------------------------------------------------------------
  // A flood of edits, cancelled requests

  /** A random incremental edit of `m`'s text (some notifications carry two changes). */
  function randomChanges(m: Mirror, rnd: () => number): TextDocumentContentChangeEvent[] {
    const SNIPPETS = ['x', ' ', '\n', '\n\n', 'Question\n\n', 'NATO Secretary General Anna Lindqvist\n\n', 'Why now?', '[inaudible]', '\u00a0', 'Q. ', '\r\n', 'é', '😀'];
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const one = (text: string): TextDocumentContentChangeEvent => {
      const lines = text.split(/\r\n|\r|\n/);
      const line = Math.floor(rnd() * lines.length);
      const col = Math.floor(rnd() * (lines[line].length + 1));
      const start = pos(line, col);
      const kind = rnd();
      if (kind < 0.6) return { range: range(start, start), text: pick(SNIPPETS) };
      // A deletion or replacement of up to 40 characters, possibly across lines.
      const doc = TextDocument.create('file:///x', 'transcript', 0, text);
      const from = doc.offsetAt(start);
      const end = doc.positionAt(Math.min(text.length, from + Math.floor(rnd() * 40)));
      return { range: range(start, end), text: kind < 0.8 ? '' : pick(SNIPPETS) };
    };
    const first = one(m.text);
    if (rnd() < 0.8) return [first];
    // Two changes in one notification: the second applies to the text after the first.
    const after = TextDocument.applyEdits(TextDocument.create('file:///x', 'transcript', 0, m.text), [{ range: (first as { range: Range }).range, newText: first.text }]);
    return [first, one(after)];
  }

  test('a flood of 500 incremental didChange notifications, not awaited: the answers are those of the final text', async () => {
    const m = new Mirror('file:///robust/flood.transcript', generateTranscript(20_000, 12));
    await m.open(s);
    const rnd = mulberry32(500);
    const sent: Promise<void>[] = [];
    const t0 = performance.now();
    for (let v = 2; v <= 501; v++) sent.push(m.change(s, v, randomChanges(m, rnd)));
    await Promise.all(sent);
    await assertInSync(s, m, 'after 500 edits');
    console.log(`# flood: 500 edits sent and the final outline and diagnostics answered in ${(performance.now() - t0).toFixed(0)} ms`);
    await assertAlive(s, 'a flood of edits');
  });

  test('40 edits of a long transcript, each answered before the next (incremental updates): every answer is that of the text', async () => {
    const m = new Mirror('file:///robust/steps.transcript', generateTranscript(120_000, 21));
    await m.open(s);
    await assertInSync(s, m, 'after opening');
    const rnd = mulberry32(40);
    for (let v = 2; v <= 41; v++) {
      await m.change(s, v, randomChanges(m, rnd));
      await assertInSync(s, m, `after edit ${v - 1}`);
    }
    await assertAlive(s, 'step-by-step edits');
  });

  test('50 requests cancelled (at once or a moment later), interleaved with edits: each answers its result or RequestCancelled', async () => {
    const m = new Mirror('file:///robust/cancel.transcript', generateTranscript(40_000, 13));
    await m.open(s);
    const rnd = mulberry32(50);
    const kinds = [
      'textDocument/documentSymbol',
      'textDocument/foldingRange',
      'textDocument/semanticTokens/full',
      'textDocument/diagnostic',
      'textDocument/codeLens',
      'textDocument/formatting',
      'textDocument/completion',
      'textDocument/hover',
      'textDocument/references',
      'fixAll',
    ];
    const pending: { method: string; p: Promise<Outcome> }[] = [];
    let version = 1;
    for (let i = 0; i < 50; i++) {
      void m.change(s, ++version, randomChanges(m, rnd));
      const kind = kinds[i % kinds.length];
      const [method, params] =
        kind === 'fixAll'
          ? ['textDocument/codeAction', { textDocument: { uri: m.uri }, range: range(pos(0, 0), pos(0, 0)), context: { diagnostics: [], only: ['source.fixAll'] } }]
          : [kind, paramsFor(kind, m.uri, pos(LABEL_LINE, 3))];
      const cts = new CancellationTokenSource();
      const p = (s.conn.sendRequest(method, params, cts.token) as Promise<unknown>).then(
        (result) => ({ ok: true as const, result }),
        (error: ResponseError<unknown>) => ({ ok: false as const, error }),
      );
      // Half are cancelled at once (before the server reads the request), half a moment later
      // (while it may be working on it, or after it answered).
      if (i % 2 === 0) cts.cancel();
      else setTimeout(() => cts.cancel(), Math.floor(rnd() * 30));
      pending.push({ method, p: within(p, 10_000, `cancelled ${method} #${i}`) });
    }
    const outcomes = await Promise.all(pending.map((x) => x.p));
    let answered = 0;
    let cancelledCount = 0;
    outcomes.forEach((o, i) => {
      if (o.ok) {
        answered++;
        assert.notEqual(o.result, undefined, `${pending[i].method} #${i}`);
      } else {
        assert.equal(o.error.code, LSPErrorCodes.RequestCancelled, `${pending[i].method} #${i}: ${o.error.code} ${o.error.message}`);
        cancelledCount++;
      }
    });
    console.log(`# cancellation: ${cancelledCount} answered RequestCancelled, ${answered} answered a result`);
    await assertInSync(s, m, 'after cancelled requests');
    await assertAlive(s, 'cancelled requests');
  });

  test('a request cancelled twice, and a cancel for an id never sent: ignored', async () => {
    await s.conn.sendNotification('$/cancelRequest', { id: 987_654 });
    await s.conn.sendNotification('$/cancelRequest', { id: 'no-such-request' });
    await s.conn.sendNotification('$/cancelRequest', {});
    const cts = new CancellationTokenSource();
    const p = s.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: GOOD_URI } }, cts.token) as Promise<unknown>;
    cts.cancel();
    cts.cancel();
    await p.then(
      (r) => assert.deepEqual(r, GOOD_SYMBOLS),
      (e: ResponseError<unknown>) => assert.equal(e.code, LSPErrorCodes.RequestCancelled),
    );
    await assertAlive(s, 'stray cancellations');
  });

  // -------------------------------------------------------------------------------------------
  // Binary-ish text

  test('binary-ish text (NUL bytes, lone surrogates, control characters, BOM, CR-only and mixed line breaks): every request answers, in sync with the core', async () => {
    const text = [
      '\ufeffNATO\u0000 MULTIMEDIA\u0000ACCOUNT',
      '',
      'Question\u0000',
      '',
      '\ud800 lone high surrogate, \udc00 lone low, \ud83d\ude00 a pair, \ud83d? cut',
      '\r\rCR only\rand\r\nmixed\n',
      'NATO Secretary General Anna Lindqvist',
      '',
      '\u0001\u0002\u001b[31m escape \u007f del \ufffe \uffff \u2028 line separator \u2029 paragraph separator',
      '',
      'Question',
      '',
      `Why\ud800?`,
      '',
      '\ud800',
      '',
      'Anna Lindqvist\udfff',
      '',
      'Because\u0000.',
      '\u0000'.repeat(1000),
      '\ud800'.repeat(1000),
    ].join('\n');
    const m = new Mirror('file:///robust/binary.transcript', text);
    await m.open(s);
    await assertInSync(s, m, 'binary-ish text');
    const lensBin = lineLengths(text);
    const problems: string[] = [];
    for (const method of Object.values(PROVIDERS).flat()) {
      // Positions inside the lines (out-of-range positions have their own cases above).
      for (const p of [pos(0, 2), pos(2, 8), pos(4, 1), pos(6, 10), pos(12, 4), pos(16, 15), pos(20, 500)].map((q) => pos(q.line, Math.min(q.character, lensBin[q.line])))) {
        const o = await ask(s, method, paramsFor(method, m.uri, p, range(pos(0, 0), p)));
        if (!o.ok) {
          if (!isDeliberateError(o.error)) problems.push(`${method} ${JSON.stringify(p)}: error ${o.error.code} ${o.error.message}`);
          continue;
        }
        for (const x of positionsOutside(o.result, lensBin)) problems.push(`${method} ${JSON.stringify(p)} → ${x}`);
      }
    }
    // Edits that split a surrogate pair and insert NULs.
    await m.change(s, 2, [{ range: range(pos(4, 47), pos(4, 47)), text: '\u0000' }]);
    await m.change(s, 3, [{ range: range(pos(0, 0), pos(0, 1)), text: '\udc00' }]);
    await assertInSync(s, m, 'binary-ish text, edited');
    await assertAlive(s, 'binary-ish text');
    assert.deepEqual(problems, []);
  });

  // -------------------------------------------------------------------------------------------
  // Malformed params, unknown methods

  test('malformed request params: a ResponseError or an empty answer, never a crash', async () => {
    const uri = GOOD_URI;
    const cases: [string, unknown][] = [
      ['textDocument/documentSymbol', {}],
      ['textDocument/documentSymbol', null],
      ['textDocument/documentSymbol', [1, 2, 3]],
      ['textDocument/documentSymbol', { textDocument: { uri: 42 } }],
      ['textDocument/documentSymbol', { textDocument: 'file:///robust/good.transcript' }],
      ['textDocument/foldingRange', { textDocument: null }],
      ['textDocument/semanticTokens/full', { textDocument: { uri: ['x'] } }],
      ['textDocument/diagnostic', {}],
      ['textDocument/diagnostic', { textDocument: { uri }, previousResultId: { not: 'a string' } }],
      ['textDocument/hover', { textDocument: { uri } }],
      ['textDocument/hover', { textDocument: { uri }, position: 'line 3' }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: '14', character: null } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: 14.5, character: 0.25 } }],
      ['textDocument/completion', { textDocument: { uri }, position: { line: LABEL_LINE, character: 3 }, context: { triggerKind: 'x' } }],
      ['textDocument/references', { textDocument: { uri }, position: pos(LABEL_LINE, 3) }],
      ['textDocument/documentHighlight', { position: pos(LABEL_LINE, 3) }],
      ['textDocument/definition', { textDocument: { uri }, position: [LABEL_LINE, 3] }],
      ['textDocument/prepareRename', { textDocument: { uri }, position: { line: LABEL_LINE } }],
      ['textDocument/rename', { textDocument: { uri }, position: pos(LABEL_LINE, 3) }],
      ['textDocument/rename', { textDocument: { uri }, position: pos(LABEL_LINE, 3), newName: 42 }],
      ['textDocument/rename', { textDocument: { uri }, position: pos(LABEL_LINE, 3), newName: '' }],
      ['textDocument/codeAction', { textDocument: { uri }, range: range(pos(0, 0), pos(1, 0)) }],
      ['textDocument/codeAction', { textDocument: { uri }, range: range(pos(0, 0), pos(1, 0)), context: { diagnostics: 'none' } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ source: 'transcript', code: 'TR005' }] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [null, 5, 'x'] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [], only: 'source.fixAll' } }],
      [
        'textDocument/codeAction',
        {
          textDocument: { uri },
          range: range(pos(0, 0), pos(1, 0)),
          context: { diagnostics: [{ range: range(pos(0, 0), pos(0, 4)), source: 'transcript', code: 'TR005', message: 'x', data: { version: 1, fixes: [{ title: 'evil', edits: [{ start: -5, end: 1e9, newText: 'x' }] }] } }] },
        },
      ],
      ['textDocument/formatting', { textDocument: { uri } }],
      ['textDocument/rangeFormatting', { textDocument: { uri } }],
      ['textDocument/rangeFormatting', { textDocument: { uri }, range: { start: 'a', end: 'b' }, options: {} }],
      ['textDocument/codeLens', { textDocument: { uri: null } }],
      ['workspace/symbol', {}],
      ['workspace/symbol', { query: 42 }],
      ['workspace/symbol', { query: '\ud800'.repeat(10_000) }],
    ];
    const report: string[] = [];
    for (const [method, params] of cases) {
      const o = await ask(s, method, params);
      if (!o.ok) {
        assert.ok(o.error instanceof ResponseError, `${method} ${JSON.stringify(params)}: not a ResponseError: ${String(o.error)}`);
        report.push(`${method} ${JSON.stringify(params).slice(0, 70)} → error ${o.error.code}`);
      } else {
        report.push(`${method} ${JSON.stringify(params).slice(0, 70)} → ${JSON.stringify(o.result)?.slice(0, 40)}`);
      }
      assert.equal(s.proc.exitCode, null, `server exited after ${method} ${JSON.stringify(params)}`);
    }
    await assertAlive(s, 'malformed params');
    console.log(`# malformed params:\n#   ${report.join('\n#   ')}`);
  });

  test('malformed notifications (didOpen/didChange/didClose/didChangeConfiguration): logged, the server goes on', async () => {
    const m = new Mirror('file:///robust/malformed-notifications.transcript', generateTranscript(3_000, 14));
    await m.open(s);
    const n = logs.length;
    const notes: [string, unknown][] = [
      ['textDocument/didOpen', {}],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///robust/no-text.transcript', languageId: 'transcript', version: 1 } }],
      ['textDocument/didOpen', { textDocument: { uri: 'file:///robust/number-text.transcript', languageId: 'transcript', version: 1, text: 42 } }],
      ['textDocument/didChange', {}],
      ['textDocument/didChange', { textDocument: { uri: m.uri }, contentChanges: [{ text: 'no version' }] }],
      ['textDocument/didChange', { textDocument: { uri: m.uri, version: 50 }, contentChanges: null }],
      ['textDocument/didChange', { textDocument: { uri: m.uri, version: 51 }, contentChanges: [{ range: range(pos(0, 0), pos(0, 0)), text: 42 }] }],
      ['textDocument/didChange', { textDocument: { uri: m.uri, version: 52 }, contentChanges: [{ range: { start: 'a', end: 'b' }, text: 'x' }] }],
      ['textDocument/didClose', {}],
      ['textDocument/didClose', { textDocument: null }],
      ['workspace/didChangeConfiguration', { settings: { transcript: { rules: 'all', dialect: 42, codeLens: 'yes' } } }],
      ['workspace/didChangeConfiguration', null],
    ];
    for (const [method, params] of notes) await s.conn.sendNotification(method, params as object);
    // The settings were pushed, so the client is asked again: keep answering with good settings.
    for (const uri of ['file:///robust/no-text.transcript', 'file:///robust/number-text.transcript']) {
      for (const method of ['textDocument/documentSymbol', 'textDocument/diagnostic', 'textDocument/foldingRange', 'textDocument/hover']) {
        const o = await ask(s, method, paramsFor(method, uri, pos(0, 0)));
        assert.ok(o.ok ? isEmpty(o.result) || Array.isArray(o.result) || typeof o.result === 'object' : o.error instanceof ResponseError, `${method} on ${uri}`);
      }
    }
    assert.ok(logs.length > n, 'the server logged the bad notifications');
    await assertAlive(s, 'malformed notifications');
    // The document the bad changes aimed at still answers (whatever text it has now), and a
    // good full-text change brings it back in sync with the client.
    m.doc = TextDocument.create(m.uri, 'transcript', 60, generateTranscript(3_000, 15));
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: m.uri, version: 60 }, contentChanges: [{ text: m.text }] });
    await assertInSync(s, m, 'a full-text change after malformed ones');
  });

  test('unknown methods: MethodNotFound for requests, notifications ignored', async () => {
    for (const method of ['textDocument/doesNotExist', 'custom/request', '$/customRequest', 'workspace/executeCommand', 'textDocument/semanticTokens/range', 'textDocument/implementation']) {
      const o = await ask(s, method, { textDocument: { uri: GOOD_URI }, position: pos(0, 0), range: range(pos(0, 0), pos(1, 0)) });
      assert.equal(o.ok, false, `${method} answered ${JSON.stringify(o)}`);
      if (!o.ok) assert.equal(o.error.code, ErrorCodes.MethodNotFound, `${method}: ${o.error.message}`);
    }
    for (const method of ['custom/notification', '$/customNotification', 'textDocument/didSomething']) await s.conn.sendNotification(method, { x: 1 });
    await assertAlive(s, 'unknown methods');
  });

  test('initialize sent a second time: answered (result or ResponseError), and the server goes on', async () => {
    // The same capabilities as the first time: the protocol allows one initialize, and a server
    // that accepts a second one takes the client's capabilities again.
    const o = await ask(s, 'initialize', { processId: null, rootUri: null, capabilities: { textDocument: { diagnostic: {} }, workspace: { configuration: true } } });
    console.log(`# a second initialize answered ${o.ok ? 'a result' : `error ${o.error.code} ${o.error.message}`}`);
    if (!o.ok) assert.ok(o.error instanceof ResponseError);
    await assertAlive(s, 'a second initialize');
  });

  // -------------------------------------------------------------------------------------------

  test('no uncaught exception or unhandled rejection was logged by all of the above', () => {
    const bad = logs.filter((l) => /^(Uncaught|Unhandled rejection)/.test(l));
    assert.deepEqual(bad, []);
  });

  test('after all of the above: shutdown and exit end the process with code 0', async () => {
    await assertAlive(s, 'everything');
    const code = await s.close();
    assert.equal(code, 0, s.stderr);
    s = undefined as unknown as Session;
  });
});

describe('robustness over LSP: a flood of edits with push diagnostics', () => {
  let s: Session;
  let logs: string[];

  before(async () => {
    ({ s, logs } = await startSession(false));
  });

  after(async () => {
    if (s) await s.close();
  });

  test('500 incremental didChange notifications, not awaited: the last publication is for the final text, none is stale', async () => {
    const m = new Mirror('file:///robust/flood-push.transcript', generateTranscript(20_000, 16));
    await m.open(s);
    const rnd = mulberry32(501);
    const sent: Promise<void>[] = [];
    const SNIPPETS = ['x', '\n', 'Question\n\n', 'NATO Secretary General Anna Lindqvist\u00a0\n\n', 'Why?'];
    for (let v = 2; v <= 501; v++) {
      const lines = m.text.split('\n');
      const line = Math.floor(rnd() * lines.length);
      const p = pos(line, Math.floor(rnd() * (lines[line].length + 1)));
      sent.push(m.change(s, v, [{ range: range(p, p), text: SNIPPETS[Math.floor(rnd() * SNIPPETS.length)] }]));
    }
    await Promise.all(sent);
    await s.waitFor('diagnostics for version 501', () => s.published.some((p) => p.uri === m.uri && p.version === 501));
    // A round trip, so that anything published after version 501 has arrived.
    await assertAlive(s, 'a flood of edits (push)');
    const mine = s.published.filter((p) => p.uri === m.uri);
    const versions = mine.map((p) => p.version ?? -1);
    assert.deepEqual(
      versions,
      [...versions].sort((a, b) => a - b),
      'publications in version order',
    );
    assert.equal(versions[versions.length - 1], 501, `last publication: version ${versions[versions.length - 1]}`);
    assert.deepEqual(mine[mine.length - 1].diagnostics, expectedDiagnostics(m.text, 501));
    assert.deepEqual(await s.symbols(m.uri), expectedSymbols(m.text));
    assert.deepEqual(
      logs.filter((l) => /^(Uncaught|Unhandled rejection|Publishing diagnostics failed)/.test(l)),
      [],
    );
  });
});

describe('robustness over LSP: large documents', () => {
  let s: Session;
  let logs: string[];
  const LARGE_MS = 60_000;

  before(async () => {
    ({ s, logs } = await startSession(true));
  });

  after(async () => {
    if (s) await s.close();
  });

  test('a generated 20 MB transcript: opened, edited once, symbols answered within 60 s (times printed)', { timeout: 3 * LARGE_MS }, async () => {
    const t0 = performance.now();
    const text = generateTranscript(20_000_000, 20);
    const tGen = performance.now() - t0;
    const uri = 'file:///robust/large-20mb.transcript';
    const ms = (t: number) => `${(performance.now() - t).toFixed(0)} ms`;
    let t = performance.now();
    await s.open(uri, text);
    const tSend = ms(t);
    t = performance.now();
    const first = await within(s.symbols(uri), LARGE_MS, 'documentSymbol on 20 MB');
    const tFirst = ms(t);
    // More exchanges than the outline lists (transcript.outline.maxItems, 5,000): the last item counts the rest.
    assert.equal(first.length, 5000);
    const more = (xs: typeof first) => Number(/^([\d,]+) more not listed$/.exec(xs[xs.length - 1].name)?.[1].replace(/,/g, '') ?? NaN);
    assert.ok(more(first) > 1000, first[first.length - 1].name);
    // One edit: a new exchange at the end, which the last outline item must count and reach.
    const lastLine = text.split('\n').length - 1;
    t = performance.now();
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: range(pos(lastLine, 0), pos(lastLine, 0)), text: exchange('Twenty megabytes') }],
    });
    const edited = await within(s.symbols(uri), LARGE_MS, 'documentSymbol on 20 MB after an edit');
    const tEdit = ms(t);
    assert.equal(edited.length, 5000);
    assert.equal(more(edited), more(first) + 1);
    assert.ok(edited[edited.length - 1].range.end.line > lastLine, 'the last item reaches the new exchange');
    t = performance.now();
    const diag = (await within(s.conn.sendRequest('textDocument/diagnostic', { textDocument: { uri } }), LARGE_MS, 'diagnostic on 20 MB')) as DocumentDiagnosticReport;
    const tDiag = ms(t);
    assert.equal(diag.kind, 'full');
    console.log(
      `# 20 MB (${text.length} UTF-16 units, ${lastLine} lines, ${first.length} top-level symbols): generate ${tGen.toFixed(0)} ms, ` +
        `didOpen sent ${tSend}, first documentSymbol ${tFirst}, edit → documentSymbol ${tEdit}, diagnostic ${tDiag}`,
    );
    // Free the server's copy before the next case.
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await assertAlive(s, 'a 20 MB document');
  });

  test('a 5 MB single-line document: every request answers (times printed)', { timeout: 3 * LARGE_MS }, async () => {
    const text = 'word '.repeat(1_000_000);
    const uri = 'file:///robust/one-line-5mb.transcript';
    await s.open(uri, text);
    const lens = [text.length];
    const times: string[] = [];
    const problems: string[] = [];
    for (const method of Object.values(PROVIDERS).flat()) {
      for (const p of [pos(0, 0), pos(0, 2_500_002), pos(0, text.length)]) {
        const t = performance.now();
        const o = await ask(s, method, paramsFor(method, uri, p, range(pos(0, 0), p)), LARGE_MS);
        times.push(`${method.replace('textDocument/', '')}@${p.character} ${(performance.now() - t).toFixed(0)} ms`);
        if (!o.ok) {
          if (!isDeliberateError(o.error)) problems.push(`${method} ${JSON.stringify(p)}: error ${o.error.code} ${o.error.message}`);
          continue;
        }
        for (const x of positionsOutside(o.result, lens)) problems.push(`${method} ${JSON.stringify(p)} → ${x}`);
      }
    }
    // Edit in the middle of the line, then the outline again.
    const t = performance.now();
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: range(pos(0, 2_500_000), pos(0, 2_500_000)), text: 'Question?' }],
    });
    const symbols = await within(s.symbols(uri), LARGE_MS, 'documentSymbol on the 5 MB line after an edit');
    times.push(`edit → documentSymbol ${(performance.now() - t).toFixed(0)} ms`);
    assert.deepEqual(symbols, expectedSymbols(`${text.slice(0, 2_500_000)}Question?${text.slice(2_500_000)}`));
    console.log(`# 5 MB single line: ${times.join(', ')}`);
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await assertAlive(s, 'a 5 MB single line');
    assert.deepEqual(problems, []);
    assert.deepEqual(
      logs.filter((l) => /^(Uncaught|Unhandled rejection)|failed for/.test(l)),
      [],
    );
  });
});
