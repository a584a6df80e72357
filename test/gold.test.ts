/**
 * Scores the parser against every `*.gold.tsv` in the shared corpus (`<repo>/../shared/corpus`,
 * or $TRANSCRIPT_CORPUS) and asserts the quality targets, plus exact checks on the NATO seeds.
 *
 *   node --import tsx --test test/gold.test.ts
 *
 * For a per-line account of what is wrong: node --import tsx scripts/score.ts --verbose
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { parse } from '../server/src/core/index.ts';
import {
  TARGETS,
  defaultCorpusDir,
  fileDetails,
  formatDetails,
  formatTable,
  formatTargets,
  scoreCorpus,
  type CorpusFile,
  type CorpusResult,
} from './support/gold.ts';

const corpusDir = defaultCorpusDir();
const HINT = 'details: node --import tsx scripts/score.ts --verbose';

let cached: CorpusResult | undefined;

/** Parses and scores the corpus once; throws a clear error when the corpus is missing. */
function corpus(): CorpusResult {
  if (cached) return cached;
  if (!existsSync(corpusDir)) {
    throw new Error(
      `Gold corpus not found at ${corpusDir}. The tests expect the shared corpus beside the repository ` +
        `(<repo>/../shared/corpus) or a folder named by $TRANSCRIPT_CORPUS. Refusing to skip the gold tests.`,
    );
  }
  const result = scoreCorpus(corpusDir, (text) => parse(text));
  if (result.files.length === 0) throw new Error(`No *.gold.tsv files in ${corpusDir}`);
  console.log(`\nGold corpus: ${corpusDir}\n${formatTable(result)}\n\n${formatTargets(result.summary)}\n`);
  cached = result;
  return result;
}

const f3 = (x: number): string => x.toFixed(3);

/** The n files with the lowest value, for failure messages. */
function worst(result: CorpusResult, value: (f: CorpusFile) => number, n = 4): string {
  return [...result.files]
    .sort((a, b) => value(a) - value(b))
    .slice(0, n)
    .map((f) => `${f.name} ${f3(value(f))}`)
    .join(', ');
}

test('gold corpus is present and the parser handles every transcript', () => {
  const result = corpus();
  const threw = result.files.filter((f) => f.error !== null);
  assert.equal(
    threw.length,
    0,
    `parse() threw on ${threw.length} file(s):\n${threw.map((f) => `  ${f.name}: ${f.error}`).join('\n')}`,
  );
});

test(`micro turn-start F1 >= ${TARGETS.microTurnF1}`, () => {
  const result = corpus();
  const m = result.summary.microTurns;
  assert.ok(
    m.f1 >= TARGETS.microTurnF1,
    `micro turn-start F1 ${f3(m.f1)} < ${TARGETS.microTurnF1} (P ${f3(m.precision)} R ${f3(m.recall)}; TP ${m.tp} FP ${m.fp} FN ${m.fn}). ` +
      `Lowest files: ${worst(result, (f) => f.score.turns.f1)}. ${HINT}`,
  );
});

test(`macro per-file turn-start F1 >= ${TARGETS.macroTurnF1}`, () => {
  const result = corpus();
  const m = result.summary.macroTurns;
  assert.ok(
    m.f1 >= TARGETS.macroTurnF1,
    `macro turn-start F1 ${f3(m.f1)} < ${TARGETS.macroTurnF1}. Lowest files: ${worst(result, (f) => f.score.turns.f1)}. ${HINT}`,
  );
});

test(`micro same-speaker F1 >= ${TARGETS.microSameSpeakerF1}`, () => {
  const result = corpus();
  const m = result.summary.microSameSpeaker;
  assert.ok(
    m.f1 >= TARGETS.microSameSpeakerF1,
    `micro same-speaker F1 ${f3(m.f1)} < ${TARGETS.microSameSpeakerF1} (pairs TP ${m.tp} FP/merged ${m.fp} FN/split ${m.fn}). ` +
      `Lowest files: ${worst(result, (f) => f.score.sameSpeaker.f1)}. ${HINT}`,
  );
});

test('pair count within tolerance on every file whose gold gives one', () => {
  const result = corpus();
  const bad = result.summary.pairFailures;
  assert.ok(result.summary.pairsChecked > 0, 'no gold file gives a pair count; expected at least the seeds to');
  assert.equal(
    bad.length,
    0,
    `pair count out of tolerance (max(1, 5% of gold)) on ${bad.length} of ${result.summary.pairsChecked} file(s):\n` +
      bad.map((s) => `  ${s.name}: gold ${s.pairs.gold}, predicted ${s.pairs.pred}`).join('\n') +
      `\n${HINT}`,
  );
});

// ---------------------------------------------------------------------------------------------
// The two NATO seeds must be exact.

const SEED_PREFIX = 'nato__seed-';
const seedNames = existsSync(corpusDir)
  ? readdirSync(corpusDir)
      .filter((f) => f.startsWith(SEED_PREFIX) && f.endsWith('.gold.tsv'))
      .map((f) => f.replace(/\.gold\.tsv$/, ''))
      .sort()
  : [];

test('the two NATO seed files are in the corpus', () => {
  corpus();
  assert.ok(
    seedNames.length >= 2,
    `expected the two seed files ${SEED_PREFIX}*.gold.tsv (Munich and Rome doorsteps) in ${corpusDir}, found ${seedNames.length}: ${seedNames.join(', ') || 'none'}`,
  );
});

function seed(name: string): CorpusFile {
  const f = corpus().files.find((x) => x.name === name);
  assert.ok(f, `seed ${name} was not scored`);
  assert.equal(f.error, null, `parse() threw on ${name}: ${f.error}`);
  return f;
}

for (const name of seedNames) {
  test(`seed ${name}`, async (t) => {
    await t.test('predicted turn lines equal the gold lines exactly', () => {
      const f = seed(name);
      const goldLines = f.gold.rows.map((r) => r.line);
      const predLines = f.score.pred.rows.map((r) => r.line);
      assert.deepEqual(
        predLines,
        goldLines,
        `turn start lines differ (FP ${f.score.turns.fp}, FN ${f.score.turns.fn}):\n` +
          `  gold: ${goldLines.join(' ')}\n  pred: ${predLines.join(' ')}\n` +
          formatDetails(f.score, f.lines, { limit: 25, kinds: false }),
      );
    });

    await t.test('every turn labelled with "Rutte" is one speaker named exactly "Mark Rutte"', () => {
      const f = seed(name);
      const model = f.model!;
      const rutte = model.turns.filter((turn) => turn.label !== null && turn.label.text.includes('Rutte'));
      assert.ok(rutte.length > 0, `no turn has a label mentioning "Rutte" (turns: ${model.turns.length}, labelled: ${model.turns.filter((x) => x.label).length})`);
      const describe = (idx: number): string => {
        const sp = model.speakers[idx];
        return idx < 0 ? 'unattributed (-1)' : sp ? `#${idx} ${sp.id} "${sp.name}"` : `#${idx} (no such speaker)`;
      };
      const indexes = [...new Set(rutte.map((turn) => turn.speaker))];
      assert.equal(
        indexes.length,
        1,
        `"Rutte" turns resolve to ${indexes.length} speakers:\n` +
          rutte.map((turn) => `  line ${turn.startLine + 1} label ${JSON.stringify(turn.label!.text)} -> ${describe(turn.speaker)}`).join('\n'),
      );
      const speaker = model.speakers[indexes[0]];
      assert.ok(indexes[0] >= 0 && speaker, `"Rutte" turns resolve to ${describe(indexes[0])}`);
      assert.equal(speaker.name, 'Mark Rutte', `"Rutte" turns resolve to speaker ${describe(indexes[0])}, expected the name "Mark Rutte"`);

      // The gold's Mark Rutte turns are these turns: each gold line must hold a turn of that speaker.
      const byLine = new Map(model.turns.map((turn) => [turn.startLine + 1, turn]));
      const wrong = f.gold.rows
        .filter((r) => r.speaker === 'Mark Rutte')
        .filter((r) => byLine.get(r.line)?.speaker !== indexes[0])
        .map((r) => {
          const turn = byLine.get(r.line);
          return `  line ${r.line}: ${turn ? `turn of ${describe(turn.speaker)}` : 'no turn starts here'} ${JSON.stringify(f.lines[r.line - 1])}`;
        });
      assert.equal(wrong.length, 0, `gold "Mark Rutte" turns not attributed to ${describe(indexes[0])}:\n${wrong.join('\n')}`);
    });

    await t.test('pair count equals the gold "# pairs:" exactly', () => {
      const f = seed(name);
      assert.ok(f.gold.pairs !== null, `${name}.gold.tsv gives no "# pairs:" count`);
      const d = fileDetails(f.score);
      assert.equal(
        f.score.pred.pairs,
        f.gold.pairs,
        `pairs: expected ${f.gold.pairs}, got ${f.score.pred.pairs}` +
          (d.pairs.missing.length ? `; answered gold questions not paired: ${d.pairs.missing.join(', ')}` : '') +
          (d.pairs.extra.length ? `; pairs on other questions: ${d.pairs.extra.join(', ')}` : ''),
      );
    });
  });
}
