/**
 * The extension's own requests over the protocol (server/src/lsp/protocol.ts), as the client's
 * statistics view and per-speaker colours use them: `transcript/statistics` and
 * `transcript/speakerLabels` on the Munich seed, after an edit, for unknown documents and bad
 * params. Spawns the bundled `node dist/server.js --stdio` (run `npm run build` first).
 *
 *   node --import tsx --test test/lsp-views.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusText, Session } from './support/lspClient.ts';
import { parse } from '../server/src/core/index.ts';
import { documentStatistics } from '../server/src/core/features/index.ts';
import { SPEAKER_LABELS_REQUEST, STATISTICS_REQUEST, type SpeakerLabelsResult, type StatisticsResult } from '../server/src/lsp/protocol.ts';

const MUNICH = corpusText('nato__seed-munich-doorstep.txt');
const URI = 'file:///corpus/munich-views.transcript';
const RUTTE_LINES = [44, 62, 70, 78, 86, 94, 102, 110];
const QUESTION_LINES = [58, 66, 74, 82, 90, 98, 106];

describe('statistics and speaker labels over LSP', () => {
  let s: Session;
  before(async () => {
    s = new Session();
    await s.initialize({ pull: true });
    await s.open(URI, MUNICH);
  });
  after(async () => {
    if (s) await s.close();
  });

  const req = <T>(method: string, params: unknown) => s.conn.sendRequest(method, params) as Promise<T>;

  test('transcript/statistics: per speaker turns, words, share, questions asked and answered', async () => {
    const r = await req<StatisticsResult>(STATISTICS_REQUEST, { uri: URI });
    assert.equal(r.uri, URI);
    assert.equal(r.version, 1);
    assert.deepEqual([r.words, r.turns, r.pairs, r.unattributedWords], [1165, 15, 7, 0]);
    assert.deepEqual(
      r.speakers.map((x) => [x.id, x.name, x.role, x.turns, x.words, x.share.toFixed(3), x.asked, x.answered, x.label]),
      [
        ['mark-rutte', 'Mark Rutte', 'NATO Secretary General', 8, 1031, '0.885', 0, 7, 'NATO Secretary General Mark Rutte'],
        ['questioner', 'Question', '', 7, 134, '0.115', 7, 0, 'Question'],
      ],
    );
  });

  test('transcript/speakerLabels: every label range, grouped by speaker', async () => {
    const r = await req<SpeakerLabelsResult>(SPEAKER_LABELS_REQUEST, { uri: URI });
    assert.equal(r.version, 1);
    assert.deepEqual(r.speakers.map((x) => x.id), ['mark-rutte', 'questioner']);
    const rutte = r.speakers[0]!.labels;
    assert.deepEqual(rutte.map((x) => x.start.line), RUTTE_LINES);
    assert.deepEqual(rutte[0], { start: { line: 44, character: 0 }, end: { line: 44, character: 33 } });
    assert.deepEqual(r.speakers[1]!.labels.map((x) => [x.start.line, x.start.character, x.end.character]), QUESTION_LINES.map((l) => [l, 0, 8]));
  });

  test('after an edit: the new version, the new numbers', async () => {
    // Replace the first question's speech with two words.
    const lines = MUNICH.split('\n');
    const q = QUESTION_LINES[0]! + 2;
    const before = lines[q]!.replace(/\r$/, '');
    await s.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ range: { start: { line: q, character: 0 }, end: { line: q, character: before.length } }, text: 'Two words' }],
    });
    const r = await req<StatisticsResult>(STATISTICS_REQUEST, { uri: URI });
    assert.equal(r.version, 2);
    const question = r.speakers.find((x) => x.id === 'questioner')!;
    lines[q] = lines[q]!.endsWith('\r') ? 'Two words\r' : 'Two words';
    const expected = documentStatistics(parse(lines.join('\n')));
    assert.ok(question.words < 134);
    assert.deepEqual(r.speakers.map((x) => x.words), expected.speakers.map((x) => x.words));
    assert.equal(r.words, expected.words);
    const labels = await req<SpeakerLabelsResult>(SPEAKER_LABELS_REQUEST, { uri: URI });
    assert.equal(labels.version, 2);
  });

  test('unknown documents and malformed params: null, and the server goes on', async () => {
    assert.equal(await req(STATISTICS_REQUEST, { uri: 'file:///nowhere.transcript' }), null);
    assert.equal(await req(SPEAKER_LABELS_REQUEST, { uri: 'file:///nowhere.transcript' }), null);
    assert.equal(await req(STATISTICS_REQUEST, null), null);
    assert.equal(await req(SPEAKER_LABELS_REQUEST, { uri: 42 }), null);
    const r = await req<StatisticsResult>(STATISTICS_REQUEST, { uri: URI });
    assert.equal(r.speakers.length, 2);
  });
});
