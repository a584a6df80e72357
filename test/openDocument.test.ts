/**
 * The server's document store against the reference: vscode-languageserver-textdocument's
 * TextDocument, over random edit sequences in texts full of CR, LF and CR LF, with pieces small
 * enough that every edit crosses piece boundaries. Text, line count, every offset <-> position,
 * line ranges and line breaks must be the library's; the PieceText must read as the string does.
 *
 *   node --import tsx --test test/openDocument.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { OpenDocument } from '../server/src/lsp/openDocument.ts';
import { LineIndex } from '../server/src/lsp/lineIndex.ts';
import { PieceText, flatText } from '../server/src/core/source.ts';
import { mulberry32 } from '../scripts/gen-transcript.ts';

const rng = mulberry32;

const ALPHABET = ['a', 'b', ' ', '\n', '\r', '\r\n', 'é', '😀', 'Q', ':', '\n\n'];

function randomText(r: () => number, n: number): string {
  let s = '';
  while (s.length < n) s += ALPHABET[Math.floor(r() * ALPHABET.length)];
  return s;
}

function sameDocument(ours: OpenDocument, ref: TextDocument, r: () => number, what: string): void {
  const text = ref.getText();
  // Everything is read from the pieces first: getText() (last) makes the version one string.
  assert.equal(ours.text.length, text.length, `${what}: length`);
  assert.equal(ours.lineCount, ref.lineCount, `${what}: line count`);
  for (let line = -1; line <= ref.lineCount; line++) {
    assert.deepEqual(ours.getLineRange(line), ref.getLineRange(line), `${what}: range of line ${line}`);
    assert.equal(ours.getEOLCharacters(line), ref.getEOLCharacters(line), `${what}: break of line ${line}`);
    for (const character of [-1, 0, 1, 2, 5, 1000]) {
      const p = { line, character };
      assert.equal(ours.offsetAt(p), ref.offsetAt(p), `${what}: offsetAt ${line}:${character}`);
    }
  }
  for (let o = -1; o <= text.length + 1; o++) assert.deepEqual(ours.positionAt(o), ref.positionAt(o), `${what}: positionAt ${o}`);
  for (let k = 0; k < 20; k++) {
    const a = Math.floor(r() * (text.length + 2)) - 1;
    const b = Math.floor(r() * (text.length + 2)) - 1;
    assert.equal(ours.text.slice(a, b), text.slice(a, b), `${what}: slice ${a},${b}`);
    assert.equal(ours.text.charCodeAt(a), text.charCodeAt(a), `${what}: charCodeAt ${a}`);
    const needle = text.slice(Math.max(0, a), Math.max(0, a) + 1 + Math.floor(r() * 6));
    assert.equal(ours.text.includes(needle), text.includes(needle), `${what}: includes ${JSON.stringify(needle)}`);
  }
  assert.equal(ours.text.includes('\u0000never'), false);
  assert.equal(ours.text.slice(0, text.length), text, `${what}: text from the pieces`);
  assert.equal(ours.getText(), text, `${what}: text`);
  // Made one string, the version reads the same.
  for (let k = 0; k < 5; k++) {
    const a = Math.floor(r() * (text.length + 1));
    assert.equal(ours.text.slice(a, a + 7), text.slice(a, a + 7));
  }
}

test('random edits: the same text, lines and positions as the library document', () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = rng(seed);
    const piece = 1 + Math.floor(r() * 12);
    const initial = randomText(r, Math.floor(r() * 120));
    let ours = OpenDocument.create('file:///t', 'transcript', 0, initial, piece);
    let ref = TextDocument.create('file:///t', 'transcript', 0, initial);
    sameDocument(ours, ref, r, `seed ${seed} open`);
    for (let step = 1; step <= 30; step++) {
      const lines = ref.lineCount;
      const pos = () => ({ line: Math.floor(r() * (lines + 1)) - (r() < 0.05 ? 1 : 0), character: Math.floor(r() * 8) - (r() < 0.05 ? 1 : 0) });
      const changes =
        r() < 0.03
          ? [{ text: randomText(r, Math.floor(r() * 40)) }]
          : Array.from({ length: 1 + Math.floor(r() * 2) }, () => ({ range: { start: pos(), end: pos() }, text: r() < 0.3 ? '' : randomText(r, Math.floor(r() * 6)) }));
      const before = ours;
      const { document, applied } = ours.update(changes, step);
      // The reference applies each change as the library does, but on a fresh document each time: the
      // library's own line table goes wrong after positions outside the text (and its text with it).
      let refText = ref.getText();
      for (const c of changes) {
        if (!('range' in c)) {
          refText = c.text;
          continue;
        }
        const fresh = TextDocument.create('file:///t', 'transcript', step, refText);
        TextDocument.update(fresh, [c], step);
        refText = fresh.getText();
      }
      ref = TextDocument.create('file:///t', 'transcript', step, refText);
      ours = document;
      assert.equal(ours.version, step);
      assert.equal(applied.length, changes.length);
      sameDocument(ours, ref, r, `seed ${seed} step ${step} ${JSON.stringify(changes)}`);
      // The document before the edit is unchanged (the incremental parse reads the old lines).
      assert.equal(before.getText().length, before.text.length);
    }
  }
});

test('applied changes are the offsets of the text before each change', () => {
  const doc = OpenDocument.create('file:///t', 'transcript', 1, 'ab\r\ncd\nef', 3);
  const { document, applied } = doc.update(
    [
      { range: { start: { line: 1, character: 1 }, end: { line: 0, character: 1 } }, text: 'X' },
      { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 2 } }, text: '' },
    ],
    2,
  );
  // The first range is inverted: turned around, [1, 5) of 'ab\r\ncd\nef' -> 'aXd\nef'; then line 1 ('ef') removed.
  assert.deepEqual(applied, [
    { start: 1, oldEnd: 5, newEnd: 2 },
    { start: 4, oldEnd: 6, newEnd: 4 },
  ]);
  assert.equal(document.getText(), 'aXd\n');
  assert.equal(document.lineCount, 2);
  assert.equal(doc.getText(), 'ab\r\ncd\nef');
});

test('PieceText reads as its string, and flatText gives the whole text back', () => {
  const r = rng(7);
  for (let k = 0; k < 50; k++) {
    let s = randomText(r, Math.floor(r() * 200));
    let p = PieceText.of(s, 1 + Math.floor(r() * 9));
    for (let e = 0; e < 10; e++) {
      const a = Math.floor(r() * (s.length + 1));
      const b = a + Math.floor(r() * Math.min(10, s.length - a + 1));
      const ins = randomText(r, Math.floor(r() * 30));
      s = s.slice(0, a) + ins + s.slice(b);
      p = p.edit(a, b, ins);
      assert.equal(p.length, s.length);
      assert.equal(flatText(p), s);
      for (let i = -1; i <= s.length; i++) assert.equal(p.charCodeAt(i), s.charCodeAt(i));
      // Searches remember which pieces lack a string; after an edit only new pieces are read again.
      for (const needle of ['ab', 'ba', 'aab', 'Q:a', '\r\n', '\n\n', 'é😀', 'never here']) assert.equal(p.includes(needle), s.includes(needle), `includes ${JSON.stringify(needle)}`);
      // Every third version is made one string (a full parse): edits from it go on as before.
      if (e % 3 === 2) assert.equal(String(p), s);
    }
  }
  assert.equal(flatText('plain'), 'plain');
});

test('the line index answers as a plain array of line starts after random replacements, across chunk boundaries', () => {
  const rnd = mulberry32(11);
  let plain: number[] = [0];
  for (let i = 1; i < 9000; i++) plain.push(plain[i - 1] + 1 + Math.floor(rnd() * 80));
  let index = LineIndex.of(plain);
  for (let step = 0; step < 300; step++) {
    const from = 1 + Math.floor(rnd() * plain.length);
    const to = Math.min(plain.length, from + Math.floor(rnd() * (rnd() < 0.1 ? 5000 : 4)));
    const diff = Math.floor(rnd() * 200) - 100;
    // New starts between the line before `from` and the first kept line, ascending.
    const lo = plain[from - 1] + 1;
    const hi = to < plain.length ? plain[to] + diff : lo + 10_000;
    const count = rnd() < 0.3 ? 0 : Math.floor(rnd() * (rnd() < 0.1 ? 4000 : 5));
    const starts: number[] = [];
    for (let k = 0; k < count && lo + k < hi; k++) starts.push(lo + k);
    if (to < plain.length && hi <= (starts.at(-1) ?? lo - 1)) continue;
    plain = [...plain.slice(0, from), ...starts, ...plain.slice(to).map((x) => x + diff)];
    index = index.replace(from, to, starts, diff);
    assert.equal(index.length, plain.length, `step ${step}`);
    for (let k = 0; k < 40; k++) {
      const i = Math.floor(rnd() * plain.length);
      assert.equal(index.at(i), plain[i], `step ${step}, line ${i}`);
      const off = plain[i] + Math.floor(rnd() * 3) - 1;
      let line = 0;
      while (line + 1 < plain.length && plain[line + 1] <= off) line++;
      assert.equal(index.lineAt(off), line, `step ${step}, offset ${off}`);
    }
  }
});
