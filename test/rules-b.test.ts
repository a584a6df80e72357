/**
 * Focused tests for rules TR008-TR013: the logic that fixtures alone do not pin down (a fix that
 * must make the parser start a turn, brackets that must not be reported, times that may be equal).
 */
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { applyEdits, fixAll, lint, parse, type Finding, type Rule } from '../server/src/core/index.ts';
import { malformedLabel } from '../server/src/core/rules/tr008-malformed-label.ts';
import { unbalancedBrackets } from '../server/src/core/rules/tr009-unbalanced-brackets.ts';
import { unansweredQuestion } from '../server/src/core/rules/tr010-unanswered-question.ts';
import { speakerNotInRoster } from '../server/src/core/rules/tr011-speaker-not-in-roster.ts';
import { malformedTimestamp } from '../server/src/core/rules/tr012-malformed-timestamp.ts';
import { timestampBackwards } from '../server/src/core/rules/tr013-timestamp-backwards.ts';

const lines = (...ls: string[]) => ls.join('\n') + '\n';
const run = (rule: Rule, text: string): Finding[] => lint(text, parse(text), { rules: [rule] });
/** `line:column-endColumn` (1-based line, 0-based columns) and the covered text. */
const where = (text: string, f: Finding) => `${f.line + 1}:${text.split('\n')[f.line].slice(f.column, f.endColumn)}`;
const preferred = (f: Finding) => f.fixes.find((x) => x.preferred) ?? f.fixes[0];

/** A briefing with three speakers, so that a swallowed turn never makes two turns of one speaker meet. */
const briefing = (middle: string) =>
  lines(
    'MS. PSAKI:\u00a0 Good afternoon, everyone. The Secretaries will say a few words.',
    '',
    'SECRETARY BLINKEN:\u00a0 Thank you, Jen. We are working with our partners.',
    '',
    middle,
    '',
    'SECRETARY AUSTIN:\u00a0 Exactly right.',
    '',
    'MS. PSAKI:\u00a0 Thank you both.',
  );

describe('TR008 malformed-label', () => {
  test('a known label typed with a semicolon starts a turn, is reported, and the fix writes the colon', () => {
    const text = briefing('MS. PSAKI;  And we will have more tomorrow.');
    assert.ok(parse(text).turns.some((t) => t.startLine === 4), 'the parser reads `MS. PSAKI;` where `MS. PSAKI:` is the label');
    const fs = run(malformedLabel, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['5:MS. PSAKI;']);
    const fixed = applyEdits(text, preferred(fs[0]).edits);
    assert.equal(fixed.split('\n')[4], 'MS. PSAKI:  And we will have more tomorrow.');
    assert.deepEqual(run(malformedLabel, fixed), []);
  });
  for (const [bad, range] of [
    ['MS. PSAKI  And we will have more tomorrow.', 'MS. PSAKI'],
    ['MS. PSAKI And we will have more tomorrow.', 'MS. PSAKI'],
    ['Ms. Psaki  And we will have more tomorrow.', 'Ms. Psaki'],
    ['MS. PSAKI. And we will have more tomorrow.', 'MS. PSAKI.'],
    ['MS. PSAKI:And we will have more tomorrow.', 'MS. PSAKI:'],
    ['**MS. PSAKI** And we will have more tomorrow.', '**MS. PSAKI**'],
  ] as const) {
    test(`${JSON.stringify(bad)}: reported, and the fix makes the parser start her turn there`, () => {
      const text = briefing(bad);
      assert.ok(!parse(text).turns.some((t) => t.startLine === 4), 'precondition: no turn starts on the malformed line');
      const fs = run(malformedLabel, text);
      assert.deepEqual(fs.map((f) => where(text, f)), [`5:${range}`]);
      const fix = preferred(fs[0]);
      assert.ok(fix.safe && fix.preferred);
      const fixed = applyEdits(text, fix.edits);
      assert.equal(fixed.split('\n')[4], 'MS. PSAKI:\u00a0 And we will have more tomorrow.', 'rewritten in the document style (colon, NBSP and space)');
      const m = parse(fixed);
      const turn = m.turns.find((t) => t.startLine === 4);
      assert.ok(turn, 'a turn starts on the fixed line');
      assert.equal(m.speakers[turn.speaker].name, 'Ms. Psaki');
      assert.deepEqual(run(malformedLabel, fixed), []);
    });
  }

  test('a space before the colon of an accepted label is reported and removed', () => {
    const text = briefing('SECRETARY AUSTIN :\u00a0 We agree.');
    const fs = run(malformedLabel, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['5:SECRETARY AUSTIN :']);
    assert.equal(fixAll(text, { rules: [malformedLabel] }).text.split('\n')[4], 'SECRETARY AUSTIN:\u00a0 We agree.');
  });

  test("inside the same speaker's own turn the label may be a stray: the fix is offered but not applied by fix-all", () => {
    const text = briefing('SECRETARY BLINKEN  And one more point.');
    const fs = run(malformedLabel, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['5:SECRETARY BLINKEN']);
    assert.deepEqual(fs[0].fixes.map((x) => x.safe), [false, false]);
    assert.equal(fixAll(text, { rules: [malformedLabel] }).applied, 0);
  });

  test('Markdown bold labels are rewritten in bold', () => {
    const text = lines(
      '**Natalie Pistunovich:** Hi, everyone, and welcome to the show.',
      '',
      '**Ole Bulbuk:** Thanks, good to be here.',
      '',
      '**Natalie Pistunovich** So you have been doing Go for a while now.',
      '',
      '**Sandor Szücs:** Yes, for years.',
    );
    const fs = run(malformedLabel, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['5:**Natalie Pistunovich**']);
    const fixed = fixAll(text, { rules: [malformedLabel] }).text;
    assert.equal(fixed.split('\n')[4], '**Natalie Pistunovich:** So you have been doing Go for a while now.');
    assert.ok(parse(fixed).turns.some((t) => t.startLine === 4));
  });

  test('prose that names a speaker is not a label', () => {
    for (const line of [
      'Ms. Psaki said that we would have more later.',
      'MS. PSAKI and I agree on this.',
      'MS. PSAKIS are not a thing.',
      'Psaki is a name.',
      'Q Hi, one space after Q.',
      'Q    A padded Q is a label anyway.',
    ]) {
      assert.deepEqual(run(malformedLabel, briefing(line)), [], line);
    }
  });

  test('a capitalised name without a colon needs a paragraph start and a wide gap', () => {
    const doc = (middle: string) =>
      lines(
        'Lenny Rachitsky: Welcome to the show, everyone.',
        '',
        'Nikita Miller: Thanks, glad to be here.',
        '',
        'Lenny Rachitsky: Great to have you.',
        '',
        'Nikita Miller: Likewise, truly.',
        '',
        middle,
        '',
        'Camille Ricketts: Hello.',
      );
    assert.equal(run(malformedLabel, doc('Lenny Rachitsky  So tell me about product.')).length, 1);
    assert.equal(run(malformedLabel, doc('Lenny Rachitsky asked me about product.')).length, 0);
  });
});

describe('TR009 unbalanced-brackets', () => {
  const doc = (speech: string) => briefing(`SECRETARY AUSTIN:  ${speech}`);

  test('balanced escaped brackets, brackets across lines of a paragraph, <s> tags, list markers and smileys are fine', () => {
    for (const s of [
      'A military \\[flight with USAID\\] assistance <s>flight</s> departed <s>last\nnight</s> \\[April 28th\\], with cargo.',
      'Both planes landed <s>today</s> \\[over the last two\ndays\\]. More will come.',
      'Three goals: 1) speed, 2) scale, and a) reach. That is the plan :)',
      'Thank you (and [sic] thanks) to everyone. (Laughter.)',
      '(a) and (b) are both fine; [laughs] too.',
    ]) {
      assert.deepEqual(run(unbalancedBrackets, doc(s)), [], s);
    }
  });

  test('front matter and preamble are not checked', () => {
    const text = lines('---', 'title: "A [draft"', '---', '', 'Press Briefing (Washington', '', 'MS. PSAKI:  Hello.', '', 'MR. DOOCY:  Hi.', '', 'MS. PSAKI:  Bye.');
    assert.deepEqual(run(unbalancedBrackets, text), []);
  });

  test('an unclosed one-word note: the preferred fix closes it after the word', () => {
    const text = doc('We will [inaudible have more on that later.');
    const fs = run(unbalancedBrackets, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['5:[']);
    const fix = preferred(fs[0]);
    assert.equal(fix.safe, false);
    assert.match(applyEdits(text, fix.edits), /We will \[inaudible\] have more/);
    assert.ok(fs[0].fixes.some((x) => /end of the line/.test(x.title)));
  });

  test('an escaped opener is reported with its backslash and closed escaped', () => {
    const text = doc('And the rest \\[inaudible');
    const fs = run(unbalancedBrackets, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['5:\\[']);
    assert.match(applyEdits(text, preferred(fs[0]).edits), /\\\[inaudible\\\]\n/);
  });

  test('a bracket left open at a paragraph break is reported, and so is the stray closer after it', () => {
    const text = doc('A (long aside with no end.\n\nNew paragraph.) Done.');
    assert.deepEqual(run(unbalancedBrackets, text).map((f) => where(text, f)), ['5:(', '7:)']);
  });

  test('a mismatched pair is one finding on the closer', () => {
    const text = doc('That was [crosstalk) unclear.');
    const fs = run(unbalancedBrackets, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['5:)']);
    assert.match(applyEdits(text, preferred(fs[0]).edits), /\[crosstalk\] unclear/);
  });
});

describe('TR010 unanswered-question', () => {
  test('a question followed by another question, and one at the end, are reported on their labels', () => {
    const text = lines('Q.  Where were you?', 'A.  At home.', 'Q.  Were you alone?', 'Q.  Did anyone visit?', 'A.  My sister.', 'Q.  And then?');
    const fs = run(unansweredQuestion, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['3:Q.', '6:Q.']);
    assert.ok(fs.every((f) => f.severity === 'information' && f.fixes.length === 0));
  });

  test('a named speaker who restates a question before anyone replies asked one question', () => {
    const text = lines(
      '*INV:\ttell me a story about this picture .',
      '*INV:\ttell me a story with a beginning middle and end .',
      '*PAR:\tokay .',
      '*PAR:\tthis is the family going on vacation .',
      '*INV:\tdo you know the story ?',
      '*PAR:\tyes .',
    );
    assert.equal(parse(text).dialect, 'chat');
    assert.deepEqual(run(unansweredQuestion, text), []);
  });
});

describe('TR011 speaker-not-in-roster', () => {
  const body = lines('', 'MS. PSAKI:  Good afternoon.', '', 'MR. DOOCY:  Thanks, Jen. What about the trip?', '', 'MS. PSAKI:  Sure.', '', 'MR. DOOCY:  Thanks.');

  test('surname labels match full roster names; a missing speaker is reported once, on the first label', () => {
    const text = `---\nspeakers:\n  - Jen Psaki\n---\n${body}`;
    const fs = run(speakerNotInRoster, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['8:MR. DOOCY']);
    assert.match(fs[0].message, /2 turns/);
    assert.deepEqual(run(speakerNotInRoster, `---\nspeakers:\n  - Jen Psaki\n  - Peter Doocy\n---\n${body}`), []);
  });

  test('the fix appends to the roster in its own style, and the finding goes away', () => {
    for (const [fm, expected] of [
      ['speakers:\n  - Jen Psaki\n', 'speakers:\n  - Jen Psaki\n  - Mr. Doocy\n'],
      ['speakers:\n- name: Jen Psaki\n  role: Press Secretary\n', 'speakers:\n- name: Jen Psaki\n  role: Press Secretary\n- name: Mr. Doocy\n'],
      ['speakers: [Jen Psaki]\n', 'speakers: [Jen Psaki, Mr. Doocy]\n'],
      ['speakers: Jen Psaki; Karine Jean-Pierre\n', 'speakers: Jen Psaki; Karine Jean-Pierre; Mr. Doocy\n'],
      ['participants: Jen Psaki\n', 'participants: Jen Psaki and Mr. Doocy\n'],
    ] as const) {
      const text = `---\n${fm}---\n${body}`;
      const fs = run(speakerNotInRoster, text);
      assert.equal(fs.length, 1, fm);
      const fix = preferred(fs[0]);
      assert.equal(fix.safe, false);
      const fixed = applyEdits(text, fix.edits);
      assert.equal(fixed, `---\n${expected}---\n${body}`);
      assert.deepEqual(run(speakerNotInRoster, fixed), [], `after the fix: ${fm}`);
    }
  });

  test('a roster of one side (guest only) is not a full list of speakers', () => {
    const text = `---\nguest: Jen Psaki\n---\n${body}`;
    assert.deepEqual(run(speakerNotInRoster, text), []);
    assert.equal(run(speakerNotInRoster, `---\nhost: Jen Psaki\nguest: Antony Blinken\n---\n${body}`).length, 1);
  });
});

describe('TR012 malformed-timestamp', () => {
  const pod = (...ts: string[]) => ts.map((t, i) => `${i % 2 ? 'Nikita Miller' : 'Lenny'} (${t}):\nSome words of speech number ${i}.\n`).join('\n');

  test('impossible seconds and minutes are reported on the time text', () => {
    const text = pod('00:52', '01:75', '02:03', '1:61:20');
    assert.deepEqual(run(malformedTimestamp, text).map((f) => where(text, f)), ['4:01:75', '10:1:61:20']);
  });

  test('mixing mm:ss and h:mm:ss is fine, and so are minutes past 59 in mm:ss', () => {
    assert.deepEqual(run(malformedTimestamp, pod('58:10', '59:58', '1:00:05', '1:02:00')), []);
    assert.deepEqual(run(malformedTimestamp, pod('58:10', '75:30', '99:59')), []);
  });

  test('a one-digit field: the fix is offered only when one reading fits between the neighbours', () => {
    const text = pod('00:03', '00:12', '01:30').replace('(00:12)', '(00:5)').replace('Lenny (01:30)', 'Lenny (00:12)');
    const fs = run(malformedTimestamp, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['4:00:5']);
    assert.equal(applyEdits(text, preferred(fs[0]).edits).includes('(00:05)'), true);
    const ambiguous = pod('00:03', '00:5', '01:30');
    const fa = run(malformedTimestamp, ambiguous);
    assert.equal(fa.length, 1);
    assert.deepEqual(fa[0].fixes, [], '00:05 and 00:50 both fit between 00:03 and 01:30');
  });

  test('a ratio in a sentence is not a timestamp', () => {
    const text = pod('00:03', '00:12', '01:30').replace('number 1.', 'number 1, odds of (3:1) and [2:1].');
    assert.deepEqual(run(malformedTimestamp, text), []);
  });

  test('a missing leading zero in a zero-padded document', () => {
    const text = pod('00:12', '01:05', '03:59', '9:15', '09:40');
    const fs = run(malformedTimestamp, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['10:9:15']);
    assert.match(applyEdits(text, preferred(fs[0]).edits), /\(09:15\)/);
    assert.deepEqual(run(malformedTimestamp, pod('0:12', '1:05', '3:59', '9:15', '10:40')), [], 'an unpadded document');
  });

  test('times inside inaudible notes are checked too', () => {
    const text = lines('**Ole:** \\[00:10\\] Hello.', '', '**Sandor:** We test with \\[unintelligible 00:01:75.27\\] my part.', '', '**Ole:** \\[02:00\\] Right.');
    assert.deepEqual(run(malformedTimestamp, text).map((f) => where(text, f)), ['3:00:01:75.27']);
  });
});

describe('TR013 timestamp-backwards', () => {
  const pod = (...ts: string[]) => ts.map((t, i) => `${i % 2 ? 'Nikita Miller' : 'Lenny'} (${t}):\nSome words of speech number ${i}.\n`).join('\n');

  test('equal times are fine', () => {
    assert.deepEqual(run(timestampBackwards, pod('04:02', '04:15', '04:15', '04:15', '05:00')), []);
  });

  test('a time that goes back is reported on that time', () => {
    const text = pod('04:02', '04:15', '03:20', '05:00');
    const fs = run(timestampBackwards, text);
    assert.deepEqual(fs.map((f) => where(text, f)), ['7:03:20']);
    assert.match(fs[0].message, /earlier than .*"04:15" on line 4/);
  });

  test('a single time that jumps ahead is reported on the jump, not on the time after it', () => {
    const text = pod('05:00', '50:10', '05:30', '05:45');
    assert.deepEqual(run(timestampBackwards, text).map((f) => where(text, f)), ['4:50:10']);
  });

  test('timestamp notes between labels count, impossible times do not', () => {
    const text = lines('Lenny (00:52):', 'Welcome.', '', '(01:51):', 'This episode is brought to you by a sponsor.', '', 'Nikita Miller (01:75):', 'Hi.', '', 'Lenny (01:40):', 'So.');
    assert.deepEqual(run(timestampBackwards, text).map((f) => where(text, f)), ['10:01:40']);
  });

  test('WebVTT cues: a cue that ends before it starts, and cue starts that go back', () => {
    const text = lines(
      'WEBVTT',
      '',
      '00:00:01.000 --> 00:00:04.000',
      '<v Jen Psaki>Good afternoon.',
      '',
      '00:00:04.500 --> 00:00:03.000',
      '<v Peter Doocy>Thanks, Jen.',
      '',
      '00:00:02.000 --> 00:00:06.000',
      '<v Jen Psaki>More tomorrow.',
      '',
      '00:00:07.000 --> 00:00:09.000',
      '<v Peter Doocy>Thank you.',
    );
    assert.deepEqual(run(timestampBackwards, text).map((f) => where(text, f)), ['6:00:00:03.000', '9:00:00:02.000']);
  });
});

describe('TR008-TR013 on the fixtures of this rule set', () => {
  test('every fixed fixture re-parses without findings of the rules that fixed it', () => {
    for (const name of ['tr008-missing-colon', 'tr008-space-before-colon', 'tr008-markdown-bold']) {
      const fixed = readFileSync(path.join(__dirname, 'fixtures', 'rules', `${name}.fixed.transcript`), 'utf8');
      assert.deepEqual(run(malformedLabel, fixed), [], name);
    }
  });
});

describe('findings capped per rule', () => {
  test('a rule with thousands of findings keeps the first 2000 in document order, and stops looking after them', () => {
    // 2,400 standalone labels, each with trailing spaces (TR005), alternating two speakers.
    const parts: string[] = ['Press briefing', ''];
    for (let i = 0; i < 2400; i++) parts.push(i % 2 ? 'Anna Berg   ' : 'Mark Rutte   ', '', `Thank you for the question number ${i}.`, '');
    const text = parts.join('\n');
    const model = parse(text);
    assert.equal(model.turns.length, 2400);
    const tr005 = lint(text, model).filter((f) => f.code === 'TR005');
    assert.equal(tr005.length, 2000);
    // The first 2000 labels, in order: lines 2, 6, 10, …
    assert.deepEqual(
      tr005.map((f) => f.line),
      model.turns.slice(0, 2000).map((t) => t.startLine),
    );
    // A rule that asks `more()` is not run past the cap: it stops calling report.
    let reports = 0;
    const probe: Rule = {
      id: 'TX999',
      name: 'probe',
      description: 'test',
      rationale: 'test',
      severity: 'hint',
      fixable: false,
      check(ctx) {
        for (const t of ctx.model.turns) {
          if (!ctx.more()) return;
          reports++;
          ctx.report({ line: t.startLine, column: 0, endLine: t.startLine, endColumn: 1, message: 'probe' });
        }
      },
    };
    assert.equal(lint(text, model, { rules: [probe] }).length, 2000);
    assert.equal(reports, 2000);
  });
});
