/**
 * transcript-lint, as a user runs it: spawns `node bin/transcript-lint.js` (needs `npm run build`).
 * Parser results are checked only structurally (fields, types, 1-based lines in range), so these
 * tests hold whatever the real parser detects.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIALECTS } from '../server/src/core/index.ts';
import { parseArgs } from '../server/src/cli/args.ts';
import { decode, firstInvalidUtf8 } from '../server/src/cli/read.ts';
import { useColor } from '../server/src/cli/text.ts';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'bin', 'transcript-lint.js');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const KINDS = ['statement', 'question', 'answer', 'other'];
const ESC = '\x1b';

let dir = '';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const env = { ...process.env, ...options.env };
  if (!options.env || !('NO_COLOR' in options.env)) delete env.NO_COLOR;
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env,
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function write(name: string, content: string | Uint8Array): string {
  fs.writeFileSync(path.join(dir, name), content);
  return name;
}

interface JsonFile {
  path: string;
  dialect: string;
  speakers: { id: string; name: string; role: string; labels: string[] }[];
  turns: { line: number; endLine: number; speaker: string | null; label: string | null; kind: string }[];
  pairs: { line: number; endLine: number; title: string; question: number; answers: number[] }[];
  diagnostics: { severity: string }[];
}

/** Parses stdout as one JSON document and checks the documented shape of every file in it. */
function checkJson(stdout: string, lineCounts: Record<string, number>): JsonFile[] {
  const doc = JSON.parse(stdout) as { files: JsonFile[] };
  assert.equal(typeof doc, 'object');
  assert.ok(Array.isArray(doc.files));
  for (const f of doc.files) {
    const lines = lineCounts[f.path];
    assert.equal(typeof lines, 'number', `unexpected path ${f.path}`);
    assert.ok(DIALECTS.includes(f.dialect as never), `dialect ${f.dialect}`);
    for (const key of ['speakers', 'turns', 'pairs', 'diagnostics'] as const) assert.ok(Array.isArray(f[key]), key);
    const ids = new Set<string>();
    for (const s of f.speakers) {
      assert.equal(typeof s.id, 'string');
      assert.equal(typeof s.name, 'string');
      assert.equal(typeof s.role, 'string');
      assert.ok(Array.isArray(s.labels) && s.labels.every((l) => typeof l === 'string'));
      ids.add(s.id);
    }
    for (const t of f.turns) {
      assert.ok(Number.isInteger(t.line) && t.line >= 1 && t.line <= lines, `turn line ${t.line} of ${lines}`);
      assert.ok(Number.isInteger(t.endLine) && t.endLine >= t.line && t.endLine <= lines, `turn endLine ${t.endLine}`);
      assert.ok(t.speaker === null || ids.has(t.speaker), `turn speaker ${t.speaker}`);
      assert.ok(t.label === null || typeof t.label === 'string');
      assert.ok(KINDS.includes(t.kind), `turn kind ${t.kind}`);
    }
    for (const p of f.pairs) {
      assert.ok(Number.isInteger(p.line) && p.line >= 1 && p.line <= lines);
      assert.ok(Number.isInteger(p.endLine) && p.endLine >= p.line && p.endLine <= lines);
      assert.equal(typeof p.title, 'string');
      assert.ok(Number.isInteger(p.question) && p.question >= 0 && p.question < f.turns.length);
      assert.ok(p.answers.every((a) => Number.isInteger(a) && a >= 0 && a < f.turns.length));
    }
  }
  return doc.files;
}

/** Exit status the files' diagnostics call for: 1 when any is an error, else 0. */
function expectedCode(files: JsonFile[]): number {
  return files.some((f) => f.diagnostics.some((d) => d.severity === 'error')) ? 1 : 0;
}

const INLINE = [
  'PRESS BRIEFING BY PRESS SECRETARY',
  '',
  'MS. LEAVITT: Good afternoon, everyone. Thank you for coming.',
  'Q: Do you think that Europe can be independent',
  'in ten years?',
  'MS. LEAVITT: I think so, yes.',
  '',
].join('\n'); // 6 lines: the final line break does not start a seventh

before(() => {
  assert.ok(fs.existsSync(path.join(root, 'dist', 'cli.js')), 'dist/cli.js is missing: run `npm run build` first');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'transcript-lint-test-'));
});

after(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('transcript-lint options', () => {
  test('--version prints the package version', () => {
    const r = cli(['--version']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, `${pkg.version}\n`);
    assert.equal(r.stderr, '');
  });

  test('--help prints the usage on stdout', () => {
    const r = cli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: transcript-lint \[--format text\|json\] \[--dialect NAME\] \[--fix\] \[--config FILE\] FILE\.\.\.$/m);
    for (const d of DIALECTS) assert.ok(r.stdout.includes(d), d);
    assert.equal(r.stderr, '');
  });

  const usageErrors: [string, string[], RegExp][] = [
    ['unknown option', ['--frobnicate', 'x.transcript'], /unknown option '--frobnicate'/],
    ['bad --format', ['--format', 'xml', 'x.transcript'], /invalid value 'xml' for --format/],
    ['bad --format=', ['--format=yaml', 'x.transcript'], /invalid value 'yaml' for --format/],
    ['bad --dialect', ['--dialect', 'srt', 'x.transcript'], /invalid value 'srt' for --dialect: expected one of block, inline/],
    ['--dialect without value', ['--dialect'], /option '--dialect' needs a value/],
    ['no files', [], /no input files/],
    ['only options', ['--format', 'json'], /no input files/],
  ];
  for (const [name, args, message] of usageErrors) {
    test(`usage error: ${name} exits 2 with a usage message`, () => {
      const r = cli(args);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /^transcript-lint: /);
      assert.match(r.stderr, message);
      assert.match(r.stderr, /^Usage: transcript-lint /m);
    });
  }

  test('-- ends the options', () => {
    const r = cli(['--format', 'json', '--', '--frobnicate']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'transcript-lint: --frobnicate: no such file\n');
  });

  test('parseArgs: options after files, --opt=value, last value wins', () => {
    assert.deepEqual(parseArgs(['a', '--format=json', 'b', '--dialect', 'chat', '--format', 'text']), {
      kind: 'run',
      options: { format: 'text', dialect: 'chat', fix: false, config: undefined, files: ['a', 'b'] },
    });
    assert.deepEqual(parseArgs(['--bogus', '--help']), { kind: 'help' });
  });

  test('colours only on a terminal without NO_COLOR', () => {
    assert.equal(useColor(true, {}), true);
    assert.equal(useColor(true, { NO_COLOR: '1' }), false);
    assert.equal(useColor(true, { NO_COLOR: '' }), true);
    assert.equal(useColor(false, {}), false);
    assert.equal(useColor(undefined, {}), false);
  });
});

describe('transcript-lint output', () => {
  test('json: documented shape, 1-based lines, forced dialect', () => {
    const file = write('briefing.transcript', INLINE);
    const r = cli(['--format', 'json', '--dialect', 'inline', file]);
    assert.equal(r.stderr, '');
    assert.ok(r.stdout.endsWith('\n'));
    const files = checkJson(r.stdout, { [file]: 6 });
    assert.equal(r.code, expectedCode(files));
    assert.equal(files.length, 1);
    assert.equal(files[0].path, file);
    assert.equal(files[0].dialect, 'inline');
    assert.ok(files[0].turns.length > 0);
  });

  test('json: a detected dialect is one of the dialects', () => {
    const file = write('detect.transcript', INLINE);
    const r = cli(['--format=json', file]);
    const files = checkJson(r.stdout, { [file]: 6 });
    assert.equal(r.code, expectedCode(files));
  });

  test('text: an outline headed by the path, without colours when piped', () => {
    const file = write('outline.transcript', INLINE);
    const r = cli([file]);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout.split('\n')[0], file);
    assert.match(r.stdout, /^ {2}dialect: (\w+) \((detected|forced)\)/m);
    assert.ok(!r.stdout.includes(ESC));
    const forced = cli(['--dialect', 'inline', file], { env: { NO_COLOR: '1' } });
    assert.match(forced.stdout, /^ {2}dialect: inline \(forced\)/m);
    assert.ok(!forced.stdout.includes(ESC));
  });

  test('text: escape sequences in the transcript do not reach the terminal', () => {
    const file = write('escape.transcript', 'MS. LEAVITT: \x1b[2J\x1b]0;pwned\x07Hello.\n');
    const r = cli([file]);
    assert.equal(r.code, 0);
    assert.ok(!r.stdout.includes(ESC));
    assert.ok(!r.stdout.includes('\x07'));
  });

  test('empty file: exit 0, the outline says it is empty', () => {
    const file = write('empty.transcript', '');
    const text = cli([file]);
    assert.equal(text.code, 0);
    assert.equal(text.stderr, '');
    assert.match(text.stdout, /empty file/);
    const json = cli(['--format', 'json', file]);
    const files = checkJson(json.stdout, { [file]: 1 });
    assert.equal(json.code, expectedCode(files));
    assert.equal((files[0] as JsonFile & { empty: boolean }).empty, true);
  });

  test('CRLF and BOM files are read', () => {
    const crlf = write('crlf.transcript', INLINE.replace(/\n/g, '\r\n'));
    const bom = write('bom.transcript', '\ufeff' + INLINE);
    const cr = write('cr.transcript', INLINE.replace(/\n/g, '\r'));
    const r = cli(['--format', 'json', crlf, bom, cr]);
    assert.equal(r.stderr, '');
    const files = checkJson(r.stdout, { [crlf]: 6, [bom]: 6, [cr]: 6 });
    assert.equal(r.code, expectedCode(files));
    assert.deepEqual(
      files.map((f) => f.path),
      [crlf, bom, cr],
    );
    const text = cli([crlf, bom]);
    assert.equal(text.code, expectedCode(files));
    assert.ok(!text.stdout.includes('\r'));
    assert.ok(!text.stdout.includes('\ufeff'));
  });

  test('a 5 MB single line gives valid JSON', () => {
    const file = write('huge.transcript', 'MS. LEAVITT: ' + 'word '.repeat(1024 * 1024));
    const r = cli(['--format', 'json', file]);
    assert.ok(r.code === 0 || r.code === 1, `exit ${r.code}: ${r.stderr}`);
    const files = checkJson(r.stdout, { [file]: 1 });
    assert.equal(r.code, expectedCode(files));
    const text = cli([file]);
    assert.equal(text.code, r.code);
    assert.ok(text.stdout.length < 100_000);
  });

  test('stdin: - reads standard input', () => {
    const r = cli(['--format', 'json', '-'], { input: INLINE });
    const files = checkJson(r.stdout, { '<stdin>': 6 });
    assert.equal(r.code, expectedCode(files));
  });
});

describe('transcript-lint errors name the file and the cause', () => {
  function checkError(args: string[], file: string, cause: string) {
    const r = cli(args);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `transcript-lint: ${file}: ${cause}\n`);
  }

  test('missing file', () => checkError(['missing.transcript'], 'missing.transcript', 'no such file'));

  test('directory', () => {
    fs.mkdirSync(path.join(dir, 'folder.transcript'), { recursive: true });
    checkError(['folder.transcript'], 'folder.transcript', 'is a directory');
  });

  test('binary file with NUL bytes', () => {
    write('image.transcript', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
    checkError(['image.transcript'], 'image.transcript', 'not a text file (contains NUL bytes)');
  });

  test('binary file of control characters', () => {
    write('control.transcript', new Uint8Array(600).map((_, i) => 1 + (i % 8)));
    checkError(['control.transcript'], 'control.transcript', 'not a text file (mostly control characters)');
  });

  test('UTF-16 file', () => {
    write('utf16.transcript', Buffer.from('\ufeffQ: hello\n', 'utf16le'));
    checkError(['utf16.transcript'], 'utf16.transcript', 'not a text file (UTF-16; save it as UTF-8)');
  });

  test('unreadable file', { skip: process.getuid?.() === 0 ? 'root can read anything' : false }, () => {
    const file = write('secret.transcript', INLINE);
    fs.chmodSync(path.join(dir, file), 0o000);
    checkError([file], file, 'permission denied');
  });

  test('invalid UTF-8: a warning naming the file and the byte, then the file is read', () => {
    const file = write('latin1.transcript', Buffer.concat([Buffer.from('Q: caf'), Buffer.from([0xe9]), Buffer.from('?\nA: Yes.\n')]));
    const r = cli(['--format', 'json', file]);
    assert.equal(
      r.stderr,
      `transcript-lint: warning: ${file}: invalid UTF-8 at line 1 (byte offset 6); bad bytes were read as U+FFFD\n`,
    );
    const files = checkJson(r.stdout, { [file]: 2 });
    assert.equal(r.code, expectedCode(files));
  });

  test('one bad file among good ones: the others are processed, exit 2', () => {
    const good = write('good.transcript', INLINE);
    const r = cli(['--format', 'json', good, 'missing.transcript', good]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'transcript-lint: missing.transcript: no such file\n');
    const files = checkJson(r.stdout, { [good]: 6 });
    assert.equal(files.length, 2);
    const text = cli([good, 'missing.transcript']);
    assert.equal(text.code, 2);
    assert.equal(text.stdout.split('\n')[0], good);
  });

  test('UTF-8 validation and binary sniffing', () => {
    const bytes = (...b: number[]) => new Uint8Array(b);
    assert.equal(firstInvalidUtf8(Buffer.from('plain ascii, café, 日本, 🙂')), -1);
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80)), 1); // overlong
    assert.equal(firstInvalidUtf8(bytes(0x61, 0x62, 0xed, 0xa0, 0x80)), 2); // surrogate
    assert.equal(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80)), 0); // above U+10FFFF
    assert.equal(firstInvalidUtf8(bytes(0x61, 0xe2, 0x82)), 1); // truncated
    assert.deepEqual(decode(bytes(0x0a, 0x0a, 0x62, 0xff)), { ok: true, text: '\n\nb\ufffd', invalidUtf8: { offset: 3, line: 3 } });
    assert.deepEqual(decode(bytes(0xef, 0xbb, 0xbf, 0x61)), { ok: true, text: '\ufeffa' });
    assert.deepEqual(decode(bytes()), { ok: true, text: '' });
  });
});

describe('diagnostics, --fix and the configuration file', () => {
  const LABELS = 'Mark Rutte, NATO Secretary General\u00a0\n\nThank you all.\n\nQuestion\n\nWhen?\n\nMark Rutte, NATO Secretary General\u00a0\n\nSoon.\n';
  test('text output lists each finding as file:line:col code severity: message', () => {
    const f = write('diag.transcript', LABELS);
    const r = cli([f]);
    assert.equal(r.code, 0);
    const rows = r.stdout.split('\n').filter((l) => l.startsWith(`${f}:`));
    assert.deepEqual(rows.map((l) => l.split(' ').slice(0, 3).join(' ')), [`${f}:1:35 TR005 warning:`, `${f}:9:35 TR005 warning:`]);
  });
  test('json diagnostics carry code, severity and 1-based ranges', () => {
    const f = write('diag2.transcript', LABELS);
    const r = cli(['--format', 'json', f]);
    const d = (JSON.parse(r.stdout) as { files: { diagnostics: Record<string, unknown>[] }[] }).files[0].diagnostics[0];
    assert.deepEqual(
      { code: d.code, severity: d.severity, line: d.line, column: d.column, endLine: d.endLine, endColumn: d.endColumn },
      { code: 'TR005', severity: 'warning', line: 1, column: 35, endLine: 1, endColumn: 36 },
    );
  });
  test('a configuration file raises a rule to error: exit 1', () => {
    fs.mkdirSync(path.join(dir, 'proj'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'proj', '.transcript-lint.json'), JSON.stringify({ rules: { 'label-trailing-whitespace': 'error' } }));
    const f = path.join('proj', 'a.transcript');
    write(f, LABELS);
    const r = cli([f]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /TR005 error:/);
  });
  test('a configuration file can turn a rule off; --config names another file', () => {
    write('off.json', JSON.stringify({ rules: { TR005: 'off' } }));
    const f = write('b.transcript', LABELS);
    const r = cli(['--config', 'off.json', '--format', 'json', f]);
    assert.equal(r.code, 0);
    assert.deepEqual((JSON.parse(r.stdout) as { files: { diagnostics: unknown[] }[] }).files[0].diagnostics, []);
    assert.equal(cli(['--config', 'missing.json', f]).code, 2);
  });
  test('bad configuration values are reported as warnings naming the file', () => {
    fs.mkdirSync(path.join(dir, 'bad'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'bad', '.transcript-lint.json'), JSON.stringify({ rules: { TR005: 'loud', nope: 'off' } }));
    write(path.join('bad', 'c.transcript'), LABELS);
    const r = cli([path.join('bad', 'c.transcript')]);
    assert.match(r.stderr, /\.transcript-lint\.json: Rule "TR005" must be one of/);
    assert.match(r.stderr, /Unknown rule "nope"/);
  });
  test('--fix writes the safe fixes and keeps every word', () => {
    const f = write('fix.transcript', LABELS);
    const r = cli(['--fix', f]);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /applied 2 fixes/);
    const fixed = fs.readFileSync(path.join(dir, f), 'utf8');
    assert.equal(fixed, LABELS.replace(/\u00a0/g, ''));
    assert.equal(cli([f]).stdout.includes('TR005'), false);
  });
});
