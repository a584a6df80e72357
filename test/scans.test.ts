/**
 * Hand-written scans that replaced regular expressions on the parser's hot paths (they ran over
 * every line or every turn's speech). Each must answer exactly as the expression it replaced, kept
 * here as the reference, on random strings built from the characters that matter to it.
 *
 *   node --import tsx --test test/scans.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endsLikeSentence } from '../server/src/core/lineinfo.ts';
import { lastSentence, titleOf } from '../server/src/core/qa.ts';
import { countWords, normalizeSpaces } from '../server/src/core/text.ts';

/** Deterministic random strings over an alphabet (mulberry32). */
function strings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
  let a = seed >>> 0;
  const rnd = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out: string[] = ['', ' ', '?', '.', '…', 'a', ' a', 'a.', '. a', '.  ?', '. ?', 'ab. cd?', '  Why? Because.  '];
  for (let k = 0; k < count; k++) {
    let s = '';
    const n = Math.floor(rnd() * (maxLength + 1));
    for (let j = 0; j < n; j++) s += alphabet[Math.floor(rnd() * alphabet.length)];
    out.push(s);
  }
  return out;
}

const SPEECH = ['a', 'b', 'Z', '7', ' ', ' ', '\n', '\t', '\u00a0', '\u2003', '.', '.', '?', '!', '…', ',', ';', '-', '—', "'", '’', '😀', 'é'];

test('lastSentence equals its regular expression', () => {
  const reference = (text: string): string => {
    const m = /(?:^|[.?!…]\s+)([^.?!…]+[.?!…]*)\s*$/u.exec(text.trim());
    return (m ? m[1] : text).trim();
  };
  for (const s of strings(SPEECH, 40_000, 24, 1)) assert.equal(lastSentence(s), reference(s), JSON.stringify(s));
});

test('titleOf equals the whole-text version it reads a prefix for', () => {
  const reference = (text: string): string => {
    const t = text.replace(/\s+/g, ' ').trim();
    const sentences = t.match(/[^.?!…]+(?:[.?!…]+|$)/gu) ?? [t];
    let s = (sentences.find((x) => x.includes('?')) ?? sentences[0] ?? '').trim();
    if (s.length > 90) {
      const cut = s.lastIndexOf(' ', 88);
      s = `${s.slice(0, cut > 40 ? cut : 88).replace(/[,;:\s]+$/, '')}…`;
    }
    return s;
  };
  for (const s of strings(SPEECH, 40_000, 30, 2)) assert.equal(titleOf(s), reference(s), JSON.stringify(s));
  // Long sentences: the 90-character cut.
  const words = ['word', 'longer', 'x', ' ', ' ', ' ', '. ', '? ', '\n'];
  for (const s of strings(words, 5_000, 80, 3)) assert.equal(titleOf(s), reference(s), JSON.stringify(s));
});

test('endsLikeSentence equals /[?!,;]$|[^.]{4}\\.$/u', () => {
  const alphabet = ['a', '.', '?', '!', ',', ';', ' ', '😀', '\ud83d', '\ude00', 'é'];
  for (const s of strings(alphabet, 40_000, 9, 4)) {
    if (s === '') continue; // never asked: a label candidate has content
    assert.equal(endsLikeSentence(s), /[?!,;]$|[^.]{4}\.$/u.test(s), JSON.stringify(s));
  }
});

test('normalizeSpaces replaces exactly the odd spaces, keeping the length', () => {
  // eslint-disable-next-line no-control-regex
  const reference = (s: string): string => s.replace(/[\t\u000b\u000c\u00a0\ufeff\u2000-\u200b\u202f\u205f\u3000]/g, ' ');
  const alphabet = ['a', ' ', '\t', '\u000b', '\u000c', '\r', '\n', '\u0000', '\u00a0', '\u00ad', '\ufeff', '\u2000', '\u200b', '\u200c', '\u202f', '\u205f', '\u3000', '\u1680', 'é'];
  for (const s of strings(alphabet, 40_000, 12, 5)) {
    const n = normalizeSpaces(s);
    assert.equal(n, reference(s), JSON.stringify(s));
    assert.equal(n.length, s.length);
  }
});

test('countWords: runs of letters and digits with inner joiners, as written before the table', () => {
  const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
  const isWord = (s: string, i: number): boolean => {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) return LETTER_OR_DIGIT.test(s.slice(i, i + 2));
    return LETTER_OR_DIGIT.test(s[i] ?? '');
  };
  const reference = (s: string, limit = Infinity): number => {
    let n = 0;
    let inWord = false;
    for (let i = 0; i < s.length; i++) {
      if (isWord(s, i)) {
        if (!inWord && ++n >= limit) return n;
        inWord = true;
      } else if (inWord && "'’-.".includes(s[i]) && i + 1 < s.length && isWord(s, i + 1)) {
        // joiner
      } else inWord = false;
    }
    return n;
  };
  const alphabet = ['a', 'Z', '9', ' ', "'", '’', '-', '.', 'é', '—', '…', '\u00a0', '😀', '𝐀', '中', '?', '\u2019', '\u201c'];
  for (const s of strings(alphabet, 40_000, 12, 6)) {
    assert.equal(countWords(s), reference(s), JSON.stringify(s));
    assert.equal(countWords(s, 0, s.length, 2), reference(s, 2), JSON.stringify(s));
  }
  assert.equal(countWords("Don't stop step-by-step: the U.S. said “yes” — 42."), 8);
});
