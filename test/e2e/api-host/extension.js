// Test helper for test/e2e/run.ts, never published. code-server cannot run an extension-host
// test suite itself (--extensionTestsPath is not supported for the server), so this extension
// does it: when the window has started and TRANSCRIPT_E2E_API_SUITE names the bundled suite
// entry (out/electron/suite/index.js), it runs those mocha suites in this extension host, next to
// the installed Transcripts extension, and writes the report and a last line `RESULT <json>` to
// TRANSCRIPT_E2E_API_RESULT. Without those variables it does nothing.
const fs = require('node:fs');

exports.activate = function activate() {
  const suite = process.env.TRANSCRIPT_E2E_API_SUITE;
  const out = process.env.TRANSCRIPT_E2E_API_RESULT;
  if (!suite || !out) return;
  const write = (line) => fs.appendFileSync(out, `${line}\n`);
  fs.writeFileSync(out, '');
  let runSuites;
  try {
    ({ runSuites } = require(suite));
  } catch (e) {
    write(`could not load ${suite}: ${e && e.stack ? e.stack : e}`);
    write(`RESULT ${JSON.stringify({ passes: 0, failures: 1, pending: 0 })}`);
    return;
  }
  runSuites(write).then(
    (result) => write(`RESULT ${JSON.stringify(result)}`),
    (e) => write(`RESULT ${JSON.stringify({ passes: 0, failures: 1, pending: 0, error: String(e && e.stack ? e.stack : e) })}`),
  );
};

exports.deactivate = function deactivate() {};
