/**
 * Turn segmentation for the prose dialects (block, inline, deposition, timestamped): decides which
 * label candidates are real speaker labels, using what the whole document shows: repetition of a
 * label, what follows it, where it stands, and which label style the document uses.
 */

import { shortFormOf } from './nicknames.ts';
import type { RawLabel } from './formats.ts';
import type { LabelCandidate, LineInfo } from './lineinfo.ts';
import { analyzeLabel, isHeadingLike, isNameLike } from './names.ts';
import { isSlip } from './slips.ts';

/** Normalised identity key of a label as written (case and spacing folded). */
export function labelKey(c: LabelCandidate): string {
  if (c.form === 'dash') return 'dash';
  if (c.anon) return `anon:${c.anon}:${c.form === 'qa' ? 'qa' : c.text.toLowerCase().replace(/[.:]/g, '')}`;
  return c.text.toLowerCase().replace(/[.\s]+/g, ' ').trim();
}

/**
 * Words of a label for the length test; an office with the holder's name in parentheses counts
 * the office only (`The Parliamentary Under-Secretary of State, Department for Transport (Lord X) (Lab)`).
 */
function labelWords(text: string): number {
  const bare = text.replace(/\s*\([^()]*\)/g, '').trim();
  // `Minister for Sustainability and the Environment, Ms Grace Lim`: an office and a name, each
  // counted on its own.
  return Math.max(...(bare !== text && bare.length > 0 ? bare : text).split(/\s*,\s*/).map((p) => p.split(' ').length));
}

/** A line of speech, as opposed to a title, a label or furniture. */
function speechLike(li: LineInfo): boolean {
  if (li.blank || li.noteOnly || li.heading) return false;
  // `Topics: winter surge funding; nurse recruitment`: a metadata line, not a sentence.
  if (li.keyValue && !li.terminal) return false;
  if (li.cand && li.cand.form === 'standalone' && (li.cand.colon || li.cand.timestamp)) return false;
  // (`Morag Henderson (Glasgow) (Lab)` ends in a bracket, not a sentence: a label, not speech.)
  if (li.cand && li.cand.form === 'standalone' && !li.question && li.words <= 8 && li.cand.text.endsWith(')')) return false;
  return li.terminal || li.words >= 10;
}

export interface KeyStats {
  standalone: number;
  standaloneSpeech: number;
  inline: number;
}

/**
 * What the document shows about its label candidates: per label key, how often it stands alone
 * (followed by speech) or inline; per document, counts that decide its label style. Every count is
 * a sum of per-line contributions, so an edit can take out the old lines' share and add the new.
 */
export interface ProseStats {
  keys: Map<string, KeyStats>;
  /** Label texts (non-anonymous candidates) per key, counted: the source of the known name tokens. */
  texts: Map<string, Map<string, number>>;
  /** Candidates written with a semicolon, per key (only labels where the key is used with a colon). */
  semicolons: Map<string, number>;
  qaStrong: number;
  qaQ: number;
  dashes: number;
  upperLabels: number;
  mixedLabels: number;
  afterBlank: number;
  inlineSeen: number;
  markdownLabels: number;
  /** Candidates in capitals ending in a full stop, and inline candidates with a colon. */
  periodLabels: number;
  colonLabels: number;
  /** Labels alone on their line with speech below, written with a colon and without. */
  colonStandalone: number;
  bareStandalone: number;
  /** Screenplay marks: cues with an extension (`(V.O.)`, `(CONT'D)`) and scene headings (`INT. BOOTH - NIGHT`). */
  screenplayMarks: number;
  /** Labels alone on their line with a clock time beside them (`Wen Zhao  10:55 AM`), as chat copies head messages. */
  timedStandalone: number;
  /** Labels alone on their line with any time beside them (`0:07 - Marcus Obi`, `Speaker 2 [00:01:33]`). */
  timedLabels: number;
}

/** Document-wide decisions derived from the stats. */
export interface ProseGlobals {
  inlineDoc: boolean;
  blankSeparated: boolean;
  upperStyle: boolean;
  markdownStyle: boolean;
  singleStyle: boolean;
  /** Whether inline labels repeat at all (`repeatedInline >= 2`). */
  inlineRepeats: boolean;
  dashesOk: boolean;
  qaStrongOk: boolean;
  qaQOk: boolean;
  /** The document writes its labels as `NAME. text` rather than `NAME: text`. */
  periodStyle: boolean;
  /** The document writes its labels alone on their line with a colon (`FAIRWEATHER:`). */
  colonStandalone: boolean;
  /** The document is laid out as a screenplay (scene headings, cue extensions). */
  screenplay: boolean;
  /** Names with a time alone on their line head the messages (a chat copy): one said once is a header too. */
  timedHeaders: boolean;
  /** Speaker lines carry their time (four or more alone on their line): a bare one said once is a heading. */
  timedLines: boolean;
  /** Name tokens of labels the document repeats (and of a declared roster). */
  known: Set<string>;
}

/** The lines a segmentation reads, with the neighbourhood questions every decision asks. */
export class ProseLines {
  constructor(
    public infos: LineInfo[],
    public first: number,
    public lineText: (i: number) => string,
  ) {}
  get n(): number {
    return this.infos.length;
  }
  nextContent(i: number): number {
    const infos = this.infos;
    const n = infos.length;
    let j = i + 1;
    let skipped = 0;
    while (j < n && (infos[j].blank || (infos[j].noteOnly && skipped++ < 2))) j++;
    return j;
  }
  nextNonBlank(i: number): number {
    let j = i + 1;
    while (j < this.infos.length && this.infos[j].blank) j++;
    return j;
  }
  prevContent(i: number): number {
    let j = i - 1;
    while (j >= this.first && this.infos[j].blank) j--;
    return j;
  }
  /** The line starts a paragraph: after a blank, a note, a finished sentence, or at the top. */
  boundary(i: number): boolean {
    if (i === this.first || this.infos[i - 1].blank) return true;
    const p = this.prevContent(i);
    if (p < this.first) return true;
    const pl = this.infos[p];
    return pl.noteOnly || pl.heading || pl.terminal || (pl.cand !== null && pl.cand.form === 'standalone');
  }
  /** `Daniel Okoye` then `Barclays` on the next line: a short affiliation under a label. */
  affiliationAfter(i: number): boolean {
    const infos = this.infos;
    const n = infos.length;
    const a = infos[i + 1];
    if (i + 2 >= n || !a || a.blank || !a.cand || a.cand.form !== 'standalone' || a.cand.colon || a.words > 4 || isHeadingLike(a.cand.text)) return false;
    const j = this.nextContent(i + 1);
    let k = i + 2;
    while (k < n && infos[k].blank) k++;
    // Speech below, or only a note (`[Speaks in Portuguese]`) before the interpreter's turn.
    return j < n && (speechLike(infos[j]) || (k < n && infos[k].noteOnly));
  }
  followedBySpeech(i: number): boolean {
    if (this.affiliationAfter(i)) return true;
    const j = this.nextContent(i);
    return j < this.infos.length && (speechLike(this.infos[j]) || (j === i + 1 && this.wrappedSpeech(j)));
  }
  /**
   * A screenplay's character cue: a name in capitals set far in (15 columns or more), its dialogue
   * below set in less but still indented, a line of direction (`(into the mic, tired)`) perhaps
   * between. The layout says it, however short the lines of dialogue are.
   */
  screenplayCue(i: number, j: number): boolean {
    const infos = this.infos;
    const c = infos[i].cand;
    const d = infos[j];
    if (!c || c.form !== 'standalone' || infos[i].start < 15 || /\p{Ll}/u.test(c.text) || j > i + 2) return false;
    if (d.blank || d.noteOnly || d.cand || (j !== i + 1 && !infos[i + 1].noteOnly)) return false;
    // (A line without a label keeps no column of its own in its analysis: read it.)
    const indent = /^ */.exec(this.lineText(j))![0].length;
    return indent >= 6 && indent < infos[i].start - 4;
  }
  /**
   * `Dr. Matthias Kern, Federal Minister for Digital and` / `Transport:`: a label alone on its line
   * that breaks off after a joining word, finished by a line of its own that ends in the colon,
   * speech below.
   */
  wrappedLabel(i: number): boolean {
    const infos = this.infos;
    const c = infos[i].cand;
    const d = infos[i + 1]?.cand;
    if (!c || c.form !== 'standalone' || c.colon || !d || d.form === 'qa' || d.form === 'dash' || !d.colon || d.anon !== null) return false;
    if (!/\s(?:and|of|for|the|to|on|de|du|des|der|und|für)$/i.test(c.text) || d.text.split(' ').length > 6) return false;
    // `THE MINISTER OF ... AND` / `INFORMATION TECHNOLOGY (SHRI X): Hon. Speaker, ...`: the speech
    // may follow the label's end on the same line.
    return d.form === 'inline' || this.followedBySpeech(i + 1);
  }
  /**
   * A paragraph of speech wrapped at a narrow width (`Thank you, Llywydd. The Bus Services (Wales)
   * Bill will` / `put in place franchising ...`): a plain line of several words and a plain line
   * right after it.
   */
  wrappedSpeech(j: number): boolean {
    const infos = this.infos;
    const plain = (li: LineInfo | undefined) => li !== undefined && !li.blank && !li.noteOnly && !li.heading && !li.cand && !li.keyValue;
    const a = infos[j];
    const b = infos[j + 1];
    return plain(a) && a.words >= 7 && plain(b) && (b.terminal || b.words >= 8);
  }
  /**
   * Speech set in a narrow column (a PDF's two-column page): three plain lines of five words or
   * more in a row (`Thank you, convener. The order will enable Argyll` / `and Bute Council to
   * enforce parking restrictions` / ...), none of them finishing a sentence necessarily.
   */
  columnSpeech(j: number): boolean {
    const infos = this.infos;
    const plain = (li: LineInfo) => !li.blank && !li.noteOnly && !li.heading && !li.cand && !li.keyValue && li.words >= 5;
    // (A page's running footer may fall between the lines: `7    4 MARCH 2025    8`.)
    let seen = 0;
    for (let k = j, notes = 0; k < infos.length && seen < 3; k++) {
      if (infos[k].noteOnly && notes++ < 1) continue;
      if (!plain(infos[k])) return false;
      seen++;
    }
    return seen === 3;
  }
  /** For a repeated label with no speech after it: the next content line is itself a label. */
  nextIsLabelSpeech(i: number): boolean {
    const j = this.nextContent(i);
    return j < this.infos.length && this.infos[j].cand !== null;
  }
}

/**
 * The raw label of accepted line `i`: its candidate itself, or, where a short title stands on the
 * line under a name (`Fredrik Dahlin` over `IAEA Spokesperson`), a copy with that title as its
 * role, so that a later `Spokesperson` alone is the same person.
 */
export function proseLabel(pl: ProseLines, i: number): RawLabel {
  const c = pl.infos[i].cand!;
  if (c.form !== 'standalone' || c.colon || c.anon !== null || !pl.affiliationAfter(i)) return c;
  return { ...c, role: pl.infos[i + 1].cand!.text };
}

export function emptyStats(): ProseStats {
  return { keys: new Map(), texts: new Map(), semicolons: new Map(), qaStrong: 0, qaQ: 0, dashes: 0, upperLabels: 0, mixedLabels: 0, afterBlank: 0, inlineSeen: 0, markdownLabels: 0, periodLabels: 0, colonLabels: 0, colonStandalone: 0, bareStandalone: 0, screenplayMarks: 0, timedStandalone: 0, timedLabels: 0 };
}

/**
 * Adds (sign 1) or removes (sign -1) the key counts of lines `[lo, hi)`. A line's share depends
 * on the line and the few content lines after it.
 */
export function addKeyStats(pl: ProseLines, st: ProseStats, lo: number, hi: number, sign: 1 | -1): void {
  const infos = pl.infos;
  for (let i = Math.max(lo, pl.first); i < hi; i++) {
    const c = infos[i].cand;
    if (!c) continue;
    const key = labelKey(c);
    if (!c.anon) {
      let m = st.texts.get(key);
      if (!m) st.texts.set(key, (m = new Map()));
      const v = (m.get(c.text) ?? 0) + sign;
      if (v === 0) m.delete(c.text);
      else m.set(c.text, v);
      if (m.size === 0) st.texts.delete(key);
    }
    if (c.period) st.periodLabels += sign;
    else if (c.form === 'inline' && c.colon) st.colonLabels += sign;
    if (c.semicolon) {
      const v = (st.semicolons.get(key) ?? 0) + sign;
      if (v === 0) st.semicolons.delete(key);
      else st.semicolons.set(key, v);
      continue;
    }
    let k = st.keys.get(key);
    if (!k) st.keys.set(key, (k = { standalone: 0, standaloneSpeech: 0, inline: 0 }));
    if (c.form === 'dash') st.dashes += sign;
    else if (c.form === 'standalone') {
      k.standalone += sign;
      if (pl.followedBySpeech(i)) {
        k.standaloneSpeech += sign;
        if (c.anon === null && c.timestamp === undefined && !c.markdown) {
          if (c.colon) st.colonStandalone += sign;
          else st.bareStandalone += sign;
        }
      }
    } else if (c.form === 'inline') k.inline += sign;
    else if (!c.weak) {
      st.qaStrong += sign;
      if (c.anon === 'questioner') st.qaQ += sign;
    }
    if (k.standalone === 0 && k.standaloneSpeech === 0 && k.inline === 0) st.keys.delete(key);
  }
}

/**
 * Adds or removes the style counts of lines `[lo, hi)`: how the repeated inline labels are
 * written. They depend on which keys repeat, so they are taken with the key counts of the moment.
 */
export function addStyleStats(pl: ProseLines, st: ProseStats, lo: number, hi: number, sign: 1 | -1): void {
  const infos = pl.infos;
  for (let i = Math.max(lo, pl.first); i < hi; i++) {
    const c = infos[i].cand;
    if (infos[i].heading && !c && SCREEN_SCENE_RE.test(pl.lineText(i).trim())) st.screenplayMarks += sign;
    if (c && c.form === 'standalone' && SCREEN_CUE_RE.test(c.text)) st.screenplayMarks += sign;
    if (c && c.form === 'standalone' && c.timestamp !== undefined && c.anon === null && CLOCK_RE.test(c.timestamp)) st.timedStandalone += sign;
    if (c && c.form === 'standalone' && c.timestamp !== undefined) st.timedLabels += sign;
    if (!c || c.form === 'standalone') continue;
    const repeated = c.form === 'inline' && (st.keys.get(labelKey(c))?.inline ?? 0) >= 2;
    if (repeated && c.markdown) st.markdownLabels += sign;
    if (c.anon || (c.form === 'inline' && !repeated)) continue;
    // (Initials, `SG:`, say nothing of whether the document writes names in capitals.)
    if (c.form === 'inline' && c.text.length > 3) {
      if (/\p{Ll}/u.test(c.text)) st.mixedLabels += sign;
      else st.upperLabels += sign;
    }
    st.inlineSeen += sign;
    if (i === pl.first || infos[i - 1].blank) st.afterBlank += sign;
  }
}

/** A screenplay's scene heading (`INT. WKLM BOOTH - NIGHT`) and a cue's extension (`ADA (CONT'D)`, `RADIO VOICE (V.O.)`). */
const SCREEN_SCENE_RE = /^(?:INT|EXT|INT\.?\/EXT|I\/E)\.\s/;
/** A time of day on a 12-hour clock (`10:55 AM`): a chat message's, not a recording's offset (`00:03:05`). */
const CLOCK_RE = /\d\s*[AaPp]\.?[Mm]\.?$/;
const SCREEN_CUE_RE = /\((?:V\.O\.|O\.S\.|O\.C\.|CONT['’]D|CONT\.|PRE-LAP|FILTERED)\)$/;

/** The class of a key's counts that acceptance looks at (thresholds 1 and 2). */
export function keyClass(k: KeyStats | undefined): number {
  if (!k) return 0;
  const c = (x: number) => (x >= 2 ? 2 : x);
  return c(k.inline) * 9 + c(k.standalone) * 3 + c(k.standaloneSpeech);
}

/** A label in capitals with a role after a comma: `JUNE PARK-ELLIOTT, FORMER FEMA REGIONAL ADMINISTRATOR`. */
function introduced(texts: Iterable<string> | undefined): boolean {
  for (const text of texts ?? []) {
    const comma = text.indexOf(',');
    if (comma > 0 && /\p{Lu}{2}/u.test(text) && !/\p{Ll}/u.test(text.slice(0, comma)) && text.slice(0, comma).includes(' ')) return true;
    // A caller introduced with where they call from (`CALLER (MARTY, ROYAL OAK)`), later `MARTY:`.
    if (/^caller\b/i.test(text) && analyzeLabel(text).nameTokens.length > 0) return true;
  }
  return false;
}

export function proseGlobals(st: ProseStats, declared: Iterable<string>): ProseGlobals {
  let repeatedInline = 0;
  let repeatedStandalone = 0;
  let singleKeys = 0;
  let repeatedKeys = 0;
  const known = new Set<string>(declared);
  for (const [key, k] of st.keys) {
    if (k.inline >= 2) repeatedInline += k.inline;
    if (k.standaloneSpeech >= 2) repeatedStandalone += k.standaloneSpeech;
    if (k.inline >= 2 && !key.startsWith('anon:')) {
      repeatedKeys++;
      if (!key.includes(' ')) singleKeys++;
    }
    // Name tokens of labels the document repeats, to recognise a short form said once; and of a
    // name in capitals introduced with its role (`MARCUS BELL, CNN POLITICAL COMMENTATOR:`), whom
    // later labels call by surname (`BELL:`) even once.
    if (k.inline >= 2 || k.standaloneSpeech >= 2 || (k.inline === 1 && introduced(st.texts.get(key)?.keys()))) {
      for (const text of st.texts.get(key)?.keys() ?? []) {
        const a = analyzeLabel(text);
        for (const t of a.nameTokens) {
          known.add(t);
          // Either half of a double-barrelled name (`Okonkwo:` once beside `Okonkwo-Feld:`).
          if (t.includes('-')) for (const part of t.split('-')) if (part.length >= 3) known.add(part);
        }
        // A title used as a label (`Moderator:`) is known too, so that `Moderater:` is its slip.
        if (a.nameTokens.length === 0) for (const t of a.role.toLowerCase().split(/\s+/)) if (t.length >= 4) known.add(t);
      }
    }
  }
  return {
    inlineDoc: repeatedInline + st.qaStrong > 2 * repeatedStandalone,
    blankSeparated: st.inlineSeen >= 3 && st.afterBlank >= st.inlineSeen * 0.8,
    upperStyle: st.upperLabels > 2 * st.mixedLabels,
    markdownStyle: st.markdownLabels * 2 > st.upperLabels + st.mixedLabels,
    // A document whose labels are single words or initials (`JM:`, `RK:`, `Lenny:`) may use one once.
    singleStyle: repeatedKeys >= 2 && singleKeys === repeatedKeys,
    inlineRepeats: repeatedInline >= 2,
    dashesOk: st.dashes >= 3,
    qaStrongOk: st.qaStrong >= 2,
    qaQOk: st.qaQ >= 3,
    periodStyle: st.periodLabels >= 2 && st.periodLabels > st.colonLabels,
    colonStandalone: st.colonStandalone >= 4 && st.colonStandalone >= 4 * st.bareStandalone,
    screenplay: st.screenplayMarks >= 2,
    timedHeaders: st.timedStandalone >= 4,
    timedLines: st.timedLabels >= 4,
    known,
  };
}

export function sameGlobals(a: ProseGlobals, b: ProseGlobals): boolean {
  if (
    a.inlineDoc !== b.inlineDoc ||
    a.blankSeparated !== b.blankSeparated ||
    a.upperStyle !== b.upperStyle ||
    a.markdownStyle !== b.markdownStyle ||
    a.singleStyle !== b.singleStyle ||
    a.inlineRepeats !== b.inlineRepeats ||
    a.dashesOk !== b.dashesOk ||
    a.qaStrongOk !== b.qaStrongOk ||
    a.qaQOk !== b.qaQOk ||
    a.periodStyle !== b.periodStyle ||
    a.colonStandalone !== b.colonStandalone ||
    a.screenplay !== b.screenplay ||
    a.timedHeaders !== b.timedHeaders ||
    a.timedLines !== b.timedLines ||
    a.known.size !== b.known.size
  )
    return false;
  for (const t of a.known) if (!b.known.has(t)) return false;
  return true;
}

/**
 * Accepts or rejects the candidates of lines `[lo, hi)`, in order; `prevAccepted` says whether
 * line `lo - 1` was accepted. Returns the accepted lines (before the document-level passes).
 */
export function decideRange(pl: ProseLines, st: ProseStats, g: ProseGlobals, lo: number, hi: number, prevAccepted: boolean, out: number[] = []): number[] {
  const infos = pl.infos;
  const n = infos.length;
  /** Line `j` holds an inline label of the anonymous questioner or answerer (`Answer: ...`). */
  const anonInline = (j: number) => j < n && !infos[j].blank && infos[j].cand?.form === 'inline' && infos[j].cand!.anon !== null;
  // (A slip of a known name, a wrong letter only in a long one: `OKAFER` beside `OKAFOR`; or a
  // short form of a known given name: `Toby` beside `Tobias`.)
  const knownToken = (t: string | undefined): boolean => {
    if (t === undefined) return false;
    if (g.known.has(t)) return true;
    for (const k of g.known) if ((t.length >= 4 && isSlip(t, k, t.length >= 6)) || shortFormOf(t, k)) return true;
    return false;
  };
  let lastAccepted = prevAccepted ? lo - 1 : -2;
  for (let i = Math.max(lo, pl.first); i < hi; i++) {
    const li = infos[i];
    const c = li.cand;
    if (!c) continue;
    // The affiliation line under a label just accepted belongs to that label.
    if (lastAccepted === i - 1 && c.form === 'standalone' && infos[i - 1].cand?.form === 'standalone' && pl.affiliationAfter(i - 1)) continue;
    // The rest of a label wrapped over two lines belongs to the label above.
    if (lastAccepted === i - 1 && pl.wrappedLabel(i - 1)) continue;
    const k = st.keys.get(labelKey(c)) ?? { standalone: 0, standaloneSpeech: 0, inline: 0 };
    let ok = false;
    if (c.period && !g.periodStyle) {
      ok = false; // `MS. PSAKI. And...` in a document of `MS. PSAKI:` labels is a slip, for TR008
    } else if (c.semicolon) {
      ok = k.inline >= 1; // `RK;` where `RK:` is the document's label
    } else if (c.form === 'dash') {
      ok = g.dashesOk; // `>>` marks speaker changes where the document uses it throughout
    } else if (c.form === 'qa') {
      ok = c.weak ? g.qaQOk && pl.boundary(i) : g.qaStrongOk || c.anon === 'questioner';
      // `"Q. Who commanded...?` / `A. Everybody said it was the Colonel."`: the answer line closes a
      // quotation the line above opened, a transcript quoted inside a question.
      if (ok && i > pl.first) {
        const p = pl.prevContent(i);
        if (p >= pl.first && !infos[p].noteOnly && oddQuotes(pl.lineText(p)) && oddQuotes(pl.lineText(i)) && /["”]\s*$/.test(pl.lineText(i))) ok = false;
      }
    } else if (c.form === 'inline') {
      // `Senator Okafor. That is what...` after `As I said to`: a name ending a sentence the line
      // above began, not a label written with a full stop.
      if (!c.colon && c.timestamp === undefined && !c.markdown && !c.semicolon && c.anon === null && !pl.boundary(i) && /[\p{Ll},]$/u.test(pl.lineText(pl.prevContent(i)).trimEnd())) ok = false;
      // `Question: Why not everywhere? Because ...` inside a paragraph, in a document whose labels
      // stand alone: a speaker asking himself, not a label.
      else if (c.anon !== null && !g.inlineDoc && !g.inlineRepeats && k.inline < 2 && i > pl.first && !infos[i - 1].blank && !infos[i - 1].cand && !infos[i - 1].noteOnly && !infos[i - 1].heading) ok = false;
      // `Consumer Packaging: net sales of $412 million`, `Greater Belfast: the programme sets out`:
      // a heading of a list read out, said once, its text going on in lower case.
      else if (
        k.inline < 2 &&
        c.anon === null &&
        c.colon &&
        !c.markdown &&
        c.timestamp === undefined &&
        c.textStart >= 0 &&
        /^\s*\p{Ll}/u.test(pl.lineText(i).slice(c.textStart)) &&
        !analyzeLabel(c.text).nameTokens.some(knownToken)
      )
        ok = false;
      // `A. Okay. It says:` / `NORTHERN RESOLVE: Mayday, mayday...`: a record read out, said once,
      // right under the line that introduces it.
      else if (k.inline < 2 && c.anon === null && !c.markdown && c.timestamp === undefined && i > pl.first && !infos[i - 1].blank && READ_OUT.test(pl.lineText(i - 1)))
        ok = false;
      // `Mrs Pryce: "About as far as the cows lie down."`: a line of dialogue quoted in a turn, said
      // once, all of it in quotation marks.
      else if (k.inline < 2 && c.anon === null && !c.markdown && c.timestamp === undefined && c.textStart >= 0 && /^\s*["“][^"“”]*["”][.!?]?\s*$/u.test(pl.lineText(i).slice(c.textStart)))
        ok = false;
      // `Question: who pays for all of this?` / `Answer: all of us...` on the next line, no blank
      // between, in such a document: a speaker's own question and answer.
      else if (c.anon !== null && !g.inlineDoc && !g.inlineRepeats && k.inline < 2 && (anonInline(i + 1) || (i > pl.first && anonInline(i - 1)))) ok = false;
      // `High Water: 0642  5.1 metres` read out inside a paragraph, in a document whose labels stand
      // alone as `NAME:` over blank-separated speech: a line of the speech.
      else if (!g.inlineDoc && g.colonStandalone && i > pl.first && !infos[i - 1].blank && !infos[i - 1].noteOnly && !infos[i - 1].heading) ok = false;
      // `     FATHER: Where is the boat?` indented inside an answer, in a document whose labels stand
      // alone at the margin: a quoted scene, not a turn.
      // (So is `<TAB>Vote: 9-0, passed` under a chat message's header.)
      else if (!g.inlineDoc && c.anon === null && c.timestamp === undefined && ((li.start >= 2 && /^ +$/.test(pl.lineText(i).slice(0, li.start))) || /^\t+$/.test(pl.lineText(i).slice(0, li.start)))) ok = false;
      else if (k.inline >= 2) ok = c.anon !== null || !isHeadingLike(c.text) || g.known.has(`=${c.text.toLowerCase()}`);
      // (A lone time or note line before the label stands where the blank line would.)
      else if (pl.boundary(i) && (!g.blankSeparated || i === pl.first || infos[i - 1].blank || infos[i - 1].noteOnly) && (c.anon !== null || !isHeadingLike(c.text))) {
        const a = analyzeLabel(c.text);
        const strong =
          c.markdown ||
          c.timestamp !== undefined ||
          c.anon !== null ||
          a.honorific !== '' ||
          (/^[\p{Lu}\s.,'’-]+$/u.test(c.text.replace(/\([^)]*\)/g, '')) && /\p{Lu}{2}/u.test(c.text)) ||
          // `ROSA IBARRA, Arizona State University`: the name in capitals, the affiliation not.
          (/\p{Lu}{2}/u.test(a.name) && !/\p{Ll}/u.test(a.name) && c.text.includes(','));
        // Said once in a document of repeated labels: it must look like them, and a single word
        // must be a title (`Moderator`) or a name the document already uses.
        const single =
          !g.singleStyle && !c.text.includes(' ') && c.anon === null && a.nameTokens.length > 0 && !a.nameTokens.some(knownToken) && !/\d/.test(c.text);
        const known = a.nameTokens.some(knownToken);
        ok =
          (strong && !(single && !c.markdown && !c.timestamp && a.honorific === '' && g.inlineRepeats)) ||
          (g.inlineRepeats && !single && (known || !(g.upperStyle && /\p{Ll}/u.test(a.name || c.text))) && c.markdown === g.markdownStyle);
      }
    } else if (c.openParen) {
      // The rest of the label on the next line, then the colon: `Siar): It has been severe`.
      const next = i + 1 < n ? infos[i + 1] : undefined;
      ok = next !== undefined && !next.blank && !next.cand && /^\s*[^()\s][^()]{0,60}\)\s*:(?:\s|$)/.test(pl.lineText(i + 1)) && pl.boundary(i) && (c.anon !== null || !isHeadingLike(c.text));
    } else if (pl.wrappedLabel(i)) {
      ok = pl.boundary(i) && (c.anon !== null || !isHeadingLike(c.text));
    } else {
      // Standalone: a label alone on its line must be followed by speech (or be a label the
      // document repeats), stand at a paragraph start, and not read as a heading.
      const decorated = c.colon || c.timestamp !== undefined || c.markdown;
      // (A label ending in a colon may have its speech wrapped in a narrow column below.)
      const speech = pl.followedBySpeech(i) || (c.colon && i + 1 < n && pl.columnSpeech(i + 1));
      const repeated = k.standaloneSpeech >= 2 || (k.standalone >= 2 && k.standaloneSpeech >= 1);
      // (A chat copy's `Priya Raman  10:42 AM` over each message needs no paragraph break: the
      // time beside a name the document repeats marks it.)
      // (Nor does a time with a colon: `19:06:14 From Nadia Toure to Everyone:`.)
      if (!pl.boundary(i) && !(c.timestamp !== undefined && (k.standalone >= 2 || c.colon || (g.timedHeaders && CLOCK_RE.test(c.timestamp))))) ok = false;
      else if (c.handle) ok = true;
      // `Questions by the trial counsel:` over `Q.` lines: the heading of an examination.
      else if (c.anon === 'questioner' && /^questions\s+(?:by|from)\s/i.test(c.text) && pl.nextIsLabelSpeech(i)) ok = false;
      else if (c.anon === null && isHeadingLike(c.text)) ok = false;
      // A screenplay's cue, even said once (`HENRY`), over dialogue however short: the layout marks it.
      else if (g.screenplay && pl.screenplayCue(i, pl.nextContent(i))) ok = true;
      // In a document of inline labels, a bare line repeated is a page marking (`RESTRICTED`).
      // (Not over an inline line: `Minister for Health` over `Topics: ...` in a page header.)
      // (Nor inside a run of short lines with no blank above: `Home` / `News` / `Federal Chancellor` /
      // `Federal Government`, a site's menu.)
      else if (repeated) ok = (speech || decorated || (pl.nextIsLabelSpeech(i) && infos[pl.nextContent(i)].cand!.form === 'standalone' && (i === pl.first || infos[i - 1].blank))) && !(g.inlineDoc && !decorated && c.anon === null);
      else if (!speech) {
        // A short form of a name the document uses, whose turn is only a note (`(Laughter.)`).
        const a = analyzeLabel(c.text);
        const j = i + 1 < n ? pl.nextNonBlank(i) : n;
        ok = j < n && infos[j].noteOnly && a.nameTokens.length > 0 && a.nameTokens.every(knownToken);
        // A chat message too short to read as speech (`on it`, `ack`) under a name and time the
        // document repeats.
        if (!ok && c.timestamp !== undefined && (k.standalone >= 2 || (g.timedHeaders && CLOCK_RE.test(c.timestamp))) && j < n && !infos[j].cand && !infos[j].noteOnly && !infos[j].heading) ok = true;
      }
      else if (decorated || c.anon !== null) ok = true;
      // Where every speaker line carries its time (`0:07 - Marcus Obi`), a bare line said once is
      // the page's title or a heading (`Harbourline Logistics – Weekly Depot Ops Sync`).
      else if (g.inlineDoc || g.timedLines || labelWords(c.text) > 8) ok = false;
      // `Parents and Families`: two things joined, not a person (`Mr and Mrs Smith` has names on a side).
      else if (/ (?:and|&) /.test(c.text) && c.text.split(/ (?:and|&) /).some((side) => !side.includes(' '))) ok = false;
      // Where labels are written `NAME:` alone on their line, a bare line said once (`RADIO 4`
      // over the title) is a label only as a name the document uses (`FAIRWEATHER`, colon left off).
      else if (g.colonStandalone) {
        const a = analyzeLabel(c.text);
        ok = a.nameTokens.length > 0 ? a.nameTokens.some(knownToken) : a.role.toLowerCase().split(/\s+/).some((t) => g.known.has(t));
      } else {
        // A single word said once (`Ukraine`, `Overview`) is a heading unless it is a title
        // (`Moderator`) or a name the document already uses (`Rutte`).
        const a = analyzeLabel(c.text);
        ok = c.text.includes(' ') || a.nameTokens.length === 0 || knownToken(a.nameTokens[0]);
      }
    }
    if (ok) {
      out.push(i);
      lastAccepted = i;
    }
  }
  return out;
}

/** A line that introduces what is read out next: `It says:`, `The entry reads:`, `as follows:`. */
const READ_OUT = /\b(?:says|said|reads|read|states|stated|follows|wrote|writes|quote)\s*:\s*$/i;

/** The line holds an odd number of double quotation marks: a quotation opens or closes on it. */
function oddQuotes(s: string): boolean {
  let k = 0;
  for (let j = 0; j < s.length; j++) {
    const ch = s.charCodeAt(j);
    if (ch === 34 || ch === 0x201c || ch === 0x201d) k++;
  }
  return k % 2 === 1;
}

/**
 * The document-level passes over the accepted lines: participant lists and leading metadata lines
 * are not turns. Cheap (a few comparisons per accepted line); returns a new array.
 */
export function finishStarts(pl: ProseLines, accepted: readonly number[]): number[] {
  const infos = pl.infos;
  const starts: number[] = [];
  runStarts(pl, accepted, 0, accepted.length, starts);
  // Leading `Key: Name` lines are metadata, not turns: `Guests: Priya Natarajan`, `Interviewer: R. Kaur`.
  let drop = 0;
  while (drop < starts.length && infos[starts[drop]].cand!.form === 'inline' && metadataValue(pl, starts[drop])) drop++;
  return drop > 0 ? starts.slice(drop) : starts;
}

/**
 * `finishStarts` over the runs around accepted lines `[before, after]` only, for an incremental
 * update: from the start of the run holding `accepted[before]` to the end of the run holding
 * `accepted[after]` (or the last accepted line). A run's decision reads the lines from its first
 * label to the first content line after its last, so the runs outside are decided as before when
 * the lines that changed lie after `accepted[before]` and before `accepted[after]`. Null when the
 * range reaches the first accepted line (the leading metadata pass then needs the whole list).
 */
export function finishStartsRange(pl: ProseLines, accepted: readonly number[], before: number, after: number): { from: number; to: number; starts: number[] } | null {
  if (before <= 0) return null;
  let from = before;
  while (from > 0 && linked(pl, accepted, from - 1)) from--;
  if (from === 0) return null;
  let to = Math.min(after, accepted.length - 1);
  while (to + 1 < accepted.length && linked(pl, accepted, to)) to++;
  const starts: number[] = [];
  runStarts(pl, accepted, from, to + 1, starts);
  return { from, to, starts };
}

/**
 * A run of three or more labels with nothing but blank lines between them is a list of
 * participants (an earnings call's `Call participants`), not turns. So is one with each name's
 * role and organisation on the line below it (`Henrik Aalto` / `President & Chief Executive
 * Officer, Norrland Packaging Corp.`). Pushes the starts of accepted lines `[from, to)` (run
 * boundaries) to `starts`.
 */
function runStarts(pl: ProseLines, accepted: readonly number[], from: number, to: number, starts: number[]): void {
  const infos = pl.infos;
  const n = infos.length;
  for (let k = from; k < to; ) {
    let e = k;
    while (linked(pl, accepted, e)) e++;
    const after = pl.nextContent(roleBelow(pl, accepted[e]));
    if (e - k >= 2 && (e + 1 >= accepted.length || after >= n || !speechLike(infos[after]))) {
      k = e + 1;
      continue;
    }
    for (; k <= e; k++) starts.push(accepted[k]);
  }
}

/** Line `i`, or the role line right under it (`roleLine`). */
function roleBelow(pl: ProseLines, i: number): number {
  const infos = pl.infos;
  const j = pl.nextContent(i);
  return j < infos.length && j === i + 1 && infos[i].cand?.timestamp === undefined && roleLine(pl.lineText(j), infos[j]) ? j : i;
}

/** Accepted lines `e` and `e + 1` are standalone labels with only blank lines (or a role line) between them. */
function linked(pl: ProseLines, accepted: readonly number[], e: number): boolean {
  if (e + 1 >= accepted.length) return false;
  const infos = pl.infos;
  if (infos[accepted[e]].cand!.form !== 'standalone' || infos[accepted[e + 1]].cand!.form !== 'standalone') return false;
  const b = accepted[e + 1];
  return pl.nextContent(accepted[e]) === b || pl.nextContent(roleBelow(pl, accepted[e])) === b;
}

/**
 * A role and organisation line under a name: a few words with a comma, no sentence (`Analyst,
 * Halvorsen Securities LLC`, `Vice President-Investor Relations, Norrland Packaging Corp.`).
 */
function roleLine(text: string, li: LineInfo): boolean {
  if (li.blank || li.words > 14 || li.question || li.lower || !text.includes(',')) return false;
  const t = text.trim();
  return !/[?!;:]$/.test(t) && (!t.endsWith('.') || /\b(?:Corp|Inc|Ltd|Co|Cos|plc|Bhd|Pty|LLC|LLP|L\.P|S\.A|N\.V|A\.G)\.$/i.test(t));
}

function metadataValue(pl: ProseLines, i: number): boolean {
  const li = pl.infos[i];
  const c = li.cand!;
  const value = pl.lineText(i).slice(c.textStart, li.end).trim();
  // A cast list in columns, `NAME:<spaces>description` on consecutive lines (`MORWENNA TREGLOWN:
  // Former harbour clerk, Newlyn`): the label's value is aligned, not spoken.
  if (c.colon && value.length > 0 && !/[.?!]["”’)]?$/.test(value) && /:(?:\t|\s{2,})\S/.test(pl.lineText(i).slice(c.end, c.textStart + 1))) {
    const near = (j: number) => j >= pl.first && j < pl.n && pl.infos[j].cand?.form === 'inline' && pl.infos[j].cand!.colon;
    if (near(i - 1) || near(i + 1)) return true;
  }
  if (value.length === 0 || /[.?!]["”’)]?$/.test(value) && !/\b\p{Lu}\.$/u.test(value)) return false;
  const parts = value.split(/\s*[;,]\s*|\s+(?:and|&)\s+/).filter(Boolean);
  return parts.length > 0 && value.split(/\s+/).length >= 2 && parts.every((p) => isNameLike(p));
}

/** Everything a segmentation keeps so that an edit can redo only its neighbourhood. */
export interface ProseState {
  lines: ProseLines;
  stats: ProseStats;
  globals: ProseGlobals;
  declared: string[];
  /** Lines accepted before the document-level passes, ascending. */
  accepted: number[];
}

/** Segments from scratch, keeping the state an incremental update starts from. */
export function segmentProseState(infos: LineInfo[], first: number, lineText: (i: number) => string, declared: string[] = []): ProseState {
  const lines = new ProseLines(infos, first, lineText);
  const stats = emptyStats();
  addKeyStats(lines, stats, first, infos.length, 1);
  addStyleStats(lines, stats, first, infos.length, 1);
  const globals = proseGlobals(stats, declared);
  const accepted = decideRange(lines, stats, globals, first, infos.length, false);
  return { lines, stats, globals, declared, accepted };
}
