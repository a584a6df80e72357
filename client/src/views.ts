/**
 * The statistics view and per-speaker colours: thin editor glue over two requests to the
 * language server (server/src/lsp/protocol.ts). The HTML is built by statsHtml.ts, the colours
 * chosen by speakerColors.ts; this file only asks, debounces and shows.
 */

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SPEAKER_LABELS_REQUEST, STATISTICS_REQUEST, type SpeakerLabelsResult, type StatisticsResult } from '../../server/src/lsp/protocol.ts';
import { assignColors, SPEAKER_PALETTE, speakerColors } from './speakerColors.ts';
import { statisticsHtml } from './statsHtml.ts';

/** Wait after the last edit before asking the server again. */
const REFRESH_DELAY_MS = 300;
export const STATISTICS_VIEW_TYPE = 'transcript.statistics';

const isTranscript = (d: vscode.TextDocument | undefined): d is vscode.TextDocument => d?.languageId === 'transcript';

function baseName(uri: vscode.Uri): string {
  const p = uri.path;
  return p.slice(p.lastIndexOf('/') + 1) || uri.toString();
}

function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------------------------------------
// Statistics view

export class StatisticsView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.TextDocument | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Bumped per request, so a late answer never replaces a newer one. */
  private generation = 0;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.panel && e.document === this.document) this.schedule();
      }),
      // Follows the transcript being edited; a focused webview or another language leaves it be.
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (this.panel && isTranscript(editor?.document) && editor.document !== this.document) {
          this.document = editor.document;
          this.schedule(0);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.panel && d === this.document) {
          this.document = undefined;
          this.render(null, baseName(d.uri), 'The transcript was closed. Open a transcript and run “Transcript: Show Speaker Statistics”.');
        }
      }),
    );
  }

  /** The command: opens (or reveals) the view beside the editor, on the active transcript. */
  async show(): Promise<void> {
    const editor = isTranscript(vscode.window.activeTextEditor?.document)
      ? vscode.window.activeTextEditor
      : vscode.window.visibleTextEditors.find((e) => isTranscript(e.document));
    const document = editor?.document ?? this.document;
    if (!document) {
      void vscode.window.showInformationMessage('Open a transcript to see its speaker statistics.');
      return;
    }
    this.document = document;
    if (this.panel) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel(
        STATISTICS_VIEW_TYPE,
        'Speaker Statistics',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: false, enableFindWidget: true, localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        clearTimeout(this.timer);
      });
      this.render(null, baseName(document.uri), 'Reading the transcript…');
    }
    await this.refresh();
  }

  private schedule(delay = REFRESH_DELAY_MS): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const document = this.document;
    const client = this.client();
    if (!this.panel || !document) return;
    const generation = ++this.generation;
    const title = baseName(document.uri);
    if (!client) {
      this.render(null, title, 'The transcript language server is not running.');
      return;
    }
    let stats: StatisticsResult | null = null;
    let message: string | undefined;
    try {
      stats = await client.sendRequest<StatisticsResult | null>(STATISTICS_REQUEST, { uri: client.code2ProtocolConverter.asUri(document.uri) });
    } catch (e) {
      message = `Could not read the statistics: ${describeError(e)}`;
    }
    if (generation !== this.generation || !this.panel || document !== this.document) return;
    this.render(stats, title, message);
  }

  private render(stats: StatisticsResult | null, title: string, message?: string): void {
    if (!this.panel) return;
    this.panel.title = `Statistics: ${title}`;
    const colors = speakerColors(stats ? stats.speakers.map((s) => s.id) : []);
    const nonce = randomBytes(16).toString('hex');
    this.panel.webview.html = statisticsHtml({ title, stats, colors, cspSource: this.panel.webview.cspSource, nonce, ...(message ? { message } : {}) });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Per-speaker colours

export class SpeakerColorDecorations implements vscode.Disposable {
  /** One decoration type per palette colour, made when first used. */
  private readonly types = new Map<number, vscode.TextEditorDecorationType>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generations = new Map<string, number>();
  /** Retries for documents the server did not know yet (it answers null before their didOpen). */
  private readonly retries = new Map<string, number>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly client: () => LanguageClient | undefined) {
    this.subscriptions.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.refreshVisible(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (isTranscript(e.document) && e.contentChanges.length > 0) this.schedule(e.document, REFRESH_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('transcript.speakerColors')) this.refreshVisible(0);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const key = d.uri.toString();
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
        this.generations.delete(key);
        this.retries.delete(key);
      }),
    );
  }

  refreshVisible(delay: number): void {
    const seen = new Set<vscode.TextDocument>();
    for (const e of vscode.window.visibleTextEditors) {
      if (isTranscript(e.document) && !seen.has(e.document)) {
        seen.add(e.document);
        this.schedule(e.document, delay);
      }
    }
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        void this.update(document);
      }, delay),
    );
  }

  private enabled(document: vscode.TextDocument): boolean {
    return vscode.workspace.getConfiguration('transcript', document).get<boolean>('speakerColors.enabled', true) !== false;
  }

  private type(index: number): vscode.TextEditorDecorationType {
    let t = this.types.get(index);
    if (!t) {
      const color = SPEAKER_PALETTE[index]!;
      t = vscode.window.createTextEditorDecorationType({
        // A tint behind the label and an underline in the speaker's colour; the label's text
        // keeps its semantic-token colour.
        backgroundColor: `${color}40`,
        borderRadius: '3px',
        textDecoration: `underline 2px ${color}`,
        overviewRulerColor: color,
        overviewRulerLane: vscode.OverviewRulerLane.Left,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(index, t);
    }
    return t;
  }

  private async update(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const editors = () => vscode.window.visibleTextEditors.filter((e) => e.document === document);
    const client = this.client();
    let byColor = new Map<number, vscode.Range[]>();
    if (this.enabled(document) && client && !document.isClosed) {
      let result: SpeakerLabelsResult | null = null;
      try {
        result = await client.sendRequest<SpeakerLabelsResult | null>(SPEAKER_LABELS_REQUEST, { uri: client.code2ProtocolConverter.asUri(document.uri) });
      } catch {
        return; // the server restarts or the request was cancelled: the next change asks again
      }
      if (this.generations.get(key) !== generation) return;
      if (result && result.version !== document.version) return; // edited meanwhile: a newer update is scheduled
      if (!result) {
        const n = this.retries.get(key) ?? 0;
        if (n < 3) {
          this.retries.set(key, n + 1);
          this.schedule(document, 1000);
          return;
        }
      } else this.retries.delete(key);
      byColor = new Map();
      const indexes = assignColors(result ? result.speakers.map((s) => s.id) : []);
      for (const s of result?.speakers ?? []) {
        const k = indexes.get(s.id) ?? 0;
        const ranges = byColor.get(k) ?? [];
        for (const r of s.labels) ranges.push(new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character));
        byColor.set(k, ranges);
      }
    }
    for (const editor of editors()) {
      for (const [k, t] of this.types) if (!byColor.has(k)) editor.setDecorations(t, []);
      for (const [k, ranges] of byColor) editor.setDecorations(this.type(k), ranges);
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    for (const t of this.types.values()) t.dispose();
    this.types.clear();
    for (const s of this.subscriptions) s.dispose();
  }
}
