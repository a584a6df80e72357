/**
 * The transcript language server: wires LSP requests to the pure core (server/src/core) and does
 * nothing else. One parsed model per uri@version is shared by every feature (lsp/cache.ts);
 * settings are read per resource here, at the edge; conversions to protocol types live in
 * lsp/convert.ts.
 *
 * Runs under the extension client (IPC) or standalone: `node dist/server.js --stdio`.
 */

import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DidChangeConfigurationNotification,
  LSPErrorCodes,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentDiagnosticReport,
  type DocumentHighlight,
  type Hover,
  type InitializeResult,
  type Location,
  type SymbolInformation,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { OpenDocument } from './lsp/openDocument.ts';
import { flatText } from './core/source.ts';
import { DIALECTS, fixAll, lint, parse, type DialectId, type Finding, type Fix, type SeveritySetting } from './core/index.ts';
import { readSeverities } from './core/config.ts';
import { findConfigFile, loadConfigFile } from './configFile.ts';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  documentSymbols,
  DEFAULT_OUTLINE_MAX_ITEMS,
  encodeTokens,
  foldingRanges,
  formatTranscript,
  pairLenses,
  prepareRename,
  RenameError,
  renameSpeaker,
  semanticTokens,
  SEMANTIC_TOKENS_LEGEND,
  speakerCompletions,
  speakerDefinition,
  speakerHighlights,
  speakerHover,
  speakerReferences,
  workspaceSymbols,
  documentStatistics,
  speakerLabels,
  filterTurns,
  baseName,
  type TranscriptDoc,
  type TurnFilter,
} from './core/features/index.ts';
import {
  FILTER_REQUEST,
  LINT_REQUEST,
  SPEAKER_LABELS_REQUEST,
  STATISTICS_REQUEST,
  type DocumentParams,
  type FilterParams,
  type FilterResult,
  type LintParams,
  type LintResult,
  type SpeakerLabelsResult,
  type StatisticsResult,
  type WireDiagnostic,
} from './lsp/protocol.ts';
import { ModelCache, type Analysis } from './lsp/cache.ts';
import { uriToPath, WorkspaceFiles } from './lsp/workspaceFiles.ts';
import {
  diffEdit,
  editsFit,
  FIX_ALL_KIND,
  readDiagnosticData,
  SOURCE,
  toDiagnostic,
  editorDiagnostics,
  editorFindings,
  sameShown,
  shownDiagnostics,
  snapshotOf,
  type ShownSnapshot,
  toDocumentSymbol,
  toFoldingRange,
  toQuickFix,
  toCodeLens,
  toCompletionItem,
  toDocumentHighlight,
  toRange,
  toSymbolInformation,
  toTextEdit,
  toWorkspaceSymbol,
} from './lsp/convert.ts';

const SERVER_NAME = 'transcript-language-server';
const SERVER_VERSION = '0.1.0';
/** Push-diagnostics debounce after an edit. */
const PUSH_DELAY_MS = 300;

const connection = createConnection(ProposedFeatures.all);
const cache = new ModelCache();
/** Open documents; every edit is also recorded as offsets, so that the model updates incrementally. */
const documents = new TextDocuments<OpenDocument>({
  create: OpenDocument.create,
  update: (doc, changes, version) => {
    const { document, applied } = doc.update(changes, version);
    for (const c of applied) cache.change(doc.uri, c);
    return document;
  },
});
/** Transcripts on disk in the workspace folders, for workspace symbols. */
const workspaceFiles = new WorkspaceFiles();

// ---------------------------------------------------------------------------------------------
// Client capabilities

const client = {
  configuration: false,
  dynamicConfiguration: false,
  pullDiagnostics: false,
  diagnosticRefresh: false,
  semanticTokensRefresh: false,
  hierarchicalSymbols: true,
  foldingRangeLimit: Number.MAX_SAFE_INTEGER,
  codeLensRefresh: false,
  snippets: false,
  workspaceFolders: false,
};

// ---------------------------------------------------------------------------------------------
// Settings (`transcript.rules`, `transcript.dialect`, `transcript.codeLens.enabled`), read per resource

interface Settings {
  severities: Record<string, SeveritySetting>;
  dialect: DialectId | undefined;
  /** Word counts (and talk time) above each Q&A pair. */
  codeLens: boolean;
  /** At most this many outline symbols (`transcript.outline.maxItems`). */
  outlineMaxItems: number;
}

const DEFAULT_SETTINGS: Settings = { severities: {}, dialect: undefined, codeLens: true, outlineMaxItems: DEFAULT_OUTLINE_MAX_ITEMS };
/** Settings pushed with didChangeConfiguration, for clients that cannot be asked per resource. */
let globalSettings: Settings = DEFAULT_SETTINGS;
const settingsByUri = new Map<string, Promise<Settings>>();
/** Bumped whenever settings change, so pull-diagnostic result ids change too. */
let settingsGeneration = 0;

function toSettings(value: unknown, where: string): Settings {
  const v = (value && typeof value === 'object' ? value : {}) as { rules?: unknown; dialect?: unknown; codeLens?: unknown; outline?: unknown };
  const errors: string[] = [];
  const severities = readSeverities(v.rules, errors);
  let dialect: DialectId | undefined;
  if (typeof v.dialect === 'string' && (DIALECTS as readonly string[]).includes(v.dialect)) dialect = v.dialect as DialectId;
  else if (v.dialect !== undefined && v.dialect !== null && v.dialect !== 'auto') errors.push(`"transcript.dialect" must be "auto" or one of ${DIALECTS.join(', ')}.`);
  const lens = v.codeLens && typeof v.codeLens === 'object' ? (v.codeLens as { enabled?: unknown }).enabled : undefined;
  if (lens !== undefined && lens !== null && typeof lens !== 'boolean') errors.push('"transcript.codeLens.enabled" must be true or false.');
  const max = v.outline && typeof v.outline === 'object' ? (v.outline as { maxItems?: unknown }).maxItems : undefined;
  let outlineMaxItems = DEFAULT_OUTLINE_MAX_ITEMS;
  if (typeof max === 'number' && Number.isFinite(max) && max >= 1) outlineMaxItems = Math.floor(max);
  else if (max !== undefined && max !== null) errors.push('"transcript.outline.maxItems" must be a number of at least 1.');
  for (const e of errors) connection.console.warn(`Settings for ${where}: ${e}`);
  return { severities, dialect, codeLens: lens !== false, outlineMaxItems };
}

/**
 * The project file (`.transcript-lint.json`/`.yaml` at or above a file: document) under the
 * editor settings: a rule or dialect set in the settings wins over the file.
 */
function withProjectConfig(uri: string, settings: Settings): Settings {
  if (!uri.startsWith('file:')) return settings;
  let file: string | null = null;
  try {
    file = findConfigFile(path.dirname(fileURLToPath(uri)));
  } catch {
    return settings;
  }
  if (!file) return settings;
  const loaded = loadConfigFile(file);
  for (const e of loaded.errors) connection.console.warn(`${file}: ${e}`);
  return {
    severities: { ...loaded.config.rules, ...settings.severities },
    dialect: settings.dialect ?? loaded.config.dialect,
    codeLens: settings.codeLens,
    outlineMaxItems: settings.outlineMaxItems,
  };
}

function settingsFor(uri: string): Promise<Settings> {
  let s = settingsByUri.get(uri);
  if (!s) {
    const base: Promise<Settings> = client.configuration
      ? connection.workspace.getConfiguration({ scopeUri: uri, section: 'transcript' }).then(
          (value: unknown) => toSettings(value, uri),
          (e: unknown) => {
            connection.console.error(`Could not read settings for ${uri}: ${String(e)}`);
            return globalSettings;
          },
        )
      : Promise.resolve(globalSettings);
    s = base.then((settings) => withProjectConfig(uri, settings));
    settingsByUri.set(uri, s);
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// Request plumbing: cancellation, unknown documents, errors

function cancelled(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Lets pending messages (a `$/cancelRequest`) arrive, then fails if the request was cancelled. */
async function checkpoint(token: CancellationToken): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (token.isCancellationRequested) throw cancelled();
}

/**
 * Runs a request handler: answers `empty` for unknown documents and on internal errors (logged),
 * and RequestCancelled when the client cancelled before or during the work.
 */
async function handle<T>(
  what: string,
  uri: string,
  token: CancellationToken,
  empty: T,
  work: (a: Analysis, settings: Settings) => T | Promise<T>,
): Promise<T> {
  const doc = documents.get(uri);
  if (!doc) {
    connection.console.log(`${what}: unknown document ${uri}`);
    return empty;
  }
  await checkpoint(token);
  try {
    const settings = await settingsFor(uri);
    const current = documents.get(uri);
    if (!current) return empty;
    const analysis = cache.get(current, settings.dialect);
    if (token.isCancellationRequested) throw cancelled();
    return await work(analysis, settings);
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`${what} failed for ${uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return empty;
  }
}

// ---------------------------------------------------------------------------------------------
// Initialization

connection.onInitialize((params): InitializeResult => {
  const caps = params.capabilities;
  client.configuration = caps.workspace?.configuration === true;
  client.dynamicConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
  client.pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  client.diagnosticRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
  client.semanticTokensRefresh = caps.workspace?.semanticTokens?.refreshSupport === true;
  client.hierarchicalSymbols = caps.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport !== false;
  client.foldingRangeLimit = caps.textDocument?.foldingRange?.rangeLimit ?? Number.MAX_SAFE_INTEGER;
  client.codeLensRefresh = caps.workspace?.codeLens?.refreshSupport === true;
  client.snippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
  client.workspaceFolders = caps.workspace?.workspaceFolders === true;
  const prepareSupport = caps.textDocument?.rename?.prepareSupport === true;
  workspaceFiles.setFolders(params.workspaceFolders ? params.workspaceFolders.map((f) => f.uri) : params.rootUri ? [params.rootUri] : []);
  const result: InitializeResult = {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      documentSymbolProvider: { label: 'Transcript' },
      foldingRangeProvider: true,
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      renameProvider: prepareSupport ? { prepareProvider: true } : true,
      referencesProvider: true,
      documentHighlightProvider: true,
      definitionProvider: true,
      completionProvider: { triggerCharacters: ['*'], resolveProvider: false },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      documentFormattingProvider: true,
      documentRangeFormattingProvider: true,
      workspaceSymbolProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SERVER_NAME, version: SERVER_VERSION },
  };
  if (client.pullDiagnostics) {
    result.capabilities.diagnosticProvider = { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false };
  }
  return result;
});

connection.onInitialized(() => {
  if (client.dynamicConfiguration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'transcript' }).catch((e: unknown) => {
      connection.console.warn(`Could not register for configuration changes: ${String(e)}`);
    });
  }
  if (client.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders(() => {
      void connection.workspace.getWorkspaceFolders().then(
        (folders) => workspaceFiles.setFolders((folders ?? []).map((f) => f.uri)),
        (e: unknown) => connection.console.warn(`Could not read the workspace folders: ${String(e)}`),
      );
    });
  }
});

// A project configuration file changed: every document may see other severities.
connection.onDidChangeWatchedFiles(() => {
  settingsGeneration++;
  settingsByUri.clear();
  refreshAll();
});

connection.onDidChangeConfiguration((change) => {
  settingsGeneration++;
  settingsByUri.clear();
  if (!client.configuration) {
    const all = (change.settings ?? {}) as { transcript?: unknown };
    globalSettings = toSettings(all.transcript, 'the workspace');
  }
  refreshAll();
});

/** After a settings change: diagnostics and highlighting of every open document may differ. */
function refreshAll(): void {
  if (client.pullDiagnostics) {
    if (client.diagnosticRefresh) connection.languages.diagnostics.refresh();
  } else {
    for (const doc of documents.all()) schedulePush(doc.uri, doc.version, 0);
  }
  if (client.semanticTokensRefresh) connection.languages.semanticTokens.refresh();
  if (client.codeLensRefresh) {
    void connection.sendRequest(CodeLensRefreshRequest.type).catch((e: unknown) => connection.console.warn(`Code lens refresh failed: ${String(e)}`));
  }
}

// ---------------------------------------------------------------------------------------------
// Diagnostics: pulled when the client can, pushed (debounced, stale versions dropped) otherwise

/** What a diagnostics answer is for: the document's version, its content changes and the settings. */
function reportKey(doc: { uri: string; version: number }): string {
  return `${doc.version}:${changeCount.get(doc.uri) ?? 0}:${settingsGeneration}`;
}

interface DiagnosticsAnswer {
  /** What the editor is to show, not yet chosen nor converted (an "unchanged" answer needs neither). */
  findings: readonly Finding[];
  /** Stays the same while the findings show alike (`ModelCache.findingsView`). */
  view: number;
  version: number;
  /** `reportKey` of the text they were made for; null when the document was closed meanwhile. */
  key: string | null;
}

const NO_ANSWER: DiagnosticsAnswer = { findings: [], view: -1, version: 0, key: null };

/**
 * Lint findings as diagnostics. Lint waits one turn of the event loop first, so that outline,
 * folding and highlighting requests sent with this one (they need only the model) answer first;
 * if the text changed meanwhile, the findings are those of the current text.
 */
async function diagnosticsFor(a: Analysis, settings: Settings): Promise<DiagnosticsAnswer> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const doc = documents.get(a.uri);
  if (!doc) return NO_ANSWER;
  const current = cache.get(doc, settings.dialect);
  const { findings, view } = cache.findingsView(current, settings.severities);
  return { findings, view, version: current.version, key: reportKey(doc) };
}

/** The last full pull answer per document: what the editor shows, under which resultId. */
interface SentReport {
  resultId: string;
  key: string;
  /** The view of the findings it showed (`ModelCache.findingsView`), and what it showed. */
  view: number;
  shown: ShownSnapshot;
}
const sentReports = new Map<string, SentReport>();
let reportSerial = 0;

/**
 * Pull diagnostics. When the client still shows our last answer (it sends that answer's resultId)
 * and the new findings look the same in the editor (`sameShown`: typing inside a line of
 * speech usually changes no finding), the answer is "unchanged": nothing to send, nothing for the
 * editor to redraw. The resultId starts with the version, then a serial number of full answers.
 */
connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
  const uri = params.textDocument.uri;
  const doc = documents.get(uri);
  const last = sentReports.get(uri);
  const shown = last !== undefined && typeof params.previousResultId === 'string' && params.previousResultId === last.resultId;
  if (doc && shown && last.key === reportKey(doc)) return { kind: 'unchanged', resultId: last.resultId };
  const answer = await handle('diagnostics', uri, token, NO_ANSWER, diagnosticsFor);
  if (answer.key === null) return { kind: 'full', items: [] };
  // The findings show as those of the list the editor holds: without looking at them.
  if (shown && last.view === answer.view) {
    last.key = answer.key;
    return { kind: 'unchanged', resultId: last.resultId };
  }
  const chosen = editorFindings(answer.findings);
  if (shown && sameShown(last.shown, chosen)) {
    last.key = answer.key;
    last.view = answer.view;
    return { kind: 'unchanged', resultId: last.resultId };
  }
  const resultId = `${answer.key.split(':')[0]}:${++reportSerial}`;
  sentReports.set(uri, { resultId, key: answer.key, view: answer.view, shown: snapshotOf(chosen) });
  return { kind: 'full', resultId, items: shownDiagnostics(chosen, answer.version) };
});

const pushTimers = new Map<string, NodeJS.Timeout>();

function schedulePush(uri: string, version: number, delay = PUSH_DELAY_MS): void {
  if (client.pullDiagnostics) return;
  clearTimeout(pushTimers.get(uri));
  pushTimers.set(
    uri,
    setTimeout(() => {
      pushTimers.delete(uri);
      void pushDiagnostics(uri, version);
    }, delay),
  );
}

async function pushDiagnostics(uri: string, version: number): Promise<void> {
  const isCurrent = () => documents.get(uri)?.version === version;
  if (!isCurrent()) return;
  try {
    const settings = await settingsFor(uri);
    const doc = documents.get(uri);
    if (!doc || doc.version !== version) return;
    const answer = await diagnosticsFor(cache.get(doc, settings.dialect), settings);
    const diagnostics = editorDiagnostics(answer.findings, answer.version);
    if (!isCurrent()) return; // edited meanwhile: a newer push is scheduled
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (e) {
    connection.console.error(`Publishing diagnostics failed for ${uri}: ${String(e)}`);
  }
}

/** Content changes per document: a client may reuse a version number for different text. */
const changeCount = new Map<string, number>();
documents.onDidClose((e) => changeCount.delete(e.document.uri));

documents.onDidChangeContent((change) => {
  changeCount.set(change.document.uri, (changeCount.get(change.document.uri) ?? 0) + 1);
  cache.invalidate(change.document.uri); // new text even when a client reopens or reuses a version number
  schedulePush(change.document.uri, change.document.version);
});

documents.onDidClose((e) => {
  const uri = e.document.uri;
  clearTimeout(pushTimers.get(uri));
  pushTimers.delete(uri);
  cache.delete(uri);
  sentReports.delete(uri);
  settingsByUri.delete(uri);
  if (!client.pullDiagnostics) void connection.sendDiagnostics({ uri, diagnostics: [] });
});

// ---------------------------------------------------------------------------------------------
// Outline, folding, highlighting

connection.onDocumentSymbol((params, token) =>
  handle('documentSymbol', params.textDocument.uri, token, [], (a, settings) => {
    const symbols = documentSymbols(a.text, a.model, { maxItems: settings.outlineMaxItems });
    return client.hierarchicalSymbols ? symbols.map(toDocumentSymbol) : toSymbolInformation(a.uri, symbols);
  }),
);

connection.onFoldingRanges((params, token) =>
  handle('foldingRange', params.textDocument.uri, token, [], (a) =>
    foldingRanges(a.text, a.model, client.foldingRangeLimit).map(toFoldingRange),
  ),
);

connection.languages.semanticTokens.on((params, token) =>
  handle('semanticTokens', params.textDocument.uri, token, { data: [] as number[] }, (a) => ({ data: encodeTokens(semanticTokens(a.text, a.model)) })),
);

// ---------------------------------------------------------------------------------------------
// Code actions: a quick fix per fix of each of our diagnostics, and fix-all

/** True when the client asked for `kind` (no filter, or a filter that contains it). */
function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

/** The fixes behind a diagnostic: from its data when it was made for this version, else re-found. */
function fixesFor(d: Diagnostic, a: Analysis, settings: Settings): Fix[] {
  const data = readDiagnosticData(d);
  if (data && data.version === a.version) return data.fixes.filter((f) => editsFit(a.model, f.edits));
  const r = d.range;
  const f = cache
    .findings(a, settings.severities)
    .find((x) => x.code === d.code && x.line === r.start.line && x.column === r.start.character && x.endLine === r.end.line && x.endColumn === r.end.character);
  return f ? f.fixes : [];
}

connection.onCodeAction((params, token) =>
  handle('codeAction', params.textDocument.uri, token, [] as CodeAction[], (a, settings) => {
    const only = params.context.only;
    const actions: CodeAction[] = [];
    if (wants(only, CodeActionKind.QuickFix)) {
      for (const d of params.context.diagnostics) {
        if (d.source !== SOURCE) continue;
        for (const fix of fixesFor(d, a, settings)) actions.push(toQuickFix(a.uri, a.model, fix, d));
      }
    }
    if (wants(only, FIX_ALL_KIND)) {
      if (token.isCancellationRequested) throw cancelled();
      const text = flatText(a.text);
      const fixed = fixAll(text, { severities: settings.severities }, undefined, settings.dialect ? { dialect: settings.dialect } : {});
      const edit = fixed.applied > 0 ? diffEdit(text, fixed.text) : null;
      if (edit) {
        actions.push({
          title: `Fix all auto-fixable transcript problems (${fixed.applied})`,
          kind: FIX_ALL_KIND,
          edit: { changes: { [a.uri]: [toTextEdit(a.model, edit)] } },
        });
      }
    }
    return actions;
  }),
);

// ---------------------------------------------------------------------------------------------
// Speaker-aware editing: rename, references, highlights, definition, completion, hover, code
// lenses, formatting, workspace symbols (server/src/core/features)

/** A rename the core refuses, as the error the editor shows. */
function renameFailed(e: unknown): never {
  if (e instanceof RenameError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
  throw e;
}

const at = (p: { line: number; character: number }) => ({ line: p.line, col: p.character });

connection.onPrepareRename((params, token) =>
  handle('prepareRename', params.textDocument.uri, token, null, (a) => {
    try {
      const r = prepareRename(flatText(a.text), a.model, at(params.position));
      return r ? { range: toRange(r.span), placeholder: r.placeholder } : null;
    } catch (e) {
      return renameFailed(e);
    }
  }),
);

connection.onRenameRequest((params, token) =>
  handle('rename', params.textDocument.uri, token, null as WorkspaceEdit | null, (a, settings) => {
    try {
      const r = renameSpeaker(flatText(a.text), a.model, at(params.position), params.newName, settings.dialect ? { dialect: settings.dialect } : {});
      return { changes: { [a.uri]: r.edits.map((e) => toTextEdit(a.model, e)) } };
    } catch (e) {
      return renameFailed(e);
    }
  }),
);

connection.onReferences((params, token) =>
  handle('references', params.textDocument.uri, token, [] as Location[], (a) =>
    speakerReferences(a.text, a.model, at(params.position), params.context.includeDeclaration).map((m) => ({ uri: a.uri, range: toRange(m.span) })),
  ),
);

connection.onDocumentHighlight((params, token) =>
  handle('documentHighlight', params.textDocument.uri, token, [] as DocumentHighlight[], (a) =>
    speakerHighlights(a.text, a.model, at(params.position)).map(toDocumentHighlight),
  ),
);

connection.onDefinition((params, token) =>
  handle('definition', params.textDocument.uri, token, null as Location | null, (a) => {
    const d = speakerDefinition(a.text, a.model, at(params.position));
    return d ? { uri: a.uri, range: toRange(d.span) } : null;
  }),
);

connection.onCompletion((params, token) =>
  handle('completion', params.textDocument.uri, token, [] as CompletionItem[], (a) =>
    speakerCompletions(a.text, a.model, at(params.position), { snippets: client.snippets }).map(toCompletionItem),
  ),
);

connection.onHover((params, token) =>
  handle('hover', params.textDocument.uri, token, null as Hover | null, (a) => {
    const h = speakerHover(a.text, a.model, at(params.position));
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: toRange(h.span) } : null;
  }),
);

connection.onCodeLens((params, token) =>
  handle('codeLens', params.textDocument.uri, token, [] as CodeLens[], (a, settings) => (settings.codeLens ? pairLenses(a.model).map(toCodeLens) : [])),
);

connection.onDocumentFormatting((params, token) =>
  handle('formatting', params.textDocument.uri, token, [] as LspTextEdit[], (a, settings) =>
    formatTranscript(flatText(a.text), a.model, { parse: settings.dialect ? { dialect: settings.dialect } : {} }).edits.map((e) => toTextEdit(a.model, e)),
  ),
);

connection.onDocumentRangeFormatting((params, token) =>
  handle('rangeFormatting', params.textDocument.uri, token, [] as LspTextEdit[], (a, settings) => {
    const { start, end } = params.range;
    // A selection that ends at the start of a line does not include that line.
    const endLine = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
    const range = { startLine: start.line, endLine };
    return formatTranscript(flatText(a.text), a.model, { range, parse: settings.dialect ? { dialect: settings.dialect } : {} }).edits.map((e) => toTextEdit(a.model, e));
  }),
);

connection.onWorkspaceSymbol(async (params, token) => {
  const docs: TranscriptDoc[] = [];
  const open = new Set<string>();
  try {
    for (const doc of documents.all()) {
      const settings = await settingsFor(doc.uri);
      if (token.isCancellationRequested) throw cancelled();
      const current = documents.get(doc.uri);
      if (!current) continue;
      docs.push(cache.get(current, settings.dialect));
      const p = uriToPath(doc.uri);
      if (p) open.add(p);
    }
    const onDisk = await workspaceFiles.docs(open, globalSettings.dialect);
    if (token.isCancellationRequested) throw cancelled();
    return workspaceSymbols([...docs, ...onDisk], params.query).map(toWorkspaceSymbol) as SymbolInformation[];
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`workspaceSymbol failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return [];
  }
});

// ---------------------------------------------------------------------------------------------
// The extension's views (lsp/protocol.ts): statistics, and label ranges for per-speaker colours

const uriOf = (params: unknown): string => {
  const uri = (params as Partial<DocumentParams> | null)?.uri;
  return typeof uri === 'string' ? uri : '';
};

connection.onRequest(STATISTICS_REQUEST, (params: DocumentParams, token: CancellationToken) =>
  handle('statistics', uriOf(params), token, null as StatisticsResult | null, (a): StatisticsResult => ({
    uri: a.uri,
    version: a.version,
    ...documentStatistics(a.model),
  })),
);

connection.onRequest(SPEAKER_LABELS_REQUEST, (params: DocumentParams, token: CancellationToken) =>
  handle('speakerLabels', uriOf(params), token, null as SpeakerLabelsResult | null, (a): SpeakerLabelsResult => ({
    uri: a.uri,
    version: a.version,
    speakers: speakerLabels(a.model).map((s) => ({ id: s.id, name: s.name, labels: s.labels.map(toRange) })),
  })),
);

/** A filter from the wire, or null when it is not one. */
function readFilter(f: unknown): TurnFilter | null {
  const x = (f && typeof f === 'object' ? f : {}) as { kind?: unknown; speaker?: unknown };
  if (x.kind === 'questions' || x.kind === 'pairs') return { kind: x.kind };
  if (x.kind === 'speaker' && typeof x.speaker === 'string') return { kind: 'speaker', speaker: x.speaker };
  return null;
}

connection.onRequest(FILTER_REQUEST, (params: FilterParams, token: CancellationToken) => {
  const filter = readFilter((params as Partial<FilterParams> | null)?.filter);
  if (!filter) return null;
  const source = typeof params.source === 'string' && params.source ? params.source : null;
  return handle('filter', uriOf(params), token, null as FilterResult | null, (a): FilterResult => {
    const r = filterTurns(flatText(a.text), a.model, filter, source ?? baseName(a.uri));
    return { uri: a.uri, version: a.version, title: r.title, turns: r.turns.length, text: r.text, sourceLines: r.sourceLines };
  });
});

/** Transcripts larger than this are not linted by `transcript/lint`. */
const MAX_LINT_CHARS = 10 * 1024 * 1024;

connection.onRequest(LINT_REQUEST, async (params: LintParams, token: CancellationToken): Promise<LintResult> => {
  const uri = uriOf(params);
  const text = (params as Partial<LintParams> | null)?.text;
  if (!uri || typeof text !== 'string' || text.length > MAX_LINT_CHARS) return { uri, diagnostics: [], skipped: true };
  await checkpoint(token);
  try {
    const settings = await settingsFor(uri);
    if (token.isCancellationRequested) throw cancelled();
    const model = parse(text, settings.dialect ? { dialect: settings.dialect } : {});
    const diagnostics = lint(text, model, { severities: settings.severities }).map((f): WireDiagnostic => {
      const { data: _data, ...d } = toDiagnostic(f, 0);
      return d as WireDiagnostic;
    });
    return { uri, diagnostics, skipped: false };
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`lint failed for ${uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return { uri, diagnostics: [], skipped: true };
  } finally {
    // Settings of files that are not open are not kept.
    if (!documents.get(uri)) settingsByUri.delete(uri);
  }
});

// ---------------------------------------------------------------------------------------------

process.on('uncaughtException', (e) => connection.console.error(`Uncaught: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));
process.on('unhandledRejection', (e) => connection.console.error(`Unhandled rejection: ${String(e)}`));

documents.listen(connection);
connection.listen();
