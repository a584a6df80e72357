/**
 * Checks every fuzz property on the large inputs of `bigInputs()`, from index FROM to the end, in
 * a process of its own so that the caller can stop it when one takes too long (a quadratic path
 * on a 1 MB line runs for minutes) and go on from the next input:
 *
 *   node --import tsx test/support/fuzz-big.ts [FROM]
 *
 * Prints one JSON object per line: `{"input": i}` before each input, `{"start": property}` before
 * each property, `{"property", "ms", "error"?}` after it.
 */
import { bigInputs, PROPERTIES } from './fuzz.ts';

const from = Number(process.argv[2] ?? 0);
const bigs = bigInputs();
if (!Number.isInteger(from) || from < 0 || from >= bigs.length) {
  process.stderr.write(`fuzz-big: FROM must be 0..${bigs.length - 1}, not ${process.argv[2]}\n`);
  process.exit(2);
}
const say = (o: object) => process.stdout.write(`${JSON.stringify(o)}\n`);
for (let i = from; i < bigs.length; i++) {
  say({ input: i });
  for (const p of PROPERTIES) {
    say({ start: p.name });
    const t0 = performance.now();
    let error: string | undefined;
    try {
      p.check(bigs[i].input);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    say({ property: p.name, ms: Math.round(performance.now() - t0), ...(error !== undefined ? { error } : {}) });
  }
}
