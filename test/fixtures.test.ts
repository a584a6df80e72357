/**
 * Scores the parser against the dialect fixtures in test/fixtures/heldout (transcripts written
 * in real-world layouts with hand-made gold files, see its README) with the same scorer as the
 * shared corpus, and holds it to the same targets.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { parse } from '../server/src/core/index.ts';
import { TARGETS, formatTable, formatTargets, scoreCorpus } from './support/gold.ts';

for (const set of ['heldout', 'heldout2']) {
  const dir = path.join(__dirname, 'fixtures', set);
  const result = scoreCorpus(dir, (text) => parse(text));
  test(`dialect fixtures (${set}): turn starts, speakers and pairs on every layout`, () => {
  console.log(formatTable(result));
  console.log(formatTargets(result.summary));
  assert.ok(result.files.length >= 15, `expected the fixture set in ${dir}`);
  const s = result.summary;
  assert.ok(s.microTurns.f1 >= TARGETS.microTurnF1, `micro turn F1 ${s.microTurns.f1}`);
  assert.ok(s.macroTurns.f1 >= TARGETS.macroTurnF1, `macro turn F1 ${s.macroTurns.f1}`);
  assert.ok(s.microSameSpeaker.f1 >= TARGETS.microSameSpeakerF1, `same-speaker F1 ${s.microSameSpeaker.f1}`);
  // Two files per set may miss their pair count: caption files whose only speaker marks are `>>`
  // carry no speakers to ask, and a radio interview's presenter has no questioner label or role.
  assert.ok(s.pairFailures.length <= 2, `pair counts off in ${s.pairFailures.map((f) => f.name).join(', ')}`);
  });
}
