import type { Fix, Rule, RuleContext, TextEdit } from './types.ts';
import type { Speaker } from '../model.ts';
import { analyzeLabel } from '../names.ts';
import { endsWithBreak } from '../source.ts';

/** Keys that list every speaker. */
const COMPLETE_KEYS = ['speakers', 'participants', 'roster', 'cast'];
/** Keys that list one side of the exchange: a roster of guests alone says nothing about the host. */
const HOST_KEYS = ['host', 'hosts', 'interviewer'];
const GUEST_KEYS = ['guest', 'guests', 'interviewee', 'interviewees', 'panel', 'panelists', 'witness', 'witnesses'];

const STOP = new Set([
  'the', 'of', 'and', 'for', 'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'hon', 'rev', 'de', 'van', 'von', 'der', 'da', 'di', 'la', 'le',
]);

/** Every word of a roster entry, lower-case (`Jen Psaki, Press Secretary` -> jen psaki press secretary). */
function words(s: string): Set<string> {
  return new Set(
    s
      .toLowerCase()
      .replace(/[.,;:()"'’[\]]/g, ' ')
      .split(/\s+/)
      .filter((t) => t.length > 0 && !STOP.has(t)),
  );
}

function subset(a: Iterable<string>, b: Set<string>): boolean {
  let any = false;
  for (const x of a) {
    if (!b.has(x)) return false;
    any = true;
  }
  return any;
}

/** True when a label or name of the speaker names a roster entry (a surname alone matches a full name). */
function inRoster(sp: Speaker, roster: string[]): boolean {
  const entries = roster.map((r) => ({ all: words(r), name: new Set(analyzeLabel(r).nameTokens) }));
  for (const label of [...sp.labels, sp.name]) {
    const a = analyzeLabel(label);
    const mine = a.nameTokens.length > 0 ? a.nameTokens : [...words(a.role || a.text)];
    const mineSet = new Set(mine);
    for (const e of entries) if (subset(mine, e.all) || subset(e.name, mineSet)) return true;
  }
  return false;
}

interface KeyLine {
  key: string;
  line: number;
  /** Text after `key:` on its line. */
  value: string;
  valueStart: number;
}

/** Top-level `key:` lines of the front matter. */
function keyLines(ctx: RuleContext, start: number, end: number): KeyLine[] {
  const out: KeyLine[] = [];
  for (let i = start + 1; i < end; i++) {
    const m = /^([A-Za-z_][\w-]*)\s*:(\s*)(.*)$/.exec(ctx.line(i));
    if (m) out.push({ key: m[1].toLowerCase(), line: i, value: m[3], valueStart: ctx.line(i).indexOf(':') + 1 + m[2].length });
  }
  return out;
}

const plainYaml = (name: string) => (/^[\p{L}\p{N}][\p{L}\p{N} .'’-]*$/u.test(name) ? name : JSON.stringify(name));

/** The edit that appends `name` to the roster list at `k`, in the list's own style; null when the style is unclear. */
function appendEdit(ctx: RuleContext, k: KeyLine, fmEnd: number, name: string): TextEdit | null {
  const eol = ctx.text.includes('\r\n') ? '\r\n' : '\n';
  const s = ctx.line(k.line);
  const value = k.value.replace(/\s+$/, '');
  if (value === '') {
    // A block sequence below the key.
    let last = -1;
    let indent = '';
    let mapping = false;
    for (let i = k.line + 1; i < fmEnd; i++) {
      const t = ctx.line(i);
      if (t.trim() === '') continue;
      const item = /^(\s*)-\s+(.*)$/.exec(t);
      if (item && (last < 0 || item[1] === indent)) {
        if (last < 0) {
          indent = item[1];
          mapping = /^name\s*:/.test(item[2]);
        }
        last = i;
      } else if (last >= 0 && /^\s/.test(t) && t.search(/\S/) > indent.length) last = i;
      else break;
    }
    if (last < 0) return null;
    const at = ctx.lineEndWithBreak(last);
    const lineBreak = at === ctx.text.length && !endsWithBreak(ctx.text) ? eol : '';
    return { start: at, end: at, newText: `${lineBreak}${indent}- ${mapping ? 'name: ' : ''}${plainYaml(name)}${at === ctx.text.length ? '' : eol}` };
  }
  if (value.startsWith('[')) {
    if (!value.endsWith(']')) return null;
    const close = k.valueStart + value.length - 1;
    const empty = value.slice(1, -1).trim() === '';
    return { start: ctx.offsetAt(k.line, close), end: ctx.offsetAt(k.line, close), newText: `${empty ? '' : ', '}${plainYaml(name)}` };
  }
  if (/^[|>&*!%@`{]/.test(value) || / #/.test(value)) return null;
  // A string: `Jen Psaki and Peter Doocy`, `"A; B"`.
  const quoted = /^(["'])(.*)\1$/.exec(value);
  const inner = quoted ? quoted[2] : value;
  const sep = inner.includes(';') ? '; ' : inner.includes(',') ? ', ' : inner.includes('&') ? ' & ' : ' and ';
  const at = k.valueStart + value.length - (quoted ? 1 : 0);
  if (at > s.length) return null;
  return { start: ctx.offsetAt(k.line, at), end: ctx.offsetAt(k.line, at), newText: `${sep}${name}` };
}

/** TR011: a named speaker that the front matter's roster does not list. */
export const speakerNotInRoster: Rule = {
  id: 'TR011',
  name: 'speaker-not-in-roster',
  description: "A named speaker is not listed in the front matter's roster of speakers.",
  rationale:
    'A roster in the front matter says who speaks; a speaker missing from it is either a label that names the wrong ' +
    'person (a typo or a mix-up) or a roster that is out of date, and tools that rely on the roster (outlines, ' +
    'speaker statistics) miss that speaker. Only rosters that list everyone are checked (`speakers:`, ' +
    '`participants:`, or both `host:` and `guest:`); a lone `guest:` says nothing about the host.',
  severity: 'warning',
  fixable: true,
  reuse: 'labels',
  example: {
    bad: '---\nspeakers:\n  - Jen Psaki\n---\n\nMS. PSAKI:  Good afternoon.\n\nMR. DOOCY:  Thanks, Jen.',
    good: '---\nspeakers:\n  - Jen Psaki\n  - Mr. Doocy\n---\n\nMS. PSAKI:  Good afternoon.\n\nMR. DOOCY:  Thanks, Jen.',
  },
  check(ctx) {
    const { model } = ctx;
    const fm = model.frontMatter;
    if (!fm || fm.roster.length === 0 || !fm.data || typeof fm.data !== 'object' || Array.isArray(fm.data)) return;
    const keys = Object.keys(fm.data as Record<string, unknown>).map((k) => k.toLowerCase());
    const complete = keys.some((k) => COMPLETE_KEYS.includes(k));
    const host = keys.some((k) => HOST_KEYS.includes(k));
    const guest = keys.some((k) => GUEST_KEYS.includes(k));
    if (!complete && !(host && guest)) return;
    const lines = keyLines(ctx, fm.startLine, fm.endLine);
    const rosterShown = fm.roster.length <= 6 ? fm.roster.join(', ') : `${fm.roster.slice(0, 6).join(', ')}, …`;
    for (const sp of model.speakers) {
      if (sp.anonymous || sp.turns.length === 0 || inRoster(sp, fm.roster)) continue;
      const first = model.turns[sp.turns[0]];
      const label = first.label;
      if (!label) continue;
      // Where to add: the complete list, else the side the speaker is on.
      const want = complete ? COMPLETE_KEYS : sp.part === 'questioner' || sp.part === 'moderator' ? HOST_KEYS : GUEST_KEYS;
      const k = lines.find((x) => want.includes(x.key));
      const edit = k ? appendEdit(ctx, k, fm.endLine, sp.name) : null;
      const fixes: Fix[] = edit
        ? [{ title: `Add "${sp.name}" to the front matter's ${k!.key} list`, edits: [edit], preferred: true, safe: false }]
        : [];
      const n = sp.turns.length;
      ctx.report({
        line: label.line,
        column: label.start,
        endLine: label.line,
        endColumn: label.end,
        message:
          `${sp.name} (label "${label.text}", ${n} turn${n === 1 ? '' : 's'}) is not in the front matter's roster (${rosterShown}). ` +
          'Either the label names the wrong person, or the roster is missing a speaker, and tools that rely on the roster miss them. ' +
          `Correct the label if it means someone on the roster; otherwise add ${sp.name} to the roster.`,
        fixes,
      });
    }
  },
};
