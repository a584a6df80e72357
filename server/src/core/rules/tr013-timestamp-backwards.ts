import type { Rule } from './types.ts';
import { collectTimes, type TimeMark } from './tr012-malformed-timestamp.ts';

const at = (m: TimeMark) => `"${m.text}" on line ${m.line + 1}`;
const span = (m: TimeMark) => ({ line: m.line, column: m.start, endLine: m.line, endColumn: m.end });

/**
 * TR013: a timestamp earlier than the one before it. Labels, timestamp notes, bare time lines,
 * WebVTT cue starts and CHAT media bullets form one sequence in document order; equal times are
 * fine (two short turns in the same second). When a single time jumps ahead of both its
 * neighbours (`01:00`, `50:00`, `01:10`), the jump is reported rather than the time after it.
 * Impossible or malformed times are TR012's and are left out.
 */
export const timestampBackwards: Rule = {
  id: 'TR013',
  name: 'timestamp-backwards',
  description: 'A timestamp is earlier than the timestamp before it (or a cue ends before it starts).',
  rationale:
    'Times in a recording only move forward. A time that goes back is usually a typo, or passages pasted out of ' +
    'order; either way a reader who seeks to it lands in the wrong place, and subtitles or aligned audio go wrong.',
  severity: 'warning',
  fixable: false,
  example: {
    bad: 'Lenny (04:02):\nSo tell me about it.\n\nNikita Miller (03:15):\nSure.',
  },
  check(ctx) {
    const marks = collectTimes(ctx);
    const how = 'Check the recording and correct the time, or put the passages back in order.';
    // Cues and bullets that end before they start.
    for (const m of marks) {
      if (m.pairOf === undefined || m.seconds === null) continue;
      const s = marks[m.pairOf];
      if (s.seconds === null || m.seconds >= s.seconds) continue;
      ctx.report({
        ...span(m),
        message: `This ${m.source === 'cue-end' ? 'cue' : 'media bullet'} ends at "${m.text}", before it starts at "${s.text}". ` +
          `A ${m.source === 'cue-end' ? 'cue' : 'bullet'} with a negative length is skipped or misplayed by players and aligners. ${how}`,
      });
    }
    const seq = marks.filter((m) => m.seconds !== null && m.source !== 'cue-end' && m.source !== 'chat-end');
    const sec = (k: number) => seq[k].seconds as number;
    for (let i = 1; i < seq.length; i++) {
      if (sec(i) >= sec(i - 1)) continue;
      // One time jumped ahead: the one before it and the one after it are in order without it.
      if (i >= 2 && i + 1 < seq.length && sec(i - 2) <= sec(i) && sec(i - 1) > sec(i + 1)) {
        const jump = seq[i - 1];
        ctx.report({
          ...span(jump),
          message:
            `The timestamp "${jump.text}" (line ${jump.line + 1}) is later than the times after it (${at(seq[i])}), ` +
            `while the time before it (${at(seq[i - 2])}) leads straight to them, so it is probably mistyped. ` +
            `Times in a recording only move forward, and a wrong one sends a reader to the wrong place. ${how}`,
        });
        continue;
      }
      const m = seq[i];
      ctx.report({
        ...span(m),
        message:
          `The timestamp "${m.text}" (line ${m.line + 1}) is earlier than the timestamp before it, ${at(seq[i - 1])}. ` +
          `Times in a recording only move forward, so one of the two is probably mistyped or the passages are out of order. ${how}`,
      });
    }
  },
};
