/**
 * The extension-host suite (mocha inside a desktop VS Code), for machines that can download VS
 * Code: `npm run test:electron` builds the extension and this suite, then `runTests` from
 * @vscode/test-electron downloads VS Code into .vscode-test/ (once), opens a fresh folder with
 * copies of the two NATO seed transcripts, loads the extension from this repository
 * (extensionDevelopmentPath) and runs out/electron/suite/index.js in its extension host.
 *
 * Environment: VSCODE_TEST_VERSION (default `stable`; `1.100.3` is the oldest the extension
 * supports), TRANSCRIPT_CORPUS (default <repo>/../shared/corpus). On Linux without a display,
 * run it under `xvfb-run -a npm run test:electron`.
 *
 * It cannot run on machines without access to update.code.visualstudio.com (the download fails);
 * there, `npm run test:e2e` drives code-server instead.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

// Bundled to out/electron/runTest.js: the repository is two levels up.
const root = path.resolve(__dirname, '..', '..');
const corpus = path.resolve(process.env.TRANSCRIPT_CORPUS ?? path.join(root, '..', 'shared', 'corpus'));

const SEEDS: [string, string][] = [
  ['nato__seed-munich-doorstep.txt', 'nato-seed-munich-doorstep.transcript'],
  ['nato__seed-rome-doorstep.txt', 'nato-seed-rome-doorstep.transcript'],
];

async function main(): Promise<void> {
  const workspace = path.join(root, '.vscode-test', 'electron-workspace', 'nato-seeds');
  rmSync(workspace, { recursive: true, force: true });
  mkdirSync(workspace, { recursive: true });
  for (const [from, to] of SEEDS) {
    const src = path.join(corpus, from);
    if (!existsSync(src)) throw new Error(`Seed transcript ${src} is missing (set TRANSCRIPT_CORPUS to the corpus folder).`);
    copyFileSync(src, path.join(workspace, to));
  }
  const exitCode = await runTests({
    version: process.env.VSCODE_TEST_VERSION ?? 'stable',
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'electron', 'suite', 'index.js'),
    launchArgs: [
      workspace,
      '--disable-extensions', // only the extension under test
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--disable-telemetry',
    ],
    extensionTestsEnv: { TRANSCRIPT_SERVER_JS: path.join(root, 'dist', 'server.js') },
  });
  process.exitCode = exitCode;
}

main().catch((e: unknown) => {
  const msg = e instanceof Error ? e.message : String(e);
  console.error(`test:electron failed: ${msg}`);
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN|ENETUNREACH/.test(msg)) {
    console.error('VS Code could not be downloaded from here; `npm run test:e2e` runs these suites in code-server instead.');
  }
  process.exitCode = 1;
});
