/**
 * Scoring the parser against the hand-made gold annotations in the shared corpus
 * (`<repo>/../shared/corpus`, format in its GOLD-FORMAT.md).
 *
 * Everything here is plain data in, plain data out, except the small file helpers at the top and
 * bottom (`loadGold`, `scoreCorpus`). The parser is passed in as a function, so this module does
 * not depend on it; only the model *types* are imported.
 *
 * Line numbers in gold files, in `TurnRow`s and in every report are 1-based; the model's are 0-based.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { TranscriptModel } from '../../server/src/core/model.ts';

/** The thresholds `test/gold.test.ts` asserts (shared so `scripts/score.ts` reports the same). */
export const TARGETS = {
  /** Turn-start F1 over all turns of all files. */
  microTurnF1: 0.97,
  /** Mean of the per-file turn-start F1s. */
  macroTurnF1: 0.9,
  /** Same-speaker pairwise F1 over all files (pair counts summed). */
  microSameSpeakerF1: 0.97,
} as const;

export const GOLD_KINDS: readonly string[] = ['statement', 'question', 'answer', 'other'];

/** Speaker string for unlabelled speech (gold) and for turns with speaker -1 (prediction). */
export const UNATTRIBUTED = '?';

// ---------------------------------------------------------------------------------------------
// Locating the corpus

/**
 * The repository root: the nearest folder, from this file (or `start`) upwards, holding both a
 * package.json and server/src/core.
 */
export function findRepoRoot(start?: string): string {
  const from = start ?? (typeof __dirname === 'string' ? __dirname : process.cwd());
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'server', 'src', 'core'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // Not found (unusual layout): this file lives in <repo>/test/support.
  return typeof __dirname === 'string' ? path.resolve(__dirname, '..', '..') : process.cwd();
}

/**
 * Where the gold corpus lives: `$TRANSCRIPT_CORPUS` when set, else `<repo>/../shared/corpus`
 * (CI clones the repo with `shared/` beside it, so this is never an absolute /work path).
 */
export function defaultCorpusDir(repoRoot: string = findRepoRoot()): string {
  const env = process.env.TRANSCRIPT_CORPUS;
  if (env) return path.resolve(env);
  return path.resolve(repoRoot, '..', 'shared', 'corpus');
}

/** The `*.gold.tsv` files of a corpus folder, sorted by name (absolute paths). */
export function listGoldFiles(corpusDir: string): string[] {
  return readdirSync(corpusDir)
    .filter((f) => f.endsWith('.gold.tsv'))
    .sort()
    .map((f) => path.join(corpusDir, f));
}

/** `nato__seed-munich-doorstep` from `.../nato__seed-munich-doorstep.gold.tsv`. */
export function goldBaseName(tsvPath: string): string {
  return path.basename(tsvPath).replace(/\.gold\.tsv$/, '');
}

// ---------------------------------------------------------------------------------------------
// Gold files

/** One turn, gold or predicted. */
export interface TurnRow {
  /** 1-based line where the turn starts. */
  line: number;
  /** Canonical speaker as shown in reports: gold name, predicted name (anonymous: speaker id), or '?'. */
  speaker: string;
  /** statement | question | answer | other (predictions: whatever the model says). */
  kind: string;
  /** Identity used for same-speaker scoring; null for unattributed speech (equal to nothing). */
  key: string | null;
  /** Short identifier for reports: gold speaker name, or the model's speaker id ('?' when none). */
  id: string;
}

export interface Gold {
  /** Base name, e.g. `nato__seed-munich-doorstep`. */
  name: string;
  /** Where it was read from (for messages). */
  source: string;
  /** The transcript file name (`# gold:` header, else `<name>.txt`). */
  transcript: string;
  /** `# speech-starts:` (1-based), or null when absent. */
  speechStarts: number | null;
  /** `# pairs:`; null for `n/a` (or an absent header). */
  pairs: number | null;
  /** `# notes:` lines (1-based). */
  notes: number[];
  comment: string;
  /** Every `# key: value` header, raw. */
  headers: Record<string, string>;
  rows: TurnRow[];
  /** Question lines the rows imply are answered (GOLD-FORMAT's pair rule applied to the kinds). */
  impliedPairQuestions: number[];
  /** Inconsistencies found while reading (e.g. `# pairs:` differs from what the rows imply). */
  warnings: string[];
}

/** Parses the text of a gold file. Throws with `source:line:` on malformed input. */
export function parseGold(text: string, source = '<gold>'): Gold {
  const headers: Record<string, string> = {};
  const rows: TurnRow[] = [];
  const warnings: string[] = [];
  const fail = (lineNo: number, msg: string): never => {
    throw new Error(`${source}:${lineNo}: ${msg}`);
  };
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (raw.trim() === '') return;
    if (raw.startsWith('#')) {
      const m = /^#\s*([A-Za-z][\w-]*)\s*:\s*(.*?)\s*$/.exec(raw);
      if (m) headers[m[1].toLowerCase()] = m[2];
      return;
    }
    const fields = raw.split('\t').map((f) => f.trim());
    if (fields.length !== 3) fail(lineNo, `expected "line<TAB>speaker<TAB>kind", got ${fields.length} field(s): ${JSON.stringify(raw)}`);
    const [lineField, speaker, kind] = fields;
    if (!/^\d+$/.test(lineField) || Number(lineField) < 1) fail(lineNo, `bad line number ${JSON.stringify(lineField)}`);
    if (speaker === '') fail(lineNo, 'empty speaker');
    if (!GOLD_KINDS.includes(kind)) fail(lineNo, `bad kind ${JSON.stringify(kind)} (expected ${GOLD_KINDS.join(' | ')})`);
    const line = Number(lineField);
    const prev = rows[rows.length - 1];
    if (prev && line <= prev.line) fail(lineNo, `rows must be in increasing line order (${line} after ${prev.line})`);
    rows.push({ line, speaker, kind, key: speaker === UNATTRIBUTED ? null : speaker, id: speaker });
  });

  const intHeader = (key: string): number | null => {
    const v = headers[key];
    if (v === undefined || v === '') return null;
    if (/^n\/?a$/i.test(v)) return null;
    if (!/^\d+$/.test(v)) throw new Error(`${source}: header "# ${key}: ${v}" is not a number${key === 'pairs' ? ' or n/a' : ''}`);
    return Number(v);
  };
  const notes = (headers.notes ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => {
      if (!/^\d+$/.test(s)) throw new Error(`${source}: bad line ${JSON.stringify(s)} in "# notes:"`);
      return Number(s);
    });

  const name = goldBaseName(source);
  const pairs = intHeader('pairs');
  const impliedPairQuestions = answeredQuestions(rows);
  if (pairs !== null && pairs !== impliedPairQuestions.length) {
    warnings.push(`"# pairs: ${pairs}" but the row kinds imply ${impliedPairQuestions.length} answered questions`);
  }
  if (headers.pairs === undefined) warnings.push('no "# pairs:" header (treated as n/a)');
  if (rows.length === 0) warnings.push('no turn rows');
  return {
    name,
    source,
    transcript: headers.gold ?? `${name}.txt`,
    speechStarts: intHeader('speech-starts'),
    pairs,
    notes,
    comment: headers.comment ?? '',
    headers,
    rows,
    impliedPairQuestions,
    warnings,
  };
}

/** Reads and parses a `*.gold.tsv` file. */
export function loadGold(tsvPath: string): Gold {
  return parseGold(readFileSync(tsvPath, 'utf8'), tsvPath);
}

/**
 * GOLD-FORMAT's pair rule: the question turns followed by at least one answer turn before the
 * next question turn. Returns their lines.
 */
export function answeredQuestions(rows: readonly TurnRow[]): number[] {
  const out: number[] = [];
  let pending: number | null = null;
  for (const r of rows) {
    if (r.kind === 'question') pending = r.line;
    else if (r.kind === 'answer' && pending !== null) {
      out.push(pending);
      pending = null;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Predictions

export interface PredRow extends TurnRow {
  /** Index in `model.turns`. */
  turn: number;
  /** `turn.speaker` (index into `model.speakers`, -1 when unattributed). */
  speakerIndex: number;
  /** The label text as the model read it, or null. */
  label: string | null;
}

export interface Prediction {
  rows: PredRow[];
  /** `model.pairs.length`. */
  pairs: number;
  /** 1-based lines of the question turns of `model.pairs`. */
  pairQuestions: number[];
}

/** A prediction with no turns (used when the parser throws). */
export const EMPTY_PREDICTION: Prediction = { rows: [], pairs: 0, pairQuestions: [] };

/**
 * The model's turns as rows: line = startLine + 1; speaker = the speaker's name, the speaker id
 * for anonymous speakers (`questioner`, `witness`), '?' for speaker -1. Same-speaker identity is
 * the speaker index, so two speakers that happen to share a name still count as two.
 */
export function predictionFromModel(model: TranscriptModel): Prediction {
  const idCount = new Map<string, number>();
  for (const s of model.speakers) idCount.set(s.id, (idCount.get(s.id) ?? 0) + 1);
  const rows: PredRow[] = model.turns.map((t, i) => {
    const sp = t.speaker >= 0 ? model.speakers[t.speaker] : undefined;
    let speaker: string;
    let id: string;
    let key: string | null;
    if (t.speaker < 0) {
      speaker = UNATTRIBUTED;
      id = UNATTRIBUTED;
      key = null;
    } else if (!sp) {
      speaker = `<no speaker #${t.speaker}>`;
      id = speaker;
      key = `#${t.speaker}`;
    } else {
      speaker = sp.anonymous ? sp.id : sp.name;
      id = (idCount.get(sp.id) ?? 0) > 1 ? `${sp.id}#${t.speaker}` : sp.id;
      key = `#${t.speaker}`;
    }
    return { line: t.startLine + 1, speaker, kind: t.kind, key, id, turn: i, speakerIndex: t.speaker, label: t.label ? t.label.text : null };
  });
  const pairQuestions = model.pairs.map((p) => {
    const q = model.turns[p.question];
    return (q ? q.startLine : p.startLine) + 1;
  });
  return { rows, pairs: model.pairs.length, pairQuestions };
}

// ---------------------------------------------------------------------------------------------
// Scoring one file

export interface Prf {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Precision/recall/F1 from counts. Nothing predicted → precision 1; nothing expected → recall 1. */
export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** The allowed |pred - gold| for a pair count: max(1, 5% of gold). */
export function pairTolerance(gold: number): number {
  return Math.max(1, 0.05 * gold);
}

export interface Match {
  gold: TurnRow;
  pred: PredRow;
}

export interface FileScore {
  name: string;
  gold: Gold;
  pred: Prediction;
  /** Turn starts: a predicted start is a TP when a gold row has the same line. */
  turns: Prf;
  /** Same-speaker pairwise scores over the turns matched on both sides. */
  sameSpeaker: Prf;
  /** Kind agreement over matched turns (informational). accuracy is null with no matches. */
  kinds: { correct: number; total: number; accuracy: number | null };
  pairs: { gold: number | null; pred: number; tolerance: number | null; ok: boolean };
  matches: Match[];
  falsePositives: PredRow[];
  falseNegatives: TurnRow[];
}

const choose2 = (n: number): number => (n * (n - 1)) / 2;

function bump<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Group keys for the contingency table: unattributed turns form singleton groups. */
const goldGroup = (m: Match): string => (m.gold.key === null ? `\0gold?${m.gold.line}` : m.gold.key);
const predGroup = (m: Match): string => (m.pred.key === null ? `\0pred?${m.gold.line}` : m.pred.key);

export function scoreFile(gold: Gold, pred: Prediction): FileScore {
  const goldByLine = new Map<number, TurnRow>();
  for (const r of gold.rows) goldByLine.set(r.line, r);

  const matched = new Set<number>();
  const matches: Match[] = [];
  const falsePositives: PredRow[] = [];
  for (const p of pred.rows) {
    const g = goldByLine.get(p.line);
    if (g && !matched.has(p.line)) {
      matched.add(p.line);
      matches.push({ gold: g, pred: p });
    } else {
      falsePositives.push(p);
    }
  }
  const falseNegatives = gold.rows.filter((r) => !matched.has(r.line));
  matches.sort((a, b) => a.gold.line - b.gold.line);

  // Same-speaker pairs via the contingency table: positives = pairs inside one group.
  const g = new Map<string, number>();
  const p = new Map<string, number>();
  const cell = new Map<string, number>();
  for (const m of matches) {
    bump(g, goldGroup(m));
    bump(p, predGroup(m));
    bump(cell, `${goldGroup(m)}\u0001${predGroup(m)}`);
  }
  let goldPos = 0;
  let predPos = 0;
  let both = 0;
  for (const n of g.values()) goldPos += choose2(n);
  for (const n of p.values()) predPos += choose2(n);
  for (const n of cell.values()) both += choose2(n);

  const correct = matches.filter((m) => m.gold.kind === m.pred.kind).length;
  const tolerance = gold.pairs === null ? null : pairTolerance(gold.pairs);
  return {
    name: gold.name,
    gold,
    pred,
    turns: prf(matches.length, falsePositives.length, falseNegatives.length),
    sameSpeaker: prf(both, predPos - both, goldPos - both),
    kinds: { correct, total: matches.length, accuracy: matches.length === 0 ? null : correct / matches.length },
    pairs: {
      gold: gold.pairs,
      pred: pred.pairs,
      tolerance,
      ok: gold.pairs === null || Math.abs(pred.pairs - gold.pairs) <= (tolerance ?? 0),
    },
    matches,
    falsePositives,
    falseNegatives,
  };
}

// ---------------------------------------------------------------------------------------------
// Summaries

export interface CorpusSummary {
  files: number;
  turnsGold: number;
  turnsPred: number;
  /** Turn starts over all turns of all files (TP/FP/FN summed). */
  microTurns: Prf;
  /** Mean of the per-file precision, recall and F1. */
  macroTurns: { precision: number; recall: number; f1: number };
  /** Same-speaker pair counts summed over files. */
  microSameSpeaker: Prf;
  kinds: { correct: number; total: number; accuracy: number | null };
  pairsChecked: number;
  /** Files whose gold gives a pair count and whose prediction is outside the tolerance. */
  pairFailures: FileScore[];
}

export function summarize(scores: readonly FileScore[]): CorpusSummary {
  let tp = 0, fp = 0, fn = 0, stp = 0, sfp = 0, sfn = 0, kc = 0, kt = 0, turnsGold = 0, turnsPred = 0;
  let mp = 0, mr = 0, mf = 0;
  for (const s of scores) {
    tp += s.turns.tp;
    fp += s.turns.fp;
    fn += s.turns.fn;
    stp += s.sameSpeaker.tp;
    sfp += s.sameSpeaker.fp;
    sfn += s.sameSpeaker.fn;
    kc += s.kinds.correct;
    kt += s.kinds.total;
    turnsGold += s.gold.rows.length;
    turnsPred += s.pred.rows.length;
    mp += s.turns.precision;
    mr += s.turns.recall;
    mf += s.turns.f1;
  }
  const n = scores.length;
  return {
    files: n,
    turnsGold,
    turnsPred,
    microTurns: prf(tp, fp, fn),
    macroTurns: n === 0 ? { precision: 0, recall: 0, f1: 0 } : { precision: mp / n, recall: mr / n, f1: mf / n },
    microSameSpeaker: prf(stp, sfp, sfn),
    kinds: { correct: kc, total: kt, accuracy: kt === 0 ? null : kc / kt },
    pairsChecked: scores.filter((s) => s.pairs.gold !== null).length,
    pairFailures: scores.filter((s) => !s.pairs.ok),
  };
}

// ---------------------------------------------------------------------------------------------
// Debugging details

export interface LineError {
  line: number;
  type: 'FP' | 'FN';
  /** FN: the gold row; FP: the predicted row. */
  row: TurnRow;
  /** Why this line is interesting beyond being wrong (preamble, gold note, near miss). */
  hints: string[];
}

export interface SpeakerMapEntry {
  /** Gold speaker (or predicted id for the reverse map). */
  from: string;
  /** Counterparts over matched turns, most frequent first. */
  to: [string, number][];
  /** False when this speaker takes part in a same-speaker error (split or merged). */
  ok: boolean;
}

export interface SpeakerMismatch {
  line: number;
  gold: string;
  pred: string;
  /** split: the gold speaker's other turns mostly went to another predicted speaker;
   *  merged: this predicted speaker mostly stands for another gold speaker;
   *  unattributed: the model gives no speaker although the gold speaker has other turns. */
  problem: 'split' | 'merged' | 'unattributed';
  /** The predicted id (split) or gold speaker (merged) the majority points at. */
  majority: string;
}

export interface FileDetails {
  /** FP and FN turn starts, in line order. */
  lineErrors: LineError[];
  /** gold speaker -> predicted ids. */
  speakerMap: SpeakerMapEntry[];
  /** predicted id -> gold speakers. */
  reverseMap: SpeakerMapEntry[];
  speakerMismatches: SpeakerMismatch[];
  kindMismatches: { line: number; gold: string; pred: string }[];
  /** Gold answered-question lines (from the row kinds) that the model does not pair, and the reverse. */
  pairs: { missing: number[]; extra: number[] };
}

function sortedCounts(m: Map<string, number>): [string, number][] {
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

/** Lists what went wrong in one file: FP/FN lines, speaker splits and merges, kinds, pairs. */
export function fileDetails(score: FileScore): FileDetails {
  const { gold, pred, matches } = score;
  const notes = new Set(gold.notes);
  const fnLines = score.falseNegatives.map((r) => r.line);
  const fpLines = score.falsePositives.map((r) => r.line);
  const near = (line: number, others: number[]): number | undefined => {
    let best: number | undefined;
    for (const o of others) {
      const d = Math.abs(o - line);
      if (d > 0 && d <= 3 && (best === undefined || d < Math.abs(best - line))) best = o;
    }
    return best;
  };

  const lineErrors: LineError[] = [];
  for (const r of score.falsePositives) {
    const hints: string[] = [];
    if (gold.speechStarts !== null && r.line < gold.speechStarts) hints.push(`before speech-starts ${gold.speechStarts}`);
    if (notes.has(r.line)) hints.push('gold note line');
    const n = near(r.line, fnLines);
    if (n !== undefined) hints.push(`near FN ${n}`);
    if (fpLines.filter((l) => l === r.line).length > 1) hints.push('duplicate start line');
    lineErrors.push({ line: r.line, type: 'FP', row: r, hints });
  }
  for (const r of score.falseNegatives) {
    const hints: string[] = [];
    const n = near(r.line, fpLines);
    if (n !== undefined) hints.push(`near FP ${n}`);
    lineErrors.push({ line: r.line, type: 'FN', row: r, hints });
  }
  lineErrors.sort((a, b) => a.line - b.line || (a.type === 'FN' ? -1 : 1));

  // Contingency over matched turns, by display names.
  const goldToPred = new Map<string, Map<string, number>>();
  const predToGold = new Map<string, Map<string, number>>();
  const byGoldGroup = new Map<string, Map<string, number>>();
  const byPredGroup = new Map<string, Map<string, number>>();
  const gName = new Map<string, string>();
  const pName = new Map<string, string>();
  for (const m of matches) {
    const gg = goldGroup(m);
    const pg = predGroup(m);
    gName.set(gg, m.gold.speaker);
    pName.set(pg, m.pred.id);
    if (!goldToPred.has(m.gold.speaker)) goldToPred.set(m.gold.speaker, new Map());
    bump(goldToPred.get(m.gold.speaker)!, m.pred.id);
    if (!predToGold.has(m.pred.id)) predToGold.set(m.pred.id, new Map());
    bump(predToGold.get(m.pred.id)!, m.gold.speaker);
    if (!byGoldGroup.has(gg)) byGoldGroup.set(gg, new Map());
    bump(byGoldGroup.get(gg)!, pg);
    if (!byPredGroup.has(pg)) byPredGroup.set(pg, new Map());
    bump(byPredGroup.get(pg)!, gg);
  }
  const majority = (m: Map<string, number>, skipUnattributed: boolean): string => {
    const sorted = sortedCounts(m);
    const named = skipUnattributed ? sorted.filter(([k]) => !k.startsWith('\0')) : sorted;
    return (named.length ? named : sorted)[0][0];
  };

  const speakerMismatches: SpeakerMismatch[] = [];
  const badGold = new Set<string>();
  const badPred = new Set<string>();
  for (const m of matches) {
    const gg = goldGroup(m);
    const pg = predGroup(m);
    const goldSplits = byGoldGroup.get(gg)!;
    const predMerges = byPredGroup.get(pg)!;
    if (goldSplits.size > 1) badGold.add(m.gold.speaker);
    if (predMerges.size > 1) badPred.add(m.pred.id);
    if (m.pred.key === null) {
      if (goldSplits.size > 1) speakerMismatches.push({ line: m.gold.line, gold: m.gold.speaker, pred: m.pred.id, problem: 'unattributed', majority: '' });
      continue;
    }
    const domPred = majority(goldSplits, true);
    const domGold = majority(predMerges, false);
    if (pg !== domPred) {
      speakerMismatches.push({ line: m.gold.line, gold: m.gold.speaker, pred: m.pred.id, problem: 'split', majority: pName.get(domPred) ?? domPred });
    } else if (gg !== domGold) {
      speakerMismatches.push({ line: m.gold.line, gold: m.gold.speaker, pred: m.pred.id, problem: 'merged', majority: gName.get(domGold) ?? domGold });
    }
  }

  const speakerMap = [...goldToPred.entries()].map(([from, to]) => ({ from, to: sortedCounts(to), ok: !badGold.has(from) }));
  const reverseMap = [...predToGold.entries()].map(([from, to]) => ({ from, to: sortedCounts(to), ok: !badPred.has(from) }));

  const kindMismatches = matches
    .filter((m) => m.gold.kind !== m.pred.kind)
    .map((m) => ({ line: m.gold.line, gold: m.gold.kind, pred: m.pred.kind }));

  const goldQ = new Set(gold.impliedPairQuestions);
  const predQ = new Set(pred.pairQuestions);
  return {
    lineErrors,
    speakerMap,
    reverseMap,
    speakerMismatches,
    kindMismatches,
    pairs: {
      missing: gold.impliedPairQuestions.filter((l) => !predQ.has(l)),
      extra: pred.pairQuestions.filter((l) => !goldQ.has(l)),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Running a whole corpus

export interface CorpusFile {
  name: string;
  goldPath: string;
  textPath: string;
  gold: Gold;
  text: string;
  /** The transcript's lines (index 0 = line 1), for reports. */
  lines: string[];
  /** The parser's model, or null when it threw. */
  model: TranscriptModel | null;
  /** The parser's exception, when it threw. */
  error: string | null;
  parseMs: number;
  score: FileScore;
}

export interface CorpusResult {
  dir: string;
  files: CorpusFile[];
  summary: CorpusSummary;
}

/** Splits text into lines the way the core does (CRLF, CR and LF all end a line). */
export function textLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/**
 * Parses every transcript that has a gold file and scores it. A parser exception is recorded
 * (`error`) and scored as an empty prediction; a missing transcript or malformed gold file throws.
 */
export function scoreCorpus(corpusDir: string, parseFn: (text: string) => TranscriptModel): CorpusResult {
  if (!existsSync(corpusDir)) throw new Error(`gold corpus folder not found: ${corpusDir}`);
  const files: CorpusFile[] = [];
  for (const goldPath of listGoldFiles(corpusDir)) {
    const gold = loadGold(goldPath);
    const textPath = path.join(corpusDir, `${gold.name}.txt`);
    if (!existsSync(textPath)) throw new Error(`${goldPath}: transcript ${textPath} not found`);
    const text = readFileSync(textPath, 'utf8');
    let model: TranscriptModel | null = null;
    let error: string | null = null;
    const t0 = performance.now();
    try {
      model = parseFn(text);
    } catch (e) {
      error = e instanceof Error ? (e.stack ?? e.message) : String(e);
    }
    const parseMs = performance.now() - t0;
    const pred = model ? predictionFromModel(model) : EMPTY_PREDICTION;
    files.push({ name: gold.name, goldPath, textPath, gold, text, lines: textLines(text), model, error, parseMs, score: scoreFile(gold, pred) });
  }
  return { dir: corpusDir, files, summary: summarize(files.map((f) => f.score)) };
}

// ---------------------------------------------------------------------------------------------
// Formatting

const f3 = (x: number): string => x.toFixed(3);
const pct = (x: number | null): string => (x === null ? '-' : `${(x * 100).toFixed(1)}%`);

/** Shortens long names in the middle so both the dialect prefix and the end stay readable. */
export function shortName(name: string, max = 46): string {
  if (name.length <= max) return name;
  const head = Math.ceil((max - 1) * 0.6);
  return `${name.slice(0, head)}…${name.slice(name.length - (max - 1 - head))}`;
}

/** Renders rows as an aligned text table; `right` marks right-aligned columns. */
export function renderTable(header: string[], rows: string[][], right: boolean[], separators: number[] = []): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const fmt = (r: string[]): string =>
    r
      .map((c, i) => (right[i] ? (c ?? '').padStart(widths[i]) : (c ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const out = [fmt(header), rule];
  rows.forEach((r, i) => {
    if (separators.includes(i)) out.push(rule);
    out.push(fmt(r));
  });
  return out.join('\n');
}

/** What is wrong with a file in a few words ('' when perfect). */
export function fileIssues(f: { score: FileScore; error?: string | null }): string {
  const s = f.score;
  const issues: string[] = [];
  if (f.error) issues.push('THREW');
  if (s.turns.f1 < 1) issues.push('turns');
  if (s.sameSpeaker.f1 < 1) issues.push('speakers');
  if (!s.pairs.ok) issues.push('pairs');
  if (s.kinds.accuracy !== null && s.kinds.accuracy < 1) issues.push('kinds');
  return issues.join(' ');
}

/** The per-file table with micro/macro rows. */
export function formatTable(result: CorpusResult): string {
  const header = ['file', 'turns g/p', 'P', 'R', 'F1', 'spk F1', 'pairs g/p', 'kind acc', 'issues'];
  const right = [false, true, true, true, true, true, true, true, false];
  const rows = result.files.map((f) => {
    const s = f.score;
    const pairs = `${s.pairs.gold ?? 'n/a'}/${s.pairs.pred}${s.pairs.ok ? ' ' : '!'}`;
    return [
      shortName(f.name),
      `${s.gold.rows.length}/${s.pred.rows.length}`,
      f3(s.turns.precision),
      f3(s.turns.recall),
      f3(s.turns.f1),
      f3(s.sameSpeaker.f1),
      pairs,
      pct(s.kinds.accuracy),
      fileIssues(f),
    ];
  });
  const sum = result.summary;
  const pairsOk = `${sum.pairsChecked - sum.pairFailures.length}/${sum.pairsChecked} ok`;
  rows.push([
    'micro (all turns)',
    `${sum.turnsGold}/${sum.turnsPred}`,
    f3(sum.microTurns.precision),
    f3(sum.microTurns.recall),
    f3(sum.microTurns.f1),
    f3(sum.microSameSpeaker.f1),
    pairsOk,
    pct(sum.kinds.accuracy),
    '',
  ]);
  rows.push(['macro (per-file mean)', '', f3(sum.macroTurns.precision), f3(sum.macroTurns.recall), f3(sum.macroTurns.f1), '', '', '', '']);
  return renderTable(header, rows, right, [result.files.length]);
}

/** One line per target: value, threshold, ok/FAIL. */
export function formatTargets(summary: CorpusSummary): string {
  const line = (label: string, value: number, target: number): string =>
    `  ${value >= target ? 'ok  ' : 'FAIL'}  ${label.padEnd(28)} ${f3(value)}  (target >= ${target})`;
  const pf = summary.pairFailures;
  return [
    line('micro turn-start F1', summary.microTurns.f1, TARGETS.microTurnF1),
    line('macro per-file turn-start F1', summary.macroTurns.f1, TARGETS.macroTurnF1),
    line('micro same-speaker F1', summary.microSameSpeaker.f1, TARGETS.microSameSpeakerF1),
    `  ${pf.length === 0 ? 'ok  ' : 'FAIL'}  ${'pair counts in tolerance'.padEnd(28)} ${summary.pairsChecked - pf.length}/${summary.pairsChecked} files`,
    ...pf.map((s) => `          off: ${s.name}: gold ${s.pairs.gold}, pred ${s.pairs.pred}`),
  ].join('\n');
}

/** First `max` characters of a line, quoted, with tabs, NBSPs and other invisibles made visible. */
export function quoteLine(text: string | undefined, max = 80): string {
  if (text === undefined) return '<no such line>';
  const cut = text.length > max;
  const body = (cut ? text.slice(0, max) : text).replace(/[\\"\t\u00a0\u200b\u2028\u2029\ufeff\u0000-\u001f]/g, (c) => {
    switch (c) {
      case '\\':
        return '\\\\';
      case '"':
        return '\\"';
      case '\t':
        return '\\t';
      case '\u00a0':
        return '\\xa0';
      default:
        return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    }
  });
  return `"${body}"${cut ? '…' : ''}`;
}

export interface DetailOptions {
  /** Max FP/FN lines and max mismatch lines to print per file (0 = all). Default 50. */
  limit?: number;
  /** Also list kind mismatches. Default true. */
  kinds?: boolean;
}

/**
 * A readable per-file error report: FP/FN turn starts with the text of their lines, pair
 * differences, the gold -> predicted speaker map when same-speaker pairs are wrong, and kinds.
 * `lines` are the transcript's lines (index 0 = line 1); without them no text is shown.
 */
export function formatDetails(score: FileScore, lines?: readonly string[], options: DetailOptions = {}): string {
  const limit = options.limit ?? 50;
  const d = fileDetails(score);
  const text = (line: number): string => (lines ? ` ${quoteLine(lines[line - 1])}` : '');
  const out: string[] = [];
  const capped = <T>(items: T[], render: (x: T) => string): void => {
    const shown = limit > 0 ? items.slice(0, limit) : items;
    for (const x of shown) out.push(render(x));
    if (shown.length < items.length) out.push(`    … ${items.length - shown.length} more (use --limit 0 to see all)`);
  };

  const s = score;
  out.push(
    `== ${s.name}  turns gold ${s.gold.rows.length} pred ${s.pred.rows.length}  TP ${s.turns.tp} FP ${s.turns.fp} FN ${s.turns.fn}  ` +
      `F1 ${f3(s.turns.f1)}  spk F1 ${f3(s.sameSpeaker.f1)}  kind ${pct(s.kinds.accuracy)}`,
  );
  for (const w of s.gold.warnings) out.push(`  gold warning: ${w}`);

  if (d.lineErrors.length) {
    out.push(`  turn starts (speech starts at ${s.gold.speechStarts ?? '?'}${s.gold.notes.length ? `; gold notes ${s.gold.notes.join(',')}` : ''}):`);
    capped(d.lineErrors, (e) => {
      const who = e.type === 'FN' ? `[${e.row.speaker} ${e.row.kind}]` : `[pred: ${e.row.speaker} ${e.row.kind}]`;
      const hints = e.hints.length ? ` (${e.hints.join('; ')})` : '';
      return `    ${e.type} ${String(e.line).padStart(4)} ${who}${text(e.line)}${hints}`;
    });
  }

  const pairLine = `  pairs: gold ${s.pairs.gold ?? 'n/a'} pred ${s.pairs.pred}` + (s.pairs.tolerance !== null ? ` (tolerance ±${+s.pairs.tolerance.toFixed(2)}) ${s.pairs.ok ? 'ok' : 'OUT OF TOLERANCE'}` : '');
  if (s.pairs.gold !== null && (d.pairs.missing.length || d.pairs.extra.length || !s.pairs.ok)) {
    out.push(pairLine);
    if (d.pairs.missing.length) out.push(`    answered gold questions not paired by the model: ${d.pairs.missing.join(', ')}`);
    if (d.pairs.extra.length) out.push(`    model pairs whose question is not an answered gold question: ${d.pairs.extra.join(', ')}`);
  } else if (s.pairs.gold === null && s.pairs.pred > 0) {
    out.push(`${pairLine} (gold marks no questions; model pairs at ${s.pred.pairQuestions.join(', ')})`);
  }

  if (s.sameSpeaker.fp || s.sameSpeaker.fn) {
    out.push(`  same-speaker pairs: TP ${s.sameSpeaker.tp} FP ${s.sameSpeaker.fp} (merged) FN ${s.sameSpeaker.fn} (split); speaker map over matched turns:`);
    const counts = (to: [string, number][]): string => `{${to.map(([k, n]) => `${k}: ${n}`).join(', ')}}`;
    for (const e of d.speakerMap) out.push(`    ${e.ok ? ' ' : '✗'} gold ${JSON.stringify(e.from)} -> pred ${counts(e.to)}`);
    for (const e of d.reverseMap.filter((x) => !x.ok)) out.push(`    ✗ pred ${JSON.stringify(e.from)} <- gold ${counts(e.to)}`);
    capped(d.speakerMismatches, (m) => {
      const why =
        m.problem === 'split'
          ? `split: most ${JSON.stringify(m.gold)} turns are ${m.majority}`
          : m.problem === 'merged'
            ? `merged: ${m.pred} is mostly gold ${JSON.stringify(m.majority)}`
            : 'unattributed';
      return `    SPK ${String(m.line).padStart(4)} gold ${JSON.stringify(m.gold)} -> pred ${m.pred} (${why})${text(m.line)}`;
    });
  }

  if ((options.kinds ?? true) && d.kindMismatches.length) {
    out.push(`  kinds (${d.kindMismatches.length} of ${s.kinds.total} matched turns differ):`);
    capped(d.kindMismatches, (k) => `    KIND ${String(k.line).padStart(4)} gold ${k.gold} pred ${k.pred}${text(k.line)}`);
  }
  if (out.length === 1) out.push('  no errors');
  return out.join('\n');
}
