/**
 * The diagnostics hook of the command line. There are no rules yet, so this returns nothing;
 * when rules land, map their output here. Lines and columns are 1-based, like everything the CLI
 * prints; `transcript-lint` exits with 1 when any diagnostic has severity `error`.
 */
import type { ProblemSeverity, TranscriptModel } from '../core/index.ts';

export interface CliDiagnostic {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** 1-based line where the range ends. */
  endLine: number;
  /** 1-based column just after the range, in UTF-16 code units. */
  endColumn: number;
  severity: ProblemSeverity;
  code: string;
  message: string;
}

export function diagnose(_model: TranscriptModel, _text: string): CliDiagnostic[] {
  return [];
}

export function hasErrors(diagnostics: readonly CliDiagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
