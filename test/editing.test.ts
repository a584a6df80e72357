/**
 * Speaker-aware editing features of the pure core (server/src/core/features): rename, references,
 * definition, completion, hover, code lenses, formatting, workspace symbols, statistics. Small
 * inline transcripts, plus formatting over every file of the shared corpus and the held-out
 * fixtures (every word of speech kept, formatting twice the same as once).
 *
 *   node --import tsx --test test/editing.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, parse, type TranscriptModel } from '../server/src/core/index.ts';
import {
  formatDuration,
  formatTranscript,
  fuzzyMatch,
  likelyNext,
  pairLenses,
  prepareRename,
  RenameError,
  renameSpeaker,
  speakerCompletions,
  speakerDefinition,
  speakerHover,
  speakerReferences,
  speakerStats,
  timestampSeconds,
  workspaceSymbols,
} from '../server/src/core/features/index.ts';
import { defaultCorpusDir, findRepoRoot } from './support/gold.ts';

const lines = (...xs: string[]) => xs.join('\n') + '\n';
const root = findRepoRoot(__dirname);

/** The position of a label's first character: on the line, at its first non-space. */
function labelPos(text: string, line: number): { line: number; col: number } {
  const s = text.split('\n')[line];
  return { line, col: s.search(/\S/) };
}

function rename(text: string, line: number, name: string): string {
  const r = renameSpeaker(text, parse(text), labelPos(text, line), name);
  return applyEdits(text, r.edits);
}

// ---------------------------------------------------------------------------------------------

const VARIANTS = lines(
  '---', // 0
  'title: Doorstep',
  'speakers:',
  '  - Mark Rutte', // 3
  '---',
  'NATO Secretary General Mark Rutte', // 5
  '',
  'Good morning. Mr Rutte is happy to be here, says Mark Rutte.',
  '',
  'Question', // 9
  '',
  'Mr Rutte, will you stay?',
  '',
  'Mark Rutte, NATO Secretary General', // 13
  '',
  'Yes.',
  '',
  'Question', // 17
  '',
  'And the budget?',
  '',
  'Mr Rutte', // 21
  '',
  'It will grow.',
);

describe('rename', () => {
  test('every variant of the speaker, and the roster entry; never the name in speech', () => {
    const out = rename(VARIANTS, 21, 'Jane Smith');
    const ls = out.split('\n');
    assert.equal(ls[3], '  - Jane Smith');
    assert.equal(ls[5], 'NATO Secretary General Jane Smith');
    assert.equal(ls[13], 'Jane Smith, NATO Secretary General');
    assert.equal(ls[21], 'Mr Smith');
    assert.equal(ls[7], 'Good morning. Mr Rutte is happy to be here, says Mark Rutte.');
    assert.equal(ls[11], 'Mr Rutte, will you stay?');
    const m = parse(out);
    assert.deepEqual(
      m.turns.map((t) => m.speakers[t.speaker].name),
      ['Jane Smith', 'Question', 'Jane Smith', 'Question', 'Jane Smith'],
    );
  });

  test('prepareRename: the label and the canonical name; null off a label', () => {
    const m = parse(VARIANTS);
    assert.deepEqual(prepareRename(VARIANTS, m, { line: 13, col: 4 }), {
      span: { start: { line: 13, col: 0 }, end: { line: 13, col: 34 } },
      placeholder: 'Mark Rutte',
      speaker: 0,
    });
    assert.equal(prepareRename(VARIANTS, m, { line: 7, col: 4 }), null);
    assert.equal(prepareRename(VARIANTS, m, { line: 3, col: 6 })?.placeholder, 'Mark Rutte');
  });

  test('anonymous speakers and CHAT codes are refused with a reason', () => {
    assert.throws(() => prepareRename(VARIANTS, parse(VARIANTS), { line: 9, col: 0 }), (e: unknown) => e instanceof RenameError && /anonymous questioner/.test(e.message));
    const dep = lines('Q.  Where were you?', 'A.  At home.', 'Q.  Alone?', 'A.  Yes.');
    assert.throws(() => prepareRename(dep, parse(dep), { line: 1, col: 0 }), /anonymous answerer/);
    const chat = lines('@Begin', '@Participants:\tINV Investigator, PAR Participant', '*INV:\ttell me a story .', '*PAR:\tokay .', '@End');
    const cm = parse(chat);
    assert.equal(cm.dialect, 'chat');
    assert.throws(() => prepareRename(chat, cm, { line: 2, col: 2 }), /CHAT speaker code/);
  });

  test('capitals stay capitals, a surname label takes the new surname, the roster the full name', () => {
    const psaki = lines('---', 'speakers:', '  - Jen Psaki', '---', 'MS. PSAKI:  Good afternoon.', '', 'Q    Will he travel?', '', 'MS. PSAKI:  Not this week.');
    assert.equal(
      rename(psaki, 4, 'Karine Jean-Pierre'),
      lines('---', 'speakers:', '  - Karine Jean-Pierre', '---', 'MS. JEAN-PIERRE:  Good afternoon.', '', 'Q    Will he travel?', '', 'MS. JEAN-PIERRE:  Not this week.'),
    );
    // A new honorific replaces the label's own.
    assert.match(rename(psaki, 4, 'Mr. John Kirby'), /^MR\. KIRBY: {2}Good afternoon\.$/m);
  });

  test('Hansard surnames in capitals after a title', () => {
    const sen = lines('CHAIR:  I declare the hearing open.', '', 'Senator PRYCE:  Dr Marsh, how many staff have left?', '', 'Dr MARSH:  Nineteen, Senator.', '', 'Senator PRYCE:  And this year?', '', 'Dr MARSH:  Four more.');
    const out = rename(sen, 2, 'Jane Smith').split('\n');
    assert.equal(out[2], 'Senator SMITH:  Dr Marsh, how many staff have left?');
    assert.equal(out[6], 'Senator SMITH:  And this year?');
    assert.equal(rename(sen, 4, 'Ann Lee').split('\n')[4], 'Dr LEE:  Nineteen, Senator.');
  });

  test('initials take the new initials, in the labels and in the preamble roster', () => {
    const oral = lines('Oral history interview', 'Interviewer: Joan Mercer (JM)', 'Interviewee: Ruth Kelleher (RK)', '', 'JM: Where were you born?', '', 'RK: In the cottage by the slip.', '', 'J.M.: And your mother?', '', 'RK: She salted fish.');
    const out = rename(oral, 4, 'Jane Smith');
    assert.equal(out, lines('Oral history interview', 'Interviewer: Jane Smith (JS)', 'Interviewee: Ruth Kelleher (RK)', '', 'JS: Where were you born?', '', 'RK: In the cottage by the slip.', '', 'J.S.: And your mother?', '', 'RK: She salted fish.'));
    const m = parse(out);
    assert.deepEqual(
      m.turns.map((t) => m.speakers[t.speaker].name),
      ['Jane Smith', 'Ruth Kelleher', 'Jane Smith', 'Ruth Kelleher'],
    );
  });

  test('a speaker known only by a title becomes the new name', () => {
    const conv = lines('The Convener', '', 'Good morning. Our first question is from Mark Griffin.', '', 'Mark Griffin', '', 'Thank you, convener. Will the minister act?', '', 'The Convener', '', 'Thank you.');
    const out = rename(conv, 0, 'Clare Haughey').split('\n');
    assert.equal(out[0], 'Clare Haughey');
    assert.equal(out[8], 'Clare Haughey');
    assert.equal(out[2], 'Good morning. Our first question is from Mark Griffin.');
  });

  test('a new name that is empty, anonymous or breaks the turns is refused', () => {
    const m = parse(VARIANTS);
    assert.throws(() => renameSpeaker(VARIANTS, m, { line: 5, col: 0 }, ' '), /empty/);
    assert.throws(() => renameSpeaker(VARIANTS, m, { line: 5, col: 0 }, 'Q.'), /anonymous label/);
    assert.throws(() => renameSpeaker(VARIANTS, m, { line: 5, col: 0 }, 'a\nb'), /one line/);
    const inline = lines('MS. PSAKI:  Good afternoon.', '', 'Q    Will he travel?', '', 'MS. PSAKI:  Not this week.');
    assert.throws(() => renameSpeaker(inline, parse(inline), { line: 0, col: 0 }, 'well, then: we'), /would change how the transcript reads/);
  });
});

// ---------------------------------------------------------------------------------------------

describe('references and definition', () => {
  test('all labels of the speaker, the roster entry first with the declaration', () => {
    const m = parse(VARIANTS);
    const refs = speakerReferences(VARIANTS, m, { line: 13, col: 0 });
    assert.deepEqual(
      refs.map((r) => `${r.where}@${r.span.start.line}:${r.span.start.col}-${r.span.end.col}`),
      ['roster@3:4-14', 'label@5:0-33', 'label@13:0-34', 'label@21:0-8'],
    );
    assert.equal(speakerReferences(VARIANTS, m, { line: 13, col: 0 }, false).length, 3);
    assert.deepEqual(
      speakerReferences(VARIANTS, m, { line: 17, col: 8 }).map((r) => r.span.start.line),
      [9, 17],
    );
    assert.deepEqual(speakerReferences(VARIANTS, m, { line: 15, col: 0 }), []);
  });

  test('definition: the roster entry, else the first label', () => {
    const m = parse(VARIANTS);
    assert.equal(speakerDefinition(VARIANTS, m, { line: 21, col: 2 })?.span.start.line, 3);
    assert.equal(speakerDefinition(VARIANTS, m, { line: 17, col: 2 })?.span.start.line, 9);
    const oral = lines('Interviewer: Joan Mercer (JM)', '', 'JM: Where were you born?', '', 'Ruth: In the cottage.', '', 'JM: And then?', '', 'Ruth: Dublin.');
    const om = parse(oral);
    assert.deepEqual(speakerDefinition(oral, om, { line: 6, col: 0 })?.span, { start: { line: 0, col: 13 }, end: { line: 0, col: 29 } });
  });
});

// ---------------------------------------------------------------------------------------------

describe('completion', () => {
  const BRIEFING = lines('MS. PSAKI:  Good afternoon.', '', 'Q    Will he travel?', '', 'MS. PSAKI:  Not this week.', '', 'Q    And next week?', '');

  test('inline labels in the document style, the answerer first after a question', () => {
    const m = parse(BRIEFING);
    const after = speakerCompletions(BRIEFING, m, { line: 7, col: 0 });
    assert.deepEqual(
      after.map((c) => c.insertText),
      ['MS. PSAKI:  ', 'Q    '],
    );
    assert.equal(after[0].preselect, true);
    const afterAnswer = speakerCompletions(BRIEFING, m, { line: 5, col: 0 });
    assert.deepEqual(
      afterAnswer.map((c) => c.label),
      ['Q', 'MS. PSAKI'],
    );
    assert.deepEqual(likelyNext(m, 7), [0, 1]);
  });

  test('what is typed must start a label: speech typed at a line start gets nothing', () => {
    const text = BRIEFING + 'MS\n' + 'Well, we\n';
    const m = parse(text);
    assert.deepEqual(
      speakerCompletions(text, m, { line: 8, col: 2 }).map((c) => c.label),
      ['MS. PSAKI'],
    );
    assert.deepEqual(speakerCompletions(text, m, { line: 9, col: 8 }), []);
  });

  test('a block label line and its blank line; rewriting an existing label adds no line breaks', () => {
    const m = parse(VARIANTS);
    const fresh = speakerCompletions(VARIANTS, m, { line: 16, col: 0 });
    assert.deepEqual(
      fresh.map((c) => c.insertText),
      ['Question\n\n', 'NATO Secretary General Mark Rutte\n\n'],
    );
    const relabel = speakerCompletions(VARIANTS, m, { line: 13, col: 4 });
    assert.deepEqual(
      relabel.map((c) => [c.insertText, c.range]),
      [['NATO Secretary General Mark Rutte', { start: { line: 13, col: 0 }, end: { line: 13, col: 4 } }]],
    );
  });

  test('a timestamped document: the latest timestamp as a snippet placeholder', () => {
    const text = lines('Lenny (00:52):', 'Welcome to the show.', 'Nikita Miller (01:10):', 'Thanks for having me.', '');
    const m = parse(text);
    const cs = speakerCompletions(text, m, { line: 4, col: 0 }, { snippets: true });
    assert.deepEqual(
      cs.map((c) => c.insertText),
      ['Lenny (${1:01:10}):\n$0', 'Nikita Miller (${1:01:10}):\n$0'],
    );
    assert.deepEqual(
      speakerCompletions(text, m, { line: 4, col: 0 }).map((c) => c.insertText),
      ['Lenny (01:10):\n', 'Nikita Miller (01:10):\n'],
    );
  });

  test('in the front-matter roster: the speakers it does not list', () => {
    const text = lines('---', 'speakers:', '  - Jen Psaki', '', '---', 'MS. PSAKI:  Hello.', '', 'Q    Why?', '', 'MR. KIRBY:  Because.');
    const cs = speakerCompletions(text, parse(text), { line: 3, col: 0 });
    assert.deepEqual(
      cs.map((c) => [c.label, c.insertText, c.where]),
      [['Mr. Kirby', '  - Mr. Kirby', 'roster']],
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('hover, code lens, statistics', () => {
  test('hover: name, role, turns, words, share, questions, labels', () => {
    const m = parse(VARIANTS);
    const h = speakerHover(VARIANTS, m, { line: 21, col: 3 });
    assert.ok(h);
    assert.equal(
      h.markdown,
      [
        '**Mark Rutte** — NATO Secretary General',
        '',
        '3 turns · 16 words · 66.7% of the words',
        '',
        'Answered 2 of the 2 questions',
        '',
        'Labels: `NATO Secretary General Mark Rutte` ×1, `Mark Rutte, NATO Secretary General` ×1, `Mr Rutte` ×1',
      ].join('\n'),
    );
    assert.deepEqual(h.span, { start: { line: 21, col: 0 }, end: { line: 21, col: 8 } });
    assert.equal(speakerHover(VARIANTS, m, { line: 19, col: 3 }), null);
  });

  test('statistics: words, share, asked and answered', () => {
    const st = speakerStats(parse(VARIANTS));
    assert.deepEqual(
      st.map((s) => [s.turns, s.words, s.asked, s.answered, s.canonical]),
      [
        [3, 16, 0, 2, 'NATO Secretary General Mark Rutte'],
        [2, 8, 2, 0, 'Question'],
      ],
    );
  });

  test('code lenses: words, talk time from the timestamps, speakers', () => {
    const text = lines(
      'Interviewer (00:00:10): Why did you start the company?',
      '',
      'Jane Doe (00:00:20): Because I wanted to build things.',
      '',
      'Interviewer (00:01:05): And then what happened?',
      '',
      'Jane Doe (00:01:10): Then it grew.',
    );
    const lenses = pairLenses(parse(text));
    assert.deepEqual(
      lenses.map((l) => [l.span.start.line, l.title]),
      [
        [0, '12 words · 0:55 · Question → Jane Doe'],
        [4, '7 words · Question → Jane Doe'],
      ],
    );
  });

  test('timestamps and durations', () => {
    assert.equal(timestampSeconds('00:52'), 52);
    assert.equal(timestampSeconds('1:02:03'), 3723);
    assert.equal(timestampSeconds('00:00:01.500'), 1.5);
    assert.equal(timestampSeconds('soon'), null);
    assert.equal(formatDuration(55), '0:55');
    assert.equal(formatDuration(3723), '1:02:03');
  });
});

// ---------------------------------------------------------------------------------------------

/** The words of all text that is not a label, found independently of the formatter's own check. */
function speechWords(text: string, model: TranscriptModel): string[] {
  const ls = text.split(/\r\n|\r|\n/);
  const labels = new Map(model.turns.filter((t) => t.label && t.label.form !== 'dash').map((t) => [t.label!.line, t.label!]));
  const out: string[] = [];
  ls.forEach((s, i) => {
    const l = labels.get(i);
    const rest = l ? `${s.slice(0, l.start)} ${s.slice(l.end)}` : s;
    out.push(...(rest.match(/[\p{L}\p{N}]+/gu) ?? []));
  });
  return out;
}

function format(text: string): string {
  return formatTranscript(text, parse(text)).text;
}

describe('formatting', () => {
  test('trailing spaces, one blank line between turns, labels to the usual variant', () => {
    const text = lines(
      'Minister of Finance Anna Berg  ',
      '',
      'Good morning.\u00a0',
      '',
      '',
      '',
      'Question',
      '',
      'Will taxes rise?',
      'Minister of Finance Anna Berg',
      '',
      'No.',
      '',
      'Question',
      '',
      'And next year?',
      '',
      'Ms Berg',
      '',
      'Not next year either.',
    );
    assert.equal(
      format(text),
      lines(
        'Minister of Finance Anna Berg',
        '',
        'Good morning.',
        '',
        'Question',
        '',
        'Will taxes rise?',
        '',
        'Minister of Finance Anna Berg',
        '',
        'No.',
        '',
        'Question',
        '',
        'And next year?',
        '',
        'Minister of Finance Anna Berg',
        '',
        'Not next year either.',
      ),
    );
  });

  test('inline documents without blank lines keep their layout; hard-wrapped lines are not reflowed', () => {
    const text = lines('MS. PSAKI:  Good afternoon.  We have', 'news today.   ', 'Q    Will he travel?', 'MS. PSAKI:  Not this week.');
    assert.equal(format(text), lines('MS. PSAKI:  Good afternoon.  We have', 'news today.', 'Q    Will he travel?', 'MS. PSAKI:  Not this week.'));
  });

  test('a byte-order mark and CRLF line breaks stay', () => {
    const text = '\ufeffQuestion  \r\n\r\nWhy?\r\n\r\n\r\nJohn Smith\r\n\r\nBecause.\r\n';
    assert.equal(format(text), '\ufeffQuestion\r\n\r\nWhy?\r\n\r\nJohn Smith\r\n\r\nBecause.\r\n');
  });

  test('CHAT keeps its structure: only trailing spaces go', () => {
    const chat = lines('@Begin', '@Participants:\tINV Investigator, PAR Participant', '*INV:\ttell me a story .  ', '', '', '*PAR:\tokay .', '@End');
    assert.equal(format(chat), lines('@Begin', '@Participants:\tINV Investigator, PAR Participant', '*INV:\ttell me a story .', '', '', '*PAR:\tokay .', '@End'));
  });

  test('range formatting changes only the lines of the range', () => {
    const text = lines('Question  ', '', 'Why?  ', '', 'John Smith  ', '', 'Because.  ');
    const r = formatTranscript(text, parse(text), { range: { startLine: 2, endLine: 4 } });
    assert.equal(r.text, lines('Question  ', '', 'Why?', '', 'John Smith', '', 'Because.  '));
  });

  const files: string[] = [];
  const corpus = defaultCorpusDir(root);
  if (existsSync(corpus)) for (const f of readdirSync(corpus)) if (f.endsWith('.txt')) files.push(path.join(corpus, f));
  for (const d of readdirSync(path.join(root, 'test', 'fixtures'))) {
    if (!d.startsWith('heldout')) continue;
    for (const f of readdirSync(path.join(root, 'test', 'fixtures', d))) if (f.endsWith('.txt')) files.push(path.join(root, 'test', 'fixtures', d, f));
  }

  test('the corpus and the held-out fixtures are there to format', () => {
    assert.ok(existsSync(corpus), `shared corpus missing at ${corpus}`);
    assert.ok(files.length >= 40, `${files.length} files`);
  });

  for (const file of files) {
    test(`keeps every word and is idempotent: ${path.relative(path.dirname(path.dirname(file)), file)}`, () => {
      const text = readFileSync(file, 'utf8');
      const before = parse(text);
      const once = format(text);
      const after = parse(once);
      assert.deepEqual(speechWords(once, after), speechWords(text, before), 'the words of everything but the labels');
      assert.equal(after.turns.length, before.turns.length);
      assert.equal(format(once), once, 'formatting twice changes nothing more');
    });
  }
});

// ---------------------------------------------------------------------------------------------

describe('workspace symbols', () => {
  test('pairs numbered as the outline numbers questions, named speakers, a fuzzy query', () => {
    const text = lines('Question', '', 'Nobody answers this?', '', 'Question', '', 'Will taxes rise?', '', 'Anna Berg, Minister of Finance', '', 'No.');
    const doc = { uri: 'file:///x/budget%20day.transcript', text, model: parse(text) };
    const all = workspaceSymbols([doc], '');
    assert.deepEqual(
      all.map((s) => [s.kind, s.name, s.container]),
      [
        ['pair', 'Q2 · Will taxes rise?', 'Question → Anna Berg · budget day.transcript'],
        ['speaker', 'Anna Berg', 'Minister of Finance · budget day.transcript'],
      ],
    );
    assert.deepEqual(
      workspaceSymbols([doc], 'taxes').map((s) => s.name),
      ['Q2 · Will taxes rise?'],
    );
    assert.equal(fuzzyMatch('abrg', 'Anna Berg'), true);
    assert.equal(fuzzyMatch('zz', 'Anna Berg'), false);
  });
});
