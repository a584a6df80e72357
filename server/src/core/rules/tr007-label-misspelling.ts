import type { Rule } from './types.ts';
import { analyzeLabel } from '../names.ts';
import { labelCols, labelCounts, labelSpan, plural, q } from './label-helpers.ts';

/** Damerau-Levenshtein distance (optimal string alignment), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const m = a.length;
  const n = b.length;
  let prev2: number[] = new Array<number>(n + 1).fill(0);
  let prev: number[] = Array.from({ length: n + 1 }, (_v, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur: number[] = new Array<number>(n + 1).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n];
}

/** The label without its honorific, lower-case: `MR. JONES` and `MS. JONES` both give `jones`. */
function withoutHonorific(label: string): string {
  const a = analyzeLabel(label);
  const s = a.honorific ? label.replace(a.honorific, '') : label;
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** Digits in a label: `Speaker 1` and `Speaker 2` are different speakers, not a typo. */
function digits(label: string): string {
  return (label.match(/\d+/g) ?? []).join(',');
}

interface Candidate {
  text: string;
  distance: number;
  uses: number;
  speaker: number;
}

/** TR007: a label used once or twice that is a near-spelling of a more frequent speaker's label. */
export const labelMisspelling: Rule = {
  id: 'TR007',
  name: 'label-misspelling',
  description: "A rarely used label is spelt almost like a more frequent speaker's label, so it is probably a typo.",
  rationale:
    'A misspelt label (`MR. DEO` for `MR. DOE`) turns one person into two: the typo gets a speaker of its own ' +
    'in the outline, its turn is missing from the real speaker, and searches for the name miss it. (Slips the ' +
    'parser already recognises as the same speaker are reported by TR006 label-variant instead.) Labels within ' +
    'two letters (and at most a quarter of their length) of a frequent label are reported; labels that differ only in ' +
    'an honorific (`MR.`/`MS.`) or a number (`Speaker 1`/`Speaker 2`) name different people and are not.',
  severity: 'warning',
  fixable: true,
  reuse: 'labels',
  example: {
    bad: ['MR. DOE: Good afternoon.', '', 'Q: On the talks?', '', 'MR. DOE: They continue.', '', 'Q: When?', '', 'MR. DEO: Next week.'].join('\n'),
    good: ['MR. DOE: Good afternoon.', '', 'Q: On the talks?', '', 'MR. DOE: They continue.', '', 'Q: When?', '', 'MR. DOE: Next week.'].join('\n'),
  },
  check(ctx) {
    const { model } = ctx;
    const useCounts = model.speakers.map((sp) => labelCounts(model, sp));
    model.speakers.forEach((sp, si) => {
      if (sp.anonymous || sp.turns.length > 2) return;
      for (const text of sp.labels) {
        const lower = text.toLowerCase();
        const found: Candidate[] = [];
        model.speakers.forEach((other, oi) => {
          if (oi === si || other.turns.length < 2 || other.turns.length <= sp.turns.length) return;
          for (const [w, uses] of useCounts[oi]) {
            const wl = w.toLowerCase();
            if (wl === lower) continue;
            const max = Math.min(2, Math.floor(0.25 * Math.max(lower.length, wl.length)));
            if (max < 1) continue;
            const d = editDistance(lower, wl, max);
            if (d > max) continue;
            if (digits(text) !== digits(w) || withoutHonorific(text) === withoutHonorific(w)) continue;
            found.push({ text: w, distance: d, uses, speaker: oi });
          }
        });
        if (found.length === 0) continue;
        found.sort((a, b) => a.distance - b.distance || b.uses - a.uses);
        const best = found[0];
        const tied = found.filter((c) => c.distance === best.distance && c.uses === best.uses);
        const target = model.speakers[best.speaker];
        const name = target.anonymous ? `the ${target.part === 'questioner' ? 'questioner' : 'answerer'}` : target.name;
        for (const t of sp.turns) {
          const label = model.turns[t].label;
          if (!label || label.text !== text) continue;
          const cols = labelCols(ctx, label);
          const range = { start: ctx.offsetAt(label.line, cols.start), end: ctx.offsetAt(label.line, cols.end) };
          ctx.report({
            ...labelSpan(ctx, label),
            message:
              `The label ${q(text)}, used ${sp.turns.length === 1 ? 'once' : 'twice'}, differs by ${best.distance === 1 ? 'one letter' : 'two letters'} from ` +
              `${q(best.text)}, used ${plural(best.uses, 'time')} for ${name}. A misspelt label splits one speaker into two; ` +
              `if this is ${name}, rewrite it as ${q(best.text)}.`,
            fixes: found
              .filter((c, k) => found.findIndex((x) => x.text === c.text) === k)
              .map((c) => ({
                title: `Rewrite label as ${q(c.text)}`,
                edits: [{ ...range, newText: c.text }],
                preferred: tied.length === 1 && c === best,
                safe: false,
              })),
          });
        }
      }
    });
  },
};
