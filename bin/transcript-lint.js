#!/usr/bin/env node
'use strict';
// Starts the bundled command-line linter; `npm run build` creates dist/cli.js.
try {
  require('../dist/cli.js');
} catch (err) {
  if (err && err.code === 'MODULE_NOT_FOUND' && String(err.message).includes('dist/cli.js')) {
    process.stderr.write('transcript-lint: dist/cli.js is missing; run `npm run build` first\n');
    process.exitCode = 2;
  } else {
    throw err;
  }
}
