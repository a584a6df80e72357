import type { Rule } from './types.ts';
import { isBlank, keepsSpeech, lineStartOffset, plural } from './label-helpers.ts';

/** What kinds of web furniture a block holds, for the message (first match names the kind). */
const KINDS: [RegExp, string][] = [
  [/\b(account|sign[ -]?(?:up|in|out)|log[ -]?(?:in|out)|register|registration|password|verification code|verify your|send new code|inbox)\b/i, 'account sign-up and password prompts'],
  [/\b(subscribe|subscription|newsletter)\b/i, 'newsletter prompts'],
  [/\bcookies?\b/i, 'cookie notices'],
  [/\b(skip to (?:main )?content|main menu|navigation|loading|language:|visit page|press "?enter"?|back to top)\b/i, 'site navigation'],
  [/\b(share (?:this|on)|follow us)\b/i, 'share links'],
  [/\b(click|tap here|download|print this|read more)\b/i, 'buttons and links'],
  [/(\b(privacy policy|terms of (?:use|service)|all rights reserved|copyright)\b|©)/i, 'legal notices'],
  [/\b(javascript|your browser)\b/i, 'browser notices'],
];

/** TR002: web-page furniture (sign-up, cookie, navigation blocks) copied in front of the transcript. */
export const boilerplate: Rule = {
  id: 'TR002',
  name: 'boilerplate',
  description: 'Web-page furniture (sign-up and password prompts, cookie banners, navigation) stands in front of the transcript.',
  rationale:
    'Text copied from a web page often brings the page around the transcript with it. Those lines are not speech: they ' +
    'inflate word counts, show up in searches and quotes, and can be mistaken for the start of the transcript. ' +
    'The fix deletes only lines before the first speaker label, never speech.',
  severity: 'warning',
  fixable: true,
  reuse: 'labels-verified',
  example: {
    bad: [
      'Create an account',
      '',
      'We have sent a verification code to your email address.',
      'Subscribe to our newsletter',
      '',
      'NATO Secretary General Mark Rutte',
      '',
      'Good morning.',
    ].join('\n'),
    good: ['NATO Secretary General Mark Rutte', '', 'Good morning.'].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    const pre = model.preamble;
    if (!pre) return;
    const firstTurn = model.turns.length ? model.turns[0].startLine : model.lineCount;
    for (const b of model.boilerplate) {
      // Furniture is only ever recognised in the preamble; never touch a turn.
      if (b.startLine < pre.startLine || b.endLine > pre.endLine || b.endLine >= firstTurn) continue;
      const lines = b.endLine - b.startLine + 1;
      let content = 0;
      const kinds: string[] = [];
      for (let i = b.startLine; i <= b.endLine; i++) {
        if (isBlank(ctx, i)) continue;
        content++;
        const s = ctx.line(i);
        const kind = KINDS.find(([re]) => re.test(s))?.[1];
        if (kind && !kinds.includes(kind)) kinds.push(kind);
      }
      // Delete the block and the blank lines after it, up to the next content line.
      let end = b.endLine;
      while (end + 1 < firstTurn && isBlank(ctx, end + 1)) end++;
      const first = ctx.line(b.startLine).trim();
      const edit = { start: lineStartOffset(ctx, b.startLine), end: ctx.lineEndWithBreak(end), newText: '' };
      const safe = keepsSpeech(ctx, [edit]);
      const what = kinds.length ? ` (${kinds.slice(0, 3).join(', ')})` : '';
      const span = b.startLine === b.endLine ? `Line ${b.startLine + 1} is` : `Lines ${b.startLine + 1}-${b.endLine + 1} (${plural(lines, 'line')}, ${content} with text) are`;
      ctx.report({
        line: b.startLine,
        column: 0,
        endLine: b.endLine,
        endColumn: ctx.line(b.endLine).length,
        message:
          `${span} web-page furniture${what}, starting "${first.length > 50 ? `${first.slice(0, 47)}...` : first}": ` +
          'it was copied from the page along with the transcript and is not speech. Delete it.',
        fixes: [
          {
            title: `Delete ${plural(lines, 'line')} of web-page furniture`,
            edits: [edit],
            preferred: safe,
            safe,
          },
        ],
      });
    }
  },
};
