/** Small character and word helpers shared by the parser. Pure functions over strings. */

/** White space as transcripts use it: ASCII blanks plus no-break and typographic spaces. */
export function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 0xa0 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 11 ||
    c === 12
  );
}

// eslint-disable-next-line no-control-regex
const ODD_SPACE = /[\t\u000b\u000c\u00a0\ufeff\u2000-\u200b\u202f\u205f\u3000]/g;

/** Replaces every kind of space with U+0020, keeping the length (so columns stay valid). */
export function normalizeSpaces(s: string): string {
  // Most lines hold none: look first (a plain loop), replace only when there is one.
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || (c > 32 && c < 0xa0)) continue;
    if (isSpaceCode(c)) return s.replace(ODD_SPACE, ' ');
  }
  return s;
}

/** First column that is not a space, or `s.length`. */
export function firstNonSpace(s: string, from = 0): number {
  let i = from;
  while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++;
  return i;
}

/** One past the last column that is not a space, or `from`. */
export function lastNonSpaceEnd(s: string, from = 0): number {
  let i = s.length;
  while (i > from && isSpaceCode(s.charCodeAt(i - 1))) i--;
  return i;
}

/** Collapses runs of spaces of any kind to one space and trims. */
export function collapseSpaces(s: string): string {
  return normalizeSpaces(s).replace(/ {2,}/g, ' ').trim();
}


const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** True when the UTF-16 code unit starts a letter or digit (ASCII fast path). */
function wordCode(c: number, s: string, i: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  // General punctuation (dashes, curly quotes, ellipsis, odd spaces): never a letter.
  if (c >= 0x2000 && c <= 0x206f) return false;
  if (c >= 0xd800 && c <= 0xdbff) return LETTER_OR_DIGIT.test(s.slice(i, i + 2));
  return LETTER_OR_DIGIT.test(s[i]);
}

/** ASCII classes for `countWords`: 1 letter or digit, 2 a joiner inside a word (`'`, `-`, `.`). */
const WORD_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  WORD_CLASS[c] = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) ? 1 : c === 39 || c === 45 || c === 46 ? 2 : 0;
}

/**
 * Number of words: runs of letters or digits, with inner apostrophes, hyphens and dots
 * (`don't`, `step-by-step`, `U.S.` count once). A hand loop: this runs over every line.
 */
export function countWords(s: string, from = 0, to = s.length, limit = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const k = c < 128 ? WORD_CLASS[c] : wordCode(c, s, i) ? 1 : c === 0x2019 ? 2 : 0;
    if (k === 1) {
      if (!inWord) {
        if (++n >= limit) return n;
        inWord = true;
      }
    } else if (k === 2 && inWord && i + 1 < to && wordCode(s.charCodeAt(i + 1), s, i + 1)) {
      // joiner inside a word
    } else inWord = false;
  }
  return n;
}


/** True when the string ends like a sentence (or a clause a speaker trails off on). */
export function endsSentence(s: string): boolean {
  // A backward scan, not a regex: a long run of spaces must not cost quadratic time.
  let i = s.length - 1;
  while (i >= 0) {
    const c = s.charCodeAt(i);
    if (isSpaceCode(c) || c === 42 /* * */ || c === 95 /* _ */) i--;
    else break;
  }
  return i >= 0 && '.?!…:;,"”’)]\u2014\u2013-'.includes(s[i]);
}

/** True when the first letter of the string is lower case. */
export function startsLower(s: string): boolean {
  const m = /\p{L}/u.exec(s);
  return m !== null && m[0] !== m[0].toUpperCase() && m[0] === m[0].toLowerCase();
}

/**
 * Proper-cases a name written in capitals: `MS. PSAKI` -> `Ms. Psaki`, `Mr. McCONNELL` ->
 * `Mr. McConnell`, `The PRESIDING OFFICER` -> `The Presiding Officer`. In mixed-case text a
 * leading acronym (`NATO Secretary General`) is kept.
 */
export function properCase(s: string): string {
  const toks = s.split(/(\s+)/);
  const anyLower = /\p{Ll}/u.test(s);
  let seenMixed = false;
  return toks
    .map((t, i) => {
      if (i % 2 === 1) return t;
      const caps = /^(Mc|Mac|O['’]|D['’])?(\p{Lu}[\p{Lu}'’.\-]*)$/u.exec(t);
      const convert = caps !== null && /\p{Lu}{2}/u.test(caps[2]) && (!anyLower || seenMixed || caps[1] !== undefined);
      if (/\p{Ll}/u.test(t)) seenMixed = true;
      if (!convert) return t;
      const prefix = caps![1] ?? '';
      const body = caps![2].toLowerCase().replace(/(^|[\-'’.])(\p{L})/gu, (_m, p: string, c: string) => p + c.toUpperCase());
      return prefix + body;
    })
    .join('');
}

/** A URL-safe slug: `Mark Rutte` -> `mark-rutte`. */
export function slug(s: string): string {
  const base = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return base || 'speaker';
}

/** Combining marks for the accented letters HTML names (`&ocirc;` is `o` and a circumflex). */
const ENTITY_MARKS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303', cedil: '\u0327', ring: '\u030a', caron: '\u030c' };
const ENTITY_NAMED: Record<string, string> = { amp: '&', apos: "'", quot: '"', nbsp: ' ', rsquo: '\u2019', lsquo: '\u2018', szlig: '\u00df', oslash: '\u00f8', Oslash: '\u00d8', aelig: '\u00e6', AElig: '\u00c6' };

/**
 * Decodes the HTML entities a web copy leaves in names (`Si&ocirc;n` → `Siôn`, `O&#39;Brien` →
 * `O'Brien`); anything it does not know stays as written.
 */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#\d{2,6}|#x[\da-f]{2,5}|[a-z]{2,8});/gi, (all, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
    }
    if (ENTITY_NAMED[body] !== undefined) return ENTITY_NAMED[body];
    const m = /^([a-z])(acute|grave|circ|uml|tilde|cedil|ring|caron)$/i.exec(body);
    return m ? (m[1] + ENTITY_MARKS[m[2]]).normalize('NFC') : all;
  });
}
