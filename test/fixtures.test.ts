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

/**
 * Files per set whose pair count may be off. Known gaps: questions asked by people whom no label,
 * role or roster marks as asking (a radio presenter, a TV interviewer in captions, a council
 * member, a judge, peers at Lords question time, a chair or audience at a diarised talk), a
 * research interview whose participant labels (`P14`/`P`/`Participant`) are not yet one speaker,
 * `>>`-only captions with no speakers at all, a parliament whose presiding officer is titled only
 * `President`, an all-hands moderator reading out submitted questions, a panel job interview in a
 * meeting export with no roles at all, a school board whose presiding officer is titled `President`,
 * and a magazine interviewer whose remarks without a question mark are answered.
 */
const PAIR_MISSES: Record<string, number> = { heldout: 1, heldout2: 2, heldout3: 3, heldout4: 1, heldout5: 1, heldout6: 4, heldout7: 1, heldout8: 2, heldout9: 3, heldout10: 4, heldout11: 4, heldout12: 2, heldout13: 4, heldout14: 6, heldout15: 5 };

for (const set of ['heldout', 'heldout2', 'heldout3', 'heldout4', 'heldout5', 'heldout6', 'heldout7', 'heldout8', 'heldout9', 'heldout10', 'heldout11', 'heldout12', 'heldout13', 'heldout14', 'heldout15']) {
  const dir = path.join(__dirname, 'fixtures', set);
  const result = scoreCorpus(dir, (text) => parse(text));
  test(`dialect fixtures (${set}): turn starts, speakers and pairs on every layout`, () => {
  console.log(formatTable(result));
  console.log(formatTargets(result.summary));
  assert.ok(result.files.length >= 12, `expected the fixture set in ${dir}`);
  const s = result.summary;
  assert.ok(s.microTurns.f1 >= TARGETS.microTurnF1, `micro turn F1 ${s.microTurns.f1}`);
  assert.ok(s.macroTurns.f1 >= TARGETS.macroTurnF1, `macro turn F1 ${s.macroTurns.f1}`);
  assert.ok(s.microSameSpeaker.f1 >= TARGETS.microSameSpeakerF1, `same-speaker F1 ${s.microSameSpeaker.f1}`);
  assert.ok(s.pairFailures.length <= PAIR_MISSES[set], `pair counts off in ${s.pairFailures.map((f) => f.name).join(', ')}`);
  });
}
