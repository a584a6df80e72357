import type { Rule } from './types.ts';
import { isSpaceCode } from '../text.ts';

/** TR005: spaces (often non-breaking) after a label alone on its line. */
export const labelTrailingWhitespace: Rule = {
  id: 'TR005',
  name: 'label-trailing-whitespace',
  description: 'A speaker label alone on its line ends with spaces or non-breaking spaces.',
  rationale:
    'Invisible trailing spaces make two spellings of the same label differ to search, replace and diff tools, ' +
    'and non-breaking spaces copied from web pages are the usual cause. Removing them changes nothing a reader sees.',
  severity: 'warning',
  fixable: true,
  reuse: 'labels',
  example: { bad: 'Mark Rutte, NATO Secretary General\u00a0\u00a0\n\nThank you.', good: 'Mark Rutte, NATO Secretary General\n\nThank you.' },
  check(ctx) {
    for (const turn of ctx.model.turns) {
      if (!ctx.more()) return;
      const label = turn.label;
      if (!label || label.textStart >= 0) continue;
      const s = ctx.line(label.line);
      let end = s.length;
      while (end > 0 && isSpaceCode(s.charCodeAt(end - 1))) end--;
      if (end === s.length) continue;
      const nbsp = /[\u00a0\u202f]/.test(s.slice(end));
      ctx.report({
        line: label.line,
        column: end,
        endLine: label.line,
        endColumn: s.length,
        message:
          `The label "${label.text}" ends with ${s.length - end} trailing ${nbsp ? 'non-breaking ' : ''}space${s.length - end > 1 ? 's' : ''}. ` +
          'Trailing spaces make label variants differ invisibly; remove them.',
        fixes: [
          {
            title: 'Remove trailing whitespace from the label',
            edits: [{ start: ctx.offsetAt(label.line, end), end: ctx.offsetAt(label.line, s.length), newText: '' }],
            preferred: true,
            safe: true,
          },
        ],
      });
    }
  },
};
