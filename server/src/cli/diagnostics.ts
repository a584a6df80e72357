/**
 * Diagnostics for the command line: the core's findings with 1-based lines and columns, like
 * everything the CLI prints. `transcript-lint` exits with 1 when any diagnostic is an error.
 */
import { lint, type Finding, type LintOptions, type Severity, type TranscriptModel } from '../core/index.ts';

export interface CliDiagnostic {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** 1-based line where the range ends. */
  endLine: number;
  /** 1-based column just after the range, in UTF-16 code units. */
  endColumn: number;
  severity: Severity;
  code: string;
  /** The rule's readable name (`empty-label`). */
  rule: string;
  message: string;
  /** Whether a fix exists, and whether `--fix` would apply it. */
  fixable: 'safe' | 'manual' | 'none';
}

export function toCliDiagnostic(f: Finding): CliDiagnostic {
  return {
    line: f.line + 1,
    column: f.column + 1,
    endLine: f.endLine + 1,
    endColumn: f.endColumn + 1,
    severity: f.severity,
    code: f.code,
    rule: f.rule,
    message: f.message,
    fixable: f.fixes.some((x) => x.safe) ? 'safe' : f.fixes.length ? 'manual' : 'none',
  };
}

export function diagnose(model: TranscriptModel, text: string, options: LintOptions = {}): CliDiagnostic[] {
  return lint(text, model, options).map(toCliDiagnostic);
}

export function hasErrors(diagnostics: readonly CliDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
