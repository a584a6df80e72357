import type { Speaker, Turn } from '../model.ts';
import type { Rule, RuleContext } from './types.ts';
import { editDistance } from './tr007-label-misspelling.ts';
import { keepsSpeech, labelCols, labelSpan, plural, q } from './label-helpers.ts';

/** Lower-case words of a label, punctuation dropped. */
function wordsOf(label: string): string[] {
  return label.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** True when every word of `a` is in `b` and `b` has more: `b` says more than `a` (`QUESTION (Reuters)` vs `QUESTION`). */
function saysMore(b: string, a: string): boolean {
  const wb = new Set(wordsOf(b));
  const wa = new Set(wordsOf(a));
  if (wb.size <= wa.size) return false;
  for (const w of wa) if (!wb.has(w)) return false;
  return true;
}

/** Honorifics and small words: `Mr Rutte` says no more than `Rutte`. */
const FILLER = new Set(['the', 'of', 'and', 'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'hon', 'rev', 'madam']);

function contentWords(label: string): Set<string> {
  return new Set(wordsOf(label).filter((w) => !FILLER.has(w)));
}

interface Written {
  /** The label text, with the punctuation of a bare `Q`/`A` label (`Q:` alone on its line reads as `Q:`). */
  text: string;
  /** Columns the text covers on the label's line (what a rewrite replaces). */
  start: number;
  end: number;
}

/**
 * A turn's label as written. `Q.`/`A:` keep their punctuation in the model only when speech
 * follows on the line; alone on its line the colon is decoration. Both read the same here, so
 * `Q:` alone and `Q:  text` are not reported as two variants.
 */
function writtenLabel(ctx: RuleContext, turn: Turn): Written | null {
  const label = turn.label;
  if (!label || label.form === 'dash') return null;
  const c = labelCols(ctx, label);
  if (label.form !== 'qa' && /^[QA]$/i.test(label.text)) {
    const m = /^([.:])/.exec(ctx.line(label.line).slice(c.end));
    if (m) return { text: label.text + m[1], start: c.start, end: c.end + 1 };
  }
  return { text: label.text, start: c.start, end: c.end };
}

/**
 * The speaker's first turn when its label introduces the speaker in full and later turns use a
 * shorter form (`Dr Helen Ward (Scottish Islands Transport Forum)`, then `Dr Ward`; `Chairman
 * HOLLIS`, then `The CHAIRMAN`): a convention of parliamentary and press transcripts, not an
 * inconsistency. Returns the turn index, or -1.
 */
function introduction(sp: Speaker, turnsWritten: readonly number[], written: readonly Written[], counts: Map<string, number>): number {
  if (sp.anonymous || turnsWritten.length === 0) return -1;
  const first = turnsWritten[0];
  const text = written[0].text;
  if (counts.get(text) !== 1) return -1;
  const full = contentWords(text);
  for (const o of counts.keys()) {
    if (o === text) continue;
    const later = contentWords(o);
    if (later.size >= full.size) return -1;
    for (const w of later) if (!full.has(w)) return -1;
  }
  return first;
}

/** The label's form, with a bare `Q`/`A` alone on its line counted as the `Q.`/`A.` form. */
function formOf(turn: Turn): string {
  const l = turn.label!;
  return l.form !== 'qa' && /^[QA]$/i.test(l.text) ? 'qa' : l.form;
}

/** A near-spelling of the usual label (`MR PRCIE` for `MR PRICE`), by the same measure as TR007. */
function typo(label: string, canon: string): boolean {
  const a = label.toLowerCase();
  const b = canon.toLowerCase();
  if (a === b) return false;
  const max = Math.min(2, Math.floor(0.25 * Math.max(a.length, b.length)));
  return max >= 1 && editDistance(a, b, max) <= max;
}

/** Anonymous labels differ only in spelling when they are the same word: `Question`/`QUESTION`, `Q`/`Q.`, not `A.`/`THE WITNESS`. */
function anonKey(label: string): string {
  return wordsOf(label).join(' ');
}

/** TR006: one speaker written with several labels. */
export const labelVariant: Rule = {
  id: 'TR006',
  name: 'label-variant',
  description: 'A speaker is labelled in more than one way; turns that differ from the usual label are reported.',
  rationale:
    'The same person written as "Ms Berg" in one place and "Minister of Finance Anna Berg" in another is harder to ' +
    'search, to count and to quote consistently, and tools that match labels as text treat the two as different ' +
    'people. A first full introduction followed by a short form (`Dr Helen Ward (Islands Forum)`, then `Dr Ward`) ' +
    'is a convention and is not reported, nor is a label that adds information such as `QUESTION (Reuters)`.',
  severity: 'information',
  fixable: true,
  reuse: 'labels-verified',
  example: {
    bad: [
      'Minister of Finance Anna Berg',
      '',
      'Good morning.',
      '',
      'Question',
      '',
      'Will taxes rise?',
      '',
      'Minister of Finance Anna Berg',
      '',
      'No.',
      '',
      'Question',
      '',
      'And next year?',
      '',
      'Ms Berg',
      '',
      'Not next year either.',
    ].join('\n'),
    good: [
      'Minister of Finance Anna Berg',
      '',
      'Good morning.',
      '',
      'Question',
      '',
      'Will taxes rise?',
      '',
      'Minister of Finance Anna Berg',
      '',
      'No.',
      '',
      'Question',
      '',
      'And next year?',
      '',
      'Minister of Finance Anna Berg',
      '',
      'Not next year either.',
    ].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    for (const sp of model.speakers) {
      if (!ctx.more()) return;
      if (sp.labels.length < 2) continue;
      // Each turn's label as written (parallel arrays: a speaker may have tens of thousands of
      // turns); count and pick the usual one among them.
      const ts: number[] = [];
      const ws: Written[] = [];
      const counts = new Map<string, number>();
      for (const t of sp.turns) {
        const w = writtenLabel(ctx, model.turns[t]);
        if (!w) continue;
        ts.push(t);
        ws.push(w);
        counts.set(w.text, (counts.get(w.text) ?? 0) + 1);
      }
      if (counts.size < 2) continue;
      const intro = introduction(sp, ts, ws, counts);
      let canon = '';
      let canonUses = 0;
      let uses = 0;
      const rest = new Map<string, number>();
      for (let k = 0; k < ts.length; k++) {
        if (ts[k] === intro) continue;
        uses++;
        const c = (rest.get(ws[k].text) ?? 0) + 1;
        rest.set(ws[k].text, c);
        // Strictly more uses to take over: ties go to the first used.
        if (c > canonUses) [canon, canonUses] = [ws[k].text, c];
      }
      if (rest.size < 2) continue;
      const canonForms = new Set<string>();
      for (let k = 0; k < ts.length; k++) if (ws[k].text === canon) canonForms.add(formOf(model.turns[ts[k]]));
      for (let k = 0; k < ts.length && ctx.more(); k++) {
        const t = ts[k];
        const w = ws[k];
        if (t === intro || w.text === canon) continue;
        if (sp.anonymous && anonKey(w.text) !== anonKey(canon)) continue;
        if (saysMore(w.text, canon)) continue;
        const label = model.turns[t].label!;
        // A label alone on its line among inline labels (or the reverse) is more likely a heading
        // the parser took for a label, or a malformed label (TR008), than a variant.
        if (!canonForms.has(formOf(model.turns[t]))) continue;
        const edit = { start: ctx.offsetAt(label.line, w.start), end: ctx.offsetAt(label.line, w.end), newText: canon };
        // Safe only if the rewrite leaves the turns where they are and keeps the speech.
        const safe = keepsSpeech(ctx, [edit], { sameTurns: true });
        const who = sp.anonymous ? `The ${sp.part === 'questioner' ? 'questioner' : 'answerer'}` : sp.name;
        ctx.report({
          ...labelSpan(ctx, label),
          message:
            `${who} is labelled ${q(w.text)} here but ${q(canon)} in ${canonUses} of ${plural(uses, 'turn')}` +
            (typo(w.text, canon) ? ' (this looks like a typo). ' : '. ') +
            'One label per speaker keeps searches, counts and quotes consistent; ' +
            `rewrite this label as ${q(canon)}.`,
          fixes: [
            {
              title: `Rewrite label as ${q(canon)}`,
              edits: [edit],
              preferred: safe,
              safe,
            },
          ],
        });
      }
    }
  },
};
