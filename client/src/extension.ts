/**
 * The extension client: starts the transcript language server (dist/server.js) over IPC and
 * forwards `transcript` documents and settings to it. Everything else happens in the server;
 * the statistics view and per-speaker colours (views.ts) show what it answers to two requests,
 * the filter view and the lint-workspace command (filterView.ts) to two more.
 */

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SpeakerColorDecorations, StatisticsView } from './views.ts';
import { FilterView, WorkspaceLint } from './filterView.ts';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Every scheme: files, untitled documents, and virtual workspaces (the server reads
    // configuration and workspace symbols from disk only for file: documents).
    documentSelector: [{ language: 'transcript' }],
    synchronize: {
      configurationSection: 'transcript',
      // The project configuration the CLI reads too: the server re-reads it when it changes.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.transcript-lint.{json,yaml,yml}'),
    },
  };
  // The id `transcript` makes `transcript.trace.server` the trace setting.
  client = new LanguageClient('transcript', 'Transcript Language Server', serverOptions, clientOptions);

  context.subscriptions.push(
    vscode.commands.registerCommand('transcript.restartServer', async () => {
      if (!client) return;
      try {
        await client.restart();
      } catch (e) {
        void vscode.window.showErrorMessage(`Could not restart the transcript language server: ${e instanceof Error ? e.message : String(e)}`);
      }
    }),
  );

  const clientNow = () => client;
  const statistics = new StatisticsView(clientNow);
  const colors = new SpeakerColorDecorations(clientNow);
  context.subscriptions.push(statistics, colors, vscode.commands.registerCommand('transcript.showStatistics', () => statistics.show()));
  const filter = new FilterView(clientNow);
  const workspaceLint = new WorkspaceLint(clientNow);
  context.subscriptions.push(
    filter,
    workspaceLint,
    vscode.commands.registerCommand('transcript.filterTurns', () => filter.pick()),
    vscode.commands.registerCommand('transcript.checkWorkspace', () => workspaceLint.run()),
  );

  await client.start();
  colors.refreshVisible(0);
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.stop();
}
