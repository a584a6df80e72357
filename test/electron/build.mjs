// Bundles the extension-host suite (test/electron) into out/electron/ for `npm run test:electron`:
// the runner (runTest.js) and the suite files VS Code loads (suite/index.js, suite/*.suite.js).
// `vscode` comes from the extension host; mocha and @vscode/test-electron from node_modules, so
// index.js and the suites share one mocha.
import * as esbuild from 'esbuild';
import { readdirSync } from 'node:fs';

const suites = readdirSync('test/electron/suite').filter((f) => f.endsWith('.ts')).map((f) => `test/electron/suite/${f}`);
await esbuild.build({
  entryPoints: ['test/electron/runTest.ts', ...suites],
  outbase: 'test/electron',
  outdir: 'out/electron',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['vscode', 'mocha', '@vscode/test-electron'],
  logLevel: 'warning',
});
console.log(`out/electron: runTest.js, ${suites.map((s) => s.replace('test/electron/', '').replace(/\.ts$/, '.js')).join(', ')}`);
