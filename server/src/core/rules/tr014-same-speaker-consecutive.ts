import type { TranscriptModel, Turn } from '../model.ts';
import type { Rule, RuleContext, TextEdit } from './types.ts';
import { deleteLines, firstNoteFrom, isBlank, isEmptyTurn, labelCols, labelSpan, lineStartOffset, q } from './label-helpers.ts';

/** `**Jingle:** [37:25]`, `Break: (00:24:02)`: a segment marker the parser did not take as a label. */
const SEGMENT_MARK = /^\s*(?:(?:\*\*|__)[\p{L} ]{1,30}:?(?:\*\*|__):?|[\p{L} ]{1,30}:)\s*(?:\\?\[[^\]]*\\?\]|\([^)]*\))\s*$/u;

/**
 * True when something stands between the two turns that explains a repeated label: a line that is
 * only a note (`(Recess taken.)`, a timestamp, a heading) or a segment marker (`**Jingle:** [37:25]`).
 */
function segmentBreak(ctx: RuleContext, model: TranscriptModel, prev: Turn, next: Turn): boolean {
  // The notes after the previous turn's first line, before this turn's.
  const notes = model.notes;
  for (let k = firstNoteFrom(model, prev.startLine + 1); k < notes.length && notes[k].line < next.startLine; k++) if (notes[k].wholeLine) return true;
  for (let i = prev.startLine + 1; i < next.startLine; i++) if (!isBlank(ctx, i) && SEGMENT_MARK.test(ctx.line(i))) return true;
  return false;
}

/** TR014: two turns in a row by the same speaker. */
export const sameSpeakerConsecutive: Rule = {
  id: 'TR014',
  name: 'same-speaker-consecutive',
  description: 'Two consecutive turns have the same speaker, so the second label is redundant or another speaker is missing.',
  rationale:
    'A label repeated for the same speaker splits one turn in two, which shows up as an extra entry in the outline ' +
    'and an extra answer in the question-and-answer pairs. Often the label is simply repeated; sometimes another ' +
    'speaker (a question) was dropped in between, so check before merging. Turns separated by a break, a heading ' +
    'or a timestamp, and timestamped labels (each paragraph carries its time), are not reported; nor are CHAT and ' +
    'caption files, where every utterance or cue has its own label.',
  severity: 'hint',
  fixable: true,
  reuse: 'neighbours',
  example: {
    bad: ['MS. PSAKI: Good afternoon.', '', 'MS. PSAKI: Two things at the top.', '', 'Q: Jen, on the trip?', '', 'MS. PSAKI: Monday.', '', 'Q: Thanks.'].join('\n'),
    good: ['MS. PSAKI: Good afternoon.', '', 'Two things at the top.', '', 'Q: Jen, on the trip?', '', 'MS. PSAKI: Monday.', '', 'Q: Thanks.'].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    if (model.dialect === 'chat' || model.dialect === 'webvtt') return;
    for (let i = Math.max(1, ctx.turnRange[0]); i < ctx.turnRange[1]; i++) {
      const prev = model.turns[i - 1];
      const turn = model.turns[i];
      const label = turn.label;
      if (!label || !prev.label || turn.speaker < 0 || turn.speaker !== prev.speaker) continue;
      const sp = model.speakers[turn.speaker];
      if (sp.anonymous || label.timestamp !== undefined || label.form === 'dash') continue;
      // Empty turns are TR003/TR004's business.
      if (isEmptyTurn(model, prev) || isEmptyTurn(model, turn)) continue;
      if (segmentBreak(ctx, model, prev, turn)) continue;
      const cols = labelCols(ctx, label);
      const s = ctx.line(label.line);
      let edit: TextEdit;
      if (cols.textStart >= 0) {
        // Inline: remove the label and its decoration up to the speech, keep the speech on its line.
        let from = cols.start;
        while (from > 0 && /[*_]/.test(s[from - 1])) from--;
        edit = { start: ctx.offsetAt(label.line, from), end: ctx.offsetAt(label.line, cols.textStart), newText: '' };
      } else {
        // Alone on its line: remove the line and one blank line after it.
        const to = label.line + 1 < model.lineCount && isBlank(ctx, label.line + 1) ? label.line + 1 : label.line;
        edit = to + 1 < model.lineCount ? { start: lineStartOffset(ctx, label.line), end: ctx.lineEndWithBreak(to), newText: '' } : deleteLines(ctx, label.line, to);
      }
      ctx.report({
        ...labelSpan(ctx, label),
        message:
          `${sp.name} speaks twice in a row: the label ${q(label.text)} repeats the speaker of the turn before (line ${prev.startLine + 1}). ` +
          'The repeated label splits one turn in two in the outline and the question-and-answer pairs; ' +
          'merge the turns by deleting this label, unless another speaker is missing in between.',
        fixes: [{ title: `Merge with ${sp.name}'s previous turn (delete the label ${q(label.text)})`, edits: [edit], safe: false }],
      });
    }
  },
};
