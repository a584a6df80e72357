/**
 * Who the document says takes part, before the speech begins: `Interviewer: Joan Mercer (JM)`,
 * `Person interviewed: Callum REID`, `Other persons present: Ms P. HALLORAN (Solicitor)`,
 * `Speakers: Operator; Claire Dumont, Chief Executive Officer`, and front-matter `speakers:` lists.
 * The roster gives short labels their full names (`JM:` is Joan Mercer, `SOLICITOR:` is
 * Ms Halloran) and tells who asks in an interview.
 */

import type { SpeakerRole } from './model.ts';
import { isNameLike } from './names.ts';
import { collapseSpaces } from './text.ts';

export interface RosterEntry {
  /** The name as written (`Joan Mercer`, `Ms P. HALLORAN`). */
  name: string;
  /** A role given with it (`Solicitor`), or ''. */
  role: string;
  /** A short code the labels may use (`JM`), or ''. */
  code: string;
  /** What the key says about the part the person plays. */
  part?: SpeakerRole;
}

const QUESTIONER_KEYS = /^(interviewers?|presenters?|interviewer\(s\)|interviewed by|reporter|examiner|interviewing officers?|interviewing officer\(s\))$/i;
const ANSWERER_KEYS = /^(interviewee|interviewees|person interviewed|narrator|respondent|witness|witnesses|deponent|subject)$/i;
const MODERATOR_KEYS = /^(moderator|moderators|chair|chairs|chairperson|convener)$/i;
const OTHER_KEYS = /^(speakers?|participants?|panel|panelists|panellists|present|other persons? present|also present|attendees|cast|with|hosts?|guests?)$/i;

/** Splits on commas and semicolons outside parentheses, and on ` and ` / ` & `. */
export function splitNames(value: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of value) {
    if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    if ((ch === ',' || ch === ';') && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.flatMap((p) => p.split(/\s+(?:and|&)\s+/)).map((p) => p.trim()).filter(Boolean);
}

/** Reads one roster item: `Joan Mercer (JM)`, `DC 4471 JONES`, `Ms P. HALLORAN (Solicitor, Carrow & Finch)`. */
export function rosterItem(raw: string, part?: SpeakerRole): RosterEntry | null {
  // `DC 2291 Priya OYELARAN`: a rank and badge number the labels may use (`DC2291`, `DC 2291`).
  const badge = /^(\p{Lu}{1,4}) ?(\d{3,6})\s+\S/u.exec(collapseSpaces(raw));
  // `+44 7700 900412`: a caller on the phone, named by the number.
  if (/^\+\d{1,3}(?:[ -]?\d{1,5}){2,4}$/.test(collapseSpaces(raw))) return { name: collapseSpaces(raw), role: '', code: '', ...(part ? { part } : {}) };
  let s = collapseSpaces(raw).replace(/\s\d{3,6}\b/g, ''); // badge and staff numbers
  let code = badge ? badge[1] + badge[2] : '';
  let role = '';
  const paren = /\s*\(([^()]*)\)\s*$/.exec(s);
  if (paren) {
    const inner = paren[1].trim();
    if (/^[A-Z][A-Z.]{0,5}$/.test(inner)) code = inner.replace(/\./g, '');
    else role = inner.split(',')[0].trim();
    s = s.slice(0, paren.index).trim();
  }
  if (!isNameLike(s)) return null;
  return { name: s, role, code, ...(part ? { part } : {}) };
}

/** A `Key: value` line whose key names participants: the part the key implies and where the value starts. */
export interface RosterLine {
  key: string;
  part?: SpeakerRole;
  /** The value as written. */
  value: string;
  /** Column of the value on the line. */
  valueStart: number;
}

/** Reads one `Key: value` line whose key names participants, or null. */
export function rosterLine(s: string): RosterLine | null {
  const m = /^\s*(?:\*\*)?([A-Za-z][A-Za-z ()'’-]{1,40}?)(?:\*\*)?\s*:(?:\*\*)?\s+(.+)$/.exec(s);
  if (!m) return null;
  const key = m[1].trim();
  let part: SpeakerRole | undefined;
  if (QUESTIONER_KEYS.test(key)) part = 'questioner';
  else if (ANSWERER_KEYS.test(key)) part = 'answerer';
  else if (MODERATOR_KEYS.test(key)) part = 'moderator';
  else if (!OTHER_KEYS.test(key)) return null;
  return { key, ...(part ? { part } : {}), value: m[2], valueStart: s.length - m[2].length };
}

const LIST_KEYS = /^(?:attendees|participants|speakers|present|invited)$/i;

/** A speaker key's row: a short code, a tab, the name (`CL<TAB>Cordelia Lindqvist`). */
const KEY_ROW = /^\s*([A-Z]{1,5}|[A-Z]{1,4} ?\d{3,6})\t+(\S[^\t]*?)\s*$/;

/** Reads `Key: value` lines in `[from, to)` whose key names participants, and speaker-key rows. */
export function rosterFromLines(line: (i: number) => string, from: number, to: number): RosterEntry[] {
  const out: RosterEntry[] = [];
  for (let i = from; i < to; i++) {
    const key = KEY_ROW.exec(line(i));
    if (key && isNameLike(key[2])) {
      out.push({ name: key[2], role: '', code: key[1].replace(/\s/g, '') });
      continue;
    }
    // `Attendees` alone on its line, the names on the next (meeting-notes exports).
    if (LIST_KEYS.test(line(i).trim()) && i + 1 < to) {
      const items = splitNames(line(i + 1));
      const entries = items.map((item) => rosterItem(item)).filter((e): e is RosterEntry => e !== null);
      if (items.length >= 2 && entries.length === items.length) {
        // `Dana Whitcomb, ..., Dana`: a short form beside the full name is the same person.
        const words = (e: RosterEntry) => e.name.toLowerCase().split(/\s+/);
        out.push(...entries.filter((e) => !entries.some((o) => o !== e && words(o).length > words(e).length && words(e).every((w) => words(o).includes(w)))));
        i++;
        continue;
      }
    }
    const r = rosterLine(line(i));
    if (!r) continue;
    for (const item of splitNames(r.value)) {
      const e = rosterItem(item, r.part);
      if (e) out.push(e);
    }
  }
  return out;
}
