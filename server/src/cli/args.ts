/** Command-line argument parsing for `transcript-lint`. No I/O here. */
import { DIALECTS, type DialectId } from '../core/index.ts';

export const PROGRAM = 'transcript-lint';

export type OutputFormat = 'text' | 'json';
export const FORMATS: readonly OutputFormat[] = ['text', 'json'];

export const USAGE = `Usage: ${PROGRAM} [--format text|json] [--dialect NAME] [--fix] [--config FILE] FILE...`;

export function helpText(version: string): string {
  return [
    `${PROGRAM} ${version}: outline and check transcripts (press conferences, interviews, depositions, podcasts).`,
    '',
    USAGE,
    '',
    'Options:',
    '  --format text|json  output format (default: text)',
    `  --dialect NAME      force a layout instead of detecting one: ${DIALECTS.join(', ')}`,
    '  --fix               apply every safe fix and write the files back (speech is never removed)',
    '  --config FILE       read rule settings from FILE instead of the nearest .transcript-lint.json/.yaml',
    '  -h, --help          show this help and exit',
    '  --version           show the version and exit',
    '  --                  treat every later argument as a file name',
    '',
    'FILE may be - to read standard input.',
    '',
    'Exit status: 0 no problems, 1 problems found (error diagnostics), 2 usage or I/O error.',
    'Colours are used only when standard output is a terminal and NO_COLOR is not set.',
    '',
  ].join('\n');
}

export interface CliOptions {
  format: OutputFormat;
  dialect: DialectId | undefined;
  fix: boolean;
  config: string | undefined;
  files: string[];
}

export type ParsedArgs =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; options: CliOptions }
  | { kind: 'usage-error'; message: string };

function isDialect(value: string): value is DialectId {
  return (DIALECTS as readonly string[]).includes(value);
}

function isFormat(value: string): value is OutputFormat {
  return (FORMATS as readonly string[]).includes(value);
}

/**
 * Parses `argv` (without the node and script paths). Options may come before or after files,
 * `--opt value` and `--opt=value` are both accepted, and `--help`/`--version` win over anything else.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  let format: OutputFormat = 'text';
  let dialect: DialectId | undefined;
  let fix = false;
  let config: string | undefined;
  const files: string[] = [];
  let error: string | undefined;
  let help = false;
  let version = false;
  const fail = (message: string) => {
    error ??= message;
  };

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      files.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = arg.startsWith('--') && eq > 0 ? arg.slice(eq + 1) : undefined;
    const takeValue = (): string | undefined => {
      if (inlineValue !== undefined) return inlineValue;
      if (i + 1 < argv.length) return argv[++i];
      return undefined;
    };
    switch (name) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--version':
        version = true;
        break;
      case '--format': {
        const value = takeValue();
        if (value === undefined) fail(`option '--format' needs a value: ${FORMATS.join(' or ')}`);
        else if (!isFormat(value)) fail(`invalid value '${value}' for --format: expected ${FORMATS.join(' or ')}`);
        else format = value;
        break;
      }
      case '--dialect': {
        const value = takeValue();
        if (value === undefined) fail(`option '--dialect' needs a value: one of ${DIALECTS.join(', ')}`);
        else if (!isDialect(value)) fail(`invalid value '${value}' for --dialect: expected one of ${DIALECTS.join(', ')}`);
        else dialect = value;
        break;
      }
      case '--fix':
        fix = true;
        break;
      case '--config': {
        const value = takeValue();
        if (value === undefined) fail(`option '--config' needs a file name`);
        else config = value;
        break;
      }
      default:
        fail(`unknown option '${name}'`);
    }
  }

  if (help) return { kind: 'help' };
  if (version) return { kind: 'version' };
  if (error !== undefined) return { kind: 'usage-error', message: error };
  if (files.length === 0) return { kind: 'usage-error', message: 'no input files' };
  return { kind: 'run', options: { format, dialect, fix, config, files } };
}
