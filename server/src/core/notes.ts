/** Notes inside speech: bracketed insertions, stage directions, timestamps. */

import type { Note, NoteKind } from './model.ts';

const INAUDIBLE = /\b(inaudible|unintelligible|indiscernible|crosstalk|cross-talk|unclear|garbled|audio (?:cuts|drops)|no audio|off-?mic|overlapping)\b/i;
const ACTION = /\b(laugh\w*|applause|chuckl\w*|sigh\w*|pause\w*|music|silence|cough\w*|cry\w*|cheer\w*|boo\w*|groan\w*|gasp\w*|clap\w*|sound|noise|jingle|break|recess|off the record|on the record|technical difficult\w*|interruption|interpret\w*|translat\w*|speaks? in \w+|foreign language|end of (?:transcript|recording)|beginning of|video|clip|plays?|plays?ing)\b/i;
const TIMESTAMP = /^\s*\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?\s*$/;
const NOTE_SPAN = /\\?\[([^\]\n]{1,300}?)\\?\]|\(([^()\n]{1,300})\)/g;

/** What kind of note a bracketed text is. */
export function noteKind(inner: string): NoteKind {
  if (TIMESTAMP.test(inner)) return 'timestamp';
  if (INAUDIBLE.test(inner)) return 'inaudible';
  if (ACTION.test(inner)) return 'action';
  return 'editorial';
}

/**
 * Finds the notes on one line of speech, from column `from`. Square brackets are always notes;
 * parentheses only when they hold a stage direction, an inaudible mark or a timestamp (a spoken
 * aside in parentheses stays speech).
 */
export function findNotes(line: string, lineNo: number, from: number, out: Note[]): void {
  NOTE_SPAN.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = NOTE_SPAN.exec(line)) !== null) {
    const inner = m[1] ?? m[2];
    const square = m[1] !== undefined;
    const kind = noteKind(inner);
    if (!square && kind === 'editorial') continue;
    out.push({ line: lineNo, start: m.index, end: m.index + m[0].length, kind, wholeLine: false });
  }
}

/** Removes notes from a line of speech, for word counts and titles. */
export function stripNotes(s: string): string {
  return s.replace(NOTE_SPAN, (all, sq: string | undefined, par: string | undefined) =>
    sq !== undefined || noteKind(par ?? '') !== 'editorial' ? ' ' : all,
  );
}
