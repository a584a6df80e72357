import type { Rule } from './types.ts';
import { eolOf } from '../source.ts';
import { isBlank, isEmptyTurn, keepsSpeech, labelSpan, lineStartOffset, q, sentenceSpeakersKey, trustedLabel } from './label-helpers.ts';

/** TR004: a label followed directly by another turn's label, so the first has no speech. */
export const consecutiveLabels: Rule = {
  id: 'TR004',
  name: 'consecutive-labels',
  description: 'A speaker label is followed directly by another speaker label, so the first one has no speech.',
  rationale:
    'Two labels in a row leave the first speaker with an empty turn: the question-and-answer outline pairs the ' +
    'wrong turns and counts a question or answer that has no words. Usually a question was not transcribed or a ' +
    'label was duplicated; delete the first label, or mark the missing speech.',
  severity: 'warning',
  fixable: true,
  reuse: 'neighbours',
  reuseKey: sentenceSpeakersKey,
  example: {
    bad: ['Question', '', 'What is next?', '', 'Question', '', 'Mark Rutte', '', 'We will see.', '', 'Question', '', 'Why?', '', 'Mark Rutte', '', 'Because.'].join('\n'),
    good: ['Question', '', 'What is next?', '', 'Mark Rutte', '', 'We will see.', '', 'Question', '', 'Why?', '', 'Mark Rutte', '', 'Because.'].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    const eol = eolOf(ctx.text);
    // The document writes speech on the label's line (labels alone decide it).
    const sameLine = ctx.labelValue('TR004.sameLine', () => {
      let withSpeech = 0;
      for (const t of model.turns) if (t.label && t.label.textStart >= 0) withSpeech++;
      return withSpeech * 2 > model.turns.length;
    });
    for (let k = ctx.turnRange[0]; k < ctx.turnRange[1]; k++) {
      const turn = model.turns[k];
      const label = turn.label;
      const next = model.turns[turn.index + 1];
      if (!label || !next || !next.label || !isEmptyTurn(model, turn) || !trustedLabel(ctx, turn)) continue;
      let onlyBlank = true;
      for (let i = label.line + 1; i < next.startLine; i++) if (!isBlank(ctx, i)) onlyBlank = false;
      if (!onlyBlank) continue;
      const sp = turn.speaker >= 0 ? model.speakers[turn.speaker] : null;
      const who = !sp ? 'this speaker' : sp.anonymous ? `the ${sp.part === 'questioner' ? 'questioner' : 'answerer'}` : sp.name;
      const edit = { start: lineStartOffset(ctx, label.line), end: lineStartOffset(ctx, next.startLine), newText: '' };
      const safe = keepsSpeech(ctx, [edit]);
      // Mark the missing speech instead: on the label's line when the document writes speech there.
      const s = ctx.line(label.line);
      const mark =
        sameLine
          ? { start: ctx.offsetAt(label.line, s.trimEnd().length), end: ctx.offsetAt(label.line, s.length), newText: ' [inaudible]' }
          : { start: lineStartOffset(ctx, next.startLine), end: lineStartOffset(ctx, next.startLine), newText: `[inaudible]${eol}${eol}` };
      ctx.report({
        ...labelSpan(ctx, label),
        message:
          `The label ${q(label.text)} is followed directly by the label ${q(next.label.text)}, so ${who} has a turn with no words. ` +
          'An empty turn shows up in the outline and can pair the wrong turns as question and answer; ' +
          'delete the first label, or add the speech that is missing (or a note such as [inaudible]).',
        fixes: [
          {
            title: `Delete the label ${q(label.text)} that has no speech`,
            edits: [edit],
            preferred: safe,
            safe,
          },
          {
            title: 'Mark the missing speech as [inaudible]',
            edits: [mark],
            safe: false,
          },
        ],
      });
    }
  },
};
