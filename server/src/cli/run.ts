/**
 * `transcript-lint` as a function: arguments and environment in, output text and exit code out.
 * main.ts does the actual writing, so that stdout is written once.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { fixAll, parse, type LintOptions, type TranscriptModel } from '../core/index.ts';
import { findConfigFile, loadConfigFile, type LoadedConfig } from '../configFile.ts';
import { helpText, parseArgs, PROGRAM, USAGE } from './args.ts';
import { diagnose, hasErrors } from './diagnostics.ts';
import { readInput, type ReadResult } from './read.ts';
import { buildFileReport, type Report } from './report.ts';
import { renderFile, useColor } from './text.ts';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_ERROR = 2;

export interface RunIo {
  version: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean | undefined;
  read?: (path: string) => ReadResult;
  /** Writes a fixed file back (default: fs.writeFileSync). */
  write?: (path: string, text: string) => void;
  /** Finds the configuration for a file (default: the nearest .transcript-lint.json/.yaml). */
  configFor?: (file: string) => LoadedConfig;
}

export interface RunResult {
  /** Everything for stdout, to be written at once. */
  stdout: string;
  /** Lines for stderr (each without its line break), in the order they happened. */
  stderr: string[];
  exitCode: number;
}

/** Display name of an input in messages. */
function displayPath(path: string): string {
  return path === '-' ? '<stdin>' : path;
}

export function run(argv: readonly string[], io: RunIo): RunResult {
  const stderr: string[] = [];
  const args = parseArgs(argv);
  switch (args.kind) {
    case 'help':
      return { stdout: helpText(io.version), stderr, exitCode: EXIT_OK };
    case 'version':
      return { stdout: `${io.version}\n`, stderr, exitCode: EXIT_OK };
    case 'usage-error':
      stderr.push(`${PROGRAM}: ${args.message}`, USAGE, `Try '${PROGRAM} --help' for more information.`);
      return { stdout: '', stderr, exitCode: EXIT_ERROR };
    case 'run':
      break;
  }

  const { format, dialect, files, fix } = args.options;
  const read = io.read ?? readInput;
  const write = io.write ?? ((p: string, t: string) => fs.writeFileSync(p, t));
  const explicit = args.options.config !== undefined ? loadConfigFile(args.options.config) : null;
  const configFor =
    io.configFor ??
    ((file: string): LoadedConfig => {
      if (explicit) return explicit;
      const found = findConfigFile(file === '-' ? process.cwd() : nodePath.dirname(file));
      return found ? loadConfigFile(found) : { file: null, config: { rules: {} }, errors: [] };
    });
  const reported = new Set<string>();
  if (explicit && explicit.errors.length && explicit.errors[0] === 'no such file') {
    stderr.push(`${PROGRAM}: ${args.options.config}: no such file`);
    return { stdout: '', stderr, exitCode: EXIT_ERROR };
  }
  const style = { color: format === 'text' && useColor(io.stdoutIsTTY, io.env) };
  const report: Report = { files: [], errors: [] };
  const outlines: string[] = [];
  let exitCode = EXIT_OK;

  for (const file of files) {
    const path = displayPath(file);
    const input = read(file);
    if (!input.ok) {
      stderr.push(`${PROGRAM}: ${path}: ${input.message}`);
      report.errors.push({ path, message: input.message });
      exitCode = EXIT_ERROR;
      continue;
    }
    if (input.invalidUtf8) {
      const { line, offset } = input.invalidUtf8;
      stderr.push(
        `${PROGRAM}: warning: ${path}: invalid UTF-8 at line ${line} (byte offset ${offset}); ` +
          'bad bytes were read as U+FFFD',
      );
    }
    const cfg = configFor(file);
    if (cfg.file && cfg.errors.length && !reported.has(cfg.file)) {
      reported.add(cfg.file);
      for (const e of cfg.errors) stderr.push(`${PROGRAM}: warning: ${cfg.file}: ${e}`);
    }
    const lintOptions: LintOptions = { severities: cfg.config.rules };
    const useDialect = dialect ?? cfg.config.dialect;
    let text = input.text;
    if (fix) {
      const fixed = fixAll(text, lintOptions, undefined, useDialect ? { dialect: useDialect } : {});
      if (fixed.applied > 0 && fixed.text !== text) {
        if (file === '-') stderr.push(`${PROGRAM}: warning: <stdin>: --fix cannot write standard input back; ${fixed.applied} fixes not written`);
        else {
          try {
            write(file, fixed.text);
            text = fixed.text;
            stderr.push(`${PROGRAM}: ${path}: applied ${fixed.applied} fix${fixed.applied === 1 ? '' : 'es'}`);
          } catch (err) {
            stderr.push(`${PROGRAM}: ${path}: cannot write the fixed file: ${(err as Error).message}`);
            exitCode = EXIT_ERROR;
          }
        }
      }
    }
    let model: TranscriptModel;
    try {
      model = parse(text, useDialect ? { dialect: useDialect } : {});
    } catch (err) {
      // The parser promises not to throw; if it does, say so and go on with the other files.
      const message = `internal error while parsing: ${err instanceof Error ? err.message : String(err)}`;
      stderr.push(`${PROGRAM}: ${path}: ${message}`);
      report.errors.push({ path, message });
      exitCode = EXIT_ERROR;
      continue;
    }
    const diagnostics = diagnose(model, text, lintOptions);
    if (hasErrors(diagnostics) && exitCode === EXIT_OK) exitCode = EXIT_PROBLEMS;
    const fileReport = buildFileReport(path, text, model, diagnostics);
    report.files.push(fileReport);
    if (format === 'text') outlines.push(renderFile(fileReport, model, text, style));
  }

  const stdout = format === 'json' ? JSON.stringify(report) + '\n' : outlines.join('\n');
  return { stdout, stderr, exitCode };
}
