/**
 * What a speaker label says: is it name-like at all, who is it (name tokens, honorific, role),
 * and is it one of the anonymous labels (`Question`, `Q.`, `A.`).
 *
 * No list of people's names is used anywhere: only the vocabulary of titles and roles, honorifics,
 * name particles, and the words of headings and web furniture that are never names.
 */

import { collapseSpaces } from './text.ts';
import { isSlip } from './slips.ts';

/** Honorifics that stand before a name. */
const HONORIFICS = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'lord', 'lady', 'hon', 'rev', 'fr', 'messrs', 'he', 'hh',
  'mme', 'mlle', 'herr', 'frau', 'sr', 'sra', 'srta', 'dott', 'baroness', 'viscount', 'viscountess',
  'shri', 'sri', 'smt', 'shrimati', 'kumari',
]);

/** Lower-case particles that may appear inside names and titles. */
const PARTICLES = new Set([
  'of', 'the', 'and', 'for', 'de', 'da', 'di', 'du', 'del', 'della', 'der', 'den', 'van',
  'von', 'la', 'le', 'les', 'y', 'e', 'al', 'el', 'bin', 'ibn', 'dos', 'das', 'do', 'ter', 'ten', 'zu', 'af', '&',
  'st', 'via', 'ap', 'ab', 'ferch',
]);

/** Words of titles and functions. A label made only of these names a role, not a person. */
const ROLE_WORDS = new Set([
  'secretary', 'general', 'president', 'vice', 'minister', 'prime', 'deputy', 'chancellor', 'spokesperson',
  'spokesman', 'spokeswoman', 'press', 'ambassador', 'senator', 'sen', 'representative', 'rep', 'congressman',
  'congresswoman', 'governor', 'gov', 'mayor', 'chair', 'chairman', 'chairwoman', 'chairperson', 'convener',
  'convenor', 'director', 'commissioner', 'admiral', 'adm', 'colonel', 'col', 'captain', 'capt', 'lieutenant',
  'lt', 'sergeant', 'sgt', 'major', 'judge', 'justice', 'attorney', 'counsel', 'witness', 'moderator', 'host',
  'co-host', 'cohost', 'interviewer', 'interviewee', 'reporter', 'journalist', 'correspondent', 'operator',
  'clerk', 'officer', 'chief', 'executive', 'ceo', 'cfo', 'coo', 'cto', 'member', 'king', 'queen', 'prince',
  'princess', 'pope', 'foreign', 'defence', 'defense', 'state', 'high', 'adviser', 'advisor', 'coordinator',
  'administrator', 'presiding', 'speaker', 'interpreter', 'translator', 'narrator', 'announcer', 'anchor',
  'presenter', 'panelist', 'panellist', 'guest', 'participant', 'investigator', 'examiner', 'professor',
  'commander', 'marshal', 'provost', 'dean', 'principal', 'inspector', 'superintendent', 'detective',
  'solicitor', 'barrister', 'lawyer', 'advocate', 'prosecutor', 'defendant', 'plaintiff', 'claimant',
  'appellant', 'suspect', 'victim', 'arbitrator', 'mediator', 'referee', 'umpire', 'caller', 'unidentified', 'unknown', 'male', 'female', 'man', 'woman', 'voice', 'crowd', 'audience',
  'protester', 'protestor', 'student', 'resident', 'spectator', 'constable', 'master', 'pro', 'tempore',
  'ceann', 'comhairle', 'cathaoirleach', 'llywydd', 'taoiseach', 'tánaiste', 'dc', 'ds', 'di', 'dci', 'pc', 'sgt', 'insp', 'det', 'mp', 'msp', 'mep', 'mla', 'senior', 'assistant', 'associate', 'head',
  'leader', 'whip', 'cabinet', 'envoy', 'special', 'under', 'acting', 'first', 'lady', 'emir', 'sheikh',
  'sultan', 'premier', 'taoiseach', 'tánaiste', 'magistrate', 'coroner', 'bailiff', 'registrar', 'auditor',
  'treasurer', 'comptroller', 'surgeon', 'nurse', 'doctor', 'agent', 'staff', 'court', 'foreign',
  'affairs', 'economic', 'security', 'interior', 'justice', 'finance', 'health', 'education', 'trade',
  'coach', 'pastor', 'rabbi', 'imam', 'bishop', 'cardinal', 'trooper', 'sheriff', 'councillor', 'councilor',
  'councilman', 'councilwoman', 'councilmember', 'alderman', 'alderwoman', 'delegate', 'assemblyman',
  'assemblywoman', 'assemblymember', 'chairperson-in-office', 'secretary-general', 'vice-president', 'vice-chair',
  'official',
]);

/** Words that make a short line a heading or web furniture rather than a speaker. */
const NOT_SPEAKER_WORDS = new Set([
  'statement', 'statements', 'remarks', 'introduction', 'intro', 'outro', 'wrap-up', 'transcript', 'transcripts', 'summary', 'agenda', 'contents',
  'conference', 'briefing', 'session', 'meeting', 'committee', 'item', 'part', 'chapter', 'section',
  'appendix', 'index', 'news', 'release', 'video', 'videos', 'photo', 'photos', 'audio', 'related', 'share',
  'print', 'menu', 'home', 'search', 'contact', 'language', 'loading', 'subscribe', 'newsletter', 'register',
  'login', 'logout', 'sign', 'account', 'password', 'cookies', 'cookie', 'privacy', 'terms', 'skip',
  'navigation', 'top', 'previous', 'next', 'page', 'continue', 'reading', 'download', 'downloads', 'follow',
  'tags', 'topics', 'categories', 'copyright', 'rights', 'reserved', 'episode', 'show', 'notes', 'links',
  'references', 'sponsors', 'chapters', 'timestamps', 'table', 'figure', 'exhibit', 'examination',
  'cross-examination', 'direct', 'redirect', 'recross', 'proceedings', 'adjourned', 'recess', 'end',
  'begin', 'beginning', 'continued', 'questions', 'answers', 'q&a', 'highlights', 'background', 'overview',
  'update', 'updates', 'opening', 'closing', 'welcome', 'thanks', 'acknowledgements', 'abstract', 'keywords',
  'date', 'time', 'location', 'venue', 'source', 'sources', 'published', 'updated', 'posted', 'by',
  'minutes', 'hearing', 'hearings', 'debate', 'debates', 'speech', 'speeches', 'committees', 'motions', 'votes', 'bills', 'interview', 'podcast', 'event', 'events',
  'delivered', 'check', 'against', 'embargoed', 'embargo', 'issued', 'english', 'français', 'deutsch',
  'español', 'verification', 'code', 'email', 'inbox', 'newsletters', 'back', 'more', 'read', 'listen',
  'watch', 'play', 'pause', 'view', 'all', 'comments', 'comment', 'reply', 'like', 'tweet', 'facebook',
  'twitter', 'linkedin', 'whatsapp', 'instagram', 'youtube', 'rss', 'feed', 'subscribe', 'advertisement',
  'sponsored', 'content', 'main', 'footer', 'header', 'sidebar', 'breadcrumb', 'jingle', 'music',
  'applause', 'laughter', 'silence', 'pause', 'break', 'intermission', 'multimedia', 'note', 'notes',
  'paper', 'budget', 'report', 'bill', 'amendment', 'clause', 'schedule', 'slide', 'title', 'option', 'step',
  'first', 'second', 'third', 'fourth', 'fifth', 'finally', 'lastly', 'firstly', 'secondly', 'thirdly',
  'restricted', 'confidential', 'classified', 'unclassified', 'draft', 'exhibit', 'tape', 'side',
  // Production cues in broadcast scripts and transcripts (`FX:`, `CLIP:`, `OUT:`, `SIGNATURE TUNE`, `ENDS`).
  'fx', 'sfx', 'clip', 'dur', 'out', 'ends', 'tune', 'actuality', 'archive', 'sting', 'vox',
  'guests', 'hosts', 'panelists', 'panellists', 'participants', 'speakers', 'attendees', 'present', 'cast',
  'moderators', 'interviewers', 'apologies', 'absent', 'chairs', 'items',
  'editor', "editor's", 'signed', 'signature', 'correction', 'volume', 'disclaimer', 'attachment', 'attachments', 'photograph', 'caption',
  // The header of an e-mail quoted or read into the record (`Re: Shipment 4471`, `From: Dana Kohl`).
  're', 'fwd', 'fw', 'subject', 'cc', 'bcc', 'sent', 'from', 'attn',
  // A court record's front matter (`APPEARANCES:`, `BEFORE:`, `CERTIFICATE`, `EXHIBITS`).
  'appearances', 'before', 'exhibits', 'witnesses', 'stipulations', 'certificate', 'certification', 'attendance',
  // The parties named in a case caption (`Petitioners  :`, `Respondents.`).
  'petitioners', 'respondents', 'plaintiffs', 'defendants', 'appellants', 'appellees',
  // A meeting notetaker's summary headings (`Key Takeaways`, `Next Steps`, `Action Items`, `Ask Fathom`).
  'takeaways', 'purpose', 'steps', 'action', 'actions', 'decisions', 'outcomes', 'recap', 'ask',
  // Where it took place, on the line above the time (`Roosevelt Room`, `East Room`, `South Lawn`).
  'room', 'ballroom', 'auditorium', 'lawn',
]);

/** Anonymous label keywords (compared lower-case, without dots). */
const QUESTIONER_LABELS = /^(q|ques|quest|question|questions|questioner|additional question|follow-up question|further question|supplementary question|questioner \d+|audience|audience member|audience question|reporter|journalist|press|the press|unidentified reporter|unidentified journalist|interviewer|int|i|iv|member of the audience|caller|correspondent|questioner \w+|student|audience participant)$/;
const ANSWERER_LABELS = /^(a|ans|answer|the witness|witness|respondent|interviewee|the deponent|deponent|r|ie)$/;

/** Roles whose holder runs the proceedings; their turns are `other`. */
const MODERATOR_ROLES = /\b(moderator|judge|chair|chairman|chairwoman|chairperson|convener|convenor|presiding|the speaker|mr speaker|madam speaker|deputy speaker|the clerk|host of the event|operator|master of ceremonies|mc|ceann comhairle|cathaoirleach|leas-cheann comhairle|llywydd|hon\.? speaker)\b/i;
/** Roles that ask the questions. */
const QUESTIONER_ROLES = /\b(interviewer|reporter|journalist|correspondent|questioner|examiner|investigator|experimenter|clinician|counsel for|examining|anchor|analyst|presenter)\b/i;
/** Roles that answer them. */
const ANSWERER_ROLES = /\b(witness|interviewee|respondent|deponent|subject|participant|target child|patient)\b/i;

export type Anonymous = 'questioner' | 'answerer' | null;

export interface LabelAnalysis {
  /** The label, spaces collapsed. */
  text: string;
  /** Name tokens, lower-case, dots removed (`['mark','rutte']`). Empty for pure roles. */
  nameTokens: string[];
  /** Name as written (`Mark Rutte`, `PSAKI`). */
  name: string;
  /** Role or affiliation as written (`NATO Secretary General`). */
  role: string;
  honorific: string;
  anonymous: Anonymous;
  /** What this label implies about the speaker's part, from anonymous keywords and role words. */
  part: 'questioner' | 'answerer' | 'moderator' | 'speaker';
}

function tokenKey(t: string): string {
  return t.toLowerCase().replace(/[.,]/g, '');
}

/** Whether a token can stand in a name or a title. */
function nameToken(t: string): 'cap' | 'upper' | 'particle' | 'honorific' | 'number' | null {
  const k = tokenKey(t);
  if (HONORIFICS.has(k) && /^\p{Lu}/u.test(t)) return 'honorific';
  if (/^\d{1,3}$/.test(t)) return 'number';
  // A room or seat number: `Conference Room 4B`.
  if (/^\d{1,3}\p{Lu}$/u.test(t)) return 'number';
  // Speaker codes: `P1`, `Int2`, `Speaker1`, `SPK3`.
  if (/^\p{Lu}\p{L}{0,9}[-_]?\d{1,3}$/u.test(t)) return 'cap';
  if (PARTICLES.has(k) && t === t.toLowerCase()) return 'particle';
  // Capitalised word, with inner apostrophes, hyphens, dots (initials) and mixed case (McDonald).
  if (/^(\p{Lu}[\p{L}\p{M}'’\-.]*|\p{Lu}\.)$/u.test(t)) {
    return /\p{Ll}/u.test(t) ? 'cap' : 'upper';
  }
  if (/^[\p{Lu}\p{Lt}][\p{L}\p{M}'’\-.]*[\p{L}.]$/u.test(t)) return 'cap';
  // A device or brand written in camel case, as video-call names are (`Carlos's iPhone`).
  if (/^\p{Ll}{1,2}\p{Lu}\p{L}+$/u.test(t)) return 'cap';
  // A name particle written in another case (`D'Alema`, `al-Sisi`).
  if (/^(d'|d’|l'|l’|al-|el-|de-|o'|o’)\p{Lu}/u.test(t)) return 'cap';
  return null;
}

/**
 * True when `s` could be a speaker label: 1-10 name-like tokens (capitalised words, ALL CAPS,
 * honorifics, name particles, small numbers as in `Speaker 2`), an optional `, Role` part and an
 * optional parenthesised affiliation. Sentences, URLs, and lines with lower-case words fail.
 */
/**
 * `Hon. (Dr.) Rahab Mwangi`, `Hon. (Ms.) Fatuma Dzombo`: a second honorific in parentheses inside
 * the name (Kenyan and other Commonwealth Hansards), read as if it were not there.
 */
export function dropInnerHonorific(s: string): string {
  return s.includes('(') ? s.replace(/(?<=\S)\s+\((?:Dr|Ms|Mrs|Mr|Prof|Eng|Amb|Rtd|Gen|Col|Capt|Maj|Rev|Sen|Arch|CPA|Hon)\.?\)(?=\s)/g, '') : s;
}

function isNameLikeUncached(raw: string, allowLowerTitle: boolean): boolean {
  const s = dropInnerHonorific(collapseSpaces(raw));
  if (s.length === 0 || s.length > 200) return false;
  if (/\p{Ll}{3,}\.$/u.test(s)) return false; // ends a sentence
  if (!/^[\p{Lu}\p{Lt}\d(]/u.test(s)) return false;
  // Affiliations in parentheses (`Jane Smith (Glasgow) (Lab)`), and `pro tempore`.
  let body = s.replace(/(?:\s*\([^()]{1,60}\)){1,3}\s*$/u, '').replace(/ pro tempore$/i, '');
  body = body.replace(/^\([^()]{1,50}\)\s*/u, '');
  if (body.length === 0 || body.length > (body.includes(',') ? 90 : 70)) return false;
  // `SPEAKER_01` (diarisation pipelines): an underscore inside a speaker code is allowed.
  if (/[()?!;<>=@#/\\|{}[\]"“”*_~^$%]/.test(body.replace(/(?<=\p{Lu})_(?=\d{1,3}\b)/gu, ''))) return false;
  // `Karen Liu -- Vice President, Investor Relations`, `Priya Raman - Morgan Stanley`.
  const parts = body.split(/\s*,\s*|\s+(?:--|[-–—])\s+/);
  if (parts.length > 4) return false;
  let total = 0;
  let letters = 0;
  let strictParts = 0;
  let looseParts = 0;
  for (let pi = 0; pi < parts.length; pi++) {
    const part = parts[pi];
    if (part.length === 0) return false;
    const toks = part.split(' ');
    // `Dr Malik Osei, infectious diseases physician`: a description in lower case after a clean
    // name of two words or more.
    if (allowLowerTitle && pi > 0 && strictParts === pi && parts[0].includes(' ') && toks.length <= 4 && !PARTICLES.has(toks[0]) && !PARTICLES.has(toks[toks.length - 1])) {
      if (toks.every((t) => /^\p{Ll}[\p{Ll}'’-]*$/u.test(t) && !NOT_IN_TITLES.has(t) && !CAPS_SPEECH_WORDS.has(t))) {
        looseParts++;
        total += toks.length;
        continue;
      }
    }
    let particles = 0;
    let lower = 0;
    let caps = 0;
    for (let i = 0; i < toks.length; i++) {
      // `STAFF IS RECOMMENDING WE PRIORITIZE`: pronouns and verbs are speech in any case.
      if (toks.length > 1 && !/\p{Ll}/u.test(toks[i]) && CAPS_SPEECH_WORDS.has(toks[i].toLowerCase())) return false;
      const kind = nameToken(toks[i]);
      if (kind === null) {
        // A lower-case word is allowed only in a title beside a clean name:
        // `Tomas Berg, Prime Minister of the host nation`.
        if (!/^\p{Ll}[\p{L}'’-]*$/u.test(toks[i]) || NOT_IN_TITLES.has(toks[i]) || i === 0) return false;
        lower++;
      } else if (kind === 'particle') {
        if (i === 0 && part === parts[0]) return false;
        particles++;
      } else if (kind !== 'number') {
        letters++;
        caps++;
      }
      total++;
    }
    if (lower > 0 && (!allowLowerTitle || lower > caps)) return false;
    if (lower > 0) looseParts++;
    else {
      // `Minister for Sustainability and the Environment`: an office may hold many particles.
      if (particles > 0 && particles * 2 >= toks.length && !(isRoleToken(toks[0]) && particles * 2 <= toks.length && parts.length > 1)) return false;
      if (toks.length >= 2 || parts.length === 1) strictParts++;
    }
  }
  if (looseParts > 0 && (strictParts === 0 || parts.length < 2)) return false;
  return total >= 1 && total <= 14 && letters >= 1;
}

/** In ALL CAPS text (captions), words that make a line speech: no name holds them. */
const CAPS_SPEECH_WORDS = new Set([
  'is', 'are', 'was', 'were', 'am', 'we', 'you', 'our', 'your', 'it', 'its', 'they', 'them', 'he', 'she', 'me',
  'us', 'been', 'have', 'has', 'had', 'do', 'does', 'did', 'not', 'that', 'this', 'what', 'why', 'how', 'when',
  'where', 'if', 'but', 'because', 'please', 'thank', 'thanks', 'let', 'yes',
]);

/** Words that mark a phrase as speech, not a title (`Thank you, Mr President`). */
const NOT_IN_TITLES = new Set([
  'you', 'i', 'we', 'me', 'us', 'our', 'your', 'my', 'it', 'they', 'them', 'he', 'she', 'is', 'are', 'was', 'were',
  'be', 'been', 'have', 'has', 'had', 'do', 'does', 'did', 'will', 'would', 'can', 'could', 'should', 'shall',
  'may', 'might', 'must', 'thank', 'thanks', 'please', 'let', 'yes', 'no', 'not', 'so', 'very', 'just', 'that',
  'this', 'what', 'who', 'why', 'how', 'when', 'where', 'if', 'but', 'or', 'because', 'said', 'says', 'think',
]);

/**
 * A speaker described rather than named, in sentence case: `Listener voicemail`, `Audience
 * member`, `Second caller`. Only where the layout marks the label by itself (a time after it).
 */
export function isDescribedSpeaker(raw: string): boolean {
  const toks = collapseSpaces(raw).split(' ');
  if (toks.length < 2 || toks.length > 3 || !/^\p{Lu}\p{Ll}+$/u.test(toks[0])) return false;
  return toks.slice(1).every((t) => /^\p{Ll}{2,}$/u.test(t) && !NOT_IN_TITLES.has(t) && !CAPS_SPEECH_WORDS.has(t) && !PARTICLES.has(t)) && !CAPS_SPEECH_WORDS.has(toks[0].toLowerCase()) && !NOT_IN_TITLES.has(toks[0].toLowerCase());
}

/** True when the label is made of heading or web-furniture words, so never a speaker on its own. */
const HEADING_START = new Set(['on', 'in', 'at', 'about', 'towards', 'toward', 'why', 'how', 'what', 'when', 'where', 'from', 'into', 'beyond', 'after', 'before', 'during', 'part', 'chapter', 'section']);
/** Role words that name a person (not adjectives such as `press`, `general`, `state`). */
const PERSON_TITLES = new Set([
  'secretary', 'president', 'minister', 'chancellor', 'spokesperson', 'spokesman', 'spokeswoman', 'ambassador',
  'senator', 'representative', 'governor', 'mayor', 'chair', 'chairman', 'chairwoman', 'chairperson', 'convener',
  'director', 'commissioner', 'judge', 'justice', 'attorney', 'counsel', 'witness', 'moderator', 'host',
  'interviewer', 'reporter', 'journalist', 'correspondent', 'operator', 'clerk', 'officer', 'chief', 'member',
  'speaker', 'presenter', 'guest', 'advisor', 'adviser', 'coordinator', 'administrator', 'inspector', 'detective',
]);

/** Several people at once: `Some hon. members`, `Several participants`, `All members`, `Other voices`. */
export const CHORUS_RE = /^(?:some|several|many|other|all|various)\s+(?:hon(?:ou?rable)?\.?\s+)?(?:members|participants|voices|delegates|senators|students|children|panel(?:l)?ists|councill?ors|people|speakers|reporters|journalists)$/i;

/** A role word that names a person's office (`president`, `chancellor`; lower case), not a qualifier. */
export function isPersonTitle(token: string): boolean {
  return PERSON_TITLES.has(token);
}

function isHeadingLikeUncached(raw: string): boolean {
  // A chorus is people, whatever its words (`Several participants`); so is anyone addressed with
  // an honorific, whatever the name (`Mr. Bill Blaikie`, `Ms. Faith Summers`).
  if (CHORUS_RE.test(collapseSpaces(raw).trim())) return false;
  if (/^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Hon|Sir|Dame)\.?\s+\p{Lu}\p{Ll}/u.test(collapseSpaces(raw).trim())) return false;
  // `Shubham Rao, DD News`, `Jordan Reilly (CBC News)`: a person, then the outlet; the outlet's
  // words make no heading.
  const comma = raw.search(/[,(]/);
  if (comma > 0) {
    const who = collapseSpaces(raw.slice(0, comma)).trim().split(' ');
    if (who.length >= 2 && who.length <= 3 && who.every((t) => /^\p{Lu}\p{Ll}+(?:[-'’]\p{Lu}?\p{Ll}+)?$/u.test(t) && !NOT_SPEAKER_WORDS.has(tokenKey(t)) && !HEADING_START.has(tokenKey(t)))) {
      return false;
    }
  }
  const toks = collapseSpaces(raw)
    .replace(/[():,]/g, ' ')
    .split(' ')
    .filter((t) => t.length > 0)
    .map(tokenKey);
  if (toks.length === 0) return true;
  // `DEPARTMENT OF HEALTH AND`: a case caption broken over lines; no name ends in a conjunction.
  // (A label wrapped after its name, `Dr. Matthias Kern, Federal Minister for Digital and`, does.)
  if (toks.length > 1 && !/[,(]/.test(raw) && ['and', 'of', 'or', 'for', 'the', 'to', '&'].includes(toks[toks.length - 1])) return true;
  // `On Failure`, `Why Now`, `About the Project`: a heading starts with a preposition or a question word.
  if (toks.length > 1 && HEADING_START.has(toks[0])) return true;
  // `AF`, `DE`: initials in capitals, not the particle they spell.
  if (toks.length === 1 && /^\p{Lu}{2,3}$/u.test(collapseSpaces(raw).replace(/[():,]/g, '').trim())) return NOT_SPEAKER_WORDS.has(toks[0]);
  let roleOrName = 0;
  for (const t of toks) {
    // A heading word makes a heading, unless a person's title stands beside it (`Press Secretary`,
    // `Committee Chair`); `PRESS CONFERENCE` has none.
    // A title typed with a slip counts (`The First Minster`).
    if (NOT_SPEAKER_WORDS.has(t)) return !toks.some((x) => PERSON_TITLES.has(x) || titleSlip(x));
    if (!PARTICLES.has(t)) roleOrName++;
  }
  return roleOrName === 0;
}

/** The anonymous kind of a label, if it is one (`Question`, `QUESTION`, `Q.`, `A.`, `The Witness`). */
/** `Question (Ng Jun Hao, The Straits Times)`: a question label that names the asker and outlet. */
/**
 * A caller named with where they call from: `CALLER (MARTY, ROYAL OAK)`, `CALLER - DENISE IN
 * TAYLOR`, `Caller (Dana from Flint)`. Callers give a first name, so one word is a name here.
 */
const NAMED_CALLER = /^(caller|voicemail|listener|texter)\s*(?:\(\s*([^(),]+?)(?:\s*,\s*([^()]+)|\s+(?:from|in|of)\s+([^()]+))?\)|[-–—:]\s*(\S+(?:\s+\S+)?)\s+(?:from|in|of)\s+(.+))$/i;
const NAMED_QUESTION_PARTS = /^(question|questioner|q)\s*\(([^(),]+),([^()]+)\)$/i;

/** The asker a question or caller label names, the label's keyword, and the outlet or place. */
function namedQuestioner(text: string): { who: string; keyword: string; where: string } | null {
  const c = NAMED_CALLER.exec(text);
  if (c) {
    const who = (c[2] ?? c[5]).trim();
    const toks = who.split(' ');
    const where = (c[3] ?? c[4] ?? c[6] ?? '').trim();
    return toks.length <= 3 && isNameLike(who, false) && !toks.some(isRoleToken) ? { who, keyword: c[1], where } : null;
  }
  const m = NAMED_QUESTION_PARTS.exec(text);
  if (!m) return null;
  const who = m[2].trim();
  const toks = who.split(' ');
  return toks.length >= 2 && toks.length <= 4 && isNameLike(who, false) && !toks.some(isRoleToken) ? { who, keyword: m[1], where: m[3].trim() } : null;
}

function anonymousKindUncached(raw: string): Anonymous {
  if (namedQuestioner(collapseSpaces(raw).trim()) !== null) return null;
  const k = collapseSpaces(raw)
    .replace(/\s*\([^)]*\)\s*$/, '')
    .replace(/[.:]/g, '')
    .toLowerCase()
    .trim();
  if (QUESTIONER_LABELS.test(k) || /^(question|questions|q) (from|by) \S/.test(k)) return 'questioner';
  // `Reporter, AFP`, `Question, Dagens Nyheter`: the asker's outlet after a comma names no one.
  if (/^(?:question|questioner|reporter|journalist|correspondent|q|follow-up|additional question), [^,]{2,40}$/.test(k)) return 'questioner';
  // `QUESITON:`, `QUESTOIN:` — a slip of the anonymous label is still the anonymous label.
  if (/^[a-z]{7,9}$/.test(k) && isSlip(k, 'question')) return 'questioner';
  if (ANSWERER_LABELS.test(k)) return 'answerer';
  return null;
}

/** A person's title typed with a slip (`Ministr Lim`, `JUGDE BRANNIGAN`), before a name. */
function titleSlip(k: string): boolean {
  if (k.length < 5 || ROLE_WORDS.has(k)) return false;
  for (const w of PERSON_TITLES) if (isSlip(k, w)) return true;
  return false;
}

function isRoleToken(t: string): boolean {
  const k = tokenKey(t);
  // `Vice-President`, `Secretary-General`: a hyphenated title is a title when all its parts are.
  return ROLE_WORDS.has(k) || (k.includes('-') && k.split('-').every((p) => ROLE_WORDS.has(p)));
}

/** Splits a label into honorific, name and role. */
/** A word that qualifies a title (`Federal Chancellor`, `Regional Director`), not a first name. */
const ADJECTIVE_QUALIFIER = /^(?:Federal|National|Regional|State|Provincial|Municipal|County|City|Foreign|Finance|Justice|Health|Defence|Defense|Interior|Trade|Economy|Home|Senior|Junior|Chief|Principal|Executive|Managing|Associate|Assistant|General|Special|Permanent|Parliamentary|Presiding|Lord|Lady|Former|Interim|Incoming|Outgoing)$/;

/**
 * Titles, then a person's first and last name: `Deputy Mayor Hector Villanueva` (beside a
 * department, `Operations`, it is the person, not the role).
 */
function titledPerson(p: string): boolean {
  const toks = p.split(' ').filter((t) => t.length > 0);
  if (toks.length < 3) return false;
  const last = toks.slice(-2);
  return isRoleToken(toks[0]) && last.every((t) => /^\p{Lu}\p{Ll}/u.test(t) && !isRoleToken(t));
}

function analyzeLabelUncached(raw: string): LabelAnalysis {
  const text = collapseSpaces(raw);
  // `m.ruiz@northwind.io`: a participant named by email; the local part's words (initials left
  // out) are the name (`ruiz`, `alice chen`).
  const mail = /^([\p{L}\d._%+-]+)@[\p{L}\d-]+(?:\.[\p{L}\d-]+)+$/u.exec(text);
  if (mail) {
    const words = mail[1].split(/[._%+-]+/).filter((w) => w.length >= 2 && !/\d/.test(w));
    if (words.length > 0) {
      const name = words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ');
      return { text, nameTokens: words.map(tokenKey), name, role: '', honorific: '', anonymous: null, part: 'speaker' };
    }
  }
  // `DC 2291` and `DC2291`: one officer's code, however spaced.
  const code = /^(\p{Lu}{1,4}) ?(\d{3,6})$/u.exec(text);
  if (code) return { text, nameTokens: [`${code[1]}${code[2]}`.toLowerCase()], name: `${code[1]}${code[2]}`, role: '', honorific: '', anonymous: null, part: 'speaker' };
  const anonymous = anonymousKind(text);
  let body = dropInnerHonorific(text);
  let affiliation = '';
  let paren: RegExpExecArray | null;
  while ((paren = /\s*\(([^()]*)\)\s*$/.exec(body)) !== null && paren.index > 0) {
    // (An aside in lower case says how, not who: `(for the Minister for Transport)`, `(in Cantonese)`.)
    if (!/^\s*\p{Ll}/u.test(paren[1]) || affiliation === '' && !/\(/.test(body.slice(0, paren.index))) affiliation = affiliation ? `${paren[1].trim()}, ${affiliation}` : paren[1].trim();
    body = body.slice(0, paren.index).trim();
  }
  let name = '';
  let role = '';
  let honorific = '';
  const asker = anonymous === null ? namedQuestioner(text) : null;
  if (asker !== null) {
    // The asker is the name; the question keyword and the outlet (or where a caller calls from) are the role.
    const inner = analyzeLabelUncached(asker.who);
    // (A named caller to a phone-in talks, where a named questioner asks.)
    const part = /^(?:question|questioner|q)$/i.test(asker.keyword) ? 'questioner' : 'speaker';
    return { text, nameTokens: inner.nameTokens, name: inner.name, role: asker.where ? `${asker.keyword} (${asker.where})` : asker.keyword, honorific: inner.honorific, anonymous, part };
  }
  if (anonymous === null) {
    const parts = body.split(/\s*,\s*|\s+(?:--|[-–—])\s+/).filter((p) => p.length > 0);
    if (parts.length >= 2) {
      // `Mark Rutte, NATO Secretary General` or `Secretary General, Mark Rutte`: the role part has role words.
      const roleScore = (p: string) => p.split(' ').filter(isRoleToken).length / p.split(' ').length;
      const [a, b] = [parts[0], parts.slice(1).join(', ')];
      // `SEN. ROY DEAKINS (R), OREGON`: a party in parentheses follows a person's name; the state
      // or district after the comma is no name.
      const party = /\s*\((?:[DRI]|[DRI]-[A-Z][A-Za-z.]{1,12})\)$/.exec(a);
      if (party) {
        name = a.slice(0, party.index);
        role = b;
      } else if (parts.length === 2 && !a.includes(' ') && !b.includes(' ') && roleScore(a) === 0 && roleScore(b) === 0 && /^\p{Lu}(?:[\p{Ll}'’-]+|[\p{Lu}'’-]{2,})$/u.test(b)) {
        // `Okafor, Daniel`: surname first, as directories and meeting tools write names (not a
        // place and its state, `Arlington, Va.`).
        name = `${b} ${a}`;
      } else if (roleScore(a) > roleScore(b) && !(roleScore(b) === 0 && titledPerson(a) && !titledPerson(b))) {
        role = a;
        name = b;
      } else {
        name = a;
        role = b;
      }
    } else {
      name = body;
    }
    // Honorific in front of the name.
    const toks = name.split(' ').filter((t) => t.length > 0);
    while (toks.length > 1 && HONORIFICS.has(tokenKey(toks[0]))) honorific += (honorific ? ' ' : '') + toks.shift();
    // Title in front of the name: `NATO Secretary General Mark Rutte`, `SECRETARY BLINKEN`,
    // `President of Ukraine Volodymyr Zelenskyy`, `THE PRESIDENT`.
    const mixedCase = /\p{Ll}/u.test(name);
    let cut = 0;
    let sawRole = false;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i];
      const k = tokenKey(t);
      if (isRoleToken(t) || ((i === 0 || sawRole) && toks.length >= 2 && titleSlip(k))) {
        sawRole = true;
        cut = i + 1;
      } else if ((k === 'the' || k === 'an') && i === 0) {
        cut = i + 1;
      } else if (mixedCase && /^\p{Lu}{2,}$/u.test(t) && !(sawRole && i === toks.length - 1 && i > 0 && t.length >= 3 && /[AEIOUY]/.test(t) && !PARTICLES.has(tokenKey(toks[i - 1])))) {
        cut = i + 1; // an acronym such as NATO, UN, US (not a surname in capitals after a title: `President VASSEUR`)
      } else if (sawRole && PARTICLES.has(k) && (t === t.toLowerCase() || !mixedCase) && i + 1 < toks.length) {
        // `of Ukraine`, `for Foreign Affairs`, `OF THE REPUBLIC`: the particle (and an article) and
        // the capitalised word after it.
        let j = i + 1;
        while (j + 1 < toks.length && ['the', 'a', 'an'].includes(tokenKey(toks[j]))) j++;
        cut = j + 1;
        i = j;
      } else if (!sawRole && i < 2 && isRoleToken(toks[i + 1] ?? '') && (toks.length - i >= 4 || (i === cut && toks.length - i <= 3 && PERSON_TITLES.has(tokenKey(toks[i + 1])) && ADJECTIVE_QUALIFIER.test(toks[i])))) {
        cut = i + 1; // a qualifier before the title: `Harbour Master Tomas Lind`, `Labour Leader Jo Bell`
      } else if (!sawRole && i === 0 && toks.length >= 5 && /^\p{Lu}/u.test(toks[1]) && isRoleToken(toks[2])) {
        cut = 1; // two: `European Council President Serrão Mendes`
      } else break;
    }
    // `Speaker 2` is a name, not the title `Speaker` of person `2`.
    const rest = toks.slice(cut);
    if (sawRole && cut > 0 && (rest.length === 0 || !rest.every((t) => /^\d+$/.test(t)))) {
      const prefix = toks.splice(0, cut).join(' ');
      role = role ? `${prefix}, ${role}` : prefix;
      while (toks.length > 1 && HONORIFICS.has(tokenKey(toks[0]))) honorific += (honorific ? ' ' : '') + toks.shift();
    }
    name = toks.join(' ');
  }
  // `The Parliamentary Under-Secretary of State, Department for Transport (Lord Ashcombe of Kew)
  // (Lab)`: an office, then the holder with an honorific in parentheses.
  const office =
    name !== '' &&
    honorific === '' &&
    /^\s*\p{Lu}/u.test(affiliation) &&
    HONORIFICS.has(tokenKey(affiliation.split(/\s+/)[0])) &&
    `${role} ${name}`.split(/[\s,]+/).some((t) => PERSON_TITLES.has(tokenKey(t)) || tokenKey(t).split('-').some((p) => PERSON_TITLES.has(p)));
  if (office) {
    role = role ? `${role}, ${name}` : name;
    name = '';
  }
  if (affiliation && name === '' && anonymous === null && isNameLike(affiliation)) {
    // Hansard: `The Prime Minister (Keir Starmer)`, `ACTING CHAIR (Senator Whitfield)` name the
    // person in parentheses.
    const inner = analyzeLabelUncached(affiliation);
    if (inner.nameTokens.length > 0) {
      name = inner.name;
      if (inner.role) role = `${role} (${inner.role})`;
      if (!honorific) honorific = inner.honorific;
      affiliation = '';
    }
  }
  if (affiliation) role = role ? `${role} (${affiliation})` : affiliation;
  // An office abbreviated before a name written in mixed case (`CiO Kivisoo`, `SG Rutte`, `PM
  // Carney`): the abbreviation is the role. (Not in a name all in capitals: `MARK RUTTE`.)
  const abbr = /^(\p{Lu}[\p{Lu}\p{Ll}]{1,3})\s+(?=\p{Lu}\p{Ll})/u.exec(name);
  // (Two capitals are initials, `AJ Smith`, unless they are a common office: SG, PM, FM, VP, DG.)
  if (abbr && (abbr[1].match(/\p{Lu}/gu) ?? []).length >= 2 && (abbr[1].length >= 3 || /^(?:SG|PM|FM|VP|DG)$/.test(abbr[1])) && anonymous === null && name.split(' ').length >= 2) {
    role = role ? `${abbr[1]}, ${role}` : abbr[1];
    name = name.slice(abbr[0].length);
  }
  const nameTokens = /^\p{Lu}{2,3}$/u.test(name)
    ? [tokenKey(name)] // initials in capitals (`AF`), not the particle they spell
    : name
        .split(' ')
        .map(tokenKey)
        .filter((t) => t.length > 0 && !PARTICLES.has(t));
  let part: LabelAnalysis['part'] = 'speaker';
  if (anonymous === 'questioner') part = 'questioner';
  else if (anonymous === 'answerer') part = 'answerer';
  else if (MODERATOR_ROLES.test(role) || (nameTokens.length === 0 && MODERATOR_ROLES.test(text))) part = 'moderator';
  else if (QUESTIONER_ROLES.test(role)) part = 'questioner';
  else if (ANSWERER_ROLES.test(role) && nameTokens.length === 0) part = 'answerer';
  return { text, nameTokens, name, role, honorific, anonymous, part };
}

/**
 * Labels repeat hundreds of times in a long transcript; the answers above depend on the text
 * alone, so they are kept in small bounded caches.
 */
function memo<A, R>(fn: (a: string, b: A) => R, limit = 20000): (a: string, b: A) => R {
  const cache = new Map<string, R>();
  return (a: string, b: A) => {
    const key = b === undefined ? a : `${String(b)}\u0000${a}`;
    let r = cache.get(key);
    if (r === undefined && !cache.has(key)) {
      r = fn(a, b);
      if (cache.size >= limit) cache.clear();
      cache.set(key, r);
    }
    return r as R;
  };
}

const nameLikeMemo = memo(isNameLikeUncached);
const anonymousMemo = memo((a: string) => anonymousKindUncached(a));
const headingMemo = memo((a: string) => isHeadingLikeUncached(a));
const analyzeMemo = memo((a: string) => analyzeLabelUncached(a));

/**
 * True when `raw` could be a speaker label: 1-14 name-like tokens (capitalised words, ALL CAPS,
 * honorifics, name particles, small numbers as in `Speaker 2`), an optional `, Role` part and
 * optional parenthesised affiliations. Sentences, URLs, and lines with lower-case words fail,
 * except lower-case words in a title beside a clean name when `allowLowerTitle`.
 */
export function isNameLike(raw: string, allowLowerTitle = true): boolean {
  return nameLikeMemo(raw, allowLowerTitle);
}

/** The anonymous kind of a label, if it is one (`Question`, `QUESTION`, `Q.`, `A.`, `The Witness`). */
export function anonymousKind(raw: string): Anonymous {
  return anonymousMemo(raw, undefined);
}

/** True when the label is made of heading or web-furniture words, so never a speaker on its own. */
export function isHeadingLike(raw: string): boolean {
  return headingMemo(raw, undefined);
}

/** Splits a label into honorific, name and role. The result is shared: do not mutate it. */
export function analyzeLabel(raw: string): LabelAnalysis {
  return analyzeMemo(raw, undefined);
}
