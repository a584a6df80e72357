/**
 * The report the CLI prints, built from the parser's model. This is the `--format json` shape;
 * the text outline is rendered from the same data. All lines are 1-based (the model's are 0-based).
 */
import type { DialectId, NoteKind, SpeakerRole, TranscriptModel, TurnKind } from '../core/index.ts';
import type { CliDiagnostic } from './diagnostics.ts';

export interface SpeakerReport {
  id: string;
  name: string;
  role: string;
  labels: string[];
  part: SpeakerRole;
  anonymous: boolean;
  turnCount: number;
}

export interface TurnReport {
  /** 1-based line of the label, or of the first line of unattributed speech. */
  line: number;
  endLine: number;
  /** The speaker's id, or null for unattributed speech. */
  speaker: string | null;
  /** The label as written (without decoration), or null. */
  label: string | null;
  kind: TurnKind;
  words: number;
  /** A timestamp written with the label, or null. */
  timestamp: string | null;
}

export interface PairReport {
  line: number;
  endLine: number;
  title: string;
  /** Index into `turns`. */
  question: number;
  /** Indexes into `turns`. */
  answers: number[];
}

export interface NoteReport {
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** Length in UTF-16 code units. */
  length: number;
  kind: NoteKind;
  wholeLine: boolean;
}

export interface FileReport {
  path: string;
  dialect: DialectId;
  dialectForced: boolean;
  lineCount: number;
  /** True when the file has no text besides white space (and a byte-order mark). */
  empty: boolean;
  preamble: { line: number; endLine: number } | null;
  frontMatter: { line: number; endLine: number; roster: string[] } | null;
  speakers: SpeakerReport[];
  turns: TurnReport[];
  pairs: PairReport[];
  notes: NoteReport[];
  diagnostics: CliDiagnostic[];
}

export interface FileError {
  path: string;
  message: string;
}

export interface Report {
  files: FileReport[];
  /** Files that could not be read; their messages also go to stderr. */
  errors: FileError[];
}

export function isBlank(text: string): boolean {
  return /^[\s\uFEFF]*$/.test(text);
}

export function buildFileReport(
  path: string,
  text: string,
  model: TranscriptModel,
  diagnostics: CliDiagnostic[],
): FileReport {
  const speakerId = (index: number): string | null => model.speakers[index]?.id ?? null;
  return {
    path,
    dialect: model.dialect,
    dialectForced: model.dialectForced,
    lineCount: model.lineCount,
    empty: isBlank(text),
    preamble: model.preamble && { line: model.preamble.startLine + 1, endLine: model.preamble.endLine + 1 },
    frontMatter: model.frontMatter && {
      line: model.frontMatter.startLine + 1,
      endLine: model.frontMatter.endLine + 1,
      roster: [...model.frontMatter.roster],
    },
    speakers: model.speakers.map((s) => ({
      id: s.id,
      name: s.name,
      role: s.role,
      labels: [...s.labels],
      part: s.part,
      anonymous: s.anonymous,
      turnCount: s.turns.length,
    })),
    turns: model.turns.map((t) => ({
      line: t.startLine + 1,
      endLine: t.endLine + 1,
      speaker: t.speaker >= 0 ? speakerId(t.speaker) : null,
      label: t.label ? t.label.text : null,
      kind: t.kind,
      words: t.words,
      timestamp: t.label?.timestamp ?? null,
    })),
    pairs: model.pairs.map((p) => ({
      line: p.startLine + 1,
      endLine: p.endLine + 1,
      title: p.title,
      question: p.question,
      answers: [...p.answers],
    })),
    notes: model.notes.map((n) => ({
      line: n.line + 1,
      column: n.start + 1,
      length: n.end - n.start,
      kind: n.kind,
      wholeLine: n.wholeLine,
    })),
    diagnostics,
  };
}
