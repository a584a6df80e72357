/**
 * Turn segmentation for the prose dialects (block, inline, deposition, timestamped): decides which
 * label candidates are real speaker labels, using what the whole document shows: repetition of a
 * label, what follows it, where it stands, and which label style the document uses.
 */

import type { LabelCandidate, LineInfo } from './lineinfo.ts';
import { analyzeLabel, isHeadingLike, isNameLike } from './names.ts';
import { isSlip } from './slips.ts';

export interface ProseSegmentation {
  /** Lines that start a turn, ascending, with the accepted label for each. */
  starts: number[];
  labels: (LabelCandidate | null)[];
}

/** Normalised identity key of a label as written (case and spacing folded). */
export function labelKey(c: LabelCandidate): string {
  if (c.form === 'dash') return 'dash';
  if (c.anon) return `anon:${c.anon}:${c.form === 'qa' ? 'qa' : c.text.toLowerCase().replace(/[.:]/g, '')}`;
  return c.text.toLowerCase().replace(/[.\s]+/g, ' ').trim();
}

/** A line of speech, as opposed to a title, a label or furniture. */
function speechLike(li: LineInfo): boolean {
  if (li.blank || li.noteOnly || li.heading) return false;
  // `Topics: winter surge funding; nurse recruitment`: a metadata line, not a sentence.
  if (li.keyValue && !li.terminal) return false;
  if (li.cand && li.cand.form === 'standalone' && (li.cand.colon || li.cand.timestamp)) return false;
  return li.terminal || li.words >= 10;
}

interface KeyStats {
  standalone: number;
  standaloneSpeech: number;
  inline: number;
}

/**
 * Segments lines `[first, infos.length)` into turns. Lines before the first accepted label are
 * left to the caller (preamble).
 */
export function segmentProse(
  infos: LineInfo[],
  first: number,
  lineText: (i: number) => string,
  /** Name tokens the document declares before the speech (a roster), known like repeated labels. */
  declared: Iterable<string> = [],
): ProseSegmentation {
  const n = infos.length;
  const nextContent = (i: number): number => {
    let j = i + 1;
    let skipped = 0;
    while (j < n && (infos[j].blank || (infos[j].noteOnly && skipped++ < 2))) j++;
    return j;
  };
  const nextNonBlank = (i: number): number => {
    let j = i + 1;
    while (j < n && infos[j].blank) j++;
    return j;
  };
  const prevContent = (i: number): number => {
    let j = i - 1;
    while (j >= first && infos[j].blank) j--;
    return j;
  };
  /** The line starts a paragraph: after a blank, a note, a finished sentence, or at the top. */
  const boundary = (i: number): boolean => {
    if (i === first || infos[i - 1].blank) return true;
    const p = prevContent(i);
    if (p < first) return true;
    const pl = infos[p];
    return pl.noteOnly || pl.heading || pl.terminal || (pl.cand !== null && pl.cand.form === 'standalone');
  };
  /** `Daniel Okoye` then `Barclays` on the next line: a short affiliation under a label. */
  const affiliationAfter = (i: number): boolean => {
    const a = infos[i + 1];
    if (i + 2 >= n || !a || a.blank || !a.cand || a.cand.form !== 'standalone' || a.cand.colon || a.words > 4) return false;
    const j = nextContent(i + 1);
    let k = i + 2;
    while (k < n && infos[k].blank) k++;
    // Speech below, or only a note (`[Speaks in Portuguese]`) before the interpreter's turn.
    return j < n && (speechLike(infos[j]) || (k < n && infos[k].noteOnly));
  };
  const followedBySpeech = (i: number): boolean => {
    if (affiliationAfter(i)) return true;
    const j = nextContent(i);
    return j < n && speechLike(infos[j]);
  };

  // 1. What the document shows about each label.
  const stats = new Map<string, KeyStats>();
  let qaStrong = 0;
  let qaQ = 0;
  let dashes = 0;
  for (let i = first; i < n; i++) {
    const c = infos[i].cand;
    if (!c || c.semicolon) continue;
    const key = labelKey(c);
    let st = stats.get(key);
    if (!st) stats.set(key, (st = { standalone: 0, standaloneSpeech: 0, inline: 0 }));
    if (c.form === 'dash') dashes++;
    else if (c.form === 'standalone') {
      st.standalone++;
      if (followedBySpeech(i)) st.standaloneSpeech++;
    } else if (c.form === 'inline') st.inline++;
    else if (!c.weak) {
      qaStrong++;
      if (c.anon === 'questioner') qaQ++;
    }
  }
  let repeatedInline = 0;
  let repeatedStandalone = 0;
  for (const st of stats.values()) {
    if (st.inline >= 2) repeatedInline += st.inline;
    if (st.standaloneSpeech >= 2) repeatedStandalone += st.standaloneSpeech;
  }
  const inlineDoc = repeatedInline + qaStrong > 2 * repeatedStandalone;
  // How the document writes its repeated inline labels: ALL CAPS or mixed case, after a blank line or not.
  let upperLabels = 0;
  let mixedLabels = 0;
  let afterBlank = 0;
  let inlineSeen = 0;
  for (let i = first; i < n; i++) {
    const c = infos[i].cand;
    if (!c || c.form === 'standalone' || c.anon) continue;
    if (c.form === 'inline' && (stats.get(labelKey(c))?.inline ?? 0) < 2) continue;
    if (c.form === 'inline') {
      if (/\p{Ll}/u.test(c.text)) mixedLabels++;
      else upperLabels++;
    }
    inlineSeen++;
    if (i === first || infos[i - 1].blank) afterBlank++;
  }
  const blankSeparated = inlineSeen >= 3 && afterBlank >= inlineSeen * 0.8;
  const upperStyle = upperLabels > 2 * mixedLabels;
  let markdownLabels = 0;
  for (let i = first; i < n; i++) {
    const c = infos[i].cand;
    if (c && c.form === 'inline' && c.markdown && (stats.get(labelKey(c))?.inline ?? 0) >= 2) markdownLabels++;
  }
  const markdownStyle = markdownLabels * 2 > upperLabels + mixedLabels;

  // Name tokens of labels the document repeats, to recognise a short form said once.
  const known = new Set<string>(declared);
  for (let i = first; i < n; i++) {
    const c = infos[i].cand;
    if (!c || c.anon) continue;
    const st = stats.get(labelKey(c));
    if (st && (st.inline >= 2 || st.standaloneSpeech >= 2)) {
      const a = analyzeLabel(c.text);
      for (const t of a.nameTokens) known.add(t);
      // A title used as a label (`Moderator:`) is known too, so that `Moderater:` is its slip.
      if (a.nameTokens.length === 0) for (const t of a.role.toLowerCase().split(/\s+/)) if (t.length >= 4) known.add(t);
    }
  }
  const knownToken = (t: string | undefined) =>
    t !== undefined && (known.has(t) || (t.length >= 4 && [...known].some((k) => isSlip(t, k))));
  // A document whose labels are single words or initials (`JM:`, `RK:`, `Lenny:`) may use one once.
  let singleKeys = 0;
  let repeatedKeys = 0;
  for (const [key, st] of stats) {
    if (st.inline < 2 || key.startsWith('anon:')) continue;
    repeatedKeys++;
    if (!key.includes(' ')) singleKeys++;
  }
  const singleStyle = repeatedKeys >= 2 && singleKeys === repeatedKeys;

  // 2. Accept or reject each candidate.
  const starts: number[] = [];
  const labels: (LabelCandidate | null)[] = [];
  let lastAccepted = -2;
  for (let i = first; i < n; i++) {
    const li = infos[i];
    const c = li.cand;
    if (!c) continue;
    // The affiliation line under a label just accepted belongs to that label.
    if (lastAccepted === i - 1 && c.form === 'standalone' && labels[labels.length - 1]?.form === 'standalone' && affiliationAfter(i - 1)) continue;
    const st = stats.get(labelKey(c)) ?? { standalone: 0, standaloneSpeech: 0, inline: 0 };
    let ok = false;
    if (c.semicolon) {
      ok = st.inline >= 1; // `RK;` where `RK:` is the document's label
    } else if (c.form === 'dash') {
      ok = dashes >= 3; // `>>` marks speaker changes where the document uses it throughout
    } else if (c.form === 'qa') {
      ok = c.weak ? qaQ >= 3 && boundary(i) : qaStrong >= 2 || c.anon === 'questioner';
    } else if (c.form === 'inline') {
      if (st.inline >= 2) ok = c.anon !== null || !isHeadingLike(c.text);
      else if (boundary(i) && (!blankSeparated || i === first || infos[i - 1].blank) && (c.anon !== null || !isHeadingLike(c.text))) {
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
          !singleStyle && !c.text.includes(' ') && c.anon === null && a.nameTokens.length > 0 && !a.nameTokens.some(knownToken) && !/\d/.test(c.text);
        const known = a.nameTokens.some(knownToken);
        ok =
          (strong && !(single && !c.markdown && !c.timestamp && a.honorific === '' && repeatedInline >= 2)) ||
          (repeatedInline >= 2 && !single && (known || !(upperStyle && /\p{Ll}/u.test(a.name || c.text))) && c.markdown === markdownStyle);
      }
    } else {
      // Standalone: a label alone on its line must be followed by speech (or be a label the
      // document repeats), stand at a paragraph start, and not read as a heading.
      const decorated = c.colon || c.timestamp !== undefined || c.markdown;
      const speech = followedBySpeech(i);
      const repeated = st.standaloneSpeech >= 2 || (st.standalone >= 2 && st.standaloneSpeech >= 1);
      if (!boundary(i)) ok = false;
      else if (c.anon === null && isHeadingLike(c.text)) ok = false;
      // In a document of inline labels, a bare line repeated is a page marking (`RESTRICTED`).
      else if (repeated) ok = (speech || decorated || nextIsLabelSpeech(i)) && !(inlineDoc && !decorated && c.anon === null);
      else if (!speech) {
        // A short form of a name the document uses, whose turn is only a note (`(Laughter.)`).
        const a = analyzeLabel(c.text);
        const j = i + 1 < n ? nextNonBlank(i) : n;
        ok = j < n && infos[j].noteOnly && a.nameTokens.length > 0 && a.nameTokens.every(knownToken);
      }
      else if (decorated || c.anon !== null) ok = true;
      else if (inlineDoc || c.text.split(' ').length > 8) ok = false;
      // `Parents and Families`: two things joined, not a person (`Mr and Mrs Smith` has names on a side).
      else if (/ (?:and|&) /.test(c.text) && c.text.split(/ (?:and|&) /).some((side) => !side.includes(' '))) ok = false;
      else {
        // A single word said once (`Ukraine`, `Overview`) is a heading unless it is a title
        // (`Moderator`) or a name the document already uses (`Rutte`).
        const a = analyzeLabel(c.text);
        ok = c.text.includes(' ') || a.nameTokens.length === 0 || knownToken(a.nameTokens[0]);
      }
    }
    if (ok) {
      starts.push(i);
      labels.push(c);
      lastAccepted = i;
    }
  }
  // A run of three or more labels with nothing but blank lines between them is a list of
  // participants (an earnings call's `Call participants`), not turns.
  for (let k = 0; k < starts.length; ) {
    let e = k;
    while (
      e + 1 < starts.length &&
      labels[e]!.form === 'standalone' &&
      labels[e + 1]!.form === 'standalone' &&
      nextContent(starts[e]) === starts[e + 1]
    )
      e++;
    if (e - k >= 2 && (e + 1 >= starts.length || nextContent(starts[e]) >= n || !speechLike(infos[nextContent(starts[e])]))) {
      starts.splice(k, e - k + 1);
      labels.splice(k, e - k + 1);
    } else k = e + 1;
  }
  // Leading `Key: Name` lines are metadata, not turns: `Guests: Priya Natarajan`, `Interviewer: R. Kaur`.
  while (starts.length > 0 && labels[0]!.form === 'inline' && metadataValue(infos[starts[0]], starts[0])) {
    starts.shift();
    labels.shift();
  }
  return { starts, labels };

  function metadataValue(li: LineInfo, i: number): boolean {
    const c = li.cand!;
    const value = lineText(i).slice(c.textStart, li.end).trim();
    if (value.length === 0 || /[.?!]["”’)]?$/.test(value) && !/\b\p{Lu}\.$/u.test(value)) return false;
    const parts = value.split(/\s*[;,]\s*|\s+(?:and|&)\s+/).filter(Boolean);
    return parts.length > 0 && value.split(/\s+/).length >= 2 && parts.every((p) => isNameLike(p));
  }

  /** For a repeated label with no speech after it: the next content line is itself a label. */
  function nextIsLabelSpeech(i: number): boolean {
    const j = nextContent(i);
    return j < n && infos[j].cand !== null;
  }
}
