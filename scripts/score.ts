/**
 * Scores the parser against the gold corpus and prints a table; the parser author's debugging tool.
 *
 *   node --import tsx scripts/score.ts [--verbose] [--file SUBSTR] [--limit N] [--no-kinds] [corpusDir]
 *
 *   --verbose, -v   per file: FP/FN turn starts with the text of their lines, pair differences,
 *                   the gold -> predicted speaker map and split/merged turns, kind mismatches
 *   --file, -f S    only files whose name contains S (repeatable)
 *   --limit N       at most N lines per section per file in verbose output (default 50, 0 = all)
 *   --no-kinds      leave kind mismatches out of the verbose output
 *   corpusDir       default: <repo>/../shared/corpus (or $TRANSCRIPT_CORPUS)
 *
 * Always exits 0 (it reports; the tests judge).
 */
import * as path from 'node:path';
import { parse } from '../server/src/core/index.ts';
import { defaultCorpusDir, formatDetails, formatTable, formatTargets, scoreCorpus, summarize, type CorpusResult } from '../test/support/gold.ts';

interface Args {
  verbose: boolean;
  files: string[];
  limit: number;
  kinds: boolean;
  dir: string | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { verbose: false, files: [], limit: 50, kinds: true, dir: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose' || a === '-v') args.verbose = true;
    else if (a === '--file' || a === '-f') args.files.push(argv[++i] ?? '');
    else if (a.startsWith('--file=')) args.files.push(a.slice(7));
    else if (a === '--limit') args.limit = Number(argv[++i] ?? '50') || 0;
    else if (a.startsWith('--limit=')) args.limit = Number(a.slice(8)) || 0;
    else if (a === '--no-kinds') args.kinds = false;
    else if (a === '--help' || a === '-h') {
      console.log('usage: node --import tsx scripts/score.ts [--verbose] [--file SUBSTR] [--limit N] [--no-kinds] [corpusDir]');
      process.exit(0);
    } else if (a.startsWith('-')) console.error(`score: ignoring unknown option ${a}`);
    else args.dir = a;
  }
  return args;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const dir = args.dir ? path.resolve(args.dir) : defaultCorpusDir();
  let result: CorpusResult;
  try {
    result = scoreCorpus(dir, (text) => parse(text));
  } catch (e) {
    console.error(`score: ${e instanceof Error ? e.message : String(e)}`);
    return;
  }
  if (args.files.length) {
    const files = result.files.filter((f) => args.files.some((s) => f.name.includes(s)));
    result = { ...result, files, summary: summarize(files.map((f) => f.score)) };
  }
  if (result.files.length === 0) {
    console.log(`no gold files${args.files.length ? ` matching ${args.files.join(', ')}` : ''} in ${dir}`);
    return;
  }

  console.log(`Gold corpus: ${dir}\n`);
  console.log(formatTable(result));
  console.log('');
  console.log(formatTargets(result.summary));

  if (args.verbose) {
    for (const f of result.files) {
      console.log('');
      if (f.error) console.log(`!! ${f.name}: parse() threw:\n${f.error}`);
      console.log(formatDetails(f.score, f.lines, { limit: args.limit, kinds: args.kinds }));
      console.log(`  (${f.lines.length} lines, parsed in ${f.parseMs.toFixed(1)} ms)`);
    }
  } else {
    console.log('\n(--verbose for FP/FN lines, speaker maps and kind mismatches per file)');
  }
}

// `score.ts -v | head` should end quietly, not with an EPIPE stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

try {
  main();
} catch (e) {
  console.error(e);
}
process.exitCode = 0;
