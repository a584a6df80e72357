/**
 * Per-line analysis: what a single line looks like on its own, before any document-wide decision.
 * Everything here depends on one line only, so an incremental reparse can reuse it for unchanged
 * lines.
 */

import { anonymousKind, CHORUS_RE, isDescribedSpeaker, isHeadingLike, isNameLike, type Anonymous } from './names.ts';
import { countWords, endsSentence, firstNonSpace, lastNonSpaceEnd, normalizeSpaces, startsLower } from './text.ts';

/** A clock or media time: `00:52`, `1:02:03`, `00:00:01.500`. */
export const TS = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
/** A time of day as briefings print it: `1:13 P.M. EDT`, `END 1:26 P.M.`. */
const TIME_OF_DAY = String.raw`(?:(?:END|BEGIN|START)\s+)?\d{1,2}(?::\d{2})?\s*[AaPp]\.?\s?[Mm]\.?(?:\s+[A-Z]{2,4})?`;
/**
 * A recording's time code: a tape or file number before the time (`01-00:04:51`, oral histories)
 * or a broadcast time code with frames (`01:00:04:12`, `10:02:31;08`).
 */
const TIME_CODE = String.raw`\d{1,3}-${TS}|\d{2}:\d{2}:\d{2}[:;]\d{2}`;
const NOTE_ONLY = new RegExp(
  String.raw`^(?:\\?\[[^\]]*\\?\]|\([^)]*\)|\{[^}]*\}|${TIME_CODE}|${TS}|${TIME_OF_DAY}|[:.,;\-–—*_\s])+$`,
  'u',
);

export interface LabelCandidate {
  form: 'standalone' | 'inline' | 'qa' | 'dash';
  /** Columns of the label text (decoration such as `**` and the colon excluded). */
  start: number;
  end: number;
  /** The label as written, spaces collapsed. */
  text: string;
  /** Column where speech starts on this line, or -1 when the label is alone. */
  textStart: number;
  timestamp?: string;
  /** Written with a colon after it. */
  colon: boolean;
  /** Written in Markdown bold. */
  markdown: boolean;
  anon: Anonymous;
  /** `Q` followed by a single space: only a label where the document uses Q labels. */
  weak: boolean;
  /** Written with a semicolon instead of a colon: only a label the document uses elsewhere. */
  semicolon?: boolean;
  /** Written in square brackets: `[Priya Raman] 10:02:13`. */
  bracketed?: boolean;
  /** A name in capitals ending in a full stop (`CHAIR HALVORSEN. Good afternoon.`): only a label where the document writes its labels so. */
  period?: boolean;
  /** A forum user handle over a comment (`u/pebble_and_crux · 3y ago`): a label by its layout alone. */
  handle?: boolean;
  /** A part the layout itself declares (a forum thread's original poster answers). */
  part?: 'questioner' | 'answerer';
  /** Its parenthesis is left open at the line's end: a label only where the next line closes it (`Siar): ...`). */
  openParen?: boolean;
}

/** Words that make a bracketed line a note rather than a name. */
const NOTE_WORDS = /\b(inaudible|unintelligible|crosstalk|laugh|laughs|laughter|applause|music|pause|silence|break|sic|ph|sp|foreign|speaking|interpreter|translation|translated|interpretation|interpreted|indiscernible|overlapping|coughs|end|begin|ad|sponsor|intro|outro|theme|cut|audio|video)\b/i;

export interface LineInfo {
  /** Column where content starts (after a court-reporter line number, if any, and indentation). */
  start: number;
  /** Column after the last non-space character. */
  end: number;
  blank: boolean;
  /** The whole line is a note: `(Laughter.)`, `[inaudible]`, `(01:51):`, `1:13 P.M. EDT`. */
  noteOnly: boolean;
  /** A Markdown heading, a rule (`---`, `* * *`), or a line ending in a colon that is not a label. */
  heading: boolean;
  /** Number of words, counted up to 12 (enough to tell a label from a line of speech). */
  words: number;
  /** Ends like a sentence or clause. */
  terminal: boolean;
  /** Starts with a lower-case letter. */
  lower: boolean;
  /** Contains a question mark. */
  question: boolean;
  /** Starts like a metadata line: one capitalised word and a colon (`Topics: ...`). */
  keyValue: boolean;
  cand: LabelCandidate | null;
}

/** A time, or a time span (`00:01:02 - 00:01:05`, `00:00:00.000 --> 00:00:05.000`) where the first time counts. */
const TS_SPAN = String.raw`(${TS})(?:\s*(?:-->|[-–—])\s*${TS})?`;
const TRAILING_TS_RE = new RegExp(String.raw`^(.*?)\s*(?:[\[(]\s*${TS_SPAN}\s*[\])]|(?:\s[-–—|,])?\s(${TS}(?:\s?[AaPp]\.?[Mm]\.?)?)(?:\s*(?:-->|[-–—])\s*${TS})?)$`);

/** A bracketed time before the name inside the bold of a Markdown label: `**[00:01:02] Jane Smith:**`. */
const LEADING_TS_RE = new RegExp(String.raw`^[\[(]${TS_SPAN}[\])]\s+(?=\S)`);

function stripTimestamp(label: string): { label: string; ts?: string } {
  if (!label.includes(':')) return { label };
  const lead = LEADING_TS_RE.exec(label);
  if (lead) return { label: label.slice(lead[0].length), ts: lead[1] };
  // `Alice Chen - 00:13` (meeting-notes exports): a dash between the name and the time.
  const m = TRAILING_TS_RE.exec(label);
  if (m && m[1].length > 0) return { label: m[1], ts: m[2] ?? m[3] };
  return { label };
}

function candidate(
  form: LabelCandidate['form'],
  raw: string,
  start: number,
  textStart: number,
  extra: Partial<LabelCandidate> = {},
): LabelCandidate | null {
  const label = raw.trim();
  // No label is longer than this; checking a megabyte-long line as a name would cost dearly.
  if (label.length === 0 || label.length > 120) return null;
  // `Y Llywydd / The Presiding Officer`: a bilingual record gives the label in both languages;
  // the last is the translation the record is read in.
  const bi = label.includes('/') ? /^([^/]{2,60}?)\s+\/\s+([^/]{2,60})$/.exec(label) : null;
  if (bi && isNameLike(bi[1], false) && isNameLike(bi[2], false) && !isHeadingLike(bi[1]) && !isHeadingLike(bi[2])) {
    return candidate(form, bi[2], start + raw.indexOf(label) + label.length - bi[2].length, textStart, extra);
  }
  // `Dear Dr. Okonkwo:` opens a letter read out; `Hi Ruth,` a message.
  if (/^(?:dear|hi|hello|hey)\s/i.test(label)) return null;
  // `A P P E A R A N C E S`, `B E T W E E N`: a court transcript's heading, spaced out letter by letter.
  if (/^(?:\p{Lu} ){3,}\p{Lu}$/u.test(label)) return null;
  const anon = anonymousKind(label);
  // `m.ruiz@northwind.io - 00:25`: meeting tools name a participant they cannot match by email,
  // a label only with the time beside it.
  const email = extra.timestamp !== undefined && EMAIL_RE.test(label);
  // `माननीय अध्यक्ष:` — a label in a script without capitals, one to three words, before a colon.
  const uncased = form === 'inline' && extra.colon === true && /^[\p{Lo}\p{M}]{2,}(?: [\p{Lo}\p{M}]{2,}){0,2}$/u.test(label);
  // `+44 7700 900412: Hello?`, `1:52 - +44 7700 900123`: a meeting tool names a caller who dialled
  // in by the number (after a colon, or with the time beside it).
  const phone = ((form === 'inline' && extra.colon === true) || extra.timestamp !== undefined) && PHONE_RE.test(label);
  // `SEN. ROY DEAKINS (R), OREGON`: a party after the name, then the state or role.
  let probe = label.includes('(') ? label.replace(/\s*\([\p{L}.\-–]{1,8}\)(?=\s*,)/u, '') : label;
  // `Mr. Si&ocirc;n Simon`: a web copy's HTML entity stands for a letter.
  if (probe.includes('&')) probe = probe.replace(/&(?:[a-z]{2,8}|#\d{2,5});/gi, 'o');
  // `UNIDENTIFIED PERSON #1`: broadcasters number the voices they cannot name.
  if (probe.includes('#')) probe = probe.replace(/\s+#\d{1,3}$/, '');
  // `**washingtonpost.com:**`: a live chat's host site speaks under its own name.
  const site = (extra.colon === true || extra.markdown === true) && SITE_RE.test(label);
  if (anon === null && !email && !uncased && !phone && !site && !CHORUS_RE.test(label) && !isNameLike(probe, form === 'standalone')) return null;
  const s = start + raw.indexOf(label);
  return {
    form,
    start: s,
    end: s + label.length,
    text: label.replace(/\s+/g, ' '),
    textStart,
    colon: false,
    markdown: false,
    anon,
    weak: false,
    ...extra,
  };
}

/**
 * A label the layout itself marks (a tier, a chat header, a recorder code, `>>`), taken as written
 * without the name checks `candidate` makes: `text` at column `start`, speech from `textStart`.
 */
function layoutLabel(form: LabelCandidate['form'], start: number, text: string, textStart: number, extra: Partial<LabelCandidate> = {}): LabelCandidate {
  return { form, start, end: start + text.length, text, textStart, colon: false, markdown: false, anon: null, weak: false, ...extra };
}

/** What follows the colon of an order-paper item: `Discussion`, `Motion`, `Second Stage`, `Statements (Resumed)`. */
const AGENDA_ITEM_RE = /^(?:Discussion|Motions?|Statements?|Debate|Questions|Estimates|Report|(?:First|Second|Committee|Report|Final|Remaining) Stages?)(?:\s*\((?:Resumed|Continued)\))?$/;

/** A site speaking under its own name in a live chat (`washingtonpost.com`). */
const SITE_RE = /^[a-z\d][a-z\d-]{1,40}\.(?:com|org|net|gov|edu|co\.uk|org\.uk|ac\.uk|io|news)$/;
export const PHONE_RE = /^\+\d{1,3}(?:[ -]?\(?\d{1,5}\)?){2,4}$/;
const EMAIL_RE = /^[\p{L}\d][\p{L}\d._%+-]{0,40}@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+$/u;
const QA_RE = /^(Q|A)(\.|:)?( +)(?=\S)/;
/** The questioner and an outlet of a few capitalised words: `Q – Die Presse`, `Question [inaudible] – ERR`. */
const QUESTION_OUTLET_RE = /^(Q|Question|Follow-up|Follow-Up)\s*(?:\[[^\]]{1,30}\]\s*)?[–—-]\s*((?:\p{Lu}[\p{L}\d.&'’/-]*|de|di|la|le|du|der|des|of|the|and)(?:\s+(?:\p{Lu}[\p{L}\d.&'’/-]*|de|di|la|le|du|der|des|of|the|and)){0,4})$/u;
/** `**Name:** text`, `__Name:__`, `*Name:* text` (a label in bold or italics). */
const MD_RE = /^(\*\*|__|\*(?!\s))([^*_]{1,80}?)\s*(:?)\s*\1\s*(:?)[ ]*(.*)$/;
/** The time after a Markdown label: `**Name** [00:00:00]`, `**Name** \\[00:01\\]:`. */
const MD_TS_RE = new RegExp(String.raw`^(?:\\?[\[(])(${TS})(?:\\?[\])])\s*:?\s*`);
/** `[Priya Raman] 10:02:13`, `[Priya Raman] text`: Zoom's saved captions. */
/** `[Speaker 1] [00:17] text` (an ASR export): the time may be bracketed too, and a numbered voice is a name. */
const BRACKET_NAME_RE = new RegExp(String.raw`^\[([^\]\d][^\]]{1,59})\](:)?(?:\s+\[?(${TS})\]?)?(?:\s+(?=\S)|$)`);
/** `1 Ms Priscilla Goh asked the Minister for Transport (a) how many...`: a numbered question and its asker. */
const ASKED_RE = /^(\d{1,3}\s+)((?:Mr|Mrs|Ms|Miss|Mdm|Dr|Prof|Assoc Prof|Er|Hon)\.?\s+\p{Lu}[\p{L}'’-]*(?:\s+\p{Lu}[\p{L}'’-]*){0,3})\s+(?=asked\s+(?:the\s+)?\p{Lu})/u;
/** A time before the label: `[00:01:02] Name:`, `0:07 Marcus Obi`, `0:07 - Marcus Obi` (meeting notetakers). */
const TS_PREFIX_RE = new RegExp(String.raw`^[\[(]?${TS_SPAN}[\])]?(?:\s+[-–—|])?\s+(?=\S)`);
const TITLE_WORD = String.raw`(?:Mr|Mrs|Ms|Miss|Dr|Senator|Chairman|Chairwoman|Chair|Representative|Delegate|Secretary|General|Admiral|Judge|Justice|Governor|Ambassador|Commissioner|Director|The|Madam|Acting|Vice|President|Speaker|Prime|Minister|Chancellor|Premier|Mayor|King|Queen|Prince|Princess|Foreign|Deputy|Attorney|Press|Professor|Prof|Reverend|Rev|Captain|Colonel|Lieutenant|Sergeant|Detective|Inspector|Chief|Sheriff|Lord|Lady|Baroness|Dame|Sir)\.?`;
const CAPS_NAME = String.raw`(?:Mc|Mac|Di|De|La|Le|O['’])?\p{Lu}[\p{Lu}'’-]+`;
const PERIOD_LABEL = new RegExp(
  String.raw`^((?:${TITLE_WORD}\s+){1,4}${CAPS_NAME}(?:\s+(?:${CAPS_NAME}|of\s+\p{Lu}\p{Ll}+|pro\s+tempore))*(?:\s+\([^()]{1,40}\))?)\.\s+(?=\S)`,
  'u',
);
/** GPO hearings in mixed case: `Senator Hale. Thank you.`, `The Chairman. Senator Moreno.`, `Dr. Reyes. About...` */
const PERIOD_LABEL_MIXED = new RegExp(
  String.raw`^((?:${TITLE_WORD}\s+){1,3}\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?)\.\s+(?=\p{Lu})`,
  'u',
);
/**
 * Press-conference PDFs: a name in capitals, two words or more, ending in a full stop, the speech
 * after it: `CHAIR HALVORSEN. Good afternoon.`, `LAUREN BRIGGS. Rachel.`, `MS. BRIGGS. Jeanne.`
 * A single word (`FOMC. Since January`) or initials (`U.S. economy`) is the end of a sentence.
 */
const CAPS_PERIOD_LABEL = new RegExp(
  String.raw`^((?:(?:MR|MRS|MS|DR)\.\s+)?\p{Lu}[\p{Lu}'’-]+(?:\s+(?:Mc|Mac|De|Di|La|Le|O['’])?\p{Lu}[\p{Lu}'’-]+){0,3})\.\s+(?=[\p{Lu}"“‘'(\[\d])`,
  'u',
);
const NAME_TIME_RE = new RegExp(String.raw`^(\p{Lu}[^\[\]():.?!]{0,60}?)\s+\[(${TS})\]\s+(?=\S)`, 'u');
const INLINE_RE = /^((?:[^:(\[]|\([^)]{0,70}\)|\[[^\]]{0,40}\]){1,100}?)\s*:(?: +(?=\S)|$)/;
/**
 * A forum comment header: a user handle, an optional poster marker, and the comment's age
 * (`u/pebble_and_crux · 3y ago`, `InesVauquelin_Ice OP · 3y ago`, `u/[deleted] · 3y ago`).
 */
const HANDLE_RE = /^(?:u\/)?([\p{L}\d][\p{L}\d_-]{2,29}|\[deleted\]|\[removed\])(?:\s+(?:OP|MOD|Mod))?\s+[·•]\s+(?:Edited\s+)?\d{1,3}\s*(?:y|yr|yrs|year|years|mo|mos|month|months|w|wk|wks|week|weeks|d|day|days|h|hr|hrs|hour|hours|m|min|mins|minute|minutes)\.?\s+ago(?:\s+[·•]\s+.{0,30})?$/u;
/**
 * Parliamentary verbatim reports: `Name, role. – text`, `Name (Group). – (DE) text`,
 * `President. – The debate is closed.` The name, a role or group after it, a full stop and a dash.
 */
const DASH_LABEL_RE = /^(\p{Lu}[^.–—:;?!\[\]]{0,110}?)\.\s*[–—]\s+(?=\S)/u;
const ADDRESSED_RE = /^(\d{1,3}\.\s+)?(\p{Lu}.*?)\s+(?:to|on behalf of)\s+(?:the\s+)?(\p{Lu}[\p{L}\s'’-]{2,60})$/u;
/** A recorder's source code before the words, two spaces or more after it: `HOT-1`, `RDO-2`, `GND`, `CAM-?`. */
const SOURCE_CODE_RE = /^(\p{Lu}{2,5}(?:-[\d?]{1,2})?)\s{2,}(?=\S)/u;
/** Keys of a list of people: a committee's witnesses or panel (also numbered `I`, `II`), those present. */
const PANEL_KEY_RE = /^(?:witness(?:es)?|panel(?:lists|ists)?|(?:members |also )?present|in attendance|attendees|participants|I{1,3}|IV|VI{0,3})$/i;

/**
 * Two or more people, each a name of two words or more, then perhaps a role after a comma:
 * `Dr Hannah Greaves and Professor Simon Okoro.`, `A, Role, Org; and B, Role, Org.`
 */
function namesList(text: string): boolean {
  const parts = text.replace(/[.;]\s*$/, '').split(/\s*;\s*(?:and\s+)?|\s+and\s+(?=\p{Lu})/u);
  if (parts.length < 2) return false;
  return parts.every((p) => {
    const name = p.split(',')[0].trim();
    return name.includes(' ') && isNameLike(name, false);
  });
}

const SCENE_RE = /^(?:(?:INT|EXT|INT\.?\/EXT|I\/E)\.\s+[^a-z]{2,80}|(?:CUT|DISSOLVE|SMASH CUT|MATCH CUT|FADE) TO:|FADE (?:IN|OUT)[:.]?)$/;
const ELAN_TIME = String.raw`(?:\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?|\d+\.\d{3})`;
const ELAN_ROW_RE = new RegExp(String.raw`^([^\t]{1,40})\t(${ELAN_TIME})\t${ELAN_TIME}\t(?:${ELAN_TIME}\t)?(?=\S)`);
/** Tiers that translate, gloss or comment on the speech (ELAN and CHAT names). */
const ELAN_NOTE_TIER_RE = /^(?:ft|tr|trans|translation|gloss|gls|gl|mor|pho|com|comments?|notes?|eng|xtra|act|sit|default-lt)$/i;
/** An examination's question number, perhaps marked, then a tab before `Q.`/`A.`: `12 U/T<TAB>`. */
const QNUM_PREFIX_RE = /^\d{1,4}(?:\s+(?:U\/T|U\/A|R\/F|T\/U|UT|UA|RF))?\t+(?=[QA][.:]?\s)/;
/** A committee's question number before a tab: `Q112<TAB>`. */
const QNUM_TAB_RE = /^Q\d{1,4}\.?\t$/;
const ZOOM_CHAT_RE = new RegExp(String.raw`^(${TS})\s+From\s+(\S.{0,60}?)(?:\s+to\s+(\S.{0,60}?))?\s*:(?:\s+(?=\S)|$)`);
/** `(he/him)`, `(she/her)`, `(they/them)` after a name in a meeting tool. */
const PRONOUNS_RE = /\s*\((?:he|she|they|ze|xe)\/\w+\)/gi;
/** `RK; And my mother...`: a label typed with a semicolon; only a label where the key is known. */
const SEMICOLON_RE = /^(\p{Lu}[\p{L}.'’ -]{0,30}?);\s+(?=\S)/u;

/**
 * Finds the label a line would carry if it were a turn start. `s` is the line with spaces
 * normalised; `at` is where its content starts. Returns null when no label form fits.
 */
export function findLabel(s: string, at: number, end: number, raw?: string): LabelCandidate | null {
  // Fast exit for the common case, a long line of speech: labels are short, or end in a colon early.
  const c0 = s.charCodeAt(at);
  const tabAt = raw === undefined ? -1 : raw.indexOf('\t', at);
  // (Nor a name with a Q or A far to its right: `Rebecca Osei<spaces>Q`.)
  const marker = end - at > 5 && s.charCodeAt(end - 2) === 32 && (s.charCodeAt(end - 1) === 81 || s.charCodeAt(end - 1) === 65);
  if (end - at > 100 && c0 !== 81 && c0 !== 65 && c0 !== 42 && c0 !== 95 && c0 !== 91 && c0 !== 40 && !(c0 >= 48 && c0 <= 57) && !(tabAt >= 0 && tabAt - at <= 32) && !marker) {
    const colon = s.indexOf(':', at);
    const period = s.indexOf('. ', at);
    if ((colon < 0 || colon - at > 120) && (period < 0 || period - at > 60)) return null;
  }
  let content = s.slice(at, end);
  // `>> MAYOR TRAN: text` (caption copies): the chevron marks a speaker change; with no name after
  // it, an unnamed speaker starts.
  if (content.startsWith('>>')) {
    const skip = /^>>\s*/.exec(content)![0].length;
    if (skip === content.length) return null;
    const named = findLabel(s, at + skip, end, raw);
    if (named && named.form === 'inline') return named;
    return layoutLabel('dash', at, '>>', at + skip);
  }
  // `> **Q (@mira-t):** text`: a bold label inside a Markdown block quote (a plain `> Retry: 3/3`
  // quotes what someone wrote).
  if (content.startsWith('> ')) {
    const skip = /^>\s+/.exec(content)![0].length;
    const quoted = skip < content.length ? findLabel(s, at + skip, end, raw) : null;
    return quoted && quoted.form === 'inline' && quoted.markdown ? quoted : null;
  }
  // `<b>Jane Smith:</b> text`, `<strong>Q:</strong>`: a web page's bold, copied with its tags.
  const hb = content.charCodeAt(0) === 60 ? /^<(b|strong)>([^<]{1,80}?)\s*(:?)\s*<\/\1>\s*(:?)[ ]*(.*)$/i.exec(content) : null;
  if (hb) {
    const colon = hb[3] === ':' || hb[4] === ':';
    if (!colon) return null;
    const restAt = at + content.length - hb[5].length;
    return candidate(hb[5].length === 0 ? 'standalone' : 'inline', hb[2], at + hb[1].length + 2, hb[5].length === 0 ? -1 : restAt, { colon, markdown: true });
  }
  // Each form below is tried only when the line holds the character it cannot do without.
  const hd = content.includes('·') || content.includes('•') ? HANDLE_RE.exec(content) : null;
  if (hd) {
    const s0 = at + hd[0].indexOf(hd[1]);
    // The thread's original poster (`OP`) is the one the comments are put to.
    const op = /\sOP\s/.test(hd[0]);
    return layoutLabel('standalone', s0, hd[1], -1, { handle: true, ...(op ? { part: 'answerer' as const } : {}) });
  }
  // `Q.` or `A.` alone on its line, the speech below (arbitration and some court layouts).
  if (/^[QA][.:]$/.test(content)) {
    const isQ = content[0] === 'Q';
    return { form: 'qa', start: at, end, text: content, textStart: -1, colon: content[1] === ':', markdown: false, anon: isQ ? 'questioner' : 'answerer', weak: false };
  }
  // `12 U/T<TAB>Q.<TAB>Will you undertake...`: an examination's question number (and an undertaking,
  // under-advisement or refusal mark) before the `Q.`.
  const qn = c0 >= 48 && c0 <= 57 && raw !== undefined && tabAt > at ? QNUM_PREFIX_RE.exec(raw.slice(at, end)) : null;
  if (qn) {
    const inner = findLabel(s, at + qn[0].length, end, raw);
    if (inner && inner.form === 'qa') return inner;
  }
  // `Q – Die Presse`, `Question [inaudible] – ERR` alone on a line: the questioner, then the outlet.
  const qo = (c0 === 81 || c0 === 70) && (content.includes('–') || content.includes('—') || content.includes(' - ')) ? QUESTION_OUTLET_RE.exec(content) : null;
  if (qo) return { form: 'standalone', start: at, end: at + qo[1].length, text: qo[1], textStart: -1, colon: false, markdown: false, anon: 'questioner', weak: false };
  // Q. / A. / Q<nbsp><nbsp> (depositions, briefings).
  const qa = QA_RE.exec(content);
  if (qa) {
    const punct = qa[2] ?? '';
    // A tab after `Q`/`A` (trial transcripts) separates as clearly as several spaces.
    const spaces = raw !== undefined && raw.charCodeAt(at + 1 + punct.length) === 9 ? 2 : qa[3].length;
    const isQ = qa[1] === 'Q';
    if (punct !== '' || spaces >= 2 || isQ) {
      return {
        form: 'qa',
        start: at,
        end: at + 1 + punct.length,
        text: qa[1] + punct,
        textStart: at + qa[0].length,
        colon: punct === ':',
        markdown: false,
        anon: isQ ? 'questioner' : 'answerer',
        weak: punct === '' && spaces < 2,
      };
    }
  }
  // ELAN's tab-delimited export: tier, begin, end (and duration), the annotation. A tier named
  // `type@participant` (`tx@MG`) is that participant's; translation, gloss and comment tiers are
  // not speech.
  const elan = raw !== undefined && tabAt > at ? ELAN_ROW_RE.exec(raw.slice(at, end)) : null;
  if (elan) {
    const tier = elan[1].trim();
    const at2 = tier.lastIndexOf('@');
    const who = at2 > 0 ? tier.slice(at2 + 1) : tier;
    if (ELAN_NOTE_TIER_RE.test(at2 > 0 ? tier.slice(0, at2) : tier) || who === '') return null;
    const s0 = at + (at2 > 0 ? at2 + 1 : 0);
    return layoutLabel('inline', s0, who, at + elan[0].length, { timestamp: elan[2] });
  }
  // Table layouts: a short label, a tab, the speech (`DC2291<TAB>Can you state...`, `CL<TAB>Hello,
  // good morning`, `A;<TAB>No comment.`). A key row (`CL<TAB>Cordelia Lindqvist`) is no label.
  // (Not a committee's question number before the label: `Q112<TAB>Chair: Good morning`.)
  if (raw !== undefined && tabAt >= 0 && tabAt - at <= 32 && !QNUM_TAB_RE.test(raw.slice(at, tabAt + 1))) {
    const tab = tabLabel(s, raw, at, end);
    if (tab !== undefined) return tab;
  }
  // **Name:** text, **Name**: text, **Name** [00:00:00]
  const md = MD_RE.exec(content);
  if (md) {
    const inner = md[2];
    const colon = md[3] === ':' || md[4] === ':';
    let rest = md[5];
    let restAt = at + content.length - rest.length;
    let ts: string | undefined;
    const tsm = MD_TS_RE.exec(rest);
    if (tsm) {
      ts = tsm[1];
      rest = rest.slice(tsm[0].length);
      restAt += tsm[0].length;
    }
    const inner2 = stripTimestamp(inner);
    ts = ts ?? inner2.ts;
    if (rest.length === 0) {
      // `**SUDAN**` alone is a Markdown heading; a label needs its colon or a timestamp.
      if (!colon && ts === undefined) return null;
      return candidate('standalone', inner2.label, at + md[1].length + Math.max(0, inner.indexOf(inner2.label)), -1, { colon, markdown: true, timestamp: ts });
    }
    if (colon || ts !== undefined) {
      return candidate('inline', inner2.label, at + md[1].length + Math.max(0, inner.indexOf(inner2.label)), restAt, { colon, markdown: true, timestamp: ts });
    }
    return null;
  }
  // `[Priya Raman] 10:02:13` (Zoom's saved captions), optionally with the speech after it.
  const br = content.charCodeAt(0) === 91 ? BRACKET_NAME_RE.exec(content) : null;
  if (br && anonymousKind(br[1]) === null && !NOTE_WORDS.test(br[1])) {
    const textStart = br[0].length === content.length ? -1 : at + br[0].length;
    // (`[Jane Smith]: text`: the colon after the bracket marks it as well as a time does.)
    if (br[3] !== undefined || br[2] !== undefined || textStart < 0) {
      const c = candidate(textStart < 0 ? 'standalone' : 'inline', br[1], at + 1, textStart, { timestamp: br[3], colon: br[2] !== undefined });
      if (c) return { ...c, bracketed: true };
    }
  }
  // Zoom's saved chat: `18:58:41 From Amara Lindqvist to Everyone:` with the message on the lines
  // below, `… to Felix Gruber(Direct Message):`, or older `10:02:13 From Priya Raman : text`. The
  // sender may be a device (`iPad (2)`); pronouns after the name are not part of it.
  const zc = content.includes('From') ? ZOOM_CHAT_RE.exec(content) : null;
  if (zc && (zc[3] !== undefined || /\s:/.test(zc[0]))) {
    const name = zc[2].replace(PRONOUNS_RE, '').trim();
    const s0 = at + zc[0].indexOf(zc[2], zc[1].length);
    const textStart = zc[0].length === content.length ? -1 : at + zc[0].length;
    return layoutLabel(textStart < 0 ? 'standalone' : 'inline', s0, name, textStart, { timestamp: zc[1], colon: true });
  }
  // [00:00:02] Name: text
  let from = 0;
  let prefixTs: string | undefined;
  const tsp = TS_PREFIX_RE.exec(content);
  if (tsp) {
    prefixTs = tsp[1];
    from = tsp[0].length;
  }
  // Hansard order-paper numbers before a member's name (`Q1. [903112] Sophie Carter (Lab)`), and the paragraph numbers of a committee record (`[12] Mr Pryce: From our point of view`).
  // So is a question number before the asker in capitals (`1.<TAB>MR TANG MAN-KIT (in Cantonese):`).
  const qnum = /^(?:Q\d{1,3}\.?\s+(?:\[\d+\]\s+)?|\d{1,3}\.\s+\[\d+\]\s+|\[\d{1,4}\]\s+|\d{1,3}\.\s+(?=(?:MR|MRS|MS|MISS|DR|PROF|IR|SHRI|SMT|HON)\.?\s+\p{Lu}{2}))(?=\p{Lu})/u.exec(content.slice(from));
  if (qnum) from += qnum[0].length;
  const rest = content.slice(from);
  // `0:00:14.1 **Adam Garrett-Harris** Welcome to BookBytes`: the time, then a name in bold.
  if (prefixTs !== undefined && rest.startsWith('**')) {
    const md2 = MD_RE.exec(rest);
    if (md2 && md2[5].length > 0) {
      const c = candidate('inline', md2[2], at + from + md2[1].length, at + from + rest.length - md2[5].length, { colon: md2[3] === ':' || md2[4] === ':', markdown: true, timestamp: prefixTs });
      if (c) return c;
    }
  }
  // `2 Mr Harish Menon asked the Minister for Transport whether...`: a parliament's report numbers
  // a question and names its asker, who asks it in the words after the name.
  if (prefixTs === undefined && from === 0 && c0 >= 48 && c0 <= 57) {
    const asked = ASKED_RE.exec(rest);
    if (asked) {
      const c = candidate('inline', asked[2], at + asked[1].length, at + asked[0].length);
      if (c) return c;
    }
  }
  // `Priya Natarajan [00:00:08] Hello and welcome`: podcast editors' exports, the time between
  // the name and the speech.
  if (prefixTs === undefined) {
    const nt = rest.includes('[') ? NAME_TIME_RE.exec(rest) : null;
    if (nt) {
      const c = candidate('inline', nt[1], at + from, at + from + nt[0].length, { timestamp: nt[2] });
      if (c) return c;
      if (isDescribedSpeaker(nt[1]) && !isHeadingLike(nt[1])) {
        const s0 = at + from;
        return { form: 'inline', start: s0, end: s0 + nt[1].length, text: nt[1].replace(/\s+/g, ' '), textStart: s0 + nt[0].length, timestamp: nt[2], colon: false, markdown: false, anon: anonymousKind(nt[1]), weak: false };
      }
    }
  }
  const dl = prefixTs === undefined && (rest.includes('–') || rest.includes('—')) ? DASH_LABEL_RE.exec(rest) : null;
  if (dl) {
    const label = dl[1].trimEnd();
    const cut = label.search(/\s*[,(]/);
    const name = cut < 0 ? label : label.slice(0, cut);
    const role = cut < 0 ? '' : label.slice(cut);
    if (
      name.split(' ').length <= 5 &&
      isNameLike(name, false) &&
      !isHeadingLike(name) &&
      anonymousKind(name) === null &&
      (role === '' || /^(?:\s*\([^()]{1,40}\))?(?:\s*,\s*[^,()]{1,60})?$/.test(role))
    ) {
      const s0 = at + from;
      return { ...layoutLabel('inline', s0, label, s0 + dl[0].length), text: label.replace(/\s+/g, ' ') };
    }
  }
  const inl = rest.includes(':') ? INLINE_RE.exec(rest) : null;
  if (inl) {
    const { label, ts } = stripTimestamp(inl[1]);
    const textStart = inl[0].length === rest.length ? -1 : at + from + inl[0].length;
    const form = textStart < 0 && prefixTs === undefined ? 'standalone' : 'inline';
    // `WITNESS: VAL-P-0112`, `Ref: DRM-4471-A`: a field holding a reference code, not speech.
    const code = textStart >= 0 && /^(?=[^\s]*\p{Lu})(?=[^\s]*\d)[\p{Lu}\d]+(?:[-/.][\p{Lu}\d]+)+$/u.test(s.slice(textStart, end));
    // `Witnesses: Dr Hannah Greaves and Professor Simon Okoro.`, `II: Fiona Hale MP, Minister...;
    // and Martin Quayle, Director...`: a committee's panel, a list of people, not speech.
    const panel = textStart >= 0 && PANEL_KEY_RE.test(label) && namesList(s.slice(textStart, end));
    if (!code && !panel && (form === 'standalone' || textStart >= 0)) {
      const c = candidate(form, label, at + from, textStart, { colon: true, timestamp: prefixTs ?? ts });
      if (c) return c;
      // Parliamentary questions, numbered or not, name whom they are put to or for whom the answer
      // is given: `1. Hon JANE DOE (Labour—Mt Albert) to the Minister of Finance:`, `Hon JOHN ROE
      // (Prime Minister) on behalf of the Minister of Housing:`. The speaker is the name before.
      const ad = textStart >= 0 && ts === undefined ? ADDRESSED_RE.exec(label) : null;
      if (ad && isNameLike(ad[3], false)) {
        const c2 = candidate('inline', ad[2], at + from + (ad[1]?.length ?? 0), textStart, { colon: true, timestamp: prefixTs });
        if (c2) return c2;
      }
      // `Mr. Gilles Duceppe (Laurier-Sainte-Marie, BQ) moved:`, the motion below: the mover speaks.
      const mv = ts === undefined ? /^(\p{Lu}.*?\))\s+moved$/u.exec(label) : null;
      if (mv) {
        const c3 = candidate(form, mv[1], at + from, textStart, { colon: true, timestamp: prefixTs });
        if (c3) return c3;
      }
    }
  }
  if (prefixTs !== undefined) {
    // Cockpit and radio transcripts: a time, a source code, the words (`14:28:03 HOT-1   okay,
    // before start`, `14:28:47 GND     Coastal four seventeen`, `CAM-?`).
    const src = SOURCE_CODE_RE.exec(rest);
    if (src) {
      const s0 = at + from;
      return layoutLabel('inline', s0, src[1], s0 + src[0].length, { timestamp: prefixTs });
    }
    // `00:00:11 Dana Whitlock` alone on its line (Word and other exports), the speech below.
    const c = rest.length <= 60 ? candidate('standalone', rest, at + from, -1, { timestamp: prefixTs }) : null;
    return c && !/[.?!,]$/.test(rest) ? c : null;
  }
  const semi = rest.includes(';') ? SEMICOLON_RE.exec(rest) : null;
  if (semi) {
    const c = candidate('inline', semi[1], at + from, at + from + semi[0].length, { colon: false });
    if (c) return { ...c, semicolon: true };
  }
  // Congressional Record and hearing style: `Mr. McCONNELL. Mr. President, ...`, `The PRESIDING OFFICER. ...`
  const per = PERIOD_LABEL.exec(rest) ?? PERIOD_LABEL_MIXED.exec(rest);
  if (per) {
    const c = candidate('inline', per[1], at + from, at + from + per[0].length, {});
    if (c) return c;
  }
  const cp = CAPS_PERIOD_LABEL.exec(rest);
  // Not `JUDGE TO MS. IBARRA-STONE` or `DIRECT EXAMINATION BY MS. X`: the full stop of a title.
  // The speech after it is in mixed case, or the capitals are speech too (`GOOD EVENING. MY NAME IS`).
  if (cp && cp[1].includes(' ') && /\p{Ll}/u.test(rest.slice(cp[0].length)) && !/\b(?:MR|MRS|MS|DR|ST|JR|SR|NO|TO|BY|FOR|OF|THE|AND|IN|ON|AT|A|AN|VS?)$|\s(?:TO|BY|FOR|AND|IN|ON|AT|VS?)\s/.test(cp[1])) {
    const c = candidate('inline', cp[1], at + from, at + from + cp[0].length, { period: true });
    if (c) return c;
  }
  // Immigration-court style, speaker and addressee: `JUDGE TO MS. IBARRA-STONE`, `JUDGE FOR THE RECORD`.
  const to = /^([\p{Lu}][\p{Lu}.'’ -]{1,40}?) (?:TO|FOR) (?:THE )?[\p{Lu}][\p{Lu}.'’ -]{1,40}$/u.exec(rest);
  if (to) {
    const c = candidate('standalone', to[1], at + from, -1, {});
    if (c) return c;
  }
  // A label alone on its line: `NATO Secretary General Mark Rutte`, `Lenny (00:52)`, `Speaker 1  0:03`.
  // One that ends a sentence (`SCHOOL ROUTES FIRST.`) is speech, whatever its case.
  if (endsLikeSentence(rest) && !/\b(?:Jr|Sr|Inc|Ltd|Co|Corp|Dr|Mr|Mrs|Ms|St)\.$/.test(rest)) return null;
  // An earnings-call transcript marks who asks and who answers at the right of the name line:
  // `Rebecca Osei<spaces>Q`, `Henrik Aalto<spaces>A`.
  const marked = /^(\S.{1,80}?)\s{3,}([QA])$/.exec(rest);
  if (marked) {
    const c = candidate('standalone', marked[1], at + from, -1, {});
    if (c) return { ...c, part: marked[2] === 'Q' ? 'questioner' : 'answerer' };
  }
  const { label, ts } = stripTimestamp(rest);
  // A chat tool's bot: `incident-bot  APP  10:41 AM` (Slack marks apps so).
  const app = ts !== undefined ? /^(\S{2,40})\s+APP$/.exec(label) : null;
  if (app) {
    const s0 = at + from;
    return layoutLabel('standalone', s0, app[1], -1, { timestamp: ts });
  }
  const c = candidate('standalone', label, at + from, -1, { timestamp: ts });
  if (c || ts !== undefined) return c;
  // `Councillor Uisdean MacLeod (Comhairle nan Eilean` / `Siar): It has been...`: a label whose
  // parenthesis a narrow column broke off; the line below closes it (the segmenter checks that).
  const open = rest.includes('(') ? /^([^()]{2,60}?)\s*\([^()]{0,60}$/.exec(rest) : null;
  if (open) {
    const c = candidate('standalone', open[1], at + from, -1, {});
    if (c) return { ...c, openParen: true };
  }
  // `Minister Grace Lim [in Mandarin, translated]`: an editorial note in brackets after the label.
  const note = /^(.*?\S)\s*\[[^\[\]]{2,40}\]$/.exec(rest);
  return note ? candidate('standalone', note[1], at + from, -1, {}) : null;
}

/**
 * `/[?!,;]$|[^.]{4}\.$/u` without trying every position of a long line: it ends in `?!,;`, or in a
 * full stop after four characters (code points) that are not full stops.
 */
export function endsLikeSentence(s: string): boolean {
  let i = s.length - 1;
  const c = s.charCodeAt(i);
  if (c === 63 || c === 33 || c === 44 || c === 59) return true;
  if (c !== 46) return false;
  for (let k = 0; k < 4; k++) {
    i--;
    if (i < 0) return false;
    const d = s.charCodeAt(i);
    if (d === 46) return false;
    if (d >= 0xdc00 && d <= 0xdfff && i > 0) {
      const h = s.charCodeAt(i - 1);
      if (h >= 0xd800 && h <= 0xdbff) i--;
    }
  }
  return true;
}

/** An officer's or staff code: `DC2291`, `DC 2291`, `PC 114`. */
export const CODE_LABEL = /^\p{Lu}{1,4} ?\d{3,6}$/u;
const TAB_LABEL_RE = /^([^\t:;.]{1,30}?)([:;]?)\t+(?=\S)/;

/**
 * A label before a tab, the speech after it: undefined when the line has no such layout (the
 * other forms decide), null for a key row (`CL<TAB>Cordelia Lindqvist`: a code and a name, no speech).
 */
function tabLabel(s: string, raw: string, at: number, end: number): LabelCandidate | null | undefined {
  const tb = TAB_LABEL_RE.exec(raw.slice(at, end));
  if (!tb) return undefined;
  const label = tb[1].trim();
  if (label.length === 0 || label.includes('  ')) return undefined;
  const textStart = at + tb[0].length;
  const text = s.slice(textStart, end);
  const code = /^\p{Lu}{1,5}$/u.test(label) || CODE_LABEL.test(label);
  // `CL<TAB>Cordelia Lindqvist`, `HA<TAB>Hendrik Aalto`: a speaker key, not a turn.
  if (code && tb[2] === '' && !endsSentence(text) && isNameLike(text, true)) return null;
  // `MV:<TAB>Thanks`: the colon forms below read it.
  if (tb[2] === ':') return undefined;
  if (!endsSentence(text) && countWords(text, 0, text.length, 6) < 6) return undefined;
  if (tb[2] === ';' && /^[QA]$/.test(label)) {
    const isQ = label === 'Q';
    return { form: 'qa', start: at, end: at + 2, text: `${label};`, textStart, colon: true, markdown: false, anon: isQ ? 'questioner' : 'answerer', weak: false };
  }
  if (tb[2] !== '' || label.split(' ').length > 4) return undefined;
  if (CODE_LABEL.test(label)) {
    return layoutLabel('inline', at, label, textStart);
  }
  return candidate('inline', label, at, textStart, { colon: false }) ?? undefined;
}

const TITLE_WORDS = String.raw`\p{Lu}[\p{L}\p{M}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{M}'’-]*|of|and|the|for|in|on|to|a|an|&))*`;
const LINK_ONLY = /^(?:<https?:\/\/[^\s>]+>|https?:\/\/\S+|!?\[[^\]]*\]\([^)\s]+\))$/;

/** A link or an image and nothing else (`<https://...>`, `![](hero.jpg)`; trimmed text). */
export function isLinkOnly(content: string): boolean {
  return LINK_ONLY.test(content);
}
const SUBJECT_HEADING = new RegExp(String.raw`^${TITLE_WORDS}—${TITLE_WORDS}$`, 'u');

/** Analyses one line. `prefix` is the width of a court-reporter line number to skip, if any. */
export function analyzeLine(line: string, prefix = 0): LineInfo {
  const s = normalizeSpaces(line);
  const start = firstNonSpace(s, prefix);
  const end = lastNonSpaceEnd(s, start);
  if (start >= end) {
    return { start, end, blank: true, noteOnly: false, heading: false, words: 0, terminal: false, lower: false, question: false, keyValue: false, cand: null };
  }
  const content = s.slice(start, end);
  let noteOnly =
    (NOTE_ONLY.test(content) && /[\p{L}\p{N}]/u.test(content)) ||
    /^(?:page\s+)?\d{1,4}$/i.test(content) ||
    // Court-filing stamps and page footers: `Case 1:23-cv-04410 Document 58-4 Filed 06/14/24 Page 1 of 4`.
    /^Case\s+(?:No\.?\s*)?\d+:\d+-[a-z]{2}-\d+/i.test(content) ||
    // Appellate docket stamps: `Case: 24-1187, 04/02/2025, DktEntry: 61.1, Page 1 of 3`.
    /^Case:?\s+\d[\d-]*,.*\bPage\s+\d+\s+of\s+\d+$/i.test(content) ||
    /^(?:-\s*)?Page\s+\d+\s+of\s+\d+(?:\s*-)?$/i.test(content) ||
    // A PDF's running header or footer: page numbers either side of a date or title, set apart by
    // wide gaps (`3                4 MARCH 2025                4`).
    /^\d{1,4}\s{3,}[^\s\p{Ll}].{0,80}?\S\s{3,}\d{1,4}$/u.test(content) ||
    // A link or an image alone on its line (`<https://...>`, `![](hero.jpg)`): nobody says it.
    isLinkOnly(content);
  // Rules (`---`, `* * *`) and comments (`<!-- transcript-lint-disable ... -->`) are not speech.
  // So are dotted separators (`.....`, earnings-call transcripts between turns).
  const rule = /^(?:[-*_=~#]\s*){3,}$/.test(content) || /^(?:\.\s*){5,}$/.test(content) || /^<!--.*-->$/.test(content);
  // Screenplay scene headings and transitions (`INT. BROADCAST BOOTH - NIGHT`, `CUT TO:`) direct the
  // production; nobody says them.
  const mdHeading = /^#{1,6}\s/.test(content) || SCENE_RE.test(content);
  let cand = rule || mdHeading ? null : findLabel(s, start, end, line);
  // `Cost Rental Housing: Discussion`, `Planning Bill: Second Stage`: an order-paper item, not a speaker.
  const agendaItem = cand !== null && cand.form === 'inline' && cand.colon && AGENDA_ITEM_RE.test(s.slice(cand.textStart, end));
  if (agendaItem) cand = null;
  if (noteOnly && !cand?.bracketed) cand = null;
  if (cand?.bracketed) noteOnly = false;
  const words = countWords(content, 0, content.length, 12);
  const terminal = endsSentence(content);
  const heading =
    rule ||
    mdHeading ||
    agendaItem ||
    (cand === null && !noteOnly && content.endsWith(':') && words <= 8 && !/[.?!]/.test(content.slice(0, -1))) ||
    // `Asked by`, `Presented by` on a line of its own, the name on the next: an introducing line.
    (cand === null && !noteOnly && /^\p{Lu}\p{Ll}+ed by$/u.test(content)) ||
    // Hansard subject headings: `Economy—Statements`, `Health—Emergency Department Wait Times`.
    (cand === null && !noteOnly && words <= 10 && SUBJECT_HEADING.test(content));
  return {
    start,
    end,
    blank: false,
    noteOnly: noteOnly || rule,
    heading,
    words,
    terminal,
    lower: startsLower(content),
    question: content.includes('?'),
    keyValue: /^\p{Lu}\p{Ll}+:\s/u.test(content),
    cand,
  };
}
