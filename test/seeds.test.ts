/**
 * The two NATO seeds, end to end through the core: the web sign-up block on top is one TR002
 * finding, and its fix removes exactly that block: every turn, word of speech and Q&A pair stays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, lint, parse, type TranscriptModel } from '../server/src/core/index.ts';
import { documentSymbols } from '../server/src/core/features/index.ts';
import { defaultCorpusDir } from './support/gold.ts';

const corpus = defaultCorpusDir();

/** Every word of speech, turn by turn, with its speaker. */
function speech(text: string, m: TranscriptModel): string[] {
  return m.turns.map((t) => {
    const lines: string[] = [];
    for (let i = t.startLine; i <= t.endLine; i++) lines.push(text.substr(m.lineStarts[i], m.lineLengths[i]));
    return `${m.speakers[t.speaker]?.name ?? '?'}: ${lines.join(' ').split(/\s+/).filter(Boolean).join(' ')}`;
  });
}

for (const [file, pairs, blockEnd] of [
  ['nato__seed-munich-doorstep.txt', 7, 43],
  ['nato__seed-rome-doorstep.txt', 2, 43],
] as const) {
  test(`${file}: boilerplate is one finding, and its fix leaves the speech untouched`, () => {
    const text = readFileSync(path.join(corpus, file), 'utf8');
    const before = parse(text);
    const found = lint(text, before).filter((f) => f.code === 'TR002');
    assert.equal(found.length, 1);
    assert.deepEqual([found[0].line + 1, found[0].endLine + 1], [1, blockEnd]);
    const fix = found[0].fixes.find((f) => f.preferred)!;
    assert.ok(fix.safe);
    const fixed = applyEdits(text, fix.edits);
    const after = parse(fixed);
    assert.deepEqual(speech(fixed, after), speech(text, before));
    assert.equal(after.pairs.length, pairs);
    assert.deepEqual(after.boilerplate, []);
    assert.equal(lint(fixed, after).filter((f) => f.code === 'TR002').length, 0);
    // The fixed text starts where the transcript starts.
    assert.match(fixed, /^(\(As delivered\)|NATO Secretary General Mark Rutte)/);
    const names = documentSymbols(fixed, after).map((s) => s.name);
    assert.equal(names.filter((n) => /^Q\d+ · /.test(n)).length, pairs);
  });
}
