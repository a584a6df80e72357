/**
 * The filter view's and the lint-workspace command's requests over the protocol
 * (server/src/lsp/protocol.ts): `transcript/filter` and `transcript/lint` on the Munich seed, for
 * unknown documents and bad params. Spawns the bundled `node dist/server.js --stdio` (run
 * `npm run build` first).
 *
 *   node --import tsx --test test/lsp-filter.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { corpusText, Session } from './support/lspClient.ts';
import { lint, parse } from '../server/src/core/index.ts';
import { filterTurns } from '../server/src/core/features/index.ts';
import { FILTER_REQUEST, LINT_REQUEST, type FilterResult, type LintResult } from '../server/src/lsp/protocol.ts';

const MUNICH = corpusText('nato__seed-munich-doorstep.txt');
const URI = 'file:///corpus/munich-filter.transcript';
const QUESTION_LINES = [58, 66, 74, 82, 90, 98, 106];

describe('filter and lint requests over LSP', () => {
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

  test('transcript/filter by speaker: the seven questions, each after its line number', async () => {
    const r = await req<FilterResult>(FILTER_REQUEST, { uri: URI, filter: { kind: 'speaker', speaker: 'questioner' } });
    assert.equal(r.uri, URI);
    assert.equal(r.version, 1);
    assert.equal(r.title, 'Question');
    assert.equal(r.turns, 7);
    const lines = r.text.split('\n');
    assert.equal(lines[0], '<!-- Question: 7 turns of munich-filter.transcript -->');
    assert.deepEqual(
      lines.filter((l) => l.startsWith('<!-- line ')),
      QUESTION_LINES.map((l) => `<!-- line ${l + 1} -->`),
    );
    assert.equal(r.sourceLines.length, lines.length - 1); // the text ends with a line break
    const src = MUNICH.split('\n').map((l) => l.replace(/\r$/, ''));
    r.sourceLines.forEach((from, i) => {
      if (from >= 0) assert.equal(lines[i], src[from]);
    });
    assert.equal(r.text, filterTurns(MUNICH, parse(MUNICH), { kind: 'speaker', speaker: 'questioner' }, 'munich-filter.transcript').text);
  });

  test('transcript/filter: questions only, Q&A pairs only, the source name', async () => {
    const q = await req<FilterResult>(FILTER_REQUEST, { uri: URI, filter: { kind: 'questions' }, source: 'Munich' });
    assert.equal(q.turns, 7);
    assert.match(q.text, /^<!-- Questions: 7 turns of Munich -->\n/);
    const p = await req<FilterResult>(FILTER_REQUEST, { uri: URI, filter: { kind: 'pairs' } });
    assert.equal(p.turns, 14);
    assert.equal((p.text.match(/<!-- line \d+ · Q\d -->/g) ?? []).length, 7);
  });

  test('transcript/filter: unknown documents and malformed params answer null', async () => {
    assert.equal(await req(FILTER_REQUEST, { uri: 'file:///nowhere.transcript', filter: { kind: 'questions' } }), null);
    assert.equal(await req(FILTER_REQUEST, { uri: URI, filter: { kind: 'everything' } }), null);
    assert.equal(await req(FILTER_REQUEST, { uri: URI }), null);
    assert.equal(await req(FILTER_REQUEST, null), null);
    const unknown = await req<FilterResult>(FILTER_REQUEST, { uri: URI, filter: { kind: 'speaker', speaker: 'nobody' } });
    assert.equal(unknown.turns, 0);
  });

  test('transcript/lint: the diagnostics of a file that is not open', async () => {
    const uri = 'file:///corpus/not-open.transcript';
    const r = await req<LintResult>(LINT_REQUEST, { uri, text: MUNICH });
    assert.equal(r.uri, uri);
    assert.equal(r.skipped, false);
    const expected = lint(MUNICH, parse(MUNICH), {});
    assert.deepEqual(
      r.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.source]),
      expected.map((f) => [f.code, f.line, f.column, 'transcript']),
    );
    assert.ok(r.diagnostics.some((d) => d.code === 'TR002' && d.range.start.line === 0));
    assert.ok(r.diagnostics.every((d) => !('data' in d)));
  });

  test('transcript/lint: settings apply; bad params are skipped and the server goes on', async () => {
    s.settings = { rules: { TR002: 'off' }, dialect: 'auto' };
    await s.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const r = await req<LintResult>(LINT_REQUEST, { uri: 'file:///corpus/other.transcript', text: MUNICH });
    assert.ok(!r.diagnostics.some((d) => d.code === 'TR002'));
    assert.deepEqual(await req(LINT_REQUEST, { uri: 'file:///x.transcript', text: 42 }), { uri: 'file:///x.transcript', diagnostics: [], skipped: true });
    assert.deepEqual(await req(LINT_REQUEST, null), { uri: '', diagnostics: [], skipped: true });
    const f = await req<FilterResult>(FILTER_REQUEST, { uri: URI, filter: { kind: 'questions' } });
    assert.equal(f.turns, 7);
  });
});
