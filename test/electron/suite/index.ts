/**
 * Entry point VS Code calls in the extension host (`extensionTestsPath`): runs every
 * `*.suite.js` next to this file with mocha (tdd interface) and rejects when a test failed.
 *
 * `runSuites` is the same for other hosts: test/e2e runs these suites inside code-server's
 * extension host (through test/e2e/api-host) and passes a sink for mocha's report.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

export interface SuiteResult {
  passes: number;
  failures: number;
  pending: number;
}

export function runSuites(report?: (line: string) => void): Promise<SuiteResult> {
  const say = report ?? ((line: string) => console.log(line));
  if (report) Mocha.reporters.Base.consoleLog = (...data: unknown[]) => report(format(...data));
  const mocha = new Mocha({ ui: 'tdd', color: !report && !process.env.NO_COLOR, timeout: 60_000, slow: 5_000 });
  for (const f of readdirSync(__dirname).filter((f) => f.endsWith('.suite.js')).sort()) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve) => {
    const runner = mocha.run((failures) => {
      const result = { passes: runner.stats?.passes ?? 0, failures, pending: runner.stats?.pending ?? 0 };
      if (result.pending) say(`${result.pending} skipped`);
      say(`${result.passes} passed, ${result.failures} failed`);
      resolve(result);
    });
  });
}

/** What VS Code calls (it passes the tests path and a legacy callback, both unused). */
export async function run(): Promise<void> {
  const { failures } = await runSuites();
  if (failures > 0) throw new Error(`${failures} test(s) failed`);
}
