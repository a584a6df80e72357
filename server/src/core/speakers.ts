/**
 * Speaker identity: which labels name the same person. `Mark Rutte, NATO Secretary General`,
 * `NATO Secretary General Mark Rutte` and `Mr Rutte` are one speaker because their name tokens
 * nest and no other speaker of the document could claim them; `Question`, `QUESTION`, `Q` and `Q.`
 * are the anonymous questioner.
 */

import type { Speaker, SpeakerRole } from './model.ts';
import { analyzeLabel, isPersonTitle, type Anonymous, type LabelAnalysis } from './names.ts';
import type { RosterEntry } from './roster.ts';
import { shortFormOf } from './nicknames.ts';
import { editDistance, isSlip } from './slips.ts';
import { decodeEntities, properCase, slug } from './text.ts';

export interface LabelUse {
  /** The label as written (spaces collapsed). */
  text: string;
  anon: Anonymous;
  /** A part the format itself declares (CHAT participant roles), overriding what the label implies. */
  part?: SpeakerRole;
  /** A role the format declares (CHAT `@Participants`). */
  role?: string;
  /** A display name the format declares. */
  name?: string;
}

interface Group {
  analyses: LabelAnalysis[];
  /** Grammatical gender of the honorifics used (`Mr` vs `Ms`), to keep `MR. SMITH` and `MS. SMITH` apart. */
  gender?: 'm' | 'f';
  tokens: Set<string>;
  roleTokens: Set<string>;
  labels: string[];
  anon: Anonymous;
  part?: SpeakerRole;
  role?: string;
  name?: string;
  /** Seeded from a roster entry (front matter, a `Interviewer: Joan Mercer (JM)` line). */
  roster?: string;
  /** The short code the roster gives (`JM`). */
  code?: string;
}

/** Titles that several people in one room hold (the members of a committee or a bench). */
const SHARED_TITLES = new Set(['senator', 'member', 'councillor', 'councilor', 'delegate', 'representative', 'commissioner', 'justice', 'judge', 'juror', 'panellist', 'panelist', 'assemblymember', 'mp', 'mla', 'td']);

/** Words that make a title someone else's: the acting chair is not the chair. */
const QUALIFIERS = ['acting', 'deputy', 'vice', 'former', 'assistant', 'associate', 'co-chair', 'interim', 'shadow'];

function roleTokens(role: string): Set<string> {
  return new Set(
    role
      .toLowerCase()
      .replace(/[.,()]/g, ' ')
      .split(/\s+/)
      .flatMap((t) => (t.includes('-') ? [t, ...t.split('-')] : [t]))
      .filter((t) => t.length > 0 && !['the', 'an', 'of', 'and', 'la', 'le', 'el', 'der', 'die'].includes(t)),
  );
}

function genderOf(honorific: string): 'm' | 'f' | undefined {
  const h = honorific.toLowerCase().replace(/\./g, '').split(' ')[0];
  if (['mr', 'sir', 'lord', 'herr', 'messrs', 'sr', 'viscount'].includes(h)) return 'm';
  if (['mrs', 'ms', 'miss', 'dame', 'lady', 'baroness', 'viscountess', 'mme', 'mlle', 'frau', 'madam', 'sra', 'srta'].includes(h)) return 'f';
  return undefined;
}

/**
 * `tokens` (a rare label) names the same person as `target` with a slip: every token matches
 * one of the target's exactly or within one edit, at least one with an
 * edit (tokens of 5+ letters, no digits: `Speaker1` is not `Speaker2`); or a code `p3` stands
 * for `participant 3`.
 */
function nearMiss(tokens: string[], target: Set<string>): boolean {
  const code = tokens.length === 1 ? /^([a-z]{1,3})(\d{1,3})$/.exec(tokens[0]) : null;
  if (code) return target.has(code[2]) && [...target].some((t) => t !== code[2] && t.startsWith(code[1]));
  // A wrong letter (`MAECUS WEBB`) is a slip only beside another word that matches exactly.
  const exact = tokens.filter((t) => target.has(t)).length;
  // (Or a lone surname of six letters or more: `OKAFER:` once beside `OKAFOR:`.)
  const substitution = (exact > 0 && tokens.length - exact === 1) || (tokens.length === 1 && tokens[0].length >= 6);
  let fuzzy = 0;
  for (const t of tokens) {
    if (target.has(t)) continue;
    if ([...target].some((x) => isSlip(t, x, substitution))) fuzzy++;
    else return false;
  }
  return fuzzy > 0;
}

/** `a`'s title is one `b` is also labelled with (`CHAIR HALVERSON` beside `CHAIR HALVORSEN`). */
function sameTitle(a: Group, b: Group): boolean {
  return a.roleTokens.size > 0 && subset(a.roleTokens, b.roleTokens);
}

/**
 * Under the same title, a longer name misspelt in two places (`HALVERSON` for `HALVORSEN`):
 * every token matches exactly or is a word of seven letters or more within two edits.
 */
function nearMiss2(tokens: string[], target: Set<string>): boolean {
  let fuzzy = 0;
  for (const t of tokens) {
    if (target.has(t)) continue;
    if (t.length >= 7 && !/\d/.test(t) && [...target].some((x) => x.length >= 7 && editDistance(t, x, 2) <= 2)) fuzzy++;
    else return false;
  }
  return fuzzy > 0;
}

/** `okonkwo-reyes` as its parts: `OKONKWO REYES` and `OKONKWO-REYES` name one person. */
function hyphenParts(tokens: Iterable<string>): string[] {
  return [...tokens].flatMap((t) => (t.includes('-') ? t.split('-').filter(Boolean) : [t]));
}

function hyphenExpand(tokens: Set<string>): Set<string> {
  return new Set([...tokens, ...hyphenParts(tokens)]);
}

function subset(a: Iterable<string>, b: Set<string>): boolean {
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

export interface SpeakerResolution {
  speakers: Speaker[];
  /** For each input label use, the index of its speaker. */
  index: number[];
}

/**
 * Groups label uses into speakers. `roster` names (from front matter) seed identities so that a
 * label `MS. PSAKI` can take the full name `Jen Psaki`.
 */
export function resolveSpeakers(uses: LabelUse[], roster: readonly RosterEntry[] = []): SpeakerResolution {
  const groups: Group[] = [];
  const byText = new Map<string, number>();
  const distinct: { use: LabelUse; a: LabelAnalysis; order: number }[] = [];
  uses.forEach((u) => {
    const key = `${u.anon ?? ''}|${u.text.toLowerCase()}`;
    if (!byText.has(key)) {
      byText.set(key, -1);
      distinct.push({ use: u, a: analyzeLabel(u.text), order: distinct.length });
    }
  });
  for (const r of roster) {
    const a = analyzeLabel(r.name);
    if (a.nameTokens.length === 0) continue;
    const rt = roleTokens(r.role || a.role);
    groups.push({
      analyses: [],
      tokens: new Set(a.nameTokens),
      roleTokens: rt,
      labels: [],
      anon: null,
      roster: properCase(a.name),
      ...(r.code ? { code: r.code.toLowerCase() } : {}),
      ...(r.part ? { part: r.part } : {}),
      ...(r.role ? { role: r.role } : {}),
    });
  }
  const byCode = (text: string): number => {
    const k = text.toLowerCase().replace(/[.\s]/g, '');
    const hits = groups.map((g, i) => (g.code === k ? i : -1)).filter((i) => i >= 0);
    return hits.length === 1 ? hits[0] : -1;
  };
  const anonGroup = new Map<string, number>();
  // Longest names first, so that short forms (`Mr Rutte`) find the full name they belong to.
  const ordered = [...distinct].sort((x, y) => y.a.nameTokens.length - x.a.nameTokens.length || x.order - y.order);
  const groupOf = new Map<string, number>();
  // Uses per label as written, and per group as labels join it.
  const textUses = new Map<string, number>();
  for (const u of uses) {
    const key = `${u.anon ?? ''}|${u.text.toLowerCase()}`;
    textUses.set(key, (textUses.get(key) ?? 0) + 1);
  }
  const groupUses = new Map<number, number>();
  for (const d of ordered) {
    const key = `${d.use.anon ?? ''}|${d.use.text.toLowerCase()}`;
    let g = -1;
    if (d.use.anon !== null) {
      const k = d.use.anon;
      g = anonGroup.get(k) ?? -1;
      if (g < 0) {
        g = groups.push({ analyses: [], tokens: new Set(), roleTokens: new Set(), labels: [], anon: k }) - 1;
        anonGroup.set(k, g);
      }
    } else if ((g = byCode(d.use.text)) >= 0) {
      // `JM:` where the roster says `Interviewer: Joan Mercer (JM)`.
    } else if (d.a.nameTokens.length > 0) {
      const cands = groups
        .map((gr, i) => ({ gr, i }))
        .filter(({ gr }) => {
          if (gr.anon !== null || gr.tokens.size === 0 || !(subset(d.a.nameTokens, gr.tokens) || subset(hyphenParts(d.a.nameTokens), hyphenExpand(gr.tokens)))) return false;
          const g2 = genderOf(d.a.honorific);
          return !(g2 && gr.gender && g2 !== gr.gender);
        });
      // `Priya` beside `Priya Natarajan` and the slip `Priya Natarjan` said once: the slip is not
      // a second candidate.
      if (cands.length > 1) {
        const used = (i: number) => groupUses.get(i) ?? 0;
        const main = cands.filter(({ gr, i }) => !cands.some((o) => o.i !== i && gr.analyses.length === 1 && used(i) <= 2 && used(o.i) > used(i) && nearMiss([...gr.tokens], o.gr.tokens)));
        if (main.length === 1) g = main[0].i;
      }
      if (cands.length === 1) g = cands[0].i;
    } else {
      const rt = roleTokens(d.a.role || d.a.text);
      const cands = groups
        .map((gr, i) => ({ gr, i }))
        .filter(
          ({ gr }) =>
            gr.anon === null &&
            rt.size > 0 &&
            gr.roleTokens.size > 0 &&
            // (a title typed with a slip, `The First Minster`, `Moderater`, is the same title)
            [...rt].every((t) => gr.roleTokens.has(t) || [...gr.roleTokens].some((r) => isSlip(t, r, t.length >= 6))) &&
            // `CHAIR` is not the `ACTING CHAIR`, nor the `Vice-Chair`.
            !QUALIFIERS.some((q) => gr.roleTokens.has(q) && !rt.has(q)),
        );
      if (cands.length === 1) g = cands[0].i;
      // `THE PRESIDENT OF THE REPUBLIC` where only one speaker is a president (`President VASSEUR`):
      // the office the title names is that speaker's, whatever else it says.
      const heads = [...rt].filter(isPersonTitle);
      if (cands.length === 0 && heads.length > 0) {
        const holders = groups
          .map((gr, i) => ({ gr, i }))
          .filter(({ gr }) => gr.anon === null && gr.tokens.size > 0 && heads.every((t) => gr.roleTokens.has(t)) && !QUALIFIERS.some((q) => gr.roleTokens.has(q) !== rt.has(q)));
        if (holders.length === 1) g = holders[0].i;
      }
      // `Senator:` three times beside `Senator Black:` once: a title many in the room hold, used
      // more often than the one named holder's labels, stands for whichever of them speaks.
      if (g >= 0 && [...rt].some((t) => SHARED_TITLES.has(t)) && (textUses.get(key) ?? 0) > (groupUses.get(g) ?? 0)) g = -1;
    }
    if (g < 0) g = groups.push({ analyses: [], tokens: new Set(), roleTokens: new Set(), labels: [], anon: null }) - 1;
    const gr = groups[g];
    gr.analyses.push(d.a);
    gr.gender ??= genderOf(d.a.honorific);
    for (const t of d.a.nameTokens) gr.tokens.add(t);
    for (const t of roleTokens(d.a.role || (d.a.nameTokens.length === 0 ? d.a.text : ''))) gr.roleTokens.add(t);
    if (d.use.part) gr.part = d.use.part;
    if (d.use.role) {
      gr.role = d.use.role;
      for (const t of roleTokens(d.use.role)) gr.roleTokens.add(t);
    }
    if (d.use.name) gr.name = d.use.name;
    groupOf.set(key, g);
    groupUses.set(g, (groupUses.get(g) ?? 0) + (textUses.get(key) ?? 0));
  }
  // A label used once or twice that is a near-miss of another speaker's name is that speaker:
  // a typing slip (`MR PRCIE` for `MR PRICE`) or a short code (`P3` for `Participant 3`).
  const usesOf = new Map<number, number>();
  for (const u of uses) {
    const g = groupOf.get(`${u.anon ?? ''}|${u.text.toLowerCase()}`)!;
    usesOf.set(g, (usesOf.get(g) ?? 0) + 1);
  }
  const redirect = new Map<number, number>();
  groups.forEach((gr, g) => {
    if (gr.anon !== null || gr.tokens.size === 0 || (usesOf.get(g) ?? 0) > 2 || gr.analyses.length !== 1) return;
    const t = [...gr.tokens];
    const cands: number[] = [];
    groups.forEach((h, k) => {
      if (k === g || h.anon !== null || (usesOf.get(k) ?? 0) <= (usesOf.get(g) ?? 0)) return;
      // `Hon. Speakr`, `Moderater`: a slip of a title another speaker holds (`The Speaker (Hon. X)`).
      const titled = t.length === 1 && [...h.roleTokens].some((r) => isSlip(t[0], r, t[0].length >= 6));
      // (`MR. LINDQUIST` once beside `MR. LINDQVIST`: a long name one letter off, the same honorific.)
      const sameHonorific = gr.gender !== undefined && gr.gender === h.gender;
      if (h.tokens.size > 0 ? nearMiss(t, h.tokens) || ((sameTitle(gr, h) || sameHonorific) && nearMiss2(t, h.tokens)) || titled : titled) cands.push(k);
    });
    if (cands.length === 1) redirect.set(g, cands[0]);
  });
  // Initials in capitals (`KV:`) where exactly one other speaker's full name has them (`Kirsten
  // Vale:`): the same person, however often either is used.
  groups.forEach((gr, g) => {
    if (redirect.has(g) || gr.anon !== null || gr.tokens.size !== 1 || gr.analyses.length === 0) return;
    const t = [...gr.tokens][0];
    if (!/^[a-z]{2,3}$/.test(t) || !gr.analyses.every((a) => /^\p{Lu}{2,3}$/u.test(a.name))) return;
    const cands: number[] = [];
    groups.forEach((h, k) => {
      if (k === g || h.anon !== null || h.tokens.size < 2 || h.tokens.size > 4) return;
      const initials = [...h.tokens].map((x) => x[0]).join('');
      if (initials === t || (initials.length > 2 && initials[0] + initials[initials.length - 1] === t)) cands.push(k);
    });
    // Or of a title that stands alone (`SG:` beside `Secretary-General:`).
    if (cands.length === 0) {
      groups.forEach((h, k) => {
        if (k === g || h.anon !== null || h.tokens.size > 0 || h.analyses.length === 0) return;
        const words = (h.analyses[0].role || h.analyses[0].text).toLowerCase().split(/[\s-]+/).filter((w) => w.length > 0 && !['the', 'of', 'for', 'and'].includes(w));
        if (words.map((w) => w[0]).join('') === t) cands.push(k);
      });
    }
    if (cands.length === 1) redirect.set(g, cands[0]);
  });
  // A given name said alone whose short or full form is exactly one other speaker's given name
  // (`TOBY:` beside `TOBIAS:`, `Mike:` beside `Michael Hale:`): the same person. The label used
  // less joins the other.
  groups.forEach((gr, g) => {
    if (redirect.has(g) || gr.anon !== null || gr.tokens.size !== 1 || gr.analyses.length === 0) return;
    const t = [...gr.tokens][0];
    const cands: number[] = [];
    groups.forEach((h, k) => {
      if (k === g || h.anon !== null || h.tokens.size === 0 || h.analyses.length === 0) return;
      // (The given name: the first name token of the fullest label.)
      const first = h.analyses.reduce((x, y) => (y.nameTokens.length > x.nameTokens.length ? y : x)).nameTokens[0];
      if (first !== undefined && shortFormOf(t, first)) cands.push(k);
    });
    if (cands.length !== 1 || redirect.has(cands[0])) return;
    const k = cands[0];
    if (groups[k].tokens.size === 1 && (usesOf.get(k) ?? 0) < (usesOf.get(g) ?? 0)) redirect.set(k, g);
    else redirect.set(g, k);
  });
  // A cockpit voice recorder's source codes (`CAM-1`, `HOT-1`, `RDO-1`): the number is the crew
  // member (1 the captain, 2 the first officer), the letters only the channel.
  const crew = new Map<string, number>();
  groups.forEach((gr, g) => {
    if (redirect.has(g) || gr.anon !== null || gr.analyses.length === 0) return;
    const m = /^(?:CAM|HOT|RDO|INT|PA|PSA|INTR|GND)-(\d)$/.exec(gr.analyses[0].text);
    if (!m || !gr.analyses.every((a) => a.text === gr.analyses[0].text)) return;
    const first = crew.get(m[1]);
    if (first === undefined) crew.set(m[1], g);
    else redirect.set(g, first);
  });
  for (const [key, g] of groupOf) {
    let to = redirect.get(g);
    // (A group another joined may itself join a third: follow the chain.)
    for (let hops = 0; to !== undefined && redirect.has(to) && hops < groups.length; hops++) to = redirect.get(to);
    if (to !== undefined && to !== g) {
      groupOf.set(key, to);
      groups[to].analyses.push(...groups[g].analyses);
    }
  }
  // A part declared on a later use of a label (a thread's `OP` marker) holds for the speaker.
  for (const u of uses) {
    if (!u.part) continue;
    const gr = groups[groupOf.get(`${u.anon ?? ''}|${u.text.toLowerCase()}`)!];
    gr.part ??= u.part;
  }
  // Keep groups that have labels, in order of first use.
  const firstUse = new Map<number, number>();
  uses.forEach((u, i) => {
    const g = groupOf.get(`${u.anon ?? ''}|${u.text.toLowerCase()}`)!;
    if (!firstUse.has(g)) firstUse.set(g, i);
    const gr = groups[g];
    if (!gr.labels.includes(u.text)) gr.labels.push(u.text);
  });
  const live = [...firstUse.entries()].sort((a, b) => a[1] - b[1]).map(([g]) => g);
  const speakerOf = new Map<number, number>();
  const ids = new Set<string>();
  const speakers: Speaker[] = live.map((g, si) => {
    speakerOf.set(g, si);
    const gr = groups[g];
    const sp = describe(gr);
    let id = sp.anonymous ? (gr.anon === 'questioner' ? 'questioner' : 'witness') : slug(sp.name);
    if (ids.has(id)) {
      let k = 2;
      while (ids.has(`${id}-${k}`)) k++;
      id = `${id}-${k}`;
    }
    ids.add(id);
    return { ...sp, id, labels: gr.labels, turns: [] };
  });
  const index = uses.map((u) => speakerOf.get(groupOf.get(`${u.anon ?? ''}|${u.text.toLowerCase()}`)!)!);
  return { speakers, index };
}

function describe(gr: Group): Omit<Speaker, 'id' | 'labels' | 'turns'> {
  if (gr.anon === 'questioner') return { name: 'Question', role: '', part: 'questioner', anonymous: true };
  if (gr.anon === 'answerer') return { name: 'Answer', role: '', part: 'answerer', anonymous: true };
  // The fullest name as written; mixed case wins over ALL CAPS.
  let best: LabelAnalysis | null = null;
  // (Initials beside a title written out, `SG` and `Secretary-General`, are no name.)
  const titled = gr.analyses.some((x) => x.nameTokens.length === 0 && x.role !== '');
  for (const a of gr.analyses) {
    if (a.nameTokens.length === 0 || (titled && /^\p{Lu}{2,3}$/u.test(a.name))) continue;
    // (Nor is a slip of the title that joined it: `Moderater` beside `Moderator`.)
    if (titled && a.nameTokens.length === 1 && [...gr.roleTokens].some((r) => isSlip(a.nameTokens[0], r, true))) continue;
    if (
      best === null ||
      a.nameTokens.length > best.nameTokens.length ||
      (a.nameTokens.length === best.nameTokens.length && /\p{Ll}/u.test(a.name) && !/\p{Ll}/u.test(best.name))
    )
      best = a;
  }
  let name: string;
  if (gr.name) name = gr.name;
  else if (gr.roster && (best === null || best.nameTokens.length < gr.tokens.size)) name = gr.roster;
  else if (best) {
    name = properCase(best.name);
    if (best.nameTokens.length === 1 && best.honorific) name = `${properCase(best.honorific)} ${name}`;
  } else name = properCase(gr.analyses[0]?.role || gr.analyses[0]?.text || 'Speaker');
  name = decodeEntities(name);
  let role = gr.role ?? '';
  if (!role) for (const a of gr.analyses) if (a.role.length > role.length) role = a.role;
  let part: SpeakerRole = gr.part ?? 'speaker';
  if (!gr.part) {
    for (const a of gr.analyses) if (a.part !== 'speaker') part = a.part;
  }
  return { name, role, part, anonymous: false };
}
