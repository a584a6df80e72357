/**
 * Incremental parsing (issue 6): after any sequence of edits, `updateParse` gives exactly the
 * model a full `parse()` of the new text gives, lint of that model (which reuses per-turn values of
 * the turns kept) gives a fresh lint's findings, and most small edits in a long document take the
 * incremental path. The update, lint, outline, folding and highlighting read the text as the
 * server holds it (a `PieceText` of small pieces, edited in step) and must answer as for the string.
 */
import { strict as assert } from 'node:assert';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseState } from '../server/src/core/parse.ts';
import { lint, lintCounts, lintUpdate } from '../server/src/core/lint.ts';
import { diffTexts, lastUpdate, mergeChanges, updateParse, type TextChange, type UpdatedState } from '../server/src/core/incremental.ts';
import { PieceText } from '../server/src/core/source.ts';
import { documentSymbols, foldingRanges, semanticTokens } from '../server/src/core/features/index.ts';
import { generateTranscript, mulberry32 } from '../scripts/gen-transcript.ts';

const ROOT = path.resolve(__dirname, '..');

function files(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const dirs = ['../shared/corpus', 'test/fixtures/heldout', 'test/fixtures/heldout2', 'test/fixtures/heldout3', 'test/fixtures/heldout4', 'test/fixtures/heldout5', 'test/fixtures/heldout6', 'test/fixtures/heldout7', 'test/fixtures/heldout8', 'test/fixtures/heldout9', 'test/fixtures/heldout10', 'test/fixtures/heldout11', 'test/fixtures/heldout12', 'test/fixtures/heldout13', 'test/fixtures/heldout14', 'test/fixtures/heldout15', 'test/fixtures/heldout16'];
  for (const d of dirs) {
    const dir = path.resolve(ROOT, d);
    for (const f of readdirSync(dir).sort()) if (/\.(txt|md)$/.test(f) && !f.endsWith('.gold.tsv')) out.push({ name: `${d}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') });
  }
  return out;
}

const SNIPPETS = [
  'a', ' ', '.', '?', ':', '\n', '\r\n', '\n\n', '[inaudible]', 'Q. ', 'A. ', '\nMR. SMITH: Thank you.', '\nQuestion\n\n',
  '\nMark Rutte, NATO Secretary General\n\n', '\nMS. PSAKI: ', '\nDana Whitfield (00:01:02):\n', '\n**Host:** ', '(Laughter.)',
  '\nJoan Mercer\n\nWhat do you think?\n', '—', 'RK; ', '\n>> ', 'Speaker 1\n', ' e', 'MODERATOR: Next question?',
  // What the LSP flood test types (test/lsp-robust.test.ts), and labels the later rules read.
  'NATO Secretary General Anna Lindqvist\n\n', 'Why now?', '\u00a0', 'é', '😀', '\nAnna Berg\n', ' of\n', 'Questions by Mr Smith\n', 'Rhun ap Gwilym - 01:02\n',
];

/** One random edit of `text`: the new text and the change. */
function randomEdit(text: string, rnd: () => number): { text: string; change: TextChange } {
  const at = Math.floor(rnd() * (text.length + 1));
  const kind = Math.floor(rnd() * 6);
  let start = at;
  let end = at;
  let insert = '';
  if (kind === 0) insert = SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
  else if (kind === 1) end = Math.min(text.length, at + Math.floor(rnd() * 20));
  else if (kind === 2) {
    // Delete or duplicate the whole line at `at`.
    start = text.lastIndexOf('\n', at - 1) + 1;
    const e = text.indexOf('\n', at);
    end = e < 0 ? text.length : e + 1;
    if (rnd() < 0.5) {
      insert = text.slice(start, end);
      end = start;
    }
  } else if (kind === 3) {
    // Paste a piece of the document elsewhere.
    const from = Math.floor(rnd() * text.length);
    insert = text.slice(from, from + Math.floor(rnd() * 300));
  } else if (kind === 4) {
    end = Math.min(text.length, at + Math.floor(rnd() * 5));
    insert = SNIPPETS[Math.floor(rnd() * SNIPPETS.length)];
  } else insert = String.fromCharCode(97 + Math.floor(rnd() * 26));
  const next = text.slice(0, start) + insert + text.slice(end);
  return { text: next, change: { start, oldEnd: end, newEnd: start + insert.length } };
}

/** Applies `edits` random edits, checking the incremental model against a full parse after each. */
/** Lint runs that said the findings show as before (over the whole test). */
let sameCount = 0;

function check(name: string, text0: string, edits: number, seed: number): { incremental: number; total: number } {
  const rnd = mulberry32(seed);
  let state: UpdatedState = parseState(text0);
  let text = text0;
  // The server's store of the same text, in small pieces: the update and every feature read it.
  let pieces = PieceText.of(text0, 7 + Math.floor(rnd() * 60));
  // Lint as the server runs it: each run hands its memo to the next, which reuses label-only findings.
  let memo = lintUpdate(pieces, state.model).memo;
  let lastView = lint(text0, state.model).map((f) => [f.line, f.column, f.endLine, f.endColumn, f.severity, f.code, f.message].join('\u0001'));
  let incremental = 0;
  for (let k = 0; k < edits; k++) {
    const e = randomEdit(text, rnd);
    // Sometimes two edits arrive in one didChange: merge them.
    let change = e.change;
    let next = e.text;
    pieces = pieces.edit(change.start, change.oldEnd, next.slice(change.start, change.newEnd));
    if (rnd() < 0.2) {
      const e2 = randomEdit(next, rnd);
      pieces = pieces.edit(e2.change.start, e2.change.oldEnd, e2.text.slice(e2.change.start, e2.change.newEnd));
      change = mergeChanges(change, e2.change);
      next = e2.text;
    }
    state = updateParse(state, pieces, change);
    if (lastUpdate.incremental) incremental++;
    text = next;
    const full = parse(text);
    try {
      assert.deepStrictEqual(state.model, full);
      // Lint reuses per-turn values of the turns the update kept: the findings are a fresh lint's.
      const linted = lintUpdate(pieces, state.model, {}, state.delta ? { memo, delta: state.delta } : undefined);
      memo = linted.memo;
      const fresh = lint(text, full);
      assert.deepStrictEqual(linted.findings, fresh);
      // "Shows as before" (the server then answers a pull "unchanged") only when it does.
      const view = fresh.map((f) => [f.line, f.column, f.endLine, f.endColumn, f.severity, f.code, f.message].join('\u0001'));
      if (linted.same) assert.deepStrictEqual(view, lastView, 'lint said the findings show as before');
      if (linted.same) sameCount++;
      lastView = view;
      if (k % 4 === 0) {
        assert.deepStrictEqual(documentSymbols(pieces, state.model), documentSymbols(text, full));
        assert.deepStrictEqual(foldingRanges(pieces, state.model), foldingRanges(text, full));
        assert.deepStrictEqual(semanticTokens(pieces, state.model), semanticTokens(text, full));
      }
    } catch (err) {
      throw new Error(`${name}, seed ${seed}, edit ${k + 1} (${JSON.stringify(change)}, ${lastUpdate.incremental ? 'incremental' : `full: ${lastUpdate.reason}`}): ${(err as Error).message.slice(0, 2000)}`);
    }
  }
  return { incremental, total: edits };
}

describe('incremental parse', () => {
  it('gives the full parse after every edit of every corpus and fixture file', () => {
    let inc = 0;
    let total = 0;
    for (const [i, f] of files().entries()) {
      const r = check(f.name, f.text, 12, 1000 + i);
      inc += r.incremental;
      total += r.total;
    }
    // Short files mostly take the full parse (edits near the top); the check above is what counts.
    assert.ok(total > 500, `only ${total} edits`);
    assert.ok(inc > 0, 'no edit took the incremental path');
  });

  it('takes the incremental path for most edits of a long transcript, and stays exact', () => {
    const text = generateTranscript(150_000, 7);
    let inc = 0;
    let total = 0;
    const reusedBefore = lintCounts.reused;
    for (const seed of [1, 2, 3]) {
      const r = check(`generated seed ${seed}`, text, 60, seed);
      inc += r.incremental;
      total += r.total;
    }
    assert.ok(inc >= total * 0.7, `${inc} of ${total} edits incremental (last reason: ${lastUpdate.reason})`);
    // Most edits keep every label: lint reused the label rules' findings (5 rules) after most of them.
    const reused = lintCounts.reused - reusedBefore;
    assert.ok(reused >= total * 0.5 * 5, `label-only findings reused ${reused} times over ${total} edits`);
    // Typing in speech mostly changes no finding: lint said so (and was checked above) many times.
    assert.ok(sameCount >= total * 0.2, `"shows as before" ${sameCount} times`);
  });

  it('stays exact on random documents of label-like lines, notes and blank lines', () => {
    const LINES = [
      '', '', '', 'Mark Rutte', 'Mark Rutte, NATO Secretary General', 'Barclays', 'Question', 'Q. Did you?', 'A. Yes.', 'MR. SMITH: Thank you.',
      'MR. SMITH; And then.', 'MS. PSAKI: Good afternoon.', '[inaudible]', '(Laughter.)', 'Thank you very much for coming today.',
      'and so we went on', 'What about the budget?', 'Overview', '## Heading', '>> Next.', 'Dana (00:01):', 'Speaker 1', 'Joan:',
      'Moderator', 'Topics: budget, defence', 'I think that is right, and we will see what happens next week.',
    ];
    let inc = 0;
    let total = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const rnd = mulberry32(seed * 7919);
      const lines = ['Press conference', '', 'Mark Rutte', '', 'Good morning to all of you here today.'];
      for (let k = 0; k < 400; k++) lines.push(LINES[Math.floor(rnd() * LINES.length)]);
      const r = check(`random document ${seed}`, lines.join(seed % 3 === 0 ? '\r\n' : '\n'), 15, seed);
      inc += r.incremental;
      total += r.total;
    }
    assert.ok(inc >= total * 0.5, `${inc} of ${total} edits incremental`);
  });

  it('redoes kinds past the rebuilt turns until they meet the old ones: a first question that stops asking', () => {
    const lines = ['Briefing on the budget', ''];
    for (let k = 0; k < 5; k++) lines.push(`Minister Anna Berg: Opening remark number ${k + 1} about the budget.`, '');
    lines.push('Q: What is the plan for the budget?', '');
    for (let k = 0; k < 8; k++) lines.push(`${k % 2 ? 'Deputy Ben Ode' : 'Minister Anna Berg'}: Part ${k + 1} of the answer, at some length.`, '');
    lines.push('Q: And the timing?', '', 'Minister Anna Berg: Next week.', '');
    const text = lines.join('\n');
    const before = parse(text);
    const q = text.indexOf('budget?');
    // The first question stops asking: every turn up to the next question is a statement now,
    // far past the turns the update rebuilds; and asking again brings the answers back.
    const edits: [string, TextChange][] = [
      [`${text.slice(0, q + 6)}.${text.slice(q + 7)}`, { start: q + 6, oldEnd: q + 7, newEnd: q + 7 }],
    ];
    edits.push([text, { start: q + 6, oldEnd: q + 7, newEnd: q + 7 }]);
    let state: UpdatedState = parseState(text);
    for (const [next, change] of edits) {
      state = updateParse(state, next, change);
      assert.equal(lastUpdate.incremental, true, lastUpdate.reason);
      assert.deepStrictEqual(state.model, parse(next));
    }
    const after = parse(edits[0][0]);
    assert.equal(before.turns.filter((t) => t.kind === 'answer').length, 9);
    assert.equal(after.turns.filter((t) => t.kind === 'answer').length, 1);
  });

  it('finds the change between two texts and merges successive changes', () => {
    assert.deepEqual(diffTexts('abcdef', 'abXYef'), { start: 2, oldEnd: 4, newEnd: 4 });
    assert.deepEqual(diffTexts('abc', 'abc'), { start: 3, oldEnd: 3, newEnd: 3 });
    assert.deepEqual(diffTexts('aaa', 'aaaa'), { start: 3, oldEnd: 3, newEnd: 4 });
    // "hello world" → insert "X" at 5 → "helloX world" → delete "wor" (7..10) → "helloX ld"
    const m = mergeChanges({ start: 5, oldEnd: 5, newEnd: 6 }, { start: 7, oldEnd: 10, newEnd: 7 });
    assert.deepEqual(m, { start: 5, oldEnd: 9, newEnd: 7 });
    assert.equal('hello world'.slice(0, m.start) + 'helloX ld'.slice(m.start, m.newEnd) + 'hello world'.slice(m.oldEnd), 'helloX ld');
  });

  it('falls back to a full parse for edits at the top, CHAT files and changes that do not fit', () => {
    const text = generateTranscript(60_000, 3);
    const s = parseState(text);
    const next = `Title\n${text}`;
    const r = updateParse(s, next, { start: 0, oldEnd: 0, newEnd: 6 });
    assert.equal(lastUpdate.incremental, false);
    assert.deepStrictEqual(r.model, parse(next));
    const chat = '@Begin\n@Participants:\tCHI Target_Child, MOT Mother\n*MOT:\thello .\n*CHI:\thi .\n@End\n';
    const c = updateParse(parseState(chat), chat.replace('hello', 'hallo'));
    assert.equal(lastUpdate.incremental, false);
    assert.equal(lastUpdate.reason, 'not a prose dialect');
    assert.deepStrictEqual(c.model, parse(chat.replace('hello', 'hallo')));
    const bad = updateParse(parseState(text), `${text}x`, { start: 0, oldEnd: 5, newEnd: 1 });
    assert.equal(lastUpdate.reason, 'change does not fit');
    assert.deepStrictEqual(bad.model, parse(`${text}x`));
  });
});
