/**
 * The contract between diagnostic rules and everything that shows them (language server, CLI).
 * Pure data: positions are 0-based lines and UTF-16 columns; edits are offsets into the text.
 */

import type { TranscriptModel } from '../model.ts';
import type { ModelDelta } from '../incremental.ts';
import type { TextSource } from '../source.ts';

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type SeveritySetting = Severity | 'off';
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'information', 'hint', 'off'];

/** Replace `[start, end)` of the original text with `newText`. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  /** What the fix does, as a code-action title: `Rewrite label as "Mark Rutte, NATO Secretary General"`. */
  title: string;
  edits: TextEdit[];
  /** The one clearly right fix (marked preferred in the editor). */
  preferred?: boolean;
  /** Safe to apply without looking (used by fix-all and `--fix`). Never true for a fix that removes speech. */
  safe: boolean;
}

export interface Finding {
  /** The rule's stable id (`TR001`). */
  code: string;
  /** The rule's readable name (`unattributed-speech`). */
  rule: string;
  severity: Severity;
  /** Exactly the problem: 0-based lines, UTF-16 columns, end exclusive. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** What is wrong, why it matters, and how to fix it. */
  message: string;
  fixes: Fix[];
}

/** What a rule reports; the runner adds code, rule name and severity. */
export type Report = Omit<Finding, 'code' | 'rule' | 'severity' | 'fixes'> & { fixes?: Fix[] };

export interface RuleContext {
  readonly text: TextSource;
  readonly model: TranscriptModel;
  /** Line `i` without its line break (the BOM is not removed). */
  line(i: number): string;
  /** Offset of (line, column) in the text. */
  offsetAt(line: number, column: number): number;
  /** Offset just past line `i` including its line break (the start of line i+1, or the text length). */
  lineEndWithBreak(i: number): number;
  report(r: Report): void;
  /**
   * The turns to look at, `[from, to)`: all of them, except for a rule with `reuse: 'turns'` after
   * an edit, when lint keeps that rule's findings on the other turns' blocks.
   */
  readonly turnRange: readonly [number, number];
  /**
   * When lint runs on a model an incremental update made: what the update changed (`delta.from`
   * is the model before). A rule may rebuild a per-model value of its own from the one it made for
   * `delta.from` (TR012's timestamps), taking the rebuilt turns' part anew.
   */
  readonly delta?: ModelDelta;
  /**
   * False once the rule has reported as many findings as are kept (lint keeps the first
   * MAX_FINDINGS_PER_RULE of each rule): a rule that may report thousands stops looking then.
   */
  more(): boolean;
  /**
   * A value computed from turn `turn`'s own block only (its lines, label and notes; nothing of other
   * turns or of the speaker list unless `key` names it), kept while the turn is unchanged: after an
   * edit elsewhere the incremental parse keeps the turn and this returns the kept value. Line numbers
   * inside the value must be relative to the turn's first line, since the turn may move.
   */
  perTurn<T>(key: string, turn: number, compute: () => T): T;
  /**
   * A value worked out from the labels alone (their forms and texts, the turns they start, the
   * speakers and their parts; never speech or line numbers), kept from the previous lint run when
   * the incremental update kept every label (`ModelDelta.labelsKept`): a document-wide count that
   * would otherwise cost a pass over every turn on every keystroke.
   */
  labelValue<T>(key: string, compute: () => T): T;
}

export interface Rule {
  /** Stable id, never reused: `TR001`. */
  id: string;
  /** Readable kebab-case name: `unattributed-speech`. */
  name: string;
  /** One sentence: what the rule finds. */
  description: string;
  /** Why it matters, for the docs. */
  rationale: string;
  severity: Severity;
  /** Whether the rule offers a fix. */
  fixable: boolean;
  /** A short transcript that triggers the rule, and the same after the fix (for the docs). */
  example?: { bad: string; good?: string };
  /**
   * What the findings depend on, so that lint can reuse them after an edit (`lintUpdate`):
   * `'labels'`: the labels only (their text, form and columns, and their lines up to the speech on
   * them), the speakers with their parts, the front matter and the text before the first turn,
   * never the speech, and no line numbers in messages but those of the text before the first turn.
   * `'labels-verified'`: the same, but fixes are checked with `keepsSpeech`, which reads the whole
   * text of a small document: reused in documents too large for that check only.
   * `'turns'`: each finding comes from looking at one turn's block alone (its lines and notes, the
   * dialect) and lies on that block's lines: after an edit the rule looks only at the turns the
   * update rebuilt (`RuleContext.turnRange`) and the findings of the others are kept, moved.
   * `'neighbours'`: each finding lies on one turn's block (turn 0's includes the text before it)
   * and comes from that block, the speech of the turns right before and after it, and what does not
   * change while every label, kind and line stays (other turns' labels, speakers, kinds, pairs and
   * line numbers; `labelValue`): after an update that kept all of those (`ModelDelta.kindsKept`,
   * no line added or removed), the rule looks only at the rebuilt turns and one either side.
   * Unset: the rule runs again after every edit.
   */
  reuse?: 'labels' | 'labels-verified' | 'turns' | 'neighbours';
  /**
   * A document-wide fact the findings also depend on, as a string: with `reuse: 'turns'` or
   * `'neighbours'`, the findings are reused only while it is the same as in the previous run.
   */
  reuseKey?: (ctx: RuleContext) => string;
  check(ctx: RuleContext): void;
}
