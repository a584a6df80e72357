/**
 * Diagnostic rules against fixture transcripts, in the style of markdownlint's test suite.
 *
 * Each `test/fixtures/rules/NAME.transcript` has a sidecar `NAME.expected.json` listing every
 * diagnostic the whole rule set reports, 1-based and end-exclusive like the CLI prints them:
 *   [{ "code": "TR003", "line": 12, "column": 1, "endLine": 12, "endColumn": 20 }]
 * and optionally `NAME.fixed.transcript`, the exact text `fixAll` (safe fixes only) produces.
 * Without it, `fixAll` must leave the text unchanged.
 *
 * For every fixture the runner checks: the diagnostics exactly (code and range); the fixed text;
 * that re-linting the fixed text reports none of the fixed findings again and offers no further
 * safe fix; and that every safe fix, alone and all together, keeps every word of speech. Fixtures
 * written with LF line breaks are run a second time with CRLF.
 *
 * `UPDATE_RULE_FIXTURES=1 node --import tsx --test test/rules.test.ts` rewrites the sidecars from
 * what the rules report now (`UPDATE_RULE_FIXTURES=tr003,tr004` only those fixtures); review the
 * diff before committing it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixAll, lint, parse, RULES, safeFix, type Finding } from '../server/src/core/index.ts';
import { defaultCorpusDir } from './support/gold.ts';

const dir = path.join(__dirname, 'fixtures', 'rules');
/** `1` updates every fixture's sidecars; a comma-separated list of name prefixes (`tr001,tr006`) only those. */
const UPDATE = process.env.UPDATE_RULE_FIXTURES ?? '';
const updating = (file: string) => UPDATE === '1' || (UPDATE !== '' && UPDATE.split(',').some((p) => p !== '' && file.startsWith(p)));

interface Expected {
  code: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

const expectedOf = (f: Finding): Expected => ({
  code: f.code,
  line: f.line + 1,
  column: f.column + 1,
  endLine: f.endLine + 1,
  endColumn: f.endColumn + 1,
});

const order = (a: Expected, b: Expected) => a.line - b.line || a.column - b.column || a.code.localeCompare(b.code) || a.endLine - b.endLine || a.endColumn - b.endColumn;

/**
 * The words of the turns (lower-case), in order: each turn's speech without notes (`[inaudible]`,
 * timestamps, headings), with its label's words in front when `withLabels`. Preamble, front
 * matter and boilerplate are not speech.
 */
export function turnWords(text: string, withLabels = false): string[] {
  const m = parse(text);
  const out: string[] = [];
  const wordsOf = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  for (const t of m.turns) {
    if (withLabels && t.label) out.push(...wordsOf(t.label.text));
    for (let i = t.startLine; i <= t.endLine; i++) {
      // The model measures line 0 without a byte-order mark.
      let s = text.substr(m.lineStarts[i], m.lineLengths[i]);
      if (i === 0 && m.bom) s = s.slice(1);
      const blank = (a: number, b: number) => {
        s = s.slice(0, a) + ' '.repeat(Math.max(0, b - a)) + s.slice(b);
      };
      for (const n of m.notes) if (n.line === i) blank(n.start, n.end);
      if (t.label && i === t.label.line) {
        if (t.label.textStart < 0) continue;
        blank(0, t.label.textStart);
      }
      out.push(...wordsOf(s));
    }
  }
  return out;
}

/**
 * Asserts that no word of speech in `before` was lost: the speech words of `before` are a
 * subsequence of the words of `after`'s turns, labels included (a fix may turn a label the
 * parser misread as speech into a label, but never delete a word or move it out of the turns).
 */
function assertKeepsSpeech(before: string, after: string, what: string): void {
  const a = turnWords(before);
  const b = turnWords(after, true);
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    while (j < b.length && b[j] !== a[i]) j++;
    if (j === b.length) {
      const near = a.slice(Math.max(0, i - 5), i + 5).join(' ');
      assert.fail(`${what} lost the word of speech "${a[i]}" (word ${i + 1}, near "${near}")`);
    }
    j++;
  }
}

/** The text a finding covers, to recognise the same finding after lines have moved. */
function covered(text: string, f: Finding): string {
  const m = parse(text);
  const at = (line: number, col: number) => (line >= m.lineCount ? text.length : m.lineStarts[line] + col);
  return text.slice(at(f.line, f.column), at(f.endLine, f.endColumn));
}

function checkFixture(name: string, text: string, expected: Expected[] | null, fixed: string | null): void {
  const findings = lint(text);
  const got = findings.map(expectedOf).sort(order);
  if (expected !== null) assert.deepEqual(got, [...expected].sort(order), `${name}: diagnostics`);

  const result = fixAll(text).text;
  assert.equal(result, fixed ?? text, fixed === null ? `${name}: no safe fix should apply` : `${name}: fixed text`);

  // Re-linting the fixed text: nothing left to fix safely, and none of the fixed findings again.
  const after = lint(result);
  const leftover = after.filter((f) => safeFix(f) !== undefined);
  assert.deepEqual(leftover.map(expectedOf), [], `${name}: safe fixes left after fixAll`);
  const fixedKeys = new Set(findings.filter((f) => safeFix(f) !== undefined).map((f) => `${f.code}\u0000${covered(text, f)}`));
  for (const f of after) {
    assert.ok(!fixedKeys.has(`${f.code}\u0000${covered(result, f)}`), `${name}: ${f.code} at ${f.line + 1}:${f.column + 1} is reported again after its fix`);
  }

  // Every safe fix keeps every word of speech, applied alone and all together.
  for (const f of findings) {
    for (const fix of f.fixes) {
      if (fix.safe) assertKeepsSpeech(text, applyEdits(text, fix.edits), `${name}: ${f.code} fix "${fix.title}"`);
    }
  }
  assertKeepsSpeech(text, result, `${name}: fixAll`);
}

const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.transcript') && !f.endsWith('.fixed.transcript')).sort() : [];

describe('rule fixtures', () => {
  test('there are fixtures', () => assert.ok(files.length > 0, `no fixtures in ${dir}`));
  for (const file of files) {
    const base = file.slice(0, -'.transcript'.length);
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const expectedFile = path.join(dir, `${base}.expected.json`);
    const fixedFile = path.join(dir, `${base}.fixed.transcript`);
    if (updating(file)) {
      const got = lint(text).map(expectedOf).sort(order);
      fs.writeFileSync(expectedFile, `[\n${got.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`.replace('[\n\n]', '[]'));
      const result = fixAll(text).text;
      if (result !== text) fs.writeFileSync(fixedFile, result);
      else if (fs.existsSync(fixedFile)) fs.unlinkSync(fixedFile);
    }
    if (!fs.existsSync(expectedFile)) {
      test(file, () => assert.fail(`${file} has no ${base}.expected.json (UPDATE_RULE_FIXTURES=1 writes it from the current output)`));
      continue;
    }
    const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')) as Expected[];
    const fixed = fs.existsSync(fixedFile) ? fs.readFileSync(fixedFile, 'utf8') : null;
    test(file, () => checkFixture(file, text, expected, fixed));
    if (!text.includes('\r')) {
      const crlf = (s: string) => s.replace(/\n/g, '\r\n');
      test(`${file} (CRLF)`, () => checkFixture(`${file} (CRLF)`, crlf(text), expected, fixed === null ? null : crlf(fixed)));
    }
  }
});

describe('rule metadata and documented examples', () => {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const rule of RULES) {
    test(`${rule.id} ${rule.name}`, () => {
      assert.match(rule.id, /^TR\d{3}$/);
      assert.match(rule.name, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok(!ids.has(rule.id) && !names.has(rule.name), 'ids and names are unique');
      ids.add(rule.id);
      names.add(rule.name);
      if (!rule.example) return;
      const bad = lint(rule.example.bad).filter((f) => f.code === rule.id);
      assert.ok(bad.length > 0, `${rule.id}: the documented bad example reports nothing`);
      const good = rule.example.good;
      if (good === undefined) return;
      assert.deepEqual(lint(good).filter((f) => f.code === rule.id).map(expectedOf), [], `${rule.id}: the documented good example is reported`);
      if (rule.fixable) {
        const fix = safeFix(bad[0]) ?? bad[0].fixes.find((x) => x.preferred) ?? bad[0].fixes[0];
        assert.ok(fix, `${rule.id}: fixable, but the bad example has no fix`);
        assert.equal(applyEdits(rule.example.bad, fix.edits), good, `${rule.id}: fixing the bad example gives the good one`);
      }
    });
  }
});

/**
 * Fixes that are not safe (fix-all never applies them) are checked here one by one: the fix a
 * user would pick, what it writes, and that the finding is gone afterwards.
 */
describe('fixes that are not safe', () => {
  const cases: { fixture: string; code: string; line: number; title: RegExp; after: (t: string) => boolean }[] = [
    { fixture: 'tr001-preamble-speech', code: 'TR001', line: 6, title: /NATO Secretary General Mark Rutte/, after: (t) => t.includes('(As delivered)\n\nNATO Secretary General Mark Rutte\n\nGood morning.') },
    { fixture: 'tr001-no-blank-lines', code: 'TR001', line: 4, title: /Jens Stoltenberg/, after: (t) => t.includes('(As delivered)\nNATO Secretary General Jens Stoltenberg\nGood afternoon.') },
    { fixture: 'tr001-inline-opening', code: 'TR001', line: 5, title: /MS\. PSAKI/, after: (t) => t.includes('\n  MS. PSAKI:  Good afternoon.  Happy Friday.') },
    { fixture: 'tr001-page-continuation', code: 'TR001', line: 3, title: /"A\."/, after: (t) => t.includes('\nA.   deliveries that week') },
    { fixture: 'tr001-captions-first-cue', code: 'TR001', line: 4, title: /"Host"/, after: (t) => t.includes('\n<v Host>Good evening and welcome') },
    { fixture: 'tr007-misspelt-names', code: 'TR007', line: 21, title: /MR\. DOE/, after: (t) => t.includes('MR. DOE: And the sanctions?') },
    { fixture: 'tr014-inline-repeat', code: 'TR014', line: 3, title: /Merge/, after: (t) => t.includes('MS. PSAKI:  Good afternoon.\n\nTwo things at the top.\n') },
    { fixture: 'tr014-block-repeat', code: 'TR014', line: 5, title: /Merge/, after: (t) => t.includes('Good to see you all.\n\nDo you have any questions?') },
    { fixture: 'tr004-question-no-text', code: 'TR004', line: 5, title: /\[inaudible\]/, after: (t) => t.includes('Question\u00a0\n\u00a0\n[inaudible]\n\nMark Rutte') },
  ];
  for (const c of cases) {
    test(`${c.fixture}: ${c.code} at line ${c.line}`, () => {
      const text = fs.readFileSync(path.join(dir, `${c.fixture}.transcript`), 'utf8');
      const f = lint(text).find((x) => x.code === c.code && x.line + 1 === c.line);
      assert.ok(f, `no ${c.code} at line ${c.line}`);
      const fix = f.fixes.find((x) => c.title.test(x.title));
      assert.ok(fix, `no fix titled ${c.title} (have: ${f.fixes.map((x) => x.title).join('; ')})`);
      assert.equal(fix.safe, false);
      const after = applyEdits(text, fix.edits);
      assert.ok(c.after(after), `unexpected text after the fix:\n${after}`);
      assert.ok(!lint(after).some((x) => x.code === c.code && covered(after, x) === covered(text, f)), `${c.code} is still reported after its fix`);
      assertKeepsSpeech(text, after, `${c.fixture}: ${fix.title}`);
    });
  }
});

/**
 * Safe fixes on damaged input: real transcripts (the rule fixtures, the dialect fixtures and the
 * shared corpus when present) with lines deleted, duplicated, blanked or cut off, in CRLF or
 * with a byte-order mark. Whatever the parser makes of them, no rule may throw, and no fix marked
 * safe may lose a word of speech. Deterministic: a fixed seed.
 */
describe('safe fixes on damaged transcripts', () => {
  const sources = [dir, path.join(__dirname, 'fixtures', 'heldout'), defaultCorpusDir()]
    .filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((f) => /\.(txt|transcript)$/.test(f) && !f.endsWith('.fixed.transcript')).map((f) => path.join(d, f)));
  test('no rule throws and no safe fix loses speech', () => {
    let seed = 20250;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let cases = 0;
    for (const file of sources) {
      const base = fs.readFileSync(file, 'utf8');
      for (let k = 0; k < 6; k++) {
        let lines = base.split('\n');
        for (let o = 0, ops = 1 + Math.floor(rnd() * 4); o < ops; o++) {
          const i = Math.floor(rnd() * lines.length);
          const r = rnd();
          if (r < 0.3) lines.splice(i, 1);
          else if (r < 0.6) lines.splice(i, 0, lines[Math.floor(rnd() * lines.length)] ?? '');
          else if (r < 0.8) lines.splice(i, 0, '');
          else lines = lines.slice(0, Math.max(1, i));
        }
        let text = lines.join('\n');
        if (rnd() < 0.3) text = text.replace(/\n/g, '\r\n');
        if (rnd() < 0.2) text = `\ufeff${text}`;
        const name = `${path.basename(file)} (damaged #${k})`;
        const findings = lint(text);
        for (const f of findings) assert.ok(!/failed on this document/.test(f.message), `${name}: ${f.message}`);
        for (const f of findings) for (const fix of f.fixes) if (fix.safe) assertKeepsSpeech(text, applyEdits(text, fix.edits), `${name}: ${f.code} fix "${fix.title}"`);
        assertKeepsSpeech(text, fixAll(text).text, `${name}: fixAll`);
        cases++;
      }
    }
    assert.ok(cases > 0);
  });
});
