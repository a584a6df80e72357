import type { Speaker, TranscriptModel, Turn } from '../model.ts';
import type { Fix, Rule, RuleContext } from './types.ts';
import { analyzeLine } from '../lineinfo.ts';
import { countWords, firstNonSpace, normalizeSpaces, startsLower } from '../text.ts';
import { eolOf } from '../source.ts';
import { canonicalLabel, isBlank, labelCols, lineStartOffset, plural, q } from './label-helpers.ts';

/** Words a speaker uses about themselves and their audience; narration and titles rarely do. */
const CONVERSATIONAL = /(?:^|[^\p{L}'’])(?:I|I['’](?:m|ve|d|ll)|we|we['’](?:re|ve|ll|d)|our|ours|us|you|you['’](?:re|ve|ll|d)|your|yours|my|me|let['’]s)(?=$|[^\p{L}'’])/iu;
const GREETING = /^(?:good (?:morning|afternoon|evening)|thank you|thanks|hello|welcome|ladies and gentlemen)\b/i;
/** Words of descriptions and metadata: an episode summary or a publication note is not speech. */
const METADATA = /\b(?:transcripts?|episodes?|podcasts?|recorded|edited|condensed|published|updated|posted|copyright|embargo(?:ed)?|check against delivery|as delivered|press release|for immediate release|click|subscribe)\b|https?:|www\.|@/i;
const SENTENCE_END = /[.?!…]["”’)\]]*$/u;

interface Paragraph {
  start: number;
  end: number;
}

/** The lines of a paragraph as one string, or null when a line is not prose (a note, a heading, a label, furniture). */
function paragraphText(ctx: RuleContext, p: Paragraph, boiler: (i: number) => boolean): string | null {
  const parts: string[] = [];
  for (let i = p.start; i <= p.end; i++) {
    if (boiler(i)) return null;
    const li = analyzeLine(ctx.line(i).replace(/^\ufeff/, ''));
    if (li.noteOnly || li.heading) return null;
    if (li.cand && (li.cand.form !== 'standalone' || li.cand.colon || li.cand.timestamp !== undefined)) return null;
    parts.push(ctx.line(i).replace(/^\ufeff/, '').trim());
  }
  return parts.join(' ');
}

/**
 * True when the paragraph reads like somebody speaking: whole sentences in the first or second
 * person (or a greeting, or a question), not metadata; or a sentence that continues from a
 * previous page (it starts in lower case).
 */
function speechParagraph(ctx: RuleContext, p: Paragraph, boiler: (i: number) => boolean): boolean {
  const text = paragraphText(ctx, p, boiler);
  if (text === null || countWords(text) < 4 || !SENTENCE_END.test(text) || METADATA.test(text)) return false;
  return CONVERSATIONAL.test(text) || GREETING.test(text) || text.includes('?') || startsLower(text);
}

/** The paragraph starting at line `i` (up to a blank line or `last`). */
function paragraphAt(ctx: RuleContext, i: number, last: number): Paragraph {
  let end = i;
  while (end + 1 <= last && !isBlank(ctx, end + 1)) end++;
  return { start: i, end };
}

/** The speaker most often next to `s` (before or after), other than `s`. */
function partnerOf(model: TranscriptModel, s: number): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < model.turns.length; i++) {
    if (model.turns[i].speaker !== s) continue;
    for (const j of [i - 1, i + 1]) {
      const o = model.turns[j]?.speaker;
      if (o !== undefined && o >= 0 && o !== s) counts.set(o, (counts.get(o) ?? 0) + 1);
    }
  }
  let best = -1;
  let bestCount = 0;
  for (const [o, c] of counts) if (c > bestCount) [best, bestCount] = [o, c];
  return best;
}

/**
 * Who most likely speaks unattributed text between `prev` and `next` (either may be missing):
 * a question after a non-questioner is the questioner's; otherwise the alternation of the
 * exchange decides (the speaker who did not speak the turn before). Null when unclear.
 */
function impliedSpeaker(model: TranscriptModel, prev: Turn | null, next: Turn | null, asks: boolean, partner: (s: number) => number = (s) => partnerOf(model, s)): Speaker | null {
  const sp = (t: Turn | null) => (t && t.speaker >= 0 ? model.speakers[t.speaker] : null);
  const questioner = model.speakers.find((s) => s.part === 'questioner') ?? null;
  if (asks && questioner && sp(prev)?.part !== 'questioner' && sp(next)?.part !== 'questioner') return questioner;
  let s = -1;
  if (prev && next && prev.speaker >= 0 && prev.speaker === next.speaker) s = partner(prev.speaker);
  else if (!prev && next && next.speaker >= 0) s = partner(next.speaker);
  else if (prev && !next && prev.speaker >= 0) s = partner(prev.speaker);
  if (s < 0) return null;
  const cand = model.speakers[s];
  // A questioner's label on text that asks nothing is a guess, not an inference.
  if (cand.part === 'questioner' && !asks) return null;
  return cand;
}

/** A fix inserting `speaker`'s usual label, written the way the document writes it, before line `at`. */
function insertLabel(ctx: RuleContext, speaker: Speaker, at: number): Fix | null {
  const { model } = ctx;
  const canon = canonicalLabel(model, speaker);
  if (canon === null) return null;
  const ref = speaker.turns.map((t) => model.turns[t]).find((t) => t.label?.text === canon)?.label;
  if (!ref) return null;
  const refLine = ctx.line(ref.line);
  const cols = labelCols(ctx, ref);
  let deco = cols.start;
  while (deco > 0 && /[*_]/.test(refLine[deco - 1])) deco--;
  const target = ctx.line(at);
  const col = firstNonSpace(target);
  const title = `Insert the label ${q(canon)}`;
  const eol = eolOf(ctx.text);
  if (ref.form === 'standalone') {
    let text = refLine.slice(deco).trimEnd();
    if (ref.timestamp !== undefined) text = canon + (refLine.slice(cols.end).includes(':') ? ':' : '');
    // A blank line after the label only if the document puts one there.
    const gap = ref.line + 1 < model.lineCount && isBlank(ctx, ref.line + 1) ? eol : '';
    return { title, edits: [{ start: lineStartOffset(ctx, at), end: lineStartOffset(ctx, at), newText: `${text}${eol}${gap}` }], safe: false };
  }
  let prefix: string;
  if (ref.form === 'inline' || ref.form === 'qa') prefix = ref.timestamp !== undefined ? `${canon}: ` : normalizeSpaces(refLine.slice(deco, cols.textStart));
  else if (ref.form === 'voice') prefix = `<v ${canon}>`;
  else return null;
  // Court-reporter line numbers (`12     text`): the label goes after the number, as on the reference line.
  let c = col;
  const num = /^\s*\d{1,2}\s+/.exec(target);
  if (num && /^\s*\d{1,2}\s+$/.test(refLine.slice(0, deco))) c = num[0].length;
  const o = ctx.offsetAt(at, c);
  return { title, edits: [{ start: o, end: o, newText: prefix }], safe: false };
}

/** The range of line `i` from its first non-space character to its end. */
function lineSpan(ctx: RuleContext, i: number) {
  const s = ctx.line(i);
  let col = firstNonSpace(s);
  if (col === 0 && s.charCodeAt(0) === 0xfeff) col = firstNonSpace(s, 1);
  return { line: i, column: col, endLine: i, endColumn: s.length };
}

/** TR001: speech that no speaker label attributes. */
export const unattributedSpeech: Rule = {
  id: 'TR001',
  name: 'unattributed-speech',
  description: 'Speech that no speaker label attributes: a spoken paragraph before the first label, or a transcript without labels.',
  rationale:
    'Speech without a label belongs to nobody: it is left out of the speaker list and the question-and-answer ' +
    'outline, and readers cannot tell who said it. It usually means the first label was lost when the transcript ' +
    'was copied. Only paragraphs that read like speech (whole sentences addressed by a speaker to an audience) are ' +
    'reported; titles, datelines and descriptions are not.',
  severity: 'warning',
  fixable: true,
  example: {
    bad: [
      'Doorstep statement',
      '',
      "Good morning. I'm happy to be here. Do you have any questions?",
      '',
      'Question',
      '',
      'Will you meet the minister?',
      '',
      'Mark Rutte',
      '',
      'Yes, tomorrow.',
    ].join('\n'),
    good: [
      'Doorstep statement',
      '',
      'Mark Rutte',
      '',
      "Good morning. I'm happy to be here. Do you have any questions?",
      '',
      'Question',
      '',
      'Will you meet the minister?',
      '',
      'Mark Rutte',
      '',
      'Yes, tomorrow.',
    ].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    const boiler = (i: number) => model.boilerplate.some((b) => i >= b.startLine && i <= b.endLine);

    // (a) Speech in the preamble, right before the first label (part of turn 0's look).
    const first = model.turns[0];
    if (first && first.label && model.preamble && ctx.turnRange[0] === 0) {
      const top = model.preamble.startLine;
      let runStart = -1;
      let i = first.startLine - 1;
      // Walk back over sentences: each group is a line that ends a sentence, with the lines
      // hard-wrapped into it; every group must read like speech. A title, a note or a dateline stops it.
      for (;;) {
        while (i >= top && isBlank(ctx, i)) i--;
        if (i < top) break;
        const end = i;
        if (!SENTENCE_END.test(ctx.line(end).trim())) break;
        let start = end;
        while (start - 1 >= top && !isBlank(ctx, start - 1) && !SENTENCE_END.test(ctx.line(start - 1).trim())) {
          const wraps = startsLower(ctx.line(start).trim()) || countWords(ctx.line(start - 1)) >= 8;
          if (!wraps) break;
          start--;
        }
        if (!speechParagraph(ctx, { start, end }, boiler)) break;
        runStart = start;
        i = start - 1;
      }
      if (runStart >= 0) {
        let text = '';
        for (let k = runStart; k < first.startLine; k++) text += `${ctx.line(k)} `;
        const asks = text.includes('?');
        const who = impliedSpeaker(model, null, first, asks);
        const fix = who ? insertLabel(ctx, who, runStart) : null;
        ctx.report({
          ...lineSpan(ctx, runStart),
          message:
            `This text before the first label (${q(first.label.text)}, line ${first.startLine + 1}) reads like speech, but no label says who is speaking. ` +
            'Unattributed speech is missing from the speaker list and the outline; ' +
            (who ? `add the speaker's label before it (probably ${q(canonicalLabel(model, who) ?? who.name)}).` : "add the speaker's label before it."),
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }

    // (b) Turns without any label.
    // Captions that mark speaker changes with dashes name nobody: where dashes outnumber names,
    // a cue without a dash is no less attributed than the rest.
    // The labels alone decide these: kept from the run before while every label stays.
    const { named, dashes, unlabelled } = ctx.labelValue('TR001.labels', () => {
      let named = 0;
      let dashes = 0;
      const unlabelled: number[] = [];
      for (const t of model.turns) {
        if (t.label?.form === 'dash') dashes++;
        else if (t.label !== null) named++;
        else unlabelled.push(t.index);
      }
      return { named, dashes, unlabelled };
    });
    const partners = ctx.labelValue('TR001.partners', () => new Map<number, number>());
    const partner = (s: number) => {
      let p = partners.get(s);
      if (p === undefined) partners.set(s, (p = partnerOf(model, s)));
      return p;
    };
    for (const k of unlabelled) {
      const turn = model.turns[k];
      if (turn.label !== null || turn.words === 0 || dashes > named) continue;
      // Conservative: only text that reads like speech, not a dateline or a description the parser kept.
      let at = turn.startLine;
      while (at < turn.endLine && isBlank(ctx, at)) at++;
      if (!speechParagraph(ctx, paragraphAt(ctx, at, turn.endLine), boiler)) continue;
      if (named === 0) {
        ctx.report({
          ...lineSpan(ctx, turn.startLine),
          message:
            `No speaker label attributes any of this transcript's ${plural(turn.words, 'word')} of speech, so it has no speakers, ` +
            'no outline and no question-and-answer pairs. Add a label at the start of each turn (for example "Name:" before the text).',
        });
        continue;
      }
      let text = '';
      for (let k = turn.startLine; k <= turn.endLine; k++) text += `${ctx.line(k)} `;
      const prev = model.turns[turn.index - 1] ?? null;
      const next = model.turns[turn.index + 1] ?? null;
      const who = impliedSpeaker(model, prev, next, text.includes('?'), partner);
      const fix = who ? insertLabel(ctx, who, turn.startLine) : null;
      ctx.report({
        ...lineSpan(ctx, turn.startLine),
        message:
          `This speech (${plural(turn.words, 'word')}) has no speaker label, so nobody is credited with it in the speaker list or the outline. ` +
          (who ? `Add the speaker's label before it (probably ${q(canonicalLabel(model, who) ?? who.name)}).` : "Add the speaker's label before it."),
        ...(fix ? { fixes: [fix] } : {}),
      });
    }
  },
};
