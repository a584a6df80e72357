import type { Fix, Rule, RuleContext } from './types.ts';
import { firstNoteFrom } from './label-helpers.ts';
import type { Label, TranscriptModel, Turn } from '../model.ts';
import { findLabel } from '../lineinfo.ts';
import { normalizeSpaces } from '../text.ts';

/** How the document writes its inline labels: what stands before the label text and between it and the speech. */
interface Style {
  prefix: string;
  suffix: string;
}

interface Variant {
  /** The label as the document writes it (`MS. PSAKI`). */
  text: string;
  speaker: number;
  /** Matches the variant at the start of a string, case-insensitively and with any spacing. */
  re: RegExp;
}

type Defect = 'no-colon' | 'space-before-colon' | 'no-space-after-colon' | 'wrong-punctuation' | 'wrong-case';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const isUpper = (s: string) => /\p{Lu}/u.test(s) && !/\p{Ll}/u.test(s);
const norm = (s: string) => normalizeSpaces(s).replace(/ +/g, ' ').trim();

function mostFrequent(xs: string[]): string | undefined {
  const counts = new Map<string, number>();
  let best: string | undefined;
  for (const x of xs) {
    const c = (counts.get(x) ?? 0) + 1;
    counts.set(x, c);
    if (best === undefined || c > counts.get(best)!) best = x;
  }
  return best;
}

/** Start of the decoration before a label (`**` in Markdown). */
function decorStart(s: string, label: Label): number {
  let k = label.start;
  while (k > 0 && (s[k - 1] === '*' || s[k - 1] === '_')) k--;
  return k;
}

function turnAt(model: TranscriptModel, line: number): Turn | undefined {
  let lo = 0;
  let hi = model.turns.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = model.turns[mid];
    if (t.startLine > line) hi = mid - 1;
    else lo = mid + 1;
  }
  return hi >= 0 ? model.turns[hi] : undefined;
}

const NO_LINES: ReadonlySet<number> = new Set<number>();

/** The lines `[from, to]` that are whole-line notes. */
function wholeLineNotes(model: TranscriptModel, from: number, to: number): ReadonlySet<number> {
  const notes = model.notes;
  const first = firstNoteFrom(model, from);
  // Most blocks hold no note: no set of their own.
  if (first >= notes.length || notes[first].line > to) return NO_LINES;
  const out = new Set<number>();
  for (let k = first; k < notes.length && notes[k].line <= to; k++) if (notes[k].wholeLine) out.add(notes[k].line);
  return out;
}

/** The document's label style and the inline label variants of its named speakers. */
function survey(ctx: RuleContext): { style: Style | null; variants: Variant[]; canonical: Map<number, string>; upper: boolean } {
  const { model } = ctx;
  const prefixes: string[] = [];
  const suffixes: string[] = [];
  const texts = new Map<number, string[]>();
  let upper = 0;
  let mixed = 0;
  for (const t of model.turns) {
    const l = t.label;
    if (!l || l.form !== 'inline' || t.speaker < 0 || l.textStart < 0) continue;
    const s = ctx.line(l.line);
    const sp = model.speakers[t.speaker];
    if (!sp.anonymous) {
      if (isUpper(l.text)) upper++;
      else mixed++;
    }
    let list = texts.get(t.speaker);
    if (!list) texts.set(t.speaker, (list = []));
    list.push(l.text);
    if (l.timestamp) continue;
    prefixes.push(s.slice(decorStart(s, l), l.start));
    suffixes.push(s.slice(l.end, l.textStart));
  }
  const prefix = mostFrequent(prefixes);
  const suffix = mostFrequent(suffixes);
  const style = prefix !== undefined && suffix !== undefined && suffix.includes(':') ? { prefix, suffix } : null;
  const variants: Variant[] = [];
  const canonical = new Map<number, string>();
  for (const [speaker, list] of texts) {
    canonical.set(speaker, mostFrequent(list)!);
    for (const text of new Set(list)) {
      const body = text.split(' ').map(escape).join(String.raw`[\s\u00a0]+`);
      variants.push({ text, speaker, re: new RegExp(`^${body}(?![\\p{L}\\p{N}])`, 'iu') });
    }
  }
  // Longest first, so `MS. JEAN-PIERRE` wins over a shorter variant it starts with.
  variants.sort((a, b) => b.text.length - a.text.length);
  return { style, variants, canonical, upper: upper > 2 * mixed };
}

/** TR008: a line of speech that starts with a known speaker's label, written so that the parser did not start a turn there. */
export const malformedLabel: Rule = {
  id: 'TR008',
  name: 'malformed-label',
  description: "A line starts with a speaker label the document uses, but malformed (no colon, a space before the colon, the wrong punctuation or case), so no new turn starts there.",
  rationale:
    'A label the parser cannot read leaves its speech inside the previous turn: the words are attributed to the wrong ' +
    'person, and questions and answers pair up wrongly. The fix rewrites the label exactly as the document writes it elsewhere.',
  severity: 'warning',
  fixable: true,
  // Each finding lies on one turn's block and comes from it and what the labels decide (the style,
  // the variants, the speakers' names); its message names the line of the turn it stays in.
  reuse: 'neighbours',
  example: {
    bad: 'MS. PSAKI:  Good afternoon.\n\nMR. DOOCY:  Any news on the trip?\n\nMS. PSAKI  Not yet.',
    good: 'MS. PSAKI:  Good afternoon.\n\nMR. DOOCY:  Any news on the trip?\n\nMS. PSAKI:  Not yet.',
  },
  check(ctx) {
    const { model } = ctx;
    if (model.dialect === 'chat' || model.dialect === 'webvtt') return;
    const { style, variants, canonical, upper } = ctx.labelValue('TR008.survey', () => survey(ctx));
    if (variants.length === 0) return;
    const [from, to] = ctx.turnRange;

    // 1. Label lines the parser accepted but with a space before the colon (`MS. PSAKI : Thanks.`).
    for (let k = from; k < to; k++) {
      const t = model.turns[k];
      const l = t.label;
      if (!l || l.form !== 'inline' || l.textStart < 0 || !style || /^\s/.test(style.suffix)) continue;
      const s = ctx.line(l.line);
      const m = /^(\s+):/.exec(s.slice(l.end, l.textStart));
      if (!m) continue;
      const colon = l.end + m[1].length;
      const sp = t.speaker >= 0 ? model.speakers[t.speaker].name : l.text;
      ctx.report({
        line: l.line,
        column: l.start,
        endLine: l.line,
        endColumn: colon + 1,
        message:
          `The label "${l.text}" (${sp}) has a space before its colon, unlike the document's other labels ("${l.text}:"). ` +
          'Labels written two ways are harder to search and may not be recognised by other tools. Remove the space.',
        fixes: [
          {
            title: `Write the label as "${l.text}:"`,
            edits: [{ start: ctx.offsetAt(l.line, l.end), end: ctx.offsetAt(l.line, colon), newText: '' }],
            preferred: true,
            safe: true,
          },
        ],
      });
    }

    // 1b. Label lines the parser accepted although written with a semicolon (`RK; And then...`),
    // because the document writes that label with a colon elsewhere.
    for (let k = from; k < to; k++) {
      const t = model.turns[k];
      const l = t.label;
      if (!l || l.form !== 'inline' || l.textStart < 0) continue;
      const s = ctx.line(l.line);
      const m = /^(\s*);/.exec(s.slice(l.end, l.textStart));
      if (!m) continue;
      const semi = l.end + m[1].length;
      const sp = t.speaker >= 0 ? model.speakers[t.speaker].name : l.text;
      ctx.report({
        line: l.line,
        column: l.start,
        endLine: l.line,
        endColumn: semi + 1,
        message:
          `The label "${l.text}" (${sp}) ends with a semicolon where the document's labels end with a colon. ` +
          'Tools that read the colon will not see this turn start. Write a colon.',
        fixes: [
          {
            title: `Write the label as "${l.text}:"`,
            edits: [{ start: ctx.offsetAt(l.line, l.end), end: ctx.offsetAt(l.line, semi + 1), newText: ':' }],
            preferred: true,
            safe: true,
          },
        ],
      });
    }

    // 2. Lines of speech that start like a known label but are not turn starts. Which lines of a
    // turn start like one is worked out once per turn and set of variants (lines relative to the
    // turn's start), and kept while the turn is unchanged.
    const key = `TR008:${variants.map((v) => v.text).join('\u0001')}`;
    const startsLikeLabel = (i: number): boolean => {
      const s = normalizeSpaces(ctx.line(i));
      let at = s.search(/\S/);
      if (at < 0) return false;
      const md = /^(\*\*|__)/.exec(s.slice(at));
      if (md) at += md[1].length;
      const rest = s.slice(at);
      return variants.some((x) => x.re.test(rest));
    };
    // A turn's block: one per turn after the front matter and preamble blocks.
    const off = model.blocks.length - model.turns.length;
    for (let k = from; k < to; k++) {
      const block = model.blocks[off + k];
      if (!block || block.kind !== 'turn' || block.turn === undefined) continue;
      const candidates = ctx.perTurn(key, block.turn, () => {
        const labelLine = model.turns[k].label?.line;
        const noteLines = wholeLineNotes(model, block.startLine, block.endLine);
        const out: number[] = [];
        for (let i = block.startLine; i <= block.endLine; i++) if (i !== labelLine && !noteLines.has(i) && startsLikeLabel(i)) out.push(i - block.startLine);
        return out;
      });
      for (const r of candidates) {
        const i = block.startLine + r;
        const raw = ctx.line(i);
        const s = normalizeSpaces(raw);
        let at = s.search(/\S/);
        if (at < 0) continue;
        const dStart = at;
        const md = /^(\*\*|__)/.exec(s.slice(at));
        if (md) at += md[1].length;
        const rest = s.slice(at);
        const v = variants.find((x) => x.re.test(rest));
        if (!v) continue;
        const written = rest.slice(0, v.re.exec(rest)![0].length);
        const labelEnd = at + written.length;
        const after = s.slice(labelEnd);
        const exact = norm(written) === v.text;
        const caseOk = exact || (upper ? isUpper(written) : !isUpper(written));
        // Which defect, where the malformed label ends, and where the speech starts.
        let defect: Defect | null = null;
        let end = labelEnd;
        let speech = labelEnd;
        let m: RegExpExecArray | null;
        if ((m = /^((?:\*\*|__)?)( +):((?:\*\*|__)?) *(?=\S)/.exec(after))) {
          defect = 'space-before-colon';
          end = labelEnd + m[0].trimEnd().length;
          speech = labelEnd + m[0].length;
        } else if ((m = /^((?:\*\*|__)?):((?:\*\*|__)?)(?=[^\s*_])/.exec(after))) {
          defect = 'no-space-after-colon';
          end = speech = labelEnd + m[0].length;
        } else if ((m = /^((?:\*\*|__)?):((?:\*\*|__)?) +(?=\S)/.exec(after))) {
          // Well formed but for its case (a label the parser would otherwise accept is not a body line).
          if (!caseOk) {
            defect = 'wrong-case';
            end = labelEnd + m[0].trimEnd().length;
            speech = labelEnd + m[0].length;
          }
        } else if ((m = /^((?:\*\*|__)?)([;.])((?:\*\*|__)?) +(?=\S)/.exec(after))) {
          // A period after a capitalised name is ordinary prose (`Thanks, Lenny. Next.`); only an ALL-CAPS label is clear.
          if (m[2] === ';' || (exact && isUpper(written) && !isUpper(s.slice(labelEnd + m[0].length)))) {
            defect = 'wrong-punctuation';
            end = labelEnd + m[0].trimEnd().length;
            speech = labelEnd + m[0].length;
          }
        } else if ((m = /^((?:\*\*|__)?)( +)(?=\S)/.exec(after))) {
          // No colon at all: clear for an ALL-CAPS label written as the document writes it (before speech
          // that is not itself in capitals, as captions are) or for a bold one; for a capitalised name
          // only at a paragraph start, with a gap that prose does not leave.
          const gap = raw.slice(labelEnd + m[1].length, labelEnd + m[0].length);
          const paragraphStart = i === 0 || ctx.line(i - 1).trim() === '' || /[.?!"”)\]]\s*$/.test(ctx.line(i - 1));
          const bold = md !== null && m[1] === md[1];
          const wide = gap.length >= 2 || /[\u00a0\t]/.test(gap);
          const next = s.slice(labelEnd + m[0].length);
          // `MS. PSAKI and I agree` continues a sentence; `MS. PSAKI Thank you` starts one.
          const capsLabel = exact && isUpper(written) && !isUpper(next) && (wide || !/^\p{Ll}/u.test(next));
          if (capsLabel || bold || (paragraphStart && wide)) {
            defect = 'no-colon';
            end = labelEnd + m[1].length;
            speech = labelEnd + m[0].length;
          }
        }
        if (!defect) continue;
        report(ctx, { line: i, start: dStart, end, speech, defect, variant: v, style, canonical, caseOk });
      }
    }
  },
};

interface Hit {
  line: number;
  start: number;
  end: number;
  speech: number;
  defect: Defect;
  variant: Variant;
  style: Style | null;
  canonical: Map<number, string>;
  caseOk: boolean;
}

function report(ctx: RuleContext, h: Hit): void {
  const { model } = ctx;
  const speaker = model.speakers[h.variant.speaker];
  const canon = h.canonical.get(h.variant.speaker) ?? h.variant.text;
  const s = ctx.line(h.line);
  const shown = s.slice(h.start, h.end);
  const styled = h.style ? `${h.style.prefix}${canon}${h.style.suffix}` : `${canon}: `;
  const asWritten = styled.trimEnd();
  const owner = turnAt(model, h.line);
  const ownerName = owner && owner.speaker >= 0 ? model.speakers[owner.speaker].name : 'unattributed speech';
  const what: Record<Defect, string> = {
    'no-colon': 'has no colon after it',
    'space-before-colon': 'has a space before its colon',
    'no-space-after-colon': 'has no space after its colon',
    'wrong-punctuation': `ends in "${/[;.](?=[*_]*$)/.exec(shown)?.[0] ?? '.'}" instead of a colon`,
    'wrong-case': 'is written in a different case from the label the document uses',
  };
  const caseNote = h.defect !== 'wrong-case' && !h.caseOk ? ', and is written in a different case' : '';
  // The fix is safe when the rewritten line reads as a label of the same speaker, and starting a
  // turn there does not split a turn of that very speaker (then the label may be a stray to remove).
  const fixedLine = normalizeSpaces(s.slice(0, h.start) + styled + s.slice(h.speech));
  const cand = findLabel(fixedLine, h.start, fixedLine.trimEnd().length);
  const reads = cand !== null && cand.form === 'inline' && cand.colon && norm(cand.text).toLowerCase() === canon.toLowerCase();
  const own = owner !== undefined && owner.speaker === h.variant.speaker;
  const fixes: Fix[] = [
    {
      title: `Rewrite the label as "${asWritten}"`,
      edits: [{ start: ctx.offsetAt(h.line, h.start), end: ctx.offsetAt(h.line, h.speech), newText: styled }],
      preferred: true,
      safe: reads && h.style !== null && !own,
    },
  ];
  if (own) {
    fixes.push({
      title: `Remove "${shown}" (the speech continues ${speaker.name}'s turn)`,
      edits: [{ start: ctx.offsetAt(h.line, h.start), end: ctx.offsetAt(h.line, h.speech), newText: '' }],
      safe: false,
    });
  }
  const where = own
    ? `this speech stays in ${speaker.name}'s turn on line ${owner!.startLine + 1}; if a new turn starts here, rewrite the label, otherwise remove it. `
    : `this speech is counted as part of ${owner && owner.label ? `the turn of ${ownerName} on line ${owner.startLine + 1}` : ownerName}. `;
  ctx.report({
    line: h.line,
    column: h.start,
    endLine: h.line,
    endColumn: h.end,
    message:
      `"${shown}" looks like the label of ${speaker.name} but ${what[h.defect]}${caseNote}, so no new turn starts here and ` +
      where +
      `Write labels as the document does: "${asWritten}".`,
    fixes,
  });
}
