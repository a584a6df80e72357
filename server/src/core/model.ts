/**
 * The transcript model: what `parse()` returns. Pure data, no editor types.
 *
 * Positions inside the core are 0-based line numbers and 0-based UTF-16 columns (or absolute
 * offsets where stated). A column counts from the start of the line as stored in the text, so
 * on line 0 a byte-order mark is column 0 and the first character after it column 1; the parser
 * reads U+FEFF as a space. Converting to LSP ranges or 1-based CLI lines happens at the edges.
 */

/** The layouts the parser understands. */
export type DialectId =
  /** A speaker label alone on its own line, speech below (NATO, parliaments). */
  | 'block'
  /** `LABEL: text` inline, possibly hard-wrapped (White House, podcasts in Markdown). */
  | 'inline'
  /** `Q.` / `A.` depositions and hearings, court-reporter line numbers. */
  | 'deposition'
  /** `Name (00:01:23):`, `Name  0:03`, `[00:00:02] Name: text`. */
  | 'timestamped'
  /** TalkBank CHAT: `@` headers, `*SPK:` tiers, `%xxx:` dependent tiers. */
  | 'chat'
  /** WebVTT with `<v Name>` voice tags or `- ` speaker dashes. */
  | 'webvtt';

export const DIALECTS: readonly DialectId[] = ['block', 'inline', 'deposition', 'timestamped', 'chat', 'webvtt'];

export type TurnKind = 'statement' | 'question' | 'answer' | 'other';

/** A column range on one line (0-based, end exclusive). */
export interface LineSpan {
  line: number;
  start: number;
  end: number;
}

export type NoteKind =
  /** `[inaudible]`, `[crosstalk]`, `(unintelligible)` */
  | 'inaudible'
  /** `(Laughter.)`, `[laughs]`, `(Applause)` */
  | 'action'
  /** `[04:29]`, `(01:51):`, `1:13 P.M. EDT` */
  | 'timestamp'
  /** `[sic]`, `[patent]`, `[Prioritised Ukraine Requirements List]` and other insertions */
  | 'editorial'
  /** a line of its own that is not speech: a heading, `Later in that same depo:`, a page header */
  | 'heading'
  /** CHAT `%mor:` and other dependent tiers, `@G:` gems inside the body */
  | 'tier';

export interface Note extends LineSpan {
  kind: NoteKind;
  /** True when the note fills its whole line (a stage direction or heading on its own). */
  wholeLine: boolean;
}

/** How a label was written. */
export type LabelForm =
  | 'standalone' // label alone on its line
  | 'inline' // LABEL: text
  | 'qa' // Q. / A. / Q<nbsp><nbsp>
  | 'chat' // *SPK:\t
  | 'voice' // <v Name>
  | 'dash'; // "- " speaker change in captions

export interface Label extends LineSpan {
  /** The label as written, without decoration (`**`, trailing colon, timestamp). */
  text: string;
  form: LabelForm;
  /** Column where the speech on the label's own line starts (inline forms), else -1. */
  textStart: number;
  /** A timestamp written with the label, e.g. `00:52` from `Lenny (00:52):`. */
  timestamp?: string;
}

export interface Turn {
  /** Index in `model.turns`. */
  index: number;
  /** First line (the label line, or the first line of unattributed speech). */
  startLine: number;
  /** Last line of the turn, trailing blank lines excluded. */
  endLine: number;
  label: Label | null;
  /** Index into `model.speakers`, or -1 for unattributed speech. */
  speaker: number;
  kind: TurnKind;
  /** Number of words of speech (notes and labels excluded). */
  words: number;
}

export type SpeakerRole = 'questioner' | 'answerer' | 'moderator' | 'speaker';

export interface Speaker {
  /** Stable id, a slug of the canonical name (`mark-rutte`, `questioner`). */
  id: string;
  /** Canonical display name (`Mark Rutte`, `Question`). */
  name: string;
  /** Title or affiliation the labels give (`NATO Secretary General`), or ''. */
  role: string;
  /** What the speaker does in the exchange. */
  part: SpeakerRole;
  /** True for anonymous labels (`Question`, `Q.`, `A.`). */
  anonymous: boolean;
  /** Every distinct label text used for this speaker, in first-use order. */
  labels: string[];
  /** Indexes of this speaker's turns. */
  turns: number[];
}

export interface QAPair {
  /** Index of the question turn. */
  question: number;
  /** Indexes of the answer turns. */
  answers: number[];
  startLine: number;
  endLine: number;
  /** The question's first sentence, trimmed to a readable length. */
  title: string;
}

export type BlockKind = 'frontMatter' | 'preamble' | 'turn';

/**
 * The top-level partition of the document: every line belongs to exactly one block, blocks are
 * in order and contiguous (`blocks[i].endLine + 1 === blocks[i+1].startLine`). A turn's block runs
 * to the line before the next block, so it includes trailing blank lines that `Turn.endLine` does not.
 */
export interface Block {
  kind: BlockKind;
  startLine: number;
  endLine: number;
  /** For `turn` blocks, the index into `model.turns`. */
  turn?: number;
}

export type ProblemSeverity = 'error' | 'warning' | 'information' | 'hint';

/** Something the parser noticed; rules turn these (and the model) into diagnostics. */
export interface ParseProblem extends LineSpan {
  code: string;
  message: string;
}

export interface FrontMatter {
  startLine: number;
  endLine: number;
  /** The parsed YAML value, or null when it does not parse. */
  data: unknown;
  /** Speakers the front matter declares (`speakers:`, `participants:`, `guest:`, `host:`). */
  roster: string[];
}

export interface TranscriptModel {
  dialect: DialectId;
  /** True when the dialect was forced by the caller rather than detected. */
  dialectForced: boolean;
  /** Number of lines (a final line break does not start an extra line). */
  lineCount: number;
  /** Offset of the start of each line in the original text. */
  lineStarts: Int32Array;
  /** UTF-16 length of each line's content, line break excluded. */
  lineLengths: Int32Array;
  /** Length of the original text. */
  length: number;
  /** True when the text started with a byte-order mark (kept in the text, skipped by the parser). */
  bom: boolean;
  frontMatter: FrontMatter | null;
  /** Lines before the speech: titles, metadata, web furniture, `(As delivered)`. */
  preamble: { startLine: number; endLine: number } | null;
  /** Ranges inside the preamble recognised as web-page furniture (sign-up, cookie, share blocks). */
  boilerplate: { startLine: number; endLine: number }[];
  blocks: Block[];
  turns: Turn[];
  speakers: Speaker[];
  pairs: QAPair[];
  notes: Note[];
  problems: ParseProblem[];
}

export interface ParseOptions {
  /** Force a dialect instead of detecting one. */
  dialect?: DialectId;
}
