/**
 * The filter view (`Transcript: Filter Turns…`) and the lint-workspace command (`Transcript: Check
 * All Transcripts in Workspace`): thin editor glue over `transcript/filter` and `transcript/lint`
 * (server/src/lsp/protocol.ts). The server selects the turns and lints; this file asks and shows.
 */

import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  FILTER_REQUEST,
  LINT_REQUEST,
  STATISTICS_REQUEST,
  type FilterResult,
  type LintResult,
  type StatisticsResult,
  type WireTurnFilter,
} from '../../server/src/lsp/protocol.ts';

export const FILTER_SCHEME = 'transcript-filter';
const REFRESH_DELAY_MS = 300;

const isTranscript = (d: vscode.TextDocument | undefined): d is vscode.TextDocument => d?.languageId === 'transcript';

function baseName(uri: vscode.Uri): string {
  const p = uri.path;
  return p.slice(p.lastIndexOf('/') + 1) || uri.toString();
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

interface FilterQuery {
  source: string;
  filter: WireTurnFilter;
}

function readQuery(uri: vscode.Uri): FilterQuery | null {
  try {
    const q = JSON.parse(uri.query) as Partial<FilterQuery>;
    return typeof q.source === 'string' && q.filter && typeof q.filter === 'object' ? (q as FilterQuery) : null;
  } catch {
    return null;
  }
}

/** Read-only documents `transcript-filter:/<file> · <what>.transcript?{source, filter}`. */
export class FilterView implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  /** Filter documents provided so far, by their source uri. */
  private readonly bySource = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions.push(
      vscode.workspace.registerTextDocumentContentProvider(FILTER_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument((e) => this.sourceChanged(e.document.uri.toString())),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (d.uri.scheme !== FILTER_SCHEME) return;
        const q = readQuery(d.uri);
        if (q) this.bySource.get(q.source)?.delete(d.uri.toString());
      }),
    );
  }

  private sourceChanged(source: string): void {
    const views = this.bySource.get(source);
    if (!views || views.size === 0) return;
    clearTimeout(this.timers.get(source));
    this.timers.set(
      source,
      setTimeout(() => {
        this.timers.delete(source);
        for (const v of views) this.changed.fire(vscode.Uri.parse(v));
      }, REFRESH_DELAY_MS),
    );
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = readQuery(uri);
    if (!q) return '<!-- Not a transcript filter. -->\n';
    let views = this.bySource.get(q.source);
    if (!views) this.bySource.set(q.source, (views = new Set()));
    views.add(uri.toString());
    const client = this.client();
    if (!client) return '<!-- The transcript language server is not running. -->\n';
    const sourceUri = vscode.Uri.parse(q.source);
    try {
      // The server answers for documents open in the editor; opening one syncs it.
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === q.source) ?? (await vscode.workspace.openTextDocument(sourceUri));
      const r = await client.sendRequest<FilterResult | null>(
        FILTER_REQUEST,
        { uri: client.code2ProtocolConverter.asUri(doc.uri), filter: q.filter, source: baseName(doc.uri) },
        token,
      );
      return r ? r.text : `<!-- ${baseName(sourceUri)} is not open as a transcript. -->\n`;
    } catch (e) {
      return `<!-- Could not filter ${baseName(sourceUri)}: ${describeError(e).replace(/--/g, '- -')} -->\n`;
    }
  }

  /** The command: asks which turns, then opens the filtered view beside the transcript. */
  async pick(): Promise<void> {
    const editor = isTranscript(vscode.window.activeTextEditor?.document)
      ? vscode.window.activeTextEditor
      : vscode.window.visibleTextEditors.find((e) => isTranscript(e.document) && e.document.uri.scheme !== FILTER_SCHEME);
    const document = editor?.document;
    const client = this.client();
    if (!document || document.uri.scheme === FILTER_SCHEME) {
      void vscode.window.showInformationMessage('Open a transcript to filter its turns.');
      return;
    }
    if (!client) {
      void vscode.window.showErrorMessage('The transcript language server is not running.');
      return;
    }
    let stats: StatisticsResult | null = null;
    try {
      stats = await client.sendRequest<StatisticsResult | null>(STATISTICS_REQUEST, { uri: client.code2ProtocolConverter.asUri(document.uri) });
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not read the speakers: ${describeError(e)}`);
      return;
    }
    type Item = vscode.QuickPickItem & { filter?: WireTurnFilter; title?: string };
    const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
    const items: Item[] = [
      { label: 'Speakers', kind: vscode.QuickPickItemKind.Separator },
      ...(stats?.speakers ?? [])
        .filter((s) => s.turns > 0)
        .map((s): Item => ({
          label: s.name,
          description: [s.role, plural(s.turns, 'turn')].filter(Boolean).join(' · '),
          filter: { kind: 'speaker', speaker: s.id },
          title: s.name,
        })),
      { label: 'Questions and answers', kind: vscode.QuickPickItemKind.Separator },
      { label: 'Questions only', description: stats ? plural(stats.pairs, 'question') : '', filter: { kind: 'questions' }, title: 'Questions' },
      { label: 'Q&A pairs only', description: stats ? plural(stats.pairs, 'pair') : '', filter: { kind: 'pairs' }, title: 'Q&A pairs' },
    ];
    const chosen = await vscode.window.showQuickPick(items, { title: `Filter the turns of ${baseName(document.uri)}`, placeHolder: 'Show the turns of a speaker, the questions, or the Q&A pairs' });
    if (!chosen?.filter) return;
    const query: FilterQuery = { source: document.uri.toString(), filter: chosen.filter };
    const name = `${baseName(document.uri).replace(/\.transcript$/i, '')} · ${chosen.title ?? chosen.label}.transcript`.replace(/[/\\]/g, '-');
    const uri = vscode.Uri.from({ scheme: FILTER_SCHEME, path: `/${name}`, query: JSON.stringify(query) });
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'transcript') doc = await vscode.languages.setTextDocumentLanguage(doc, 'transcript');
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Lint workspace

/** The glob patterns of transcripts: `*.transcript`, and `files.associations` entries mapped to `transcript`. */
function transcriptGlobs(): string[] {
  const globs = new Set(['**/*.transcript']);
  const assoc = vscode.workspace.getConfiguration('files').get<Record<string, string>>('associations') ?? {};
  for (const [pattern, language] of Object.entries(assoc)) {
    if (language !== 'transcript' || !pattern || pattern.includes('{')) continue;
    globs.add(pattern.includes('/') ? pattern : `**/${pattern}`);
  }
  return [...globs];
}

const MAX_FILES = 5000;

/**
 * Diagnostics of the transcripts in the workspace that are not open, in a collection of their
 * own (the server's diagnostics cover open documents; opening a file hands it back to them).
 */
export class WorkspaceLint implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('transcript-workspace');
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions.push(
      this.collection,
      vscode.workspace.onDidOpenTextDocument((d) => {
        if (isTranscript(d)) this.collection.delete(d.uri);
      }),
    );
  }

  async run(): Promise<{ files: number; problems: number; withProblems: number; cancelled: boolean } | undefined> {
    const client = this.client();
    if (!client) {
      void vscode.window.showErrorMessage('The transcript language server is not running.');
      return undefined;
    }
    return vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Checking transcripts', cancellable: true },
      async (progress, token) => {
        progress.report({ message: 'finding files…' });
        const seen = new Map<string, vscode.Uri>();
        for (const glob of transcriptGlobs()) {
          for (const uri of await vscode.workspace.findFiles(glob, '**/node_modules/**', MAX_FILES, token)) seen.set(uri.toString(), uri);
          if (token.isCancellationRequested) break;
        }
        const files = [...seen.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
        this.collection.clear();
        const open = new Set(vscode.workspace.textDocuments.filter(isTranscript).map((d) => d.uri.toString()));
        let problems = 0;
        let withProblems = 0;
        let done = 0;
        for (const uri of files) {
          if (token.isCancellationRequested) break;
          progress.report({ increment: 100 / Math.max(1, files.length), message: `${done + 1}/${files.length} ${baseName(uri)}` });
          done++;
          let count: number;
          if (open.has(uri.toString())) {
            count = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'transcript').length;
          } else {
            let text: string;
            try {
              text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
            } catch {
              continue;
            }
            let r: LintResult;
            try {
              r = await client.sendRequest<LintResult>(LINT_REQUEST, { uri: client.code2ProtocolConverter.asUri(uri), text }, token);
            } catch (e) {
              if (token.isCancellationRequested) break;
              throw e;
            }
            const diagnostics = await client.protocol2CodeConverter.asDiagnostics(r.diagnostics as Parameters<typeof client.protocol2CodeConverter.asDiagnostics>[0]);
            if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) continue; // opened meanwhile
            this.collection.set(uri, diagnostics);
            count = diagnostics.length;
          }
          problems += count;
          if (count > 0) withProblems++;
        }
        const cancelled = token.isCancellationRequested;
        const summary = `${cancelled ? `Cancelled after ${done} of ${files.length}` : `Checked ${files.length}`} transcript${files.length === 1 ? '' : 's'}: ${problems} problem${problems === 1 ? '' : 's'} in ${withProblems} file${withProblems === 1 ? '' : 's'}.`;
        void vscode.window.showInformationMessage(summary);
        return { files: done, problems, withProblems, cancelled };
      },
    );
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
  }
}
