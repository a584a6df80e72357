/**
 * Runs the diagnostic rules over a parsed transcript, applies configured severities and inline
 * suppression comments, and applies fixes. Pure: text and options in, findings and text out.
 *
 * Suppression comments (a line of their own, or at the end of a line):
 *   <!-- transcript-lint-disable-file [RULE...] -->       the whole file
 *   <!-- transcript-lint-disable-next-line [RULE...] -->  the next line
 *   <!-- transcript-lint-disable-line [RULE...] -->       this line
 * RULE is an id (`TR003`) or a name (`empty-label`); none means every rule.
 */

import type { ParseOptions, TranscriptModel, Turn } from './model.ts';
import { parse } from './parse.ts';
import type { Finding, Fix, Report, Rule, RuleContext, SeveritySetting, TextEdit } from './rules/types.ts';
import { RULES } from './rules/index.ts';
import { keepsWords, resetVerifyBudget, turnWords, VERIFY_MAX_CHARS } from './rules/label-helpers.ts';
import type { ModelDelta } from './incremental.ts';
import { flatText, type TextSource } from './source.ts';

export interface LintOptions {
  /** Severity per rule id or name; `off` disables a rule. */
  severities?: Record<string, SeveritySetting>;
  /** Rules to run instead of the built-in set (tests). */
  rules?: readonly Rule[];
}

/** More findings of one rule than anyone reads: the rest are dropped (the document is not a transcript). */
export const MAX_FINDINGS_PER_RULE = 2000;

/** Looks a rule up by id or name, case-insensitively. */
export function findRule(key: string, rules: readonly Rule[] = RULES): Rule | undefined {
  const k = key.toLowerCase();
  return rules.find((r) => r.id.toLowerCase() === k || r.name === k);
}

function severityFor(rule: Rule, severities: Record<string, SeveritySetting> | undefined): SeveritySetting {
  if (!severities) return rule.severity;
  return severities[rule.id] ?? severities[rule.name] ?? severities[rule.id.toLowerCase()] ?? rule.severity;
}

interface Suppressions {
  file: Set<string> | 'all' | null;
  lines: Map<number, Set<string> | 'all'>;
}

const SUPPRESS = /<!--\s*transcript-lint-disable(-file|-next-line|-line)?\b([^>]*?)-->/g;

const MARK = 'transcript-lint-disable';

/**
 * Whether the text has a suppression comment, without reading all of it after an edit: when the
 * text before had none, only the lines the edit wrote can hold one.
 */
function hasSuppressions(ctx: Pick<RuleContext, 'line' | 'text'>, before: { had: boolean; delta: ModelDelta } | null): boolean {
  if (before && !before.had) {
    const d = before.delta;
    for (let i = d.line; i <= d.lastLine + d.lineDelta; i++) if (ctx.line(i).includes(MARK)) return true;
    return false;
  }
  // Most documents have none: one search of the text instead of a look at every line.
  return ctx.text.includes(MARK);
}

function suppressions(ctx: Pick<RuleContext, 'line' | 'text'>, lineCount: number, rules: readonly Rule[], any: boolean): Suppressions {
  const out: Suppressions = { file: null, lines: new Map() };
  if (!any) return out;
  const add = (target: Set<string> | 'all' | null, ids: string[]): Set<string> | 'all' => {
    if (ids.length === 0 || target === 'all') return 'all';
    const set = target ?? new Set<string>();
    for (const id of ids) set.add(id);
    return set;
  };
  for (let i = 0; i < lineCount; i++) {
    const s = ctx.line(i);
    if (!s.includes(MARK)) continue;
    SUPPRESS.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = SUPPRESS.exec(s)) !== null) {
      const ids = m[2]
        .split(/[\s,]+/)
        .filter(Boolean)
        .map((k) => findRule(k, rules)?.id ?? k.toUpperCase());
      const kind = m[1] ?? '-file';
      if (kind === '-file') out.file = add(out.file, ids);
      else {
        const line = kind === '-next-line' ? i + 1 : i;
        out.lines.set(line, add(out.lines.get(line) ?? null, ids));
      }
    }
  }
  return out;
}

function isSuppressed(s: Suppressions, f: Finding): boolean {
  const hit = (x: Set<string> | 'all' | null | undefined) => x === 'all' || (x instanceof Set && x.has(f.code));
  return hit(s.file) || hit(s.lines.get(f.line));
}

/**
 * Per-turn values of the rules (`RuleContext.perTurn`): one weak map per key, keyed by the turn
 * object. An incremental parse keeps the objects of unchanged turns, so their values survive an
 * edit elsewhere, and they go with the turns. Empty lists (most turns have no problem) share one
 * object.
 */
const turnMemo = new Map<string, WeakMap<Turn, unknown>>();
const EMPTY: readonly never[] = Object.freeze([]);

/** Builds the context rules see. */
export function ruleContext(
  text: TextSource,
  model: TranscriptModel,
  report: (r: Report) => void,
  more: () => boolean = () => true,
  delta?: ModelDelta,
  labelValues?: { kept: ReadonlyMap<string, unknown> | null; now: Map<string, unknown> },
): RuleContext {
  let lastKey = '';
  let lastMemo: WeakMap<Turn, unknown> | undefined;
  return {
    text,
    model,
    line: (i) => text.slice(model.lineStarts[i], model.lineStarts[i] + model.lineLengths[i]),
    offsetAt: (line, column) => {
      if (line >= model.lineCount) return text.length;
      return model.lineStarts[line] + Math.max(0, Math.min(column, model.lineLengths[line]));
    },
    lineEndWithBreak: (i) => (i + 1 < model.lineCount ? model.lineStarts[i + 1] : text.length),
    report,
    more,
    turnRange: [0, model.turns.length],
    ...(delta ? { delta } : {}),
    labelValue: <T>(key: string, compute: () => T): T => {
      if (!labelValues) return compute();
      if (labelValues.now.has(key)) return labelValues.now.get(key) as T;
      const value = labelValues.kept?.has(key) ? (labelValues.kept.get(key) as T) : compute();
      labelValues.now.set(key, value);
      return value;
    },
    perTurn: <T>(key: string, t: number, compute: () => T): T => {
      const turn = model.turns[t];
      if (!turn) return compute();
      // Rules ask for one key many times in a row: keep the last one's map at hand.
      let memo = key === lastKey ? lastMemo : turnMemo.get(key);
      if (!memo) {
        // Keys name their inputs (TR008's include the label variants): drop old ones now and then.
        if (turnMemo.size >= 64) turnMemo.clear();
        turnMemo.set(key, (memo = new WeakMap()));
      }
      lastKey = key;
      lastMemo = memo;
      const kept = memo.get(turn);
      if (kept !== undefined || memo.has(turn)) return kept as T;
      let value: unknown = compute();
      if (Array.isArray(value) && value.length === 0) value = EMPTY;
      memo.set(turn, value);
      return value as T;
    },
  };
}

/**
 * Runs every enabled rule. A rule that throws is reported as one finding of its own instead of
 * taking the others down.
 */
export function lint(text: TextSource, model: TranscriptModel = parse(flatText(text)), options: LintOptions = {}): Finding[] {
  return lintUpdate(text, model, options).findings;
}

/** What one lint run keeps so that the next, after an edit, can reuse findings (`lintUpdate`). */
export interface LintMemo {
  model: TranscriptModel;
  /** The severities the findings were made with. */
  key: string;
  /** Each rule's findings as it reported them (before suppression comments). */
  byRule: Map<string, readonly Finding[]>;
  /** The rules' `labelValue`s. */
  labelValues: Map<string, unknown>;
  /** Each rule's `reuseKey` in this run. */
  reuseKeys: Map<string, string>;
  /** The text held a suppression comment. */
  suppressed: boolean;
  /** The findings as returned (in document order). */
  sorted?: Finding[];
}

/** Rules run and rules whose findings were reused, over the process (for tests and the benchmark). */
export const lintCounts = { run: 0, reused: 0 };

/**
 * `lint`, reusing from `previous` (the run on the model this one was updated from, with the
 * update's delta) what `Rule.reuse` allows: the findings of rules that read labels only when the
 * update kept every label, and those of turn-by-turn rules outside the rebuilt turns, moved to
 * their new positions. The findings equal a fresh `lint` of the model.
 */
export function lintUpdate(
  text: TextSource,
  model: TranscriptModel,
  options: LintOptions = {},
  previous?: { memo: LintMemo; delta: ModelDelta },
): { findings: Finding[]; memo: LintMemo; same: boolean } {
  const rules = options.rules ?? RULES;
  const key = JSON.stringify(options.severities ?? {});
  const findings: Finding[] = [];
  const byRule = new Map<string, readonly Finding[]>();
  // The previous run was on the model this update started from, with the same severities.
  const chained = previous && previous.memo.model === previous.delta.from && previous.memo.key === key ? previous.delta : null;
  const d = chained?.labelsKept ? chained : null;
  let current: Rule | null = null;
  let severity: SeveritySetting = 'warning';
  let count = 0;
  const labelValues = { kept: chained?.labelsKept ? previous!.memo.labelValues : null, now: new Map<string, unknown>() };
  // Whether the findings show as the previous run's did (the usual keystroke inside a line of
  // speech): the previous sorted list is then the answer, its findings moved in place and those a
  // rule found again swapped for the new, equal ones; nothing is sorted or compared again.
  let same = chained !== null && chained.lineDelta === 0 && !previous!.memo.suppressed && previous!.memo.sorted !== undefined;
  const swaps: [Finding, Finding][] = [];
  /** The findings `now` of a rule show as `was` did: swap them in. */
  const compare = (was: readonly Finding[] | undefined, now: readonly Finding[]) => {
    if (!same) return;
    if (!was || was.length !== now.length) {
      same = false;
      return;
    }
    for (let i = 0; i < now.length; i++) {
      if (!sameView(was[i], now[i])) {
        same = false;
        return;
      }
    }
    for (let i = 0; i < now.length; i++) if (was[i] !== now[i]) swaps.push([was[i], now[i]]);
  };
  const reuseKeys = new Map<string, string>();
  const ctx = ruleContext(
    text,
    model,
    (r) => {
      if (!current || severity === 'off' || ++count > MAX_FINDINGS_PER_RULE) return;
      // One shape for every finding (not a spread of what the rule built): the passes over thousands
      // of findings after each keystroke stay fast.
      findings.push({
        code: current.id,
        rule: current.name,
        severity,
        line: r.line,
        column: r.column,
        endLine: r.endLine,
        endColumn: r.endColumn,
        message: r.message,
        fixes: r.fixes ?? [],
      });
    },
    () => count < MAX_FINDINGS_PER_RULE,
    previous?.delta,
    labelValues,
  );
  // Where each rule's findings start in `findings` (each rule's are contiguous).
  const runs: number[] = [];
  for (const rule of rules) {
    severity = severityFor(rule, options.severities);
    if (severity === 'off') continue;
    const from = findings.length;
    runs.push(from);
    const old = d && (rule.reuse === 'labels' || (rule.reuse === 'labels-verified' && text.length > VERIFY_MAX_CHARS)) ? previous!.memo.byRule.get(rule.id) : undefined;
    const moved = old && moveFindings(old, d!);
    if (moved) {
      for (const f of moved) findings.push(f);
      byRule.set(rule.id, moved);
      lintCounts.reused++;
      continue;
    }
    // A turn-by-turn rule: keep what it found on the blocks the update kept, look at the rebuilt ones
    // (and, for a rule that reads the turns either side, one more each side).
    const t =
      (rule.reuse === 'turns' && chained?.dialectKept) || (rule.reuse === 'neighbours' && chained?.kindsKept && chained.lineDelta === 0) ? chained : null;
    if (rule.reuseKey) reuseKeys.set(rule.id, safeKey(rule, ctx));
    const keyKept = !rule.reuseKey || reuseKeys.get(rule.id) === previous?.memo.reuseKeys.get(rule.id);
    const before = t && keyKept ? previous!.memo.byRule.get(rule.id) : undefined;
    if (t && before && before.length < MAX_FINDINGS_PER_RULE) {
      const range = rule.reuse === 'neighbours' ? neighbourRange(model, t) : { turns: [t.turnsFrom, t.turnsTo] as const, lines: t.blockLines };
      const [lo, hi] = range.lines;
      const outside = before.filter((f) => f.endLine < lo || f.line > hi);
      // A finding reaching into the rebuilt blocks from outside: look at every turn again.
      const straddles = before.some((f) => !(f.endLine < lo || f.line > hi) && !(f.line >= lo && f.endLine <= hi));
      const kept = straddles ? null : moveFindings(outside, t);
      if (kept) {
        current = rule;
        count = 0;
        (ctx as { turnRange: readonly [number, number] }).turnRange = range.turns;
        let failed = false;
        resetVerifyBudget(ctx);
        try {
          rule.check(ctx);
        } catch {
          failed = true;
        }
        (ctx as { turnRange: readonly [number, number] }).turnRange = [0, model.turns.length];
        current = null;
        const fresh = findings.splice(from);
        if (!failed && kept.length + fresh.length < MAX_FINDINGS_PER_RULE) {
          compare(
            before.filter((f) => !(f.endLine < lo || f.line > hi)),
            fresh,
          );
          // In document order, as a run over every turn reports them.
          const all = [...kept.filter((f) => f.endLine < lo), ...fresh, ...kept.filter((f) => f.line >= lo)];
          for (const f of all) findings.push(f);
          byRule.set(rule.id, all);
          lintCounts.reused++;
          continue;
        }
      }
    }
    lintCounts.run++;
    current = rule;
    count = 0;
    // Each rule verifies its own first fixes, whatever the rules before it verified (an edit that
    // lets an earlier rule reuse its findings must not change what a later one verifies).
    resetVerifyBudget(ctx);
    try {
      rule.check(ctx);
    } catch (e) {
      findings.push({
        code: rule.id,
        rule: rule.name,
        severity: 'information',
        line: 0,
        column: 0,
        endLine: 0,
        endColumn: 0,
        message: `Rule ${rule.id} (${rule.name}) failed on this document: ${(e as Error)?.message ?? e}. Please report it.`,
        fixes: [],
      });
    }
    current = null;
    byRule.set(rule.id, findings.slice(from));
    compare(previous?.memo.byRule.get(rule.id), byRule.get(rule.id)!);
  }
  const had = hasSuppressions(ctx, chained ? { had: previous!.memo.suppressed, delta: chained } : null);
  const sup = suppressions(ctx, model.lineCount, rules, had);
  // (Runs merge in rule order: only when the rules are in id order, as the built-in set is.)
  const idOrder = rules.every((r, k) => k === 0 || rules[k - 1].id < r.id);
  const memoOf = (sorted: Finding[]): LintMemo => ({ model, key, byRule, labelValues: labelValues.now, reuseKeys, suppressed: had, sorted });
  if (same && !had) {
    const out = swapIn(previous!.memo.sorted!, swaps);
    if (out) return { findings: out, memo: memoOf(out), same: true };
  }
  const out = had ? sortFindings(findings.filter((f) => !isSuppressed(sup, f))) : sortFindings(findings, idOrder ? runs : undefined);
  return { findings: out, memo: memoOf(out), same: false };
}

/** The same place, severity, rule and message: an editor shows the two alike. */
function sameView(a: Finding, b: Finding): boolean {
  return (
    a.line === b.line &&
    a.column === b.column &&
    a.endLine === b.endLine &&
    a.endColumn === b.endColumn &&
    a.severity === b.severity &&
    a.code === b.code &&
    a.message === b.message
  );
}

/**
 * `sorted` (the previous run's answer, consumed) with each `[was, now]` swapped: `now` takes the
 * place of `was`, which it shows alike. Null if one is not found (then the caller sorts anew).
 */
function swapIn(sorted: Finding[], swaps: readonly [Finding, Finding][]): Finding[] | null {
  for (const [was, now] of swaps) {
    // The first finding at or after `was`'s place, then those at the same place.
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const f = sorted[mid];
      if (f.line < was.line || (f.line === was.line && f.column < was.column)) lo = mid + 1;
      else hi = mid;
    }
    let k = lo;
    while (k < sorted.length && sorted[k] !== was && sorted[k].line === was.line && sorted[k].column === was.column) k++;
    if (sorted[k] !== was) return null;
    sorted[k] = now;
  }
  return sorted;
}

/**
 * Findings in document order (line, column, then rule id), as a new array. `runs`: where each
 * rule's findings start, in rule id order; when each run is in order already (the usual case),
 * the runs are merged instead of sorting the whole list on every keystroke.
 */
export function sortFindings(fs: readonly Finding[], runs?: readonly number[]): Finding[] {
  if (runs && runs.every((r, k) => inOrder(fs, r, k + 1 < runs.length ? runs[k + 1] : fs.length))) {
    let lists: Finding[][] = [];
    for (let k = 0; k < runs.length; k++) {
      const end = k + 1 < runs.length ? runs[k + 1] : fs.length;
      if (end > runs[k]) lists.push(fs.slice(runs[k], end));
    }
    if (lists.length === 0) return [];
    // Pairwise, the earlier rule's finding first on a tie: rules run in id order.
    while (lists.length > 1) {
      const next: Finding[][] = [];
      for (let k = 0; k < lists.length; k += 2) next.push(k + 1 < lists.length ? mergeTwo(lists[k], lists[k + 1]) : lists[k]);
      lists = next;
    }
    return lists[0];
  }
  const before = (a: Finding, b: Finding) => a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  // Sorted on numbers read out once: a comparator reading the findings' properties on each of tens of
  // thousands of comparisons costs milliseconds.
  const n = fs.length;
  const line = new Float64Array(n);
  const col = new Float64Array(n);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    line[i] = fs[i].line;
    col[i] = fs[i].column;
    order[i] = i;
  }
  order.sort((x, y) => line[x] - line[y] || col[x] - col[y] || before(fs[x], fs[y]) || x - y);
  const out = new Array<Finding>(n);
  for (let i = 0; i < n; i++) out[i] = fs[order[i]];
  return out;
}

/** Findings `[from, to)` are in (line, column) order. */
function inOrder(fs: readonly Finding[], from: number, to: number): boolean {
  for (let i = from + 1; i < to; i++) {
    const a = fs[i - 1];
    const b = fs[i];
    if (a.line > b.line || (a.line === b.line && a.column > b.column)) return false;
  }
  return true;
}

/** Two ordered lists as one; on equal positions, `a`'s first. */
function mergeTwo(a: readonly Finding[], b: readonly Finding[]): Finding[] {
  const out = new Array<Finding>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    const x = a[i];
    const y = b[j];
    out[k++] = y.line < x.line || (y.line === x.line && y.column < x.column) ? (j++, y) : (i++, x);
  }
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

/** A rule's `reuseKey`, or a key that matches nothing when it throws. */
function safeKey(rule: Rule, ctx: RuleContext): string {
  try {
    return rule.reuseKey!(ctx);
  } catch {
    return `\u0000${Math.random()}`;
  }
}

/**
 * The turns a `'neighbours'` rule looks at again after an update that moved no line: the rebuilt
 * ones and one either side; and the lines of their blocks (from the top of the text when turn 0 is
 * among them, to its end when the last is).
 */
function neighbourRange(model: TranscriptModel, d: ModelDelta): { turns: readonly [number, number]; lines: [number, number] } {
  const from = Math.max(0, d.turnsFrom - 1);
  const to = Math.min(model.turns.length, d.turnsTo + 1);
  const lo = from === 0 ? 0 : model.turns[from].startLine;
  const hi = to >= model.turns.length ? model.lineCount - 1 : model.turns[to].startLine - 1;
  return { turns: [from, to], lines: [lo, hi] };
}

/**
 * Findings of the text before an edit at their places in the text after it, or null when one of
 * them touches the edited text (the rule then runs again). They are moved in place: the previous
 * run's findings, like the model it was made from, are consumed by the update (copying thousands of
 * findings and their fixes on every keystroke cost more than all the rules).
 */
function moveFindings(fs: readonly Finding[], d: ModelDelta): Finding[] | null {
  const shift = d.newEnd - d.oldEnd;
  // Look first, change nothing until every finding is known to stay.
  for (let k = 0; k < fs.length; k++) {
    const f = fs[k];
    if (f.line <= d.lastLine && !(f.endLine < d.line || (f.endLine === d.line && f.endColumn <= d.column))) return null;
    const fixes = f.fixes;
    for (let x = 0; x < fixes.length; x++) {
      const edits = fixes[x].edits;
      for (let y = 0; y < edits.length; y++) if (edits[y].end > d.start && edits[y].start < d.oldEnd) return null;
    }
  }
  if (shift === 0 && d.lineDelta === 0) return fs as Finding[];
  let seen: Set<TextEdit> | null = null;
  for (let k = 0; k < fs.length; k++) {
    const f = fs[k];
    if (f.line > d.lastLine && d.lineDelta !== 0) {
      f.line += d.lineDelta;
      f.endLine += d.lineDelta;
    }
    if (shift === 0) continue;
    for (let x = 0; x < f.fixes.length; x++) {
      const edits = f.fixes[x].edits;
      for (let y = 0; y < edits.length; y++) {
        const e = edits[y];
        if (e.end <= d.start) continue;
        // (An edit object two fixes or findings share moves once.)
        seen ??= new Set();
        if (seen.has(e)) continue;
        seen.add(e);
        e.start += shift;
        e.end += shift;
      }
    }
  }
  return fs as Finding[];
}

/**
 * Applies non-overlapping edits to `text`. Overlapping edits after the first are dropped, so the
 * result never garbles the text.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of sorted) {
    if (e.start < pos || e.end < e.start || e.end > text.length) continue;
    out += text.slice(pos, e.start) + e.newText;
    pos = e.end;
  }
  return out + text.slice(pos);
}

/** The fix that fix-all applies for a finding: the preferred safe one, else the only safe one. */
export function safeFix(f: Finding): Fix | undefined {
  const safe = f.fixes.filter((x) => x.safe);
  return safe.find((x) => x.preferred) ?? (safe.length === 1 ? safe[0] : undefined);
}

/**
 * Applies every safe fix, re-parsing and re-linting until nothing changes (at most `passes`
 * times), and returns the fixed text with the number of fixes applied.
 */
export function fixAll(
  text: string,
  options: LintOptions = {},
  passes = 100,
  parseOptions: ParseOptions = {},
): { text: string; applied: number } {
  let applied = 0;
  let current = text;
  // The guard under every fix: the speech of the original text, word by word, must survive every
  // pass (a label deleted in one pass can turn a line of speech into a label the next pass deletes).
  const original = turnWords(text, parse(text, parseOptions), false);
  // (A pass that leaves a word of speech as the label of an empty turn is refused: the next pass,
  // or the next fix-all, would delete it, and fix-all twice would differ from once.)
  const keeps = (candidate: string) => keepsWords(original, turnWords(candidate, parse(candidate, parseOptions), 'spoken'));
  for (let pass = 0; pass < passes; pass++) {
    const findings = lint(current, parse(current, parseOptions), options);
    // Take fixes whose edits do not overlap those already taken in this pass.
    const fixes = findings.map(safeFix).filter((x): x is Fix => x !== undefined);
    fixes.sort((a, b) => Math.min(...a.edits.map((e) => e.start)) - Math.min(...b.edits.map((e) => e.start)));
    const chosen: Fix[] = [];
    let lastEnd = -1;
    for (const fix of fixes) {
      const start = Math.min(...fix.edits.map((e) => e.start));
      const end = Math.max(...fix.edits.map((e) => e.end));
      if (start < lastEnd) continue;
      chosen.push(fix);
      lastEnd = Math.max(end, start + 1);
    }
    if (chosen.length === 0) break;
    let next = applyEdits(current, chosen.flatMap((f) => f.edits));
    let taken = chosen.length;
    if (next === current) break;
    if (!keeps(next)) {
      // Apply this pass's fixes one at a time, from the end of the text backwards (so the offsets
      // of those still to try stay valid), keeping only those that lose nothing.
      next = current;
      taken = 0;
      for (const fix of [...chosen].reverse()) {
        const candidate = applyEdits(next, fix.edits);
        if (candidate !== next && keeps(candidate)) {
          next = candidate;
          taken++;
        }
      }
      if (taken === 0) break;
    }
    current = next;
    applied += taken;
  }
  return { text: current, applied };
}
