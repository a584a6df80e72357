import { lowerBoundBy } from '../lines.ts';
import type { Rule } from './types.ts';
import type { TranscriptModel, Turn } from '../model.ts';
import { firstNonSpace, lastNonSpaceEnd } from '../text.ts';

/** The speech of a turn (label removed), for a short quotation in the message. */
function speechOf(turn: Turn, line: (i: number) => string, skip: Set<number>): string {
  const parts: string[] = [];
  for (let i = turn.startLine; i <= turn.endLine && parts.length < 6; i++) {
    if (skip.has(i)) continue;
    let s = line(i);
    if (i === turn.startLine && turn.label) s = turn.label.textStart >= 0 ? s.slice(turn.label.textStart) : '';
    parts.push(s);
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

function asker(model: TranscriptModel, turn: Turn): string {
  if (turn.speaker < 0) return 'This unattributed question';
  const sp = model.speakers[turn.speaker];
  return sp.anonymous ? `This question ("${turn.label?.text ?? sp.name}")` : `This question from ${sp.name}`;
}

/** The first words of a text, at most about 60 characters. */
function opening(text: string): string {
  if (text.length <= 60) return text;
  const cut = text.lastIndexOf(' ', 58);
  return `${text.slice(0, cut > 30 ? cut : 58).replace(/[,;:\s]+$/, '')}…`;
}

/**
 * TR010: a question turn with no answer before the next question or the end of the transcript.
 *
 * A speaker (other than an anonymous label such as `Q`, which many reporters share) who asks twice
 * in a row before anyone else speaks is restating or extending one question; the reply after the
 * run answers both, so only the run as a whole can go unanswered.
 */
export const unansweredQuestion: Rule = {
  id: 'TR010',
  name: 'unanswered-question',
  description: 'A question gets no answer before the next question or the end of the transcript.',
  rationale:
    'An unanswered question is often a transcription problem: the answer was cut, or its label was lost so the ' +
    'answer reads as part of the next question. When the question really went unanswered, the note is still ' +
    'useful to a reader of the exchange. Nothing is changed automatically.',
  severity: 'information',
  fixable: false,
  reuse: 'neighbours',
  example: {
    bad: 'Q.  Where were you on the night of the 5th?\nQ.  Did you see the defendant?\nA.  No.',
  },
  check(ctx) {
    const { model } = ctx;
    const turns = model.turns;
    // Pairs are in the order of their questions.
    const pairs = model.pairs;
    const answered = (q: number): boolean => {
      const k = lowerBoundBy(pairs.length, (j) => pairs[j].question, q);
      return k < pairs.length && pairs[k].question === q;
    };
    // Whole-line notes, left out of a question's words: built when a question goes unanswered.
    let noteLines: Set<number> | null = null;
    for (let k = ctx.turnRange[0]; k < ctx.turnRange[1]; k++) {
      const turn = turns[k];
      if (turn.kind !== 'question' || answered(turn.index)) continue;
      // What follows before the next question (or the end).
      let next = turn.index + 1;
      let sameSpeakerRun = true;
      for (; next < turns.length && turns[next].kind !== 'question'; next++) {
        if (turns[next].speaker !== turn.speaker) sameSpeakerRun = false;
      }
      const nextQ = next < turns.length ? turns[next] : null;
      const sp = turn.speaker >= 0 ? model.speakers[turn.speaker] : null;
      // The same named speaker asks again before anyone else speaks: one question, restated.
      if (nextQ && sameSpeakerRun && sp && !sp.anonymous && nextQ.speaker === turn.speaker) continue;

      let line = turn.startLine;
      let column: number;
      let endColumn: number;
      if (turn.label) {
        line = turn.label.line;
        column = turn.label.start;
        endColumn = turn.label.end;
      } else {
        const s = ctx.line(line);
        column = firstNonSpace(s);
        endColumn = lastNonSpaceEnd(s, column);
      }
      noteLines ??= new Set(model.notes.filter((n) => n.wholeLine).map((n) => n.line));
      const title = opening(speechOf(turn, ctx.line, noteLines));
      const quoted = title ? ` ("${title}")` : '';
            const after = nextQ
        ? `no answer comes before the next question on line ${nextQ.startLine + 1}`
        : 'the transcript ends after it';
      ctx.report({
        line,
        column,
        endLine: line,
        endColumn,
        message:
          `${asker(model, turn)} on line ${turn.startLine + 1}${quoted} gets no answer: ${after}. ` +
          'A missing answer often means lost text or a lost speaker label (the answer is then read as part of a question). ' +
          'Check the recording; if the question really went unanswered, there is nothing to fix.',
      });
    }
  },
};
