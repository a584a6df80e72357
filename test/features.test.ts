/**
 * The pure editor features (server/src/core/features) on small inline transcripts: outline
 * names and ranges, folding ranges, semantic token positions, offset/position conversion.
 *
 *   node --import tsx --test test/features.test.ts
 */
import { describe, test } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import assert from 'node:assert/strict';
import { parse } from '../server/src/core/index.ts';
import {
  decodeTokens,
  documentSymbols,
  encodeTokens,
  flattenSymbols,
  foldingRanges,
  offsetAt,
  positionAt,
  semanticTokens,
  spanContains,
  type OutlineSymbol,
  type Span,
} from '../server/src/core/features/index.ts';

const lines = (...xs: string[]) => xs.join('\n') + '\n';

/** `l:c-l:c` for compact range assertions. */
const r = (s: Span) => `${s.start.line}:${s.start.col}-${s.end.line}:${s.end.col}`;

/** Name, detail, range and selection of every symbol, children indented. */
function outline(symbols: OutlineSymbol[], depth = 0): string[] {
  return symbols.flatMap((s) => [`${'  '.repeat(depth)}${s.name} [${s.detail}] ${r(s.range)} sel ${r(s.selectionRange)}`, ...outline(s.children, depth + 1)]);
}

/** Asserts the invariants every outline keeps: selection inside range, children inside parents, in order. */
function assertWellFormed(symbols: OutlineSymbol[], parent?: OutlineSymbol): void {
  let prevEnd = -1;
  for (const s of symbols) {
    assert.ok(spanContains(s.range, s.selectionRange), `${s.name}: selectionRange ${r(s.selectionRange)} outside range ${r(s.range)}`);
    if (parent) assert.ok(spanContains(parent.range, s.range), `${s.name} outside ${parent.name}`);
    assert.ok(s.range.start.line > prevEnd, `${s.name} overlaps its previous sibling`);
    assert.ok(s.name.trim().length > 0);
    prevEnd = s.range.end.line;
    assertWellFormed(s.children, s);
  }
}

function symbolsOf(text: string, sectionSize?: number): OutlineSymbol[] {
  const symbols = documentSymbols(text, parse(text), sectionSize ? { sectionSize } : {});
  assertWellFormed(symbols);
  return symbols;
}

const BRIEFING = lines(
  'Press conference on the harbour', // 0
  '(As delivered)', // 1
  '',
  'Minister Anna Berg', // 3
  '',
  'Good morning. We have news about the harbour barrier.', // 5
  'It will be finished this year.', // 6
  '',
  'Question', // 8
  '',
  'When will the work start? And who pays?', // 10
  '',
  'Minister Anna Berg', // 12
  '',
  'Tomorrow. The state pays.', // 14
  '',
  'Question', // 16
  '',
  'Is that a promise?', // 18
  '',
  'Minister Anna Berg', // 20
  '',
  'Yes.', // 22
);

const INLINE = lines(
  'MS. JONES: Good afternoon. Two announcements today.', // 0
  'Q: Will you resign over the report?', // 1
  'Q: Will you answer the question, please?', // 2
  'MS. JONES: No. I will not resign. [inaudible] We move on.', // 3
  'MR. LEE: Thank you, everyone.', // 4
);

const PODCAST = lines(
  '---',
  'title: Weekly sync',
  'speakers: [Jordan Blake, Aisha Rahman]',
  '---',
  '',
  'Jordan Blake (00:00):', // 5
  "Let's start with the roadmap.",
  'It slipped a week.',
  '',
  'Aisha Rahman (00:12):', // 9
  'That is fine by me.',
  '',
  'Jordan Blake (00:20):', // 12
  'Good. (laughs) Next item.',
);

const SECTIONS = lines(
  'ALICE: We begin with the budget today.',
  'BOB: The budget is fine, as far as I know.',
  '',
  '## The harbour', // 3
  '',
  'ALICE: Now the harbour, which is late.',
  'BOB: The harbour is fine too.',
  '',
  '## Closing', // 8
  '',
  'ALICE: Thank you all for coming.',
);

describe('documentSymbols', () => {
  test('a press conference: preamble, opening statement, one symbol per Q&A pair', () => {
    assert.deepEqual(outline(symbolsOf(BRIEFING)), [
      'Preamble [Press conference on the harbour] 0:0-1:14 sel 0:0-0:31',
      'Opening statement · Anna Berg [Good morning. We have news about the harbour…] 3:0-6:30 sel 3:0-3:18',
      'Q1 · When will the work start? [Question → Anna Berg] 8:0-14:25 sel 8:0-8:8',
      '  Question [When will the work start? And who pays?] 8:0-10:39 sel 8:0-8:8',
      '  Anna Berg [Tomorrow. The state pays.] 12:0-14:25 sel 12:0-12:18',
      'Q2 · Is that a promise? [Question → Anna Berg] 16:0-22:4 sel 16:0-16:8',
      '  Question [Is that a promise?] 16:0-18:18 sel 16:0-16:8',
      '  Anna Berg [Yes.] 20:0-22:4 sel 20:0-20:18',
    ]);
  });

  test('symbol kinds', () => {
    assert.deepEqual(
      flattenSymbols(symbolsOf(BRIEFING)).map((s) => s.kind),
      ['preamble', 'opening', 'pair', 'turn', 'turn', 'pair', 'turn', 'turn'],
    );
  });

  test('an unanswered question keeps its place in the outline; several answerers are named', () => {
    assert.deepEqual(outline(symbolsOf(INLINE)), [
      'Opening statement · Ms. Jones [Good afternoon. Two announcements today.] 0:0-0:51 sel 0:0-0:9',
      'Q1 · Will you resign over the report? (unanswered) [Question → no answer] 1:0-1:35 sel 1:0-1:2',
      'Q2 · Will you answer the question, please? [Question → Ms. Jones, Mr. Lee] 2:0-4:29 sel 2:0-2:2',
      '  Question [Will you answer the question, please?] 2:0-2:40 sel 2:0-2:2',
      '  Ms. Jones [No. I will not resign. We move on.] 3:0-3:57 sel 3:0-3:9',
      '  Mr. Lee [Thank you, everyone.] 4:0-4:29 sel 4:0-4:7',
    ]);
  });

  test('an opening of several turns is one symbol with the turns as children', () => {
    const text = lines(
      'MS. JONES: Good afternoon.',
      'MR. LEE: Thank you, Jen. Two things first.',
      'MS. JONES: Over to you all.',
      'Q: Is the harbour late?',
      'MS. JONES: No.',
    );
    const symbols = symbolsOf(text);
    assert.deepEqual(outline(symbols.slice(0, 1)), [
      'Opening statements · Ms. Jones, Mr. Lee [3 turns] 0:0-2:27 sel 0:0-0:9',
      '  Ms. Jones [Good afternoon.] 0:0-0:26 sel 0:0-0:9',
      '  Mr. Lee [Thank you, Jen. Two things first.] 1:0-1:42 sel 1:0-1:7',
      '  Ms. Jones [Over to you all.] 2:0-2:27 sel 2:0-2:9',
    ]);
    assert.equal(symbols[1].name, 'Q1 · Is the harbour late?');
  });

  test('front matter, and one symbol per turn without questions', () => {
    assert.deepEqual(outline(symbolsOf(PODCAST)), [
      'Front matter [Weekly sync] 0:0-3:3 sel 0:0-0:3',
      "Jordan Blake [Let's start with the roadmap. It slipped a…] 5:0-7:18 sel 5:0-5:12",
      'Aisha Rahman [That is fine by me.] 9:0-10:19 sel 9:0-9:12',
      'Jordan Blake [Good. Next item.] 12:0-13:25 sel 12:0-12:12',
    ]);
  });

  test('headings group the turns after them; a heading ends the turn it follows', () => {
    assert.deepEqual(outline(symbolsOf(SECTIONS)), [
      'Alice [We begin with the budget today.] 0:0-0:38 sel 0:0-0:5',
      'Bob [The budget is fine, as far as I…] 1:0-1:42 sel 1:0-1:3',
      'The harbour [Alice, Bob] 3:0-6:29 sel 3:0-3:14',
      '  Alice [Now the harbour, which is late.] 5:0-5:38 sel 5:0-5:5',
      '  Bob [The harbour is fine too.] 6:0-6:29 sel 6:0-6:3',
      'Closing [Alice] 8:0-10:32 sel 8:0-8:10',
      '  Alice [Thank you all for coming.] 10:0-10:32 sel 10:0-10:5',
    ]);
  });

  test('long documents without questions or headings come in sections of turns', () => {
    const text = Array.from({ length: 45 }, (_x, i) => `${i % 2 ? 'BOB' : 'ALICE'}: Statement number ${i + 1} is about the harbour.`).join('\n');
    const symbols = symbolsOf(text);
    assert.deepEqual(
      symbols.map((s) => `${s.name} [${s.detail}] ${r(s.range)} (${s.children.length})`),
      ['Turns 1–20 [Alice, Bob] 0:0-19:46 (20)', 'Turns 21–40 [Alice, Bob] 20:0-39:46 (20)', 'Turns 41–45 [Alice, Bob] 40:0-44:48 (5)'],
    );
    // Timestamps name the time span of a section.
    const timed = Array.from({ length: 6 }, (_x, i) => `${i % 2 ? 'Bob' : 'Alice'} (00:0${i}):\nPoint ${i + 1} about the harbour.\n`).join('\n');
    assert.deepEqual(
      symbolsOf(timed, 4).map((s) => `${s.name} [${s.detail}]`),
      ['Turns 1–4 [00:00–00:03 · Alice, Bob]', 'Turns 5–6 [00:04–00:05 · Alice, Bob]'],
    );
  });

  test('never empty names, selection always inside range: empty, blank, label-only and CRLF documents', () => {
    for (const text of ['', '\n\n\n', 'Question\n', 'Q: ?\r\nA: .\r\n', '   \n\nMS. JONES:\n', 'just one line of speech, nothing else here at all.']) {
      symbolsOf(text);
    }
    assert.deepEqual(symbolsOf(''), []);
  });
});

describe('documentSymbols with maxItems (transcript.outline.maxItems)', () => {
  // An opening statement, then 30 exchanges of one question and two answers: 1 + 30 top-level items holding 90 turns.
  const text = lines(
    'Anna Berg: Good morning, and welcome.',
    ...Array.from({ length: 30 }, (_, i) => [`Question: What about item ${i + 1}?`, `Anna Berg: Item ${i + 1} is fine.`, 'Ben Ode: I agree.']).flat(),
  );
  const model = parse(text);
  const full = documentSymbols(text, model);
  const names = (xs: OutlineSymbol[]) => xs.map((x) => x.name);

  test('the whole outline while it fits', () => {
    assert.equal(full.length, 31);
    assert.equal(flattenSymbols(full).length, 31 + 90);
    assert.deepEqual(documentSymbols(text, model, { maxItems: 121 }), full);
  });

  test('one item short: exchanges without their turns, still covering the whole document', () => {
    const flat = documentSymbols(text, model, { maxItems: 120 });
    assert.deepEqual(names(flat), names(full));
    assert.deepEqual(flat.map((x) => x.range), full.map((x) => x.range));
    assert.ok(flat.every((x) => x.children.length === 0));
    assert.equal(flat[1].name, 'Q1 · What about item 1?');
  });

  test('fewer places than exchanges: the first ones, and one item saying how many more and why', () => {
    const cut = documentSymbols(text, model, { maxItems: 10 });
    assert.equal(cut.length, 10);
    assert.deepEqual(names(cut.slice(0, 9)), names(full.slice(0, 9)));
    const more = cut[9];
    assert.equal(more.name, '22 more not listed');
    assert.equal(more.detail, 'the outline lists at most 10 items (transcript.outline.maxItems)');
    assert.deepEqual(more.range, { start: full[9].range.start, end: full[30].range.end });
    assert.deepEqual(more.selectionRange, full[9].selectionRange);
    assert.deepEqual(documentSymbols(text, model, { maxItems: 1 }).map((x) => x.name), ['31 more not listed']);
  });
});

describe('foldingRanges', () => {
  test('preamble, pairs and turns longer than one line, outer ranges first', () => {
    const folds = foldingRanges(BRIEFING, parse(BRIEFING));
    assert.deepEqual(
      folds.map((f) => `${f.startLine}-${f.endLine} ${f.kind} ${f.what}`),
      ['0-1 comment preamble', '3-6 region turn', '8-14 region pair', '8-10 region turn', '12-14 region turn', '16-22 region pair', '16-18 region turn', '20-22 region turn'],
    );
  });

  test('front matter folds; one-line turns do not', () => {
    assert.deepEqual(
      foldingRanges(PODCAST, parse(PODCAST)).map((f) => `${f.startLine}-${f.endLine} ${f.what}`),
      ['0-3 frontMatter', '5-7 turn', '9-10 turn', '12-13 turn'],
    );
    assert.deepEqual(
      foldingRanges(INLINE, parse(INLINE)).map((f) => `${f.startLine}-${f.endLine} ${f.what}`),
      ['2-4 pair'],
    );
  });
});

describe('foldingRanges on every corpus and fixture transcript', () => {
  // The ranges as a plain sort of every candidate gives them: what the merge must equal.
  const reference = (model: ReturnType<typeof parse>) => {
    const out: { startLine: number; endLine: number }[] = [];
    const add = (a: number, b: number) => {
      if (a >= 0 && b > a && b < model.lineCount) out.push({ startLine: a, endLine: b });
    };
    if (model.frontMatter) add(model.frontMatter.startLine, model.frontMatter.endLine);
    for (const p of model.pairs) add(p.startLine, p.endLine);
    for (const t of model.turns) add(t.startLine, t.endLine);
    out.sort((a, b) => a.startLine - b.startLine || b.endLine - a.endLine);
    return out.filter((f, i) => i === 0 || f.startLine !== out[i - 1].startLine || f.endLine !== out[i - 1].endLine);
  };
  test('sorted, outer first, no duplicates, and the first `limit` of them under a limit', () => {
    const root = path.resolve(__dirname, '..');
    const dirs = [path.join(root, '..', 'shared', 'corpus'), ...readdirSync(path.join(root, 'test', 'fixtures')).filter((d) => d.startsWith('heldout')).map((d) => path.join(root, 'test', 'fixtures', d))];
    let files = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
        const text = readFileSync(path.join(dir, name), 'utf8');
        const model = parse(text);
        const folds = foldingRanges(text, model);
        const noPreamble = folds.filter((f) => f.what !== 'preamble').map(({ startLine, endLine }) => ({ startLine, endLine }));
        assert.deepEqual(noPreamble, reference(model), name);
        assert.deepEqual(foldingRanges(text, model, 7), folds.slice(0, 7), name);
        files++;
      }
    }
    assert.ok(files > 100, `${files} files`);
  });
});

describe('semanticTokens', () => {
  test('every label, with the part its turn plays, and notes', () => {
    const tokens = semanticTokens(INLINE, parse(INLINE));
    assert.deepEqual(
      tokens.map((t) => `${t.line}:${t.start}+${t.length} ${t.type}${t.modifiers.map((m) => `.${m}`).join('')}`),
      [
        '0:0+9 speaker',
        '1:0+2 speaker.questioner',
        '2:0+2 speaker.questioner',
        '3:0+9 speaker.answerer',
        '3:34+11 note.inaudible',
        '4:0+7 speaker.answerer',
      ],
    );
  });

  test('labels alone on their line, and the timestamps written with them', () => {
    const tokens = semanticTokens(PODCAST, parse(PODCAST));
    assert.deepEqual(
      tokens.map((t) => `${t.line}:${t.start}+${t.length} ${t.type}${t.modifiers.map((m) => `.${m}`).join('')}`),
      ['5:0+12 speaker', '5:14+5 timestamp', '9:0+12 speaker', '9:14+5 timestamp', '12:0+12 speaker', '12:14+5 timestamp', '13:6+8 note.action'],
    );
    const block = semanticTokens(BRIEFING, parse(BRIEFING)).filter((t) => t.type === 'speaker');
    assert.deepEqual(
      block.map((t) => [t.line, t.start, t.length]),
      [[3, 0, 18], [8, 0, 8], [12, 0, 18], [16, 0, 8], [20, 0, 18]],
    );
  });

  test('encodeTokens / decodeTokens: relative five-integer form, round trip', () => {
    const tokens = semanticTokens(INLINE, parse(INLINE));
    const data = encodeTokens(tokens);
    assert.equal(data.length, tokens.length * 5);
    assert.deepEqual(data.slice(0, 10), [0, 0, 9, 0, 0, 1, 0, 2, 0, 1]);
    assert.deepEqual(decodeTokens(data), tokens);
  });

  test('tokens are sorted and never overlap', () => {
    for (const text of [BRIEFING, INLINE, PODCAST, SECTIONS]) {
      const tokens = semanticTokens(text, parse(text));
      for (let i = 1; i < tokens.length; i++) {
        const a = tokens[i - 1];
        const b = tokens[i];
        assert.ok(a.line < b.line || (a.line === b.line && a.start + a.length <= b.start), `${a.line}:${a.start} overlaps ${b.line}:${b.start}`);
      }
    }
  });
});

describe('positions', () => {
  test('offset <-> (line, col) with LF, CRLF and CR line breaks', () => {
    const text = 'ab\r\ncd\ne\rfg';
    const m = parse(text);
    assert.deepEqual(
      [0, 2, 3, 4, 6, 7, 8, 9, 11].map((o) => positionAt(m, o)),
      [
        { line: 0, col: 0 },
        { line: 0, col: 2 },
        { line: 0, col: 2 }, // between CR and LF: end of line 0
        { line: 1, col: 0 },
        { line: 1, col: 2 },
        { line: 2, col: 0 },
        { line: 2, col: 1 },
        { line: 3, col: 0 },
        { line: 3, col: 2 },
      ],
    );
    assert.equal(offsetAt(m, 1, 1), 5);
    assert.equal(offsetAt(m, 1, 99), 6, 'a column past the end stays on its line');
    assert.equal(offsetAt(m, 99, 0), text.length);
    assert.equal(offsetAt(m, -1, 0), 0);
    assert.deepEqual(positionAt(m, 999), { line: 3, col: 2 });
    assert.deepEqual(positionAt(m, -5), { line: 0, col: 0 });
    for (let o = 0; o <= text.length; o++) {
      const p = positionAt(m, o);
      if (text[o - 1] !== '\r' || text[o] !== '\n') assert.equal(offsetAt(m, p.line, p.col), o, `offset ${o}`);
    }
  });

  test('UTF-16 columns', () => {
    const text = 'é😀x\nQ';
    const m = parse(text);
    assert.deepEqual(positionAt(m, 3), { line: 0, col: 3 });
    assert.equal(offsetAt(m, 1, 0), 5);
  });
});
