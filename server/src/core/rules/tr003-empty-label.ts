import type { Rule } from './types.ts';
import { deleteLines, isBlank, isEmptyTurn, keepsSpeech, labelSpan, q, sentenceSpeakersKey, trustedLabel } from './label-helpers.ts';

/** TR003: a speaker label with no speech after it, and no other label either (end of text, a heading). */
export const emptyLabel: Rule = {
  id: 'TR003',
  name: 'empty-label',
  description: 'A speaker label has no speech after it: it ends the document or is followed only by a heading or timestamp.',
  rationale:
    'A label with nothing to say adds a turn with no words: outlines show an empty entry, counts of turns and ' +
    'questions go wrong, and a reader cannot tell whether speech was lost. Usually the transcript was cut off ' +
    'or the speech was deleted; delete the label, or restore the speech.',
  severity: 'warning',
  fixable: true,
  reuse: 'neighbours',
  reuseKey: sentenceSpeakersKey,
  example: {
    bad: ['Lenny (00:52):', 'Welcome to the podcast.', '', 'Nikita (03:59):', 'Hey, Lenny. Thank you.', '', 'Lenny (04:02):', 'I am excited to have you.', '', 'Nikita (04:15):', ''].join('\n'),
    good: ['Lenny (00:52):', 'Welcome to the podcast.', '', 'Nikita (03:59):', 'Hey, Lenny. Thank you.', '', 'Lenny (04:02):', 'I am excited to have you.', ''].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    for (let k = ctx.turnRange[0]; k < ctx.turnRange[1]; k++) {
      const turn = model.turns[k];
      const label = turn.label;
      if (!label || !isEmptyTurn(model, turn) || !trustedLabel(ctx, turn)) continue;
      const next = model.turns[turn.index + 1];
      if (next) {
        // Only blank lines up to the next label: that is TR004 (consecutive-labels).
        let onlyBlank = true;
        for (let i = label.line + 1; i < next.startLine; i++) if (!isBlank(ctx, i)) onlyBlank = false;
        if (onlyBlank) continue;
      }
      const atEnd = !next && turn.endLine === label.line;
      let to = label.line;
      if (!atEnd && to + 1 < model.lineCount && isBlank(ctx, to + 1)) to++;
      const edit = deleteLines(ctx, label.line, to);
      const safe = keepsSpeech(ctx, [edit]);
      ctx.report({
        ...labelSpan(ctx, label),
        message:
          `The label ${q(label.text)} has no speech after it${atEnd ? ': it ends the transcript' : ''}. ` +
          'An empty turn distorts the outline and the turn counts; delete the label, or add the missing speech ' +
          '(or a note such as [inaudible]).',
        fixes: [
          {
            title: `Delete the empty label ${q(label.text)}`,
            edits: [edit],
            preferred: safe,
            safe,
          },
        ],
      });
    }
  },
};
