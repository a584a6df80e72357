/**
 * The filter view's pure function (server/src/core/features/filter.ts): exact output for a small
 * transcript, per speaker, questions only and Q&A pairs only.
 *
 *   node --import tsx --test test/filter.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from '../server/src/core/index.ts';
import { filterTurns } from '../server/src/core/features/index.ts';

const SMALL = [
  'Press briefing',
  '',
  'Minister Jane Doe',
  '',
  'Good morning.',
  '',
  'Question',
  '',
  'When?',
  '',
  'Minister Jane Doe',
  '',
  'Soon.',
  '',
  'Question',
  '',
  'Why?',
  '',
  'Minister Jane Doe',
  '',
  'Because.',
  '',
].join('\n');

describe('filterTurns', () => {
  const model = parse(SMALL);

  test('one speaker: every turn of Jane Doe, each after its original line number', () => {
    const r = filterTurns(SMALL, model, { kind: 'speaker', speaker: 'jane-doe' }, 'small.transcript');
    assert.equal(
      r.text,
      [
        '<!-- Jane Doe: 3 turns of small.transcript -->',
        '',
        '<!-- line 3 -->',
        'Minister Jane Doe',
        '',
        'Good morning.',
        '',
        '<!-- line 11 -->',
        'Minister Jane Doe',
        '',
        'Soon.',
        '',
        '<!-- line 19 -->',
        'Minister Jane Doe',
        '',
        'Because.',
        '',
      ].join('\n'),
    );
    assert.deepEqual(r.sourceLines, [-1, -1, -1, 2, 3, 4, -1, -1, 10, 11, 12, -1, -1, 18, 19, 20]);
    assert.deepEqual(r.turns, [0, 2, 4]);
    assert.equal(r.title, 'Jane Doe');
  });

  test('questions only', () => {
    const r = filterTurns(SMALL, model, { kind: 'questions' }, 'small.transcript');
    assert.equal(r.text, '<!-- Questions: 2 turns of small.transcript -->\n\n<!-- line 7 -->\nQuestion\n\nWhen?\n\n<!-- line 15 -->\nQuestion\n\nWhy?\n');
    assert.deepEqual(r.sourceLines, [-1, -1, -1, 6, 7, 8, -1, -1, 14, 15, 16]);
    assert.equal(r.title, 'Questions');
  });

  test('Q&A pairs only: each question numbered, with its answers', () => {
    const r = filterTurns(SMALL, model, { kind: 'pairs' }, 'small.transcript');
    assert.equal(
      r.text,
      '<!-- Q&A pairs: 4 turns of small.transcript -->\n\n<!-- line 7 · Q1 -->\nQuestion\n\nWhen?\n\n<!-- line 11 -->\nMinister Jane Doe\n\nSoon.\n\n' +
        '<!-- line 15 · Q2 -->\nQuestion\n\nWhy?\n\n<!-- line 19 -->\nMinister Jane Doe\n\nBecause.\n',
    );
    assert.deepEqual(r.turns, [1, 2, 3, 4]);
  });

  test('the filtered text reads back as the same turns', () => {
    const r = filterTurns(SMALL, model, { kind: 'pairs' });
    const again = parse(r.text);
    assert.deepEqual(again.turns.map((t) => t.label?.text), ['Question', 'Minister Jane Doe', 'Question', 'Minister Jane Doe']);
    assert.equal(again.pairs.length, 2);
  });

  test('CRLF line ends are not copied; an unknown speaker gives only a header', () => {
    const crlf = SMALL.replace(/\n/g, '\r\n');
    const r = filterTurns(crlf, parse(crlf), { kind: 'questions' }, 'small.transcript');
    assert.equal(r.text, filterTurns(SMALL, model, { kind: 'questions' }, 'small.transcript').text);
    const none = filterTurns(SMALL, model, { kind: 'speaker', speaker: 'nobody' }, 'small.transcript');
    assert.equal(none.text, '<!-- No speaker "nobody" in small.transcript -->\n');
    assert.deepEqual(none.turns, []);
  });
});
