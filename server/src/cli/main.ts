/**
 * Entry point of `transcript-lint`, bundled to dist/cli.js and started by bin/transcript-lint.js.
 *
 *   transcript-lint [--format text|json] [--dialect NAME] FILE...
 *
 * Exit status: 0 fine, 1 problems found (error diagnostics), 2 usage or I/O error.
 * The exit status is set with process.exitCode (never process.exit()) so stdout always flushes.
 */
import { version } from '../../../package.json';
import { EXIT_ERROR, run } from './run.ts';

function main(): void {
  // `transcript-lint ... | head` closes the pipe early: stop quietly instead of crashing.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') {
      process.stderr.write(`transcript-lint: cannot write output: ${err.message}\n`);
      process.exitCode = EXIT_ERROR;
    }
  });

  let result;
  try {
    result = run(process.argv.slice(2), { version, env: process.env, stdoutIsTTY: process.stdout.isTTY });
  } catch (err) {
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    process.stderr.write(`transcript-lint: internal error: ${detail}\n`);
    process.exitCode = EXIT_ERROR;
    return;
  }
  if (result.stderr.length) process.stderr.write(result.stderr.join('\n') + '\n');
  if (result.stdout) process.stdout.write(result.stdout);
  process.exitCode = result.exitCode;
}

main();
