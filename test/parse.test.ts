/**
 * Unit tests for the parser: one block per dialect, then the hard cases (telling a label from a
 * short line of speech, speaker identity across label variants, furniture, odd input).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parse, type TranscriptModel } from '../server/src/core/index.ts';

/** `[line (1-based), speaker name or '?', kind]` for every turn. */
function turns(m: TranscriptModel): [number, string, string][] {
  return m.turns.map((t) => [t.startLine + 1, t.speaker >= 0 ? m.speakers[t.speaker].name : '?', t.kind]);
}
const lines = (...ls: string[]) => ls.join('\n');

/** The model's structural promises, checked on every parse in this file. */
function checkInvariants(m: TranscriptModel): void {
  let next = 0;
  for (const b of m.blocks) {
    assert.equal(b.startLine, next, 'blocks are contiguous');
    assert.ok(b.endLine >= b.startLine);
    next = b.endLine + 1;
  }
  assert.equal(next, m.lineCount, 'blocks cover every line');
  for (const t of m.turns) {
    assert.ok(t.endLine >= t.startLine && t.endLine < m.lineCount);
    if (t.speaker >= 0) assert.ok(m.speakers[t.speaker].turns.includes(t.index));
  }
  for (const p of m.pairs) {
    assert.equal(m.turns[p.question].kind, 'question');
    for (const a of p.answers) assert.equal(m.turns[a].kind, 'answer');
  }
}

function P(text: string, options?: Parameters<typeof parse>[1]): TranscriptModel {
  const m = parse(text, options);
  checkInvariants(m);
  return m;
}

describe('block dialect (label alone on its line)', () => {
  const text = lines(
    'Press conference',
    'by the Minister for Coastal Affairs',
    '',
    '(As delivered)',
    '',
    'Elena Vasquez, Minister for Coastal Affairs\u00a0',
    '',
    'Good morning. We have a lot to discuss.',
    '',
    'Question',
    '',
    'The deadline?',
    '',
    'Minister for Coastal Affairs Elena Vasquez',
    '',
    'Before the autumn storms.',
    '',
    'Question',
    '',
    'And the money?',
    '',
    'Ms Vasquez',
    '',
    'It is new money.',
  );
  const m = P(text);
  test('finds every turn, whichever name order the label uses', () => {
    assert.deepEqual(turns(m), [
      [6, 'Elena Vasquez', 'statement'],
      [10, 'Question', 'question'],
      [14, 'Elena Vasquez', 'answer'],
      [18, 'Question', 'question'],
      [22, 'Elena Vasquez', 'answer'],
    ]);
    assert.equal(m.dialect, 'block');
  });
  test('one speaker with every label variant and the role', () => {
    const v = m.speakers.find((s) => s.name === 'Elena Vasquez')!;
    assert.deepEqual(v.labels, ['Elena Vasquez, Minister for Coastal Affairs', 'Minister for Coastal Affairs Elena Vasquez', 'Ms Vasquez']);
    assert.equal(v.role, 'Minister for Coastal Affairs');
    assert.equal(v.id, 'elena-vasquez');
  });
  test('the preamble holds the title and (As delivered)', () => {
    assert.deepEqual(m.preamble, { startLine: 0, endLine: 4 });
  });
  test('pairs are titled from their questions', () => {
    assert.deepEqual(
      m.pairs.map((p) => [p.startLine + 1, p.title]),
      [
        [10, 'The deadline?'],
        [18, 'And the money?'],
      ],
    );
  });
  test('the label range excludes the trailing non-breaking space', () => {
    const l = m.turns[0].label!;
    assert.deepEqual([l.line, l.start, l.end, l.form, l.textStart], [5, 0, 43, 'standalone', -1]);
  });
});

describe('inline dialect', () => {
  const text = lines(
    'MS. JONES:\u00a0 Good afternoon.\u00a0 Two things at the top.\u00a0 The first is',
    'about the budget: it passed.',
    '',
    'Q\u00a0\u00a0\u00a0 Thanks, Karen.\u00a0 What about the',
    'Title 42: policy?',
    '',
    'MS. JONES:\u00a0 Sure.\u00a0 It stays.',
    '',
    '(Laughter.)',
    '',
    'Q\u00a0\u00a0\u00a0 (Inaudible.)',
    '',
    'MS. JONES:\u00a0 Thanks, everyone.',
    '',
    'END 2:15 P.M. EST',
  );
  const m = P(text);
  test('labels at line starts, wrapped lines with colons stay speech', () => {
    assert.deepEqual(turns(m), [
      [1, 'Ms. Jones', 'statement'],
      [4, 'Question', 'question'],
      [7, 'Ms. Jones', 'answer'],
      [11, 'Question', 'other'],
      [13, 'Ms. Jones', 'answer'],
    ]);
    assert.equal(m.dialect, 'inline');
  });
  test('lone stage directions and end times are whole-line notes', () => {
    const whole = m.notes.filter((n) => n.wholeLine).map((n) => [n.line + 1, n.kind]);
    assert.deepEqual(whole, [
      [9, 'action'],
      [11, 'inaudible'],
      [15, 'timestamp'],
    ]);
  });
  test('Markdown bold labels and a music cue that is not a speaker', () => {
    const md = P(
      lines(
        '**Natalie Pistunovich:** Hi everyone, welcome to the show.',
        '',
        '**Ole Bulbuk:** Thanks, good to be here.',
        '',
        '**Natalie Pistunovich:** \\[laughs\\] So, tell us about it.',
        '',
        '**Jingle:** \\[37:25\\]',
        '',
        '**Ole Bulbuk:** Well, it started in 2012.',
      ),
    );
    assert.deepEqual(turns(md).map((t) => t[0]), [1, 3, 5, 9]);
    assert.deepEqual(md.speakers.map((s) => s.name), ['Natalie Pistunovich', 'Ole Bulbuk']);
    assert.deepEqual(md.notes.filter((n) => n.line === 4).map((n) => n.kind), ['action']);
  });
  test('Congressional Record style labels end with a period', () => {
    const cr = P(
      lines(
        'Mr. McCONNELL. Mr. President, I rise today to speak about the bill.',
        'The PRESIDING OFFICER. The Senator from Kentucky.',
        'Mr. McCONNELL. I yield the floor.',
      ),
    );
    assert.deepEqual(turns(cr), [
      [1, 'Mr. McConnell', 'statement'],
      [2, 'The Presiding Officer', 'other'],
      [3, 'Mr. McConnell', 'statement'],
    ]);
  });
});

describe('deposition dialect', () => {
  test('Q./A. with counsel remarks and headings that are not turns', () => {
    const m = P(
      lines(
        'A laugh a day',
        "Deponent's injury was a dog bite.",
        'Q. And your date of birth?',
        'A. October 1, 1932.',
        'Q. Which makes you how old?',
        'A. Old.',
        'Later in that same depo:',
        'Q. Okay.',
        'MR. DOE: Unless they were in the car.',
        'THE WITNESS: That is true.',
      ),
    );
    assert.deepEqual(turns(m), [
      [3, 'Question', 'question'],
      [4, 'Answer', 'answer'],
      [5, 'Question', 'question'],
      [6, 'Answer', 'answer'],
      [8, 'Question', 'other'],
      [9, 'Mr. Doe', 'statement'],
      [10, 'Answer', 'answer'],
    ]);
    assert.equal(m.dialect, 'deposition');
    assert.equal(m.pairs.length, 2);
    assert.deepEqual(m.notes.filter((n) => n.wholeLine).map((n) => [n.line + 1, n.kind]), [[7, 'heading']]);
  });
  test('court-reporter line numbers and examination headers', () => {
    const body = [
      'Q.   Where were you on the night of',
      'the 14th?',
      'A.   At home.',
      '          MR. JONES:  Objection, form.',
      '          THE WITNESS:  I was at home.',
      'BY MS. DOE:',
      'Q.   Was anyone with you?',
      'A.   My sister.',
      'Q.   For how long?',
      'A.   All evening.',
      'Q.   Did you go out?',
      'A.   No.',
    ];
    const text = ['                                              12', ...body.map((l, i) => `${String(i + 1).padStart(2)}   ${l}`)].join('\n');
    const m = P(text);
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [2, 'Question'],
      [4, 'Answer'],
      [5, 'Mr. Jones'],
      [6, 'Answer'],
      [8, 'Question'],
      [9, 'Answer'],
      [10, 'Question'],
      [11, 'Answer'],
      [12, 'Question'],
      [13, 'Answer'],
    ]);
    assert.equal(m.pairs.length, 4);
  });
});

describe('timestamped dialect', () => {
  test('Rev style labels and timestamp-only paragraph lines', () => {
    const m = P(
      lines(
        'Nikita Miller (00:00):',
        'And many of the companies that I have worked with, it was all about output.',
        '',
        'Lenny (00:52):',
        'Welcome to the podcast.',
        '',
        '(01:51):',
        'This episode is brought to you by a sponsor.',
        '',
        'Nikita Miller (03:59):',
        'Hey, Lenny. Thank you.',
      ),
    );
    assert.deepEqual(turns(m), [
      [1, 'Nikita Miller', 'statement'],
      [4, 'Lenny', 'statement'],
      [10, 'Nikita Miller', 'statement'],
    ]);
    assert.equal(m.dialect, 'timestamped');
    assert.equal(m.turns[1].label!.timestamp, '00:52');
  });
  test('Otter style `Name  0:03` and bracketed prefixes', () => {
    const otter = P(lines('Speaker 1  0:03', 'So today we talk about rivers.', '', 'Jane Doe  0:15', 'Thanks for having me.', '', 'Speaker 1  0:20', 'Great.'));
    assert.deepEqual(turns(otter).map((t) => [t[0], t[1]]), [
      [1, 'Speaker 1'],
      [4, 'Jane Doe'],
      [7, 'Speaker 1'],
    ]);
    const desc = P(lines('[00:00:02] Jane Doe: Hello there.', '[00:00:05] John Roe: Hi.', '[00:00:09] Jane Doe: Shall we start?'));
    assert.deepEqual(turns(desc).map((t) => t[1]), ['Jane Doe', 'John Roe', 'Jane Doe']);
    assert.equal(desc.dialect, 'timestamped');
  });
});

describe('CHAT dialect', () => {
  test('main tiers are turns, dependent tiers notes, investigator asks', () => {
    const m = P(
      lines(
        '@UTF8',
        '@Begin',
        '@Participants:\tCHI Target_Child, INV Investigator',
        '*INV:\ttell me about this picture .',
        '%mor:\tv|tell pro|me',
        '*CHI:\tthe dog is',
        '\trunning .',
        '*INV:\tis he happy ?',
        '*CHI:\tyes .',
        '@End',
      ),
    );
    assert.equal(m.dialect, 'chat');
    assert.deepEqual(turns(m), [
      [4, 'INV', 'question'],
      [6, 'CHI', 'answer'],
      [8, 'INV', 'question'],
      [9, 'CHI', 'answer'],
    ]);
    assert.equal(m.speakers[1].role, 'Target Child');
    assert.deepEqual(m.notes.filter((n) => n.kind === 'tier').map((n) => n.line + 1), [5, 10]);
    assert.deepEqual(m.preamble, { startLine: 0, endLine: 2 });
  });
});

describe('WebVTT and caption files', () => {
  test('voice tags start turns; timings are notes', () => {
    const m = P(
      lines(
        'WEBVTT',
        '',
        '1',
        '00:00:01.000 --> 00:00:04.000',
        '<v Jane Doe>Hello, and welcome.',
        '',
        '2',
        '00:00:04.500 --> 00:00:06.000',
        '<v John Roe>Thanks, Jane.</v>',
        'Glad to be here.',
        '',
        'NOTE this is a comment',
        '',
        '00:00:06.500 --> 00:00:08.000',
        '<v.loud Jane Doe>Let us begin.',
      ),
    );
    assert.equal(m.dialect, 'webvtt');
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [5, 'Jane Doe'],
      [9, 'John Roe'],
      [15, 'Jane Doe'],
    ]);
  });
  test('dash-marked speaker changes and Zoom style names', () => {
    const srt = P(lines('1', '00:00:01,000 --> 00:00:03,000', '- Where were you?', '- At home.', '', '2', '00:00:03,500 --> 00:00:05,000', 'Jane Doe: I see.', '', '3', '00:00:06,000 --> 00:00:07,000', 'Fine.'));
    // Where dashes mark speaker changes, a cue without a dash is a new line of dialogue.
    assert.deepEqual(turns(srt), [
      [3, '?', 'statement'],
      [4, '?', 'statement'],
      [8, 'Jane Doe', 'statement'],
      [12, '?', 'statement'],
    ]);
  });
});

describe('hard cases', () => {
  test('web furniture on top is preamble, one boilerplate block', () => {
    const m = P(
      lines(
        'NATO MULTIMEDIA ACCOUNT',
        '',
        'Register',
        '',
        'Create an account',
        '',
        'Reset password',
        '',
        'Enter the email address you registered with and we will send you a code to reset your password.',
        '',
        'Verification code',
        '',
        "Didn't receive a code? Send new Code",
        '',
        'NATO Secretary General Mark Rutte',
        '',
        'Good to see you all. And I am happy to be back.',
      ),
    );
    assert.deepEqual(turns(m), [[15, 'Mark Rutte', 'statement']]);
    assert.deepEqual(m.boilerplate, [{ startLine: 0, endLine: 12 }]);
  });
  test('a heading followed by speech is not a speaker, a title-case single word neither', () => {
    const m = P(
      lines(
        'Social Security Committee',
        '',
        'Meeting date: Thursday, February 27, 2020',
        '',
        'Correspondence (Constituency Inquiries)',
        '',
        'The Convener',
        '',
        'Welcome back, everyone. Agenda item 4 is correspondence.',
        '',
        'Opening Statement',
        '',
        'I refer members to paper 4.',
        '',
        'Mark Griffin',
        '',
        'The process is not at all acceptable.',
        '',
        'Ukraine',
        '',
        'We discussed Ukraine at length, as we always do.',
      ),
    );
    assert.deepEqual(turns(m), [
      [7, 'The Convener', 'other'],
      [15, 'Mark Griffin', 'statement'],
    ]);
  });
  test('MR. SMITH and MS. SMITH stay two people; MR. SMITH and Mr Smith one', () => {
    const m = P(lines('MR. SMITH: Good morning.', 'MS. SMITH: Good morning to you.', 'Mr. Smith: Shall we?', 'MS. SMITH: We shall.'));
    assert.deepEqual(m.turns.map((t) => t.speaker), [0, 1, 0, 1]);
  });
  test('Hansard names the member in parentheses', () => {
    const m = P(lines('The Prime Minister (Keir Example)', 'I thank my hon. Friend for her question.', '', 'Mr Speaker', 'Order.', '', 'The Prime Minister', 'As I said, we will act.'));
    const pm = m.speakers[m.turns[0].speaker];
    assert.equal(pm.name, 'Keir Example');
    assert.equal(m.turns[2].speaker, m.turns[0].speaker);
  });
  test('front-matter roster gives a surname label its full name', () => {
    const m = P(lines('---', 'title: Briefing', 'speakers:', '  - Jen Psaki', '---', 'MS. PSAKI:  Good afternoon.', '', 'Q    Hi.  A question?', '', 'MS. PSAKI:  Sure.'));
    assert.equal(m.frontMatter?.endLine, 4);
    assert.equal(m.speakers[0].name, 'Jen Psaki');
    assert.deepEqual(m.blocks.map((b) => b.kind), ['frontMatter', 'turn', 'turn', 'turn']);
  });
  test('no labels at all: one unattributed turn after the title', () => {
    const m = P(lines('Remarks on the economy', '', 'Thank you all for coming. Today I want to talk about jobs.', 'And about prices.'));
    assert.deepEqual(turns(m), [[3, '?', 'statement']]);
  });
  test('forcing a dialect keeps only its label forms', () => {
    const text = lines('JOHN SMITH', '', 'Hello there, everyone.', '', 'JANE DOE: Hi John.', '', 'JOHN SMITH', '', 'Good.');
    assert.equal(P(text, { dialect: 'block' }).turns.length, 2);
    assert.equal(P(text, { dialect: 'block' }).dialectForced, true);
  });
});

describe('odd input never throws', () => {
  for (const [name, text] of [
    ['empty', ''],
    ['only newlines', '\n\n\n'],
    ['CR only', 'Question\r\rWhy?\r\rJohn Smith\r\rBecause.'],
    ['CRLF', 'Question\r\n\r\nWhy?\r\n\r\nJohn Smith\r\n\r\nBecause.\r\n'],
    ['BOM', '\ufeffQuestion\n\nWhy?\n\nJohn Smith\n\nBecause.'],
    ['NUL bytes', 'a\u0000b\nQ. \u0000?\nA. \u0000'],
    ['lone surrogates', '\ud800 Question\n\udfff\nJohn Smith\nHi.'],
    ['long line', 'word '.repeat(200_000)],
    ['many labels', Array.from({ length: 3000 }, (_, i) => `Speaker ${i % 7}:  Line ${i}.`).join('\n')],
  ] as const) {
    test(name, () => {
      const m = P(text);
      assert.ok(m.lineCount >= 1);
    });
  }
  test('CRLF, CR and BOM give the same turns as LF', () => {
    const lf = turns(P('Question\n\nWhy?\n\nJohn Smith\n\nBecause.'));
    assert.deepEqual(turns(P('Question\r\n\r\nWhy?\r\n\r\nJohn Smith\r\n\r\nBecause.')), lf);
    assert.deepEqual(turns(P('Question\r\rWhy?\r\rJohn Smith\r\rBecause.')), lf);
    assert.deepEqual(turns(P('\ufeffQuestion\n\nWhy?\n\nJohn Smith\n\nBecause.')), lf);
  });
});

describe('more real-world layouts', () => {
  test('cable news: surname labels, roles with commas, videotape marks', () => {
    const m = P(
      lines(
        'BLITZER: Welcome back. We turn now to the storm.',
        '',
        '(BEGIN VIDEOTAPE)',
        '',
        'JANE ROE, CNN CORRESPONDENT (voice-over): The water rose fast here.',
        '',
        'UNIDENTIFIED MALE: We lost everything.',
        '',
        '(END VIDEOTAPE)',
        '',
        'BLITZER: Jane Roe reporting. Thank you.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Blitzer'],
      [5, 'Jane Roe'],
      [7, 'Unidentified Male'],
      [11, 'Blitzer'],
    ]);
  });
  test('qualitative interview codes: I:, R:, P1:', () => {
    const m = P(lines('I: Can you tell me about your first job?', 'R: It was at a bakery.', 'I: How long did you stay?', 'R: Two years.', 'P1: I was there too.'));
    assert.deepEqual(turns(m), [
      [1, 'Question', 'question'],
      [2, 'Answer', 'answer'],
      [3, 'Question', 'question'],
      [4, 'Answer', 'answer'],
      [5, 'P1', 'statement'],
    ]);
  });
  test('a Markdown podcast: a plain `So:` paragraph is speech, not a speaker', () => {
    const m = P(
      lines(
        '**Ana Lima:** Welcome to the show.',
        '',
        '**Ben Ortiz:** Thanks for having me.',
        '',
        'So: what changed? Everything, really.',
        '',
        '**Ana Lima:** Tell me more.',
        '',
        '**Ben Ortiz:** Well, we rewrote it.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [1, 3, 7, 9]);
  });
  test('Sonix style `Speaker1: [00:00:03] text`', () => {
    const m = P(lines('Speaker1: [00:00:03] Hello and welcome.', 'Speaker2: [00:00:06] Thanks.', 'Speaker1: [00:00:09] Shall we start?'));
    assert.deepEqual(turns(m).map((t) => t[1]), ['Speaker1', 'Speaker2', 'Speaker1']);
  });
});

describe('bylines and short turns', () => {
  test('a byline under the title is preamble, not unattributed speech', () => {
    const m = P(lines('Press conference', '', 'by the Secretary General and the Prime Minister following the meeting.', '', '(As delivered)', '', 'Anna Lind, Secretary General', '', 'Good afternoon. We met today.'));
    assert.deepEqual(turns(m), [[7, 'Anna Lind', 'statement']]);
  });
  test('a short form of a known name whose turn is only a stage direction is still a label', () => {
    const m = P(
      lines('Anna Lind, Secretary General', '', 'Good afternoon.', '', 'Question', '', 'Is it true?', '', 'Anna Lind, Secretary General', '', 'It is.', '', 'Question', '', 'Really?', '', 'Ms Lind', '', '(Laughter.)', '', 'Question', '', 'Fine.'),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Anna Lind'],
      [5, 'Question'],
      [9, 'Anna Lind'],
      [13, 'Question'],
      [17, 'Anna Lind'],
      [21, 'Question'],
    ]);
  });
});

describe('heldout11 layouts (session 5)', () => {
  test('a committee record numbers its paragraphs: `[12] Name: text` starts a turn, `[13] text` continues it', () => {
    const m = P(
      lines(
        'Committee on the Environment',
        '',
        '[1] Gwenda Morgan: Good morning and welcome. Are there any declarations of interest?',
        '',
        '[2] I see that there are none. Let us begin.',
        '',
        '[3] Dr Teague: Thank you, Chair. The review has been completed.',
        '',
        '[4] Gwenda Morgan: Thank you. Who tells the residents?',
        '',
        '[5] Dr Teague: The coastal groups do.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [3, 'Gwenda Morgan'],
      [7, 'Dr Teague'],
      [9, 'Gwenda Morgan'],
      [11, 'Dr Teague'],
    ]);
  });
  test('archive pages end titled labels with a full stop: `Prime Minister Gauthier. text`', () => {
    const m = P(
      lines(
        'The President. Good afternoon. Welcome to the White House.',
        '',
        'Prime Minister Gauthier. Thank you, Mr. President. It is good to be here.',
        '',
        'Q. Mr. President, will the tariffs stay?',
        '',
        'The President. They will stay for now.',
        '',
        'Q. Prime Minister, do you agree?',
        '',
        'Prime Minister Gauthier. We do not negotiate under threat.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'The President'],
      [3, 'Gauthier'],
      [5, 'Question'],
      [7, 'The President'],
      [9, 'Question'],
      [11, 'Gauthier'],
    ]);
  });
  test('initials in capitals are the speaker whose full name has them', () => {
    const m = P(
      lines(
        'Kirsten Vale: Welcome to the shop. Today we talk about chairs.',
        '',
        'Oskar Lindahl: Thanks for having me.',
        '',
        'KV: And you use green wood, not dried?',
        '',
        'OL: Yes. Green wood splits cleanly.',
        '',
        'KV: Why does that matter?',
        '',
        'OL: Because the chair holds itself together.',
        '',
        'Kirsten Vale: And the seat?',
        '',
        'Oskar Lindahl: Elm, always elm.',
      ),
    );
    assert.equal(m.turns.length, 8);
    assert.deepEqual(m.speakers.map((s) => [s.name, s.turns.length]), [
      ['Kirsten Vale', 4],
      ['Oskar Lindahl', 4],
    ]);
  });
  test('`Q – Die Presse` and `Question [inaudible] – ERR` alone on a line are the questioner, with an outlet', () => {
    const m = P(
      lines('Mart Kivisoo, Chairperson-in-Office', '', 'Good afternoon. We have met today.', '', 'Q – Die Presse', '', 'How is the network funded?', '', 'Mart Kivisoo, Chairperson-in-Office', '', 'By the participating States.', '', 'Question [inaudible] – ERR', '', 'Will you name them?', '', 'Mart Kivisoo, Chairperson-in-Office', '', 'No.'),
    );
    assert.deepEqual(turns(m), [
      [1, 'Mart Kivisoo', 'statement'],
      [5, 'Question', 'question'],
      [9, 'Mart Kivisoo', 'answer'],
      [13, 'Question', 'question'],
      [17, 'Mart Kivisoo', 'answer'],
    ]);
  });
  test("a PDF's running header between pages is a note, and the label after it starts a turn", () => {
    const text = lines(
      'The Convener: Thirty-eight per cent?',
      '3                      4 MARCH 2025                      4',
      'Uisdean MacLeod: Thirty-eight per cent. Among',
      'those under 35, it was over half.',
      'The Convener: That is a stark figure.',
    );
    const m = P(text);
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'The Convener'],
      [3, 'Uisdean MacLeod'],
      [5, 'The Convener'],
    ]);
    assert.ok(m.notes.some((n) => n.line === 1 && n.wholeLine));
  });
  test('an e-mail read into the record: `Re:` and `From:` are not speakers', () => {
    const m = P(
      lines('MR. HALLORAN: Read the e-mail, please.', '', 'THE WITNESS: It says:', '', 'Re: Shipment 4471 -- hold at dock 3.', '', 'MR. HALLORAN: And the next one?', '', 'THE WITNESS: It says:', '', 'Re: Shipment 4471 -- released.', '', 'MR. HALLORAN: Thank you.'),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Mr. Halloran'],
      [3, 'Answer'],
      [7, 'Mr. Halloran'],
      [9, 'Answer'],
      [13, 'Mr. Halloran'],
    ]);
  });
});

describe('speaker identity across label variants (session 5)', () => {
  test('a phone-in caller named with a place is the same speaker under the first name later', () => {
    const m = P(
      lines(
        'KUCH: Lines are open. Marty in Royal Oak, go ahead.',
        '',
        'CALLER (MARTY, ROYAL OAK): Guys, longtime listener. They run the flea-flicker Sunday.',
        '',
        'KUCH: They have run it zero times, Marty.',
        '',
        'MARTY: That was a hook-and-lateral, Kuch.',
        '',
        'CALLER - DENISE IN TAYLOR: Good morning, boys. I am worried about the kicker.',
        '',
        'KUCH: Denise, he is fine.',
        '',
        'DENISE: He missed three from forty-plus.',
      ),
    );
    const who = (line: number) => m.speakers[m.turns.find((t) => t.startLine === line - 1)!.speaker];
    assert.equal(who(3), who(7));
    assert.equal(who(9), who(13));
    assert.equal(who(3).name, 'Marty');
    assert.equal(m.speakers.length, 3);
  });
  test('a title and a surname (`COACH DEWITT`, `Councillor MacLeod`) is the speaker with that full name', () => {
    const m = P(
      lines(
        'KUCH: On the line, the coach.',
        '',
        'RANDALL DEWITT: Good morning, fellas.',
        '',
        'KUCH: Coach, how is the kicker?',
        '',
        'COACH DEWITT: He is fine. Next question.',
        '',
        'KUCH: Thanks, Coach.',
        '',
        'COACH DEWITT: Anytime.',
      ),
    );
    assert.deepEqual(m.speakers.map((s) => [s.name, s.turns.length]), [
      ['Kuch', 3],
      ['Randall Dewitt', 3],
    ]);
  });
  test('an office abbreviated before a surname (`CiO Kivisoo`, `SG Rutte`) is the speaker with that full name', () => {
    const m = P(
      lines(
        'Mart Kivisoo, OSCE Chairperson-in-Office',
        '',
        'Good afternoon. We met today in Vienna.',
        '',
        'Question',
        '',
        'Will there be a declaration?',
        '',
        'CiO Kivisoo',
        '',
        'Not this year.',
        '',
        'Question',
        '',
        'Why not?',
        '',
        'Chairperson-in-Office Kivisoo',
        '',
        'One State blocked it.',
      ),
    );
    assert.deepEqual(m.speakers.map((s) => [s.name, s.turns.length]), [
      ['Mart Kivisoo', 3],
      ['Question', 2],
    ]);
  });
  test('a chorus (`Some hon. members`) is a speaker of its own, not speech of the member before', () => {
    const m = P(
      lines(
        'The Speaker',
        '',
        'Order. The honourable member for Ottawa Centre.',
        '',
        'Ms. Jane Lau (Ottawa Centre, NDP)',
        '',
        'Mr. Speaker, will the minister table the report today?',
        '',
        'Some hon. members',
        '',
        'Hear, hear!',
        '',
        'Hon. Mark Dube (Minister of Transport, Lib.)',
        '',
        'Mr. Speaker, the report will be tabled this afternoon.',
        '',
        'The Speaker',
        '',
        'Order. The honourable member for Ottawa Centre.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'The Speaker'],
      [5, 'Jane Lau'],
      [9, 'Some hon. members'],
      [13, 'Mark Dube'],
      [17, 'The Speaker'],
    ]);
  });
  test('a screenplay: character cues set far in start turns over short indented dialogue, a direction between', () => {
    const m = P(
      lines(
        'INT. WKLM BROADCAST BOOTH - NIGHT',
        '',
        'A desk lamp. ADA KELLERMAN leans into the mic',
        '',
        '                          ADA',
        '                    (into the mic, tired)',
        '            This is WKLM, Ashford, thirteen-forty on',
        '            your dial. It is three a.m.',
        '',
        '                          HENRY (ON PHONE)',
        '            It is happening again, Ada.',
        '',
        '                          ADA (CONT\'D)',
        '            Henry, there is no music.',
        '',
        'EXT. TRANSMITTER FIELD - NIGHT',
        '',
        '                          HENRY',
        '            Hello?',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [5, 'Ada'],
      [10, 'Henry'],
      [13, 'Ada'],
      [18, 'Henry'],
    ]);
  });
  test('a centred heading over indented text is no cue outside a screenplay', () => {
    const m = P(
      lines(
        'Q.  Did you sign it?',
        '',
        'A.  Yes.',
        '',
        '                       REPORTER\'S CERTIFICATE',
        '            I, Marisa Quinlan, certify that the',
        '            foregoing is a true record.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [1, 3]);
  });
  test('a chat copy: a name and time over a message starts a turn even after a line that ends no sentence', () => {
    const m = P(
      lines(
        'Priya Raman  10:42 AM',
        'checkout latency is up in eu-west',
        'Marek Nowak  10:44 AM',
        'looking',
        'Priya Raman  10:46 AM',
        'thanks, ping me when you know',
        'Marek Nowak  10:51 AM',
        'rolling back 4.18.0',
        'View thread',
        'Wen Zhao  10:55 AM',
        'status page draft is ready',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Priya Raman'],
      [3, 'Marek Nowak'],
      [5, 'Priya Raman'],
      [7, 'Marek Nowak'],
      [10, 'Wen Zhao'],
    ]);
  });
  test('a titled person beside a department, and a role said alone, are the named speaker', () => {
    const m = P(
      lines(
        'Official Spokesperson, Shri Karan Bhalla: Good afternoon and welcome.',
        '',
        'Deputy Mayor Hector Villanueva, Operations: The blitz is funded.',
        '',
        'Question: Will every ward get blocks?',
        '',
        'Deputy Mayor Villanueva: Every ward gets a minimum.',
        '',
        'Question: When does it start?',
        '',
        'Official Spokesperson: Monday. Last question.',
      ),
    );
    assert.deepEqual(m.speakers.map((s) => [s.name, s.turns.length]), [
      ['Karan Bhalla', 2],
      ['Hector Villanueva', 2],
      ['Question', 2],
    ]);
  });
  test('heldout12: two qualifiers before a title, a speech that asks and answers itself, an order-paper item', () => {
    const m = P(
      lines(
        'Debates',
        '',
        'Cost Rental Housing: Discussion',
        '',
        'Chairman',
        '',
        'Good morning. We are here to discuss cost rental housing. I welcome the witnesses.',
        '',
        'Tiago Serrão Mendes, President of the European Council',
        '',
        'Thank you. Leaders agreed on three things today.',
        '',
        'Question: who pays for all of this? It is a fair question.',
        'Answer: all of us, together, and the sooner the cheaper.',
        '',
        'Question',
        '',
        'Mr President, when will the package come?',
        '',
        'European Council President Serrão Mendes',
        '',
        'In June.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [5, 'Chairman'],
      [9, 'Tiago Serrão Mendes'],
      [16, 'Question'],
      [20, 'Tiago Serrão Mendes'],
    ]);
  });
  test('a reporter named with an outlet whose name holds a heading word (`Shubham Rao, DD News`) starts a turn', () => {
    const m = P(
      lines(
        'Official Spokesperson, Shri Karan Bhalla: Good afternoon. We will take questions.',
        'Sidharth Menon, The Hindu: Sir, on the trade agreement, when will it be signed?',
        'Foreign Secretary, Shri Arvind Raghunathan: Negotiations are at an advanced stage.',
        'Official Spokesperson, Shri Karan Bhalla: Last question. Shubham, yes.',
        'Shubham Rao, DD News: Sir, you mentioned an MoU. What does it cover?',
        'Foreign Secretary, Shri Arvind Raghunathan: Research and logistics.',
        'Jordan Reilly (CBC News): And the budget?',
        'Foreign Secretary, Shri Arvind Raghunathan: It is in the estimates.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Karan Bhalla'],
      [2, 'Sidharth Menon'],
      [3, 'Arvind Raghunathan'],
      [4, 'Karan Bhalla'],
      [5, 'Shubham Rao'],
      [6, 'Arvind Raghunathan'],
      [7, 'Jordan Reilly'],
      [8, 'Arvind Raghunathan'],
    ]);
  });
  test('`Follow-up – Politico Europe` alone on a line is the questioner; `Follow-up:` opening a question is its speech', () => {
    const m = P(
      lines('Anna Berg, Minister of Finance', '', 'Good morning.', '', 'Question', '', 'Follow-up: will the support be retroactive?', '', 'Anna Berg, Minister of Finance', '', 'Yes.', '', 'Follow-up – Politico Europe', '', 'For businesses too?', '', 'Anna Berg, Minister of Finance', '', 'No.'),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Anna Berg'],
      [5, 'Question'],
      [9, 'Anna Berg'],
      [13, 'Question'],
      [17, 'Anna Berg'],
    ]);
  });
  test('a long surname one letter off, said once with the same honorific, is a slip of the same speaker', () => {
    const m = P(
      lines('MR. LINDQVIST: Good morning.', '', 'THE COURT: Proceed.', '', 'MR. LINDQVIST: Thank you, Your Honor.', '', 'THE COURT: Go ahead.', '', 'MR. LINDQUIST: Thank you.', '', 'MR. KANT: Objection.', '', 'MR. KENT: Withdrawn.'),
    );
    assert.deepEqual(m.speakers.map((s) => [s.name, s.turns.length]), [
      ['Mr. Lindqvist', 3],
      ['The Court', 2],
      ['Mr. Kant', 1],
      ['Mr. Kent', 1],
    ]);
  });
  test('a label whose parenthesis a narrow PDF column broke over two lines starts its turn on the first line', () => {
    const m = P(
      lines(
        'The Convener: Thank you. I will start with a',
        'question for Councillor MacLeod. What has the',
        'impact of this winter been on the islands?',
        'Councillor Uisdean MacLeod (Comhairle nan Eilean',
        'Siar): It has been severe, convener, and I do not',
        'use that word lightly.',
        'The Convener: That is a stark figure.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'The Convener'],
      [4, 'Uisdean MacLeod'],
      [7, 'The Convener'],
    ]);
  });
  test('a list read out under a speaker (`Consumer Packaging: net sales of...`) stays in the turn', () => {
    const m = P(
      lines(
        'Mr Gillespie: Thank you, Chair. Let me take the council areas in turn.',
        'Greater Belfast: the programme sets out a large investment over ten years.',
        'Newry and Mourne: there are currently 14 settlements at risk.',
        '',
        'The Chairperson: Thank you. Ms Doherty?',
        '',
        'Ms Doherty: What about the rest of the county?',
        '',
        'Mr Gillespie: That comes next year.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Mr Gillespie'],
      [5, 'The Chairperson'],
      [7, 'Ms Doherty'],
      [9, 'Mr Gillespie'],
    ]);
  });
  test('an examination for discovery numbers its questions (`12 U/T<TAB>Q.<TAB>...`): each Q. starts a turn', () => {
    const m = P(lines('1\tQ.\tMs. Mbatha, you are the controller?', '\tA.\tYes.', '2\tQ.\tSince when?', '\tA.\tSince 2019.', '12 U/T\tQ.\tWill you undertake to produce it?', '\tA.\tYes.'));
    assert.deepEqual(turns(m).map((t) => [t[0], t[1], t[2]]), [
      [1, 'Question', 'question'],
      [2, 'Answer', 'answer'],
      [3, 'Question', 'question'],
      [4, 'Answer', 'answer'],
      [5, 'Question', 'question'],
      [6, 'Answer', 'answer'],
    ]);
  });
  test('a topic heading over a member named with constituency and party is no turn (`Morag Henderson (Glasgow) (Lab)` is no speech)', () => {
    const m = P(
      lines(
        'The First Minister',
        '',
        'I will ask the health secretary to meet them.',
        '',
        'Rural Ambulance Response Times',
        '',
        'Morag Henderson (Glasgow) (Lab)',
        '',
        '2. To ask the First Minister what action the Government is taking on ambulance times.',
        '',
        'The First Minister',
        '',
        'The service has set out a rural response plan.',
        '',
        'Ferry Services (Resilience)',
        '',
        'Alasdair Ross (Highlands and Islands) (SNP)',
        '',
        '3. To ask the First Minister what is being done about ferry resilience.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'The First Minister'],
      [7, 'Morag Henderson'],
      [11, 'The First Minister'],
      [17, 'Alasdair Ross'],
    ]);
  });
  test('initials in capitals (`SG:`) do not make a document of capital labels: `Secretary-General:` said once is a turn', () => {
    const m = P(
      lines(
        'SG: Good afternoon. I have just briefed the Security Council.',
        'Spokesperson: We have time for a few questions. Edie, please.',
        'Question: Thank you, Secretary-General. What did you ask the Council?',
        'Secretary-General: I asked the Council for unity.',
        'Question: Mr. Secretary-General, is that enough?',
        'SG: I am saying that a political strategy must accompany it.',
        'Spokesperson: Last question.',
        'Question: Will you visit the region?',
        'SG: Next month.',
        'Question: And Niamey?',
        'SG: Yes.',
        'Question: With the Council?',
        'SG: With whoever wants to come.',
        'Question: Today?',
        'SG: Thank you very much.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
  });
  test('`Additional question:` alone on a line is the questioner again', () => {
    const m = P(lines('Federal Chancellor Reuber', '', 'Good afternoon.', '', 'Question:', '', 'Will you send the tanks?', '', 'Federal Chancellor Reuber', '', 'Not now.', '', 'Additional question:', '', 'When, then?', '', 'Federal Chancellor Reuber', '', 'When the Allies agree.'));
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Reuber'],
      [5, 'Question'],
      [9, 'Reuber'],
      [13, 'Question'],
      [17, 'Reuber'],
    ]);
  });
  test('a letter read out (`Dear Dr. Okonkwo:`) and a quoted line (`Mrs Pryce: "..."`) stay in the turn; `SG` is the Secretary-General', () => {
    const m = P(
      lines(
        'SG: Good afternoon. I have just briefed the Council.',
        'Question: What did the department say?',
        'Secretary-General: They wrote to me. I still have the reply. It reads:',
        'Dear Dr. Okonkwo:',
        'We regret that the post cannot be funded.',
        'Question: And the farmer?',
        'SG: She told me the hedge was as tall as this:',
        'Mrs Pryce: "About as far as the cows lie down in the shade of it."',
        'Question: Thank you.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Secretary-General'],
      [2, 'Question'],
      [3, 'Secretary-General'],
      [6, 'Question'],
      [7, 'Secretary-General'],
      [9, 'Question'],
    ]);
  });
  test('an address without labels starts at the speaker\'s greeting, not at the first long paragraph', () => {
    const m = P(
      lines(
        'Skip to content',
        'Northfield University',
        'About',
        'Academics',
        'News',
        'Events',
        'Give',
        'Search',
        'News › Commencement 2024',
        "\"Start Before You Are Ready\": Commencement address by Dr. Samuel Achterberg",
        'May 18, 2024',
        'By Office of University Communications',
        'Dr. Samuel Achterberg, a 1996 alumnus and the director of the Coastal Resilience Lab at the Marlowe Institute, delivered the following address at Northfield\'s 142nd Commencement Exercises in Halloran Stadium. Text as prepared for delivery.',
        '',
        'President Okafor, members of the Board of Trustees, faculty and staff, families, and above all, the Class of 2024: good morning.',
        '',
        '(Applause)',
        '',
        'I know exactly how long I have. Your dean of students told me. Twelve minutes, she said, and then the sprinklers come on.',
        '',
        'Twenty-eight years ago I sat where you are sitting. I was wearing the same polyester gown, and I was certain of exactly one thing: that I had no idea what I was doing. I want to tell you today that this feeling never goes away, and that this is good news.',
        '',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [15]);
  });
  test('a cockpit voice recorder transcript: CAM-1, HOT-1 and RDO-1 are the captain, CAM-2 and HOT-2 the first officer', () => {
    const m = P(
      lines(
        '14:28:01 CAM-1   before start checklist.',
        '14:28:05 CAM-2   before start checklist, flight deck door.',
        '14:28:09 RDO-1   ground, Regional forty-one, ready to push.',
        '14:28:14 GND     Regional forty-one, push approved.',
        '14:28:20 HOT-1   brakes released.',
        '14:28:24 HOT-2   clear right.',
        '14:28:30 CAM-1   starting two.',
      ),
    );
    const who = (line: number) => m.turns.find((t) => t.startLine === line - 1)!.speaker;
    assert.equal(m.turns.length, 7);
    assert.equal(who(1), who(3));
    assert.equal(who(1), who(5));
    assert.equal(who(2), who(6));
    assert.notEqual(who(1), who(2));
  });
  test('a heading spaced out letter by letter (`B E T W E E N:`) is no speaker', () => {
    const m = P(lines('B E T W E E N:', '', 'NORTHSHORE MILLWORK LTD.', '', 'MR. VARGA: Good morning.', '', 'THE WITNESS: Good morning.', '', 'MR. VARGA: Please state your name.', '', 'THE WITNESS: Karen Mbatha.'));
    assert.deepEqual(turns(m).map((t) => t[0]), [5, 7, 9, 11]);
  });
});

describe('oral histories and time codes (session 6)', () => {
  const oralHistory = (slip: string) =>
    lines(
      'Interview 1: March 8, 2023',
      '',
      '01-00:00:05',
      'Kessock: This is Daniel Kessock. Today is March 8, 2023.',
      '',
      '01-00:00:21',
      'Okonkwo-Feld: Thank you, Dan. I am glad to be doing this.',
      '',
      '01-00:00:27',
      'Kessock: Where were you born?',
      '',
      '01-00:00:35',
      'Okonkwo-Feld: In Enugu, in 1955.',
      '',
      '01-00:02:10',
      'Kessock: And that brought you to Berkeley?',
      '',
      '01-00:02:14',
      `${slip}: Eventually. I wrote to the department in 1978.`,
    );
  test('a tape-time line (`01-00:04:51`) is a note, not speech, and the label under it starts a turn', () => {
    const m = P(oralHistory('Okonkwo-Feld'));
    assert.deepEqual(turns(m).map((t) => t[0]), [4, 7, 10, 13, 16, 19]);
    assert.deepEqual(
      m.notes.filter((n) => n.wholeLine).map((n) => n.line + 1),
      [6, 9, 12, 15, 18],
    );
  });
  test('a drop-frame broadcast time code (`10:02:31;08`) alone on its line is a note', () => {
    const m = P(lines('HOLT: Good evening.', '10:02:31;08', 'ARNETT: Thank you.', '', 'HOLT: What happened?', '', 'ARNETT: The river rose.'));
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Holt'],
      [3, 'Arnett'],
      [5, 'Holt'],
      [7, 'Arnett'],
    ]);
    assert.ok(m.notes.some((n) => n.line === 1 && n.wholeLine));
  });
  test('half of a double-barrelled surname said once (`Okonkwo:` beside `Okonkwo-Feld:`) is the same speaker', () => {
    const m = P(oralHistory('Okonkwo'));
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [4, 'Kessock'],
      [7, 'Okonkwo-Feld'],
      [10, 'Kessock'],
      [13, 'Okonkwo-Feld'],
      [16, 'Kessock'],
      [19, 'Okonkwo-Feld'],
    ]);
  });
});

describe('short forms of given names (session 6)', () => {
  const who = (m: TranscriptModel) => m.turns.map((t) => m.speakers[t.speaker]?.name ?? '?');
  test('`TOBY:` beside `TOBIAS:` and `Mike:` beside `Michael Hale:` are one speaker each', () => {
    const m = P(
      lines(
        '[00:00:04] MAYA: Welcome back to the show.',
        '',
        '[00:00:09] TOBIAS: Thanks, Maya. Today we are talking about vinegar.',
        '',
        '[00:00:20] MAYA: Where do we start?',
        '',
        '[00:00:25] TOBY: With the mother, of course.',
        '',
        '[00:00:31] TOBIAS: And then the barrel.',
      ),
    );
    assert.deepEqual(who(m), ['Maya', 'Tobias', 'Maya', 'Tobias', 'Tobias']);
    const h = P(lines('Michael Hale: Good morning.', '', 'Ana Ruiz: Good morning, Michael.', '', 'Mike: Shall we begin?', '', 'Ana Ruiz: Yes.', '', 'Michael Hale: Then the first item.'));
    assert.deepEqual(who(h), ['Michael Hale', 'Ana Ruiz', 'Michael Hale', 'Ana Ruiz', 'Michael Hale']);
  });
  test('a short form two speakers could own (`Pat` beside Patrick and Patricia) stays its own speaker', () => {
    const m = P(lines('Patrick Dunne: Hello.', '', 'Patricia Oyelaran: Hello, Patrick.', '', 'Pat: Can everyone hear me?', '', 'Patrick Dunne: Yes.'));
    assert.deepEqual(who(m), ['Patrick Dunne', 'Patricia Oyelaran', 'Pat', 'Patrick Dunne']);
  });
});

describe('front matter before the first label (session 6)', () => {
  test('a paragraph about the record (an archive blurb, an editing note) is front matter, not an unlabelled turn', () => {
    const m = P(
      lines(
        'Oral History Center',
        '',
        'Since 1954 the Oral History Center has been interviewing leading participants in major events',
        'in the development of the West. Oral history is a method of collecting historical information',
        'through tape-recorded interviews between a narrator and a well-informed interviewer.',
        '',
        'Kessock: This is Daniel Kessock. Today is March 8.',
        '',
        'Feld: Thank you for coming.',
        '',
        'Kessock: Where were you born?',
        '',
        'Feld: In Enugu.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [7, 'Kessock'],
      [9, 'Feld'],
      [11, 'Kessock'],
      [13, 'Feld'],
    ]);
    assert.deepEqual(m.preamble, { startLine: 0, endLine: 5 });
  });
  test('an unlabelled greeting before the first label still opens the speech', () => {
    const m = P(
      lines(
        'Daily Press Briefing by the Office of the Spokesperson',
        '',
        'Good afternoon. The Secretary-General left New York this morning for Nairobi, where he will open the session. He will also meet the President.',
        '',
        'Question: Will he meet the opposition?',
        '',
        'Spokesperson: Not on this trip.',
        '',
        'Question: And the recordings of the talks?',
        '',
        'Spokesperson: Those are not public.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [3, 5, 7, 9, 11]);
  });
});

describe('title blocks (session 6)', () => {
  test('a repeated title over an inline `Topics:` line in the page header is no turn', () => {
    const m = P(
      lines(
        'Doorstop interview – Royal Northern Hospital',
        'The Hon Jane Roe MP',
        'Minister for Health',
        '',
        'Topics: winter surge funding; nurse recruitment',
        '',
        'Minister Jane Roe',
        'Minister for Health',
        '',
        'Thanks for coming out this morning. Winter is going to be hard and we are ready.',
        '',
        'Journalist',
        '',
        'How many nurses will you hire?',
        '',
        'Minister Jane Roe',
        'Minister for Health',
        '',
        'Four hundred, and the first of them start next month.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [7, 12, 16]);
  });
});

describe('slips and party labels (session 6)', () => {
  const who = (m: TranscriptModel) => m.turns.map((t) => m.speakers[t.speaker]?.name ?? '?');
  test('a long surname with one wrong letter said once (`OKAFER:` beside `OKAFOR:`) is a turn of the same speaker', () => {
    const m = P(
      lines(
        'HOLLOWAY: Governor, thank you for joining us.',
        '',
        'OKAFOR: Happy to be here.',
        '',
        'HOLLOWAY: What happened at the levee?',
        '',
        'OKAFOR: It gave way at four in the morning.',
        '',
        'HOLLOWAY: Your response to the senator?',
        '',
        'OKAFER: Roy and I have known each other for a long time.',
        '',
        'HOLLOWAY: Thank you, Governor.',
      ),
    );
    assert.deepEqual(who(m), ['Holloway', 'Okafor', 'Holloway', 'Okafor', 'Holloway', 'Okafor', 'Holloway']);
  });
  test('a title with one wrong letter (`Moderater:`) is the titled speaker', () => {
    const m = P(
      lines(
        'Moderator: Welcome, everyone. P1, how do you get to work?',
        '',
        'P1: I take the bus.',
        '',
        'Moderator: And you, P2?',
        '',
        'P2: I drive.',
        '',
        'Moderater: Let us hold that thought. Would any of this change that?',
        '',
        'P2: Probably not.',
        '',
        'Moderator: Thank you.',
      ),
    );
    assert.deepEqual(who(m), ['Moderator', 'P1', 'Moderator', 'P2', 'Moderator', 'P2', 'Moderator']);
  });
  test('`SEN. ROY DEAKINS (R), OREGON`: the name before the party, not the state after it', () => {
    const m = P(
      lines(
        'HOLLOWAY: Here is the senator.',
        '',
        'SEN. ROY DEAKINS (R), OREGON: The state had eighteen months of warnings.',
        '',
        'HOLLOWAY: And the governor.',
        '',
        'GOV. TESSA OKAFOR (D), OREGON: We acted on every one of them.',
        '',
        'HOLLOWAY: Governor, a last word?',
        '',
        'OKAFOR: We will rebuild.',
      ),
    );
    assert.deepEqual(who(m), ['Holloway', 'Roy Deakins', 'Holloway', 'Tessa Okafor', 'Holloway', 'Tessa Okafor']);
  });
});

describe('choruses (session 6)', () => {
  const focusGroup = (chorus: string) =>
    lines(
      'Moderator: Welcome, everyone. P1, how do you get to work?',
      '',
      'P1: I take the bus.',
      '',
      'Moderator: Would a later bus change anything for you?',
      '',
      'P2: It would for me.',
      '',
      'Moderator: Does anyone drive?',
      '',
      `${chorus}: No.`,
      '',
      'Moderator: Thank you.',
    );
  test('`Several participants: No.` said once in a focus group is a turn of its own', () => {
    const m = P(focusGroup('Several participants'));
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Moderator'],
      [3, 'P1'],
      [5, 'Moderator'],
      [7, 'P2'],
      [9, 'Moderator'],
      [11, 'Several participants'],
      [13, 'Moderator'],
    ]);
  });
  test('`Some members` in lower case is a chorus too, though no name', () => {
    const m = P(focusGroup('Some members'));
    assert.deepEqual(turns(m).map((t) => t[0]), [1, 3, 5, 7, 9, 11, 13]);
  });
});

describe('court front matter (session 6)', () => {
  test('`APPEARANCES:` and `BEFORE:` over counsel and the bench are headings, not speakers', () => {
    const m = P(
      lines(
        'UNITED STATES DISTRICT COURT',
        '',
        'BEFORE:',
        'HON. JESSE M. FURMAN, District Judge',
        '',
        'APPEARANCES:',
        'CLAIRE VANTERPOOL, ESQ., Washington, D.C.; on behalf',
        '   of the Petitioner.',
        '',
        'THE COURT: Good morning. Please be seated.',
        '',
        'MS. VANTERPOOL: Good morning, Your Honor.',
        '',
        'THE COURT: You may begin.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [10, 12, 14]);
  });
});

describe('narrow columns (session 6)', () => {
  test('a label ending in a colon alone on its line, its speech wrapped in a narrow column below, starts a turn', () => {
    const m = P(
      lines(
        'The Convener: Our next item of business is',
        'consideration of an affirmative instrument. I',
        'invite the minister to make a brief statement.',
        'The Minister for Transport (Catriona Hendry):',
        'Thank you, convener. The order will enable Argyll',
        'and Bute Council to enforce parking restrictions',
        'through its own officers, rather than through',
        'Police Scotland. I am happy to answer questions.',
        'The Convener: Thank you. Do members have any',
        'questions? I see that Mark Ruskin does.',
        'Mark Ruskin (Mid Scotland and Fife) (Green):',
        'Minister, some of the responses to the',
        '7                      4 MARCH 2025                      8',
        'consultation raised concerns that parking charges',
        'would be introduced at ferry terminals. Will they?',
        'The Convener: Minister?',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'The Convener'],
      [4, 'Catriona Hendry'],
      [9, 'The Convener'],
      [11, 'Mark Ruskin'],
      [16, 'The Convener'],
    ]);
  });
});

describe('titles and surnames in capitals (session 6)', () => {
  const who = (m: TranscriptModel) => m.turns.map((t) => m.speakers[t.speaker]?.name ?? '?');
  test('`President VASSEUR`, `THE PRESIDENT OF THE REPUBLIC` and `LAURENT VASSEUR` are one speaker; `The Federal Chancellor` is the one chancellor', () => {
    const m = P(
      lines(
        'LAURENT VASSEUR',
        '',
        'Ladies and gentlemen, welcome to the Élysée.',
        '',
        'MARKUS FELDBACHER',
        '',
        'Thank you, Laurent, for your welcome.',
        '',
        'Journalist',
        '',
        'A question for both of you: will the border stay open?',
        '',
        'President VASSEUR',
        '',
        'It will stay open, and we said so together.',
        '',
        'The Federal Chancellor',
        '',
        'I agree with every word.',
        '',
        'Federal Chancellor FELDBACHER',
        '',
        'And we will meet again in June.',
        '',
        'THE PRESIDENT OF THE REPUBLIC:',
        '',
        'Thank you all.',
      ),
    );
    assert.deepEqual(who(m), ['Laurent Vasseur', 'Markus Feldbacher', 'Question', 'Laurent Vasseur', 'Markus Feldbacher', 'Markus Feldbacher', 'Laurent Vasseur']);
  });
  test('a title on the line under a name (`Fredrik Dahlin` / `IAEA Spokesperson`) makes a later `Spokesperson` alone the same person', () => {
    const m = P(
      lines(
        'Fredrik Dahlin',
        'IAEA Spokesperson',
        '',
        'Good afternoon and welcome to this press conference.',
        '',
        'Ana Lucía Marroquín',
        'Director General',
        '',
        'Thank you, Fredrik. Let me begin with Ukraine.',
        '',
        'Question (Reuters)',
        '',
        'Will inspectors return to the plant this month?',
        '',
        'Director General',
        '',
        'They will, as soon as the route is safe.',
        '',
        'Spokesperson',
        '',
        'Next question, please.',
      ),
    );
    assert.deepEqual(who(m), ['Fredrik Dahlin', 'Ana Lucía Marroquín', 'Question', 'Ana Lucía Marroquín', 'Fredrik Dahlin']);
    assert.equal(m.speakers[m.turns[0].speaker].role, 'IAEA Spokesperson');
  });
});

describe('meeting notetakers (session 6)', () => {
  test('`0:07 - Name (Company)` over indented text starts a turn; a dialled-in number is a speaker too', () => {
    const m = P(
      lines(
        'Transcript',
        '0:00 - Priya Raman (Harbourline)',
        '  Okay, I think it is recording. Morning, everyone.',
        '0:07 - Marcus Obi',
        '  Morning.',
        '0:12 - Priya Raman (Harbourline)',
        '  Marcus, where are we with Brightway?',
        '1:52 - +44 7700 900123',
        '  Hi, sorry, I have just dialled in, it is the Brightway operations line.',
        '2:04 - Marcus Obi',
        '  Perfect timing.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [2, 'Priya Raman'],
      [4, 'Marcus Obi'],
      [6, 'Priya Raman'],
      [8, '+44 7700 900123'],
      [10, 'Marcus Obi'],
    ]);
  });
});

describe('web copies and captions (session 6)', () => {
  test('a bold label holding an HTML entity (`**Mr. Si&ocirc;n Simon (Lab):**`) is a label', () => {
    const m = P(
      lines(
        '**Mr. Speaker:** Order. Questions to the Prime Minister.',
        '',
        '**Mr. Si&ocirc;n Simon (Birmingham, Erdington) (Lab):** As we now learn, the cuts fall hardest on the poorest. Will he think again?',
        '',
        '**The Prime Minister:** No, and I will tell him why.',
        '',
        '**Mr. Speaker:** Order.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [1, 3, 5, 7]);
    // The name shows decoded; the label keeps the text as written.
    assert.equal(m.speakers[m.turns[1].speaker].name, 'Siôn Simon');
    assert.equal(m.turns[1].label!.text, 'Mr. Si&ocirc;n Simon (Birmingham, Erdington) (Lab)');
  });
  test('where it took place (`Roosevelt Room`) above the time is no speaker', () => {
    const m = P(lines('THE WHITE HOUSE', 'Office of the Press Secretary', '', 'Roosevelt Room', '', '11:23 A.M. EST', '', 'THE PRESIDENT: Good morning, everybody. Please have a seat.', '', 'Today we are announcing a new step.'));
    assert.deepEqual(turns(m).map((t) => t[0]), [8]);
  });
  test('a case caption broken over lines (`DEPARTMENT OF HEALTH AND  :`) is no speaker', () => {
    const m = P(
      lines(
        'DEPARTMENT OF HEALTH AND                            :',
        'HUMAN SERVICES, ET AL.,                             :',
        '                Petitioners                         :',
        '',
        'CHIEF JUSTICE ROBERTS: We will hear argument this morning.',
        '',
        'MR. CLEMENT: Mr. Chief Justice, and may it please the Court.',
        '',
        'CHIEF JUSTICE ROBERTS: Thank you.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [5, 7, 9]);
  });
});

describe('parliament question papers and broadcast voices (session 6)', () => {
  const who = (m: TranscriptModel) => m.turns.map((t) => m.speakers[t.speaker]?.name ?? '?');
  test('`1 Ms Priscilla Goh asked the Minister ...`: a numbered question names its asker', () => {
    const m = P(
      lines(
        'Mr Speaker: Questions for oral answer.',
        '',
        '1 Ms Priscilla Goh asked the Minister for Transport how many disruptions occurred in 2024.',
        '',
        '2 Mr Harish Menon asked the Minister for Transport whether LTA will review the maintenance regime.',
        '',
        'The Senior Minister of State for Transport (Dr Lim Wei Jie): Mr Speaker, may I take Questions 1 and 2 together?',
        '',
        'Mr Speaker: Please do.',
      ),
    );
    assert.deepEqual(who(m), ['Speaker', 'Priscilla Goh', 'Harish Menon', 'Lim Wei Jie', 'Speaker']);
  });
  test('`1.<TAB>MR TANG MAN-KIT (in Cantonese):`: the question number is no part of the label', () => {
    const m = P(
      lines(
        'PRESIDENT (in Cantonese): Oral questions. First question.',
        '',
        'Waiting time for public rental housing',
        '',
        '1.\tMR TANG MAN-KIT (in Cantonese): President, according to the Housing Authority, the',
        'average waiting time stood at 5.6 years at the end of last year.',
        '',
        'SECRETARY FOR HOUSING (in Cantonese): President, the waiting time has come down.',
        '',
        'PRESIDENT (in Cantonese): Second question.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [1, 5, 8, 10]);
    assert.equal(who(m)[1], 'Tang Man-Kit');
  });
  test('`Reporter, AFP` and `Question, Dagens Nyheter` are the anonymous questioner; `UNIDENTIFIED PERSON #1` and `#2` are two voices', () => {
    const m = P(
      lines(
        'Question, Dagens Nyheter',
        '',
        'Will Sweden send more troops?',
        '',
        'Prime Minister Lindqvist',
        '',
        'We will decide that in June.',
        '',
        'Reporter, AFP',
        '',
        'And the budget?',
        '',
        'Prime Minister Lindqvist',
        '',
        'It is set.',
      ),
    );
    assert.deepEqual(who(m), ['Question', 'Lindqvist', 'Question', 'Lindqvist']);
    const v = P(lines('KOVAČ: At the mill, farmers wait in line.', '', 'UNIDENTIFIED PERSON #1: (Speaking Spanish).', '', 'UNIDENTIFIED PERSON #2: (Speaking Spanish).', '', 'KOVAČ: One farmer tells me the plantations cost too much.'));
    assert.deepEqual(turns(v).map((t) => t[0]), [1, 3, 5, 7]);
    assert.notEqual(v.turns[1].speaker, v.turns[2].speaker);
  });
});

describe('shared titles (session 6)', () => {
  test('`Senator:` used more often than the one named senator stands for whichever senator speaks', () => {
    const m = P(
      lines(
        'Senator Black: Thank you, Mr. Chairman. What is a bitcoin?',
        '',
        'AA: It is a currency without a bank behind it.',
        '',
        'Senator: Thank you for coming today. Who regulates it?',
        '',
        'AA: Nobody yet.',
        '',
        'Senator: Would you say I should buy some?',
        '',
        'AA: I would not advise anyone.',
        '',
        'Senator: One more question. What if it fails?',
        '',
        'AA: Then it fails.',
      ),
    );
    const sp = m.turns.map((t) => t.speaker);
    assert.notEqual(sp[0], sp[2]);
    assert.equal(sp[2], sp[4]);
    assert.equal(m.speakers[sp[2]].name, 'Senator');
  });
  test('a title the one holder is mostly called by still joins the holder (`Director General` beside `Ana Marroquín`)', () => {
    const m = P(lines('Ana Marroquín, Director General: Good morning.', '', 'Question: Will inspectors return?', '', 'Director General: They will.', '', 'Question: When?', '', 'Director General: Soon.', '', 'Question: And the budget?', '', 'Director General: It is set.'));
    const sp = m.turns.map((t) => t.speaker);
    assert.equal(sp[0], sp[2]);
    assert.equal(sp[0], sp[6]);
  });
});

describe('links alone on a line (session 6)', () => {
  test('a link or image alone on its line is a note: no unlabelled turn starts at it, and inside a turn it is a whole-line note', () => {
    const m = P(
      lines(
        '# Newsletter 57',
        '',
        '<https://lists.linuxfoundation.org/pipermail/bitcoin-dev/2019-July/017145.html>',
        '',
        'Q: Is the bloom filter off by default now?',
        '',
        'A: It is, since the last release. Here is the pull request:',
        '',
        '<https://github.com/bitcoin/bitcoin/issues/16152>',
        '',
        '![](https://example.org/diagram.png)',
        '',
        'Q: Thanks.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [5, 7, 13]);
    assert.deepEqual(m.notes.filter((n) => n.wholeLine && n.line >= 8 && n.line <= 10).map((n) => [n.line + 1, n.kind]), [[9, 'editorial'], [11, 'editorial']]);
  });
});

describe('asides in labels (session 6)', () => {
  test('`The Senior Minister of State (Dr Lim Wei Jie) (for the Minister for Transport)`: the aside after the name names no one', () => {
    const m = P(
      lines(
        'Mr Speaker: Question 1.',
        '',
        'The Senior Minister of State for Transport (Dr Lim Wei Jie) (for the Minister for Transport): Mr Speaker, the Downtown Line had four disruptions.',
        '',
        'Mr Speaker: Supplementary question.',
        '',
        'The Minister for Sustainability and the Environment (Ms Grace Teo): I will answer that.',
        '',
        'Dr Lim Wei Jie: And I will add a word.',
      ),
    );
    const sp = m.turns.map((t) => t.speaker);
    assert.equal(m.speakers[sp[1]].name, 'Lim Wei Jie');
    assert.equal(sp[1], sp[4]);
    assert.notEqual(sp[1], sp[3]);
  });
});

describe('meeting summaries (session 6)', () => {
  test('a notetaker summary\'s title, its headings (`Key Takeaways`, `Next Steps`) and its `**Action:**` lines are no speakers', () => {
    const m = P(
      lines(
        'Harbourline Logistics – Weekly Depot Ops Sync',
        'Wed, Mar 12, 2025 · 9:30 AM · 4 mins · 5 participants',
        '',
        'Key Takeaways',
        '- Worcester depot is at 94% capacity; overflow moves to Tamworth.',
        '- Dock 4 closes Thursday.',
        '',
        'Next Steps',
        '- Priya to circulate the rota.',
        '',
        'Transcript',
        '0:00 - Priya Raman',
        '  Okay, I think it is recording.',
        '0:07 - Marcus Obi',
        '  Morning.',
        '',
        '**Action:** Marcus to confirm the insurance certificate.',
        '',
        '0:12 - Priya Raman',
        '  Thanks, everyone.',
        '0:15 - Marcus Obi',
        '  Bye.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [12, 14, 19, 21]);
  });
});

describe('records read out (session 6)', () => {
  test('a label-like line right under `It says:` is the record read out, not a turn', () => {
    const m = P(
      lines(
        '\tQ.\tPlease read from Board Exhibit 9, the first entry.',
        '\tA.\tOkay. It says:',
        '\tNORTHERN RESOLVE: Mayday, mayday, mayday, we are taking on water.',
        'That is the skipper\'s voice.',
        '\tQ.\tThank you. And the next entry?',
        '\tA.\tThe sector answered.',
        '\tQ.\tThank you.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [1, 2, 5, 6, 7]);
  });
});

describe('live chats (session 6)', () => {
  test('`**washingtonpost.com:**`, the host site of a live chat, is a speaker', () => {
    const m = P(
      lines(
        '**Adrian Cole:** Good morning, gardeners. Send in your questions.',
        '',
        '**Arlington, Va.:** My tomatoes split every August. Why?',
        '',
        '**Adrian Cole:** Uneven watering. Mulch them.',
        '',
        '**washingtonpost.com:** We are having a short technical delay.',
        '',
        '**Adrian Cole:** I am back.',
        '',
        '**washingtonpost.com:** Five minutes left.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Adrian Cole'],
      [3, 'Arlington'],
      [5, 'Adrian Cole'],
      [7, 'washingtonpost.com'],
      [9, 'Adrian Cole'],
      [11, 'washingtonpost.com'],
    ]);
  });
});

describe('more export layouts (session 6)', () => {
  test('`0:00:14.1 **Adam Garrett-Harris** Welcome`: the time, then the name in bold, then the speech', () => {
    const m = P(
      lines(
        '(Intro music: Electro Swing)',
        '',
        '0:00:14.1 **Adam Garrett-Harris** Welcome to BookBytes, episode 5.',
        '',
        '0:00:21.4 **Safia Abdalla** Hey!',
        '',
        '0:00:23.4 **Jen Luker** Hello.',
        '',
        '0:00:26.1 **Adam Garrett-Harris** So, we have been reading a book.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [3, 'Adam Garrett-Harris'],
      [5, 'Safia Abdalla'],
      [7, 'Jen Luker'],
      [9, 'Adam Garrett-Harris'],
    ]);
  });
  test('`[Speaker 1] [00:17] text`: a numbered voice in brackets, then the time in brackets', () => {
    const m = P(
      lines(
        "[Speaker 1] [00:00] Alright. Tweet was sent. It's 5 o'clock Pacific.",
        '[Speaker 1] [00:17] So, Brigitte, you saw this tweet before I tweeted it.',
        "[Speaker 2] [00:24] I did. It didn't need any edits.",
        '[Speaker 3] [01:51] of trouble.',
        '[Speaker 1] [01:52] what I assume. Yeah.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Speaker 1'],
      [2, 'Speaker 1'],
      [3, 'Speaker 2'],
      [4, 'Speaker 3'],
      [5, 'Speaker 1'],
    ]);
  });
});

describe('Canadian Hansard (session 6)', () => {
  test('labels with a long office in brackets, `Mr. Bill ...` (a name, not a bill) and `... moved:` start turns; headings in capitals do not', () => {
    const m = P(
      lines(
        'GOVERNMENT RESPONSE TO PETITIONS',
        'Mr. Gar Knutson (Parliamentary Secretary to Prime Minister, Lib.):',
        'Mr. Speaker, I have the honour to table the government response to three petitions.',
        'BUSINESS OF THE HOUSE',
        'Hon. Don Boudria (Leader of the Government in the House of Commons, Lib.):',
        'Mr. Speaker, there have been discussions among the parties.',
        'Mr. Bill Blaikie (Winnipeg-Transcona, NDP):',
        'Mr. Speaker, some very good points have been made.',
        'Mr. Gilles Duceppe (Laurier-Sainte-Marie, BQ) moved: ',
        'That the House condemn the remarks of the minister.',
        'Hon. Don Boudria (Leader of the Government in the House of Commons, Lib.):',
        'Mr. Speaker, we will oppose the motion.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [2, 'Gar Knutson'],
      [5, 'Don Boudria'],
      [7, 'Bill Blaikie'],
      [9, 'Gilles Duceppe'],
      [11, 'Don Boudria'],
    ]);
  });
});

describe('time spans and separators (session 6)', () => {
  const one = (line: string) => {
    const m = P(lines(line, '', line.replace(/Jane Smith|Speaker 1/, 'Omar Haddad'), '', line));
    return m.turns.map((t) => [m.speakers[t.speaker]?.name, t.label ? line.slice(t.label.start, t.label.end) : null, t.label?.timestamp]);
  };
  test('a time span before the label (`[00:00:00.000 --> 00:00:05.000] Speaker 1:`, `[00:01:02 - 00:01:05] Jane Smith:`)', () => {
    assert.deepEqual(one('[00:00:00.000 --> 00:00:05.000] Speaker 1: Welcome back.')[0], ['Speaker 1', 'Speaker 1', '00:00:00.000']);
    assert.deepEqual(one('[00:01:02 - 00:01:05] Jane Smith: Welcome back.')[0], ['Jane Smith', 'Jane Smith', '00:01:02']);
  });
  test('a time span after it (`Jane Smith [00:01:02 - 00:01:05]:`), a bar before the time (`Jane Smith | 00:01:02`)', () => {
    assert.deepEqual(one('Jane Smith [00:01:02 - 00:01:05]: Welcome back.')[0], ['Jane Smith', 'Jane Smith', '00:01:02']);
    const m = P(lines('Jane Smith | 00:01:02', 'Welcome back, everyone.', '', 'Omar Haddad | 00:01:09', 'Thanks, Jane.', '', 'Jane Smith | 00:01:15', 'Let us begin.'));
    assert.deepEqual(turns(m).map((t) => [t[0], t[1]]), [
      [1, 'Jane Smith'],
      [4, 'Omar Haddad'],
      [7, 'Jane Smith'],
    ]);
  });
  test('a bracketed time inside the bold, before the name (`**[00:01:02] Jane Smith:**`); the label range is the name alone', () => {
    assert.deepEqual(one('**[00:01:02] Jane Smith:** Welcome back.')[0], ['Jane Smith', 'Jane Smith', '00:01:02']);
  });
});

describe('site menus (session 6)', () => {
  test('a speaker\'s title inside a site menu (`Home` / `News` / `Federal Chancellor` / `Federal Government`) is no turn', () => {
    const m = P(
      lines(
        'Home',
        'News',
        'Federal Chancellor',
        'Federal Government',
        'Service',
        '',
        'Press conference by Federal Chancellor Reuber',
        '',
        'Federal Chancellor',
        '',
        'Ladies and gentlemen, welcome to the Chancellery.',
        '',
        'Question',
        '',
        'Will Germany send more troops?',
        '',
        'Federal Chancellor',
        '',
        'We will decide that in June.',
      ),
    );
    assert.deepEqual(turns(m).map((t) => t[0]), [9, 13, 17]);
  });
});

describe('labels in web and Markdown copies (session 6)', () => {
  const names = (text: string) => {
    const m = P(text);
    return m.turns.map((t) => [t.startLine + 1, m.speakers[t.speaker]?.name ?? '?']);
  };
  test('a bold label in a block quote (`> **Q (@mira-t):** text`) starts a turn; a quoted `> Retry: 3/3` does not', () => {
    assert.deepEqual(
      names(lines('**Kofi:** Okay, questions from the thread.', '', '> **Q (@mira-t):** Is there a plan for streaming reads?', '', '**Kofi:** Yes, next quarter.', '', '> Retry: 3/3 exhausted', '', '**Kofi:** That was the log line.')),
      [
        [1, 'Kofi'],
        [3, 'Question'],
        [5, 'Kofi'],
        [9, 'Kofi'],
      ],
    );
  });
  test('`<b>Jane Smith:</b> text`, `*Jane Smith:* text` and `[Jane Smith]: text` are labels', () => {
    for (const [a, b] of [
      ['<b>Jane Smith:</b>', '<b>Omar Haddad:</b>'],
      ['*Jane Smith:*', '*Omar Haddad:*'],
      ['[Jane Smith]:', '[Omar Haddad]:'],
    ]) {
      assert.deepEqual(names(lines(`${a} Welcome back.`, '', `${b} Thanks, Jane.`, '', `${a} Let us begin.`)), [
        [1, 'Jane Smith'],
        [3, 'Omar Haddad'],
        [5, 'Jane Smith'],
      ], a);
    }
  });
  test('a name with a time span beside it alone on its line (`Jane Smith 00:00:05 - 00:00:10`) heads the text below', () => {
    assert.deepEqual(names(lines('Jane Smith 00:00:05 - 00:00:10', 'Welcome back, everyone.', '', 'Omar Haddad 00:00:11 - 00:00:14', 'Thanks, Jane.', '', 'Jane Smith 00:00:15 - 00:00:19', 'Let us begin.')), [
      [1, 'Jane Smith'],
      [4, 'Omar Haddad'],
      [7, 'Jane Smith'],
    ]);
  });
});
