/**
 * In-editor tests: the packaged extension in a real VS Code (code-server 4.100.3 = VS Code
 * 1.100.3, web workbench, real Node extension host), driven with Chromium as a person would.
 *
 *   npm run test:e2e                          # everything, installing what is missing
 *   npm run test:e2e -- --update-docs-images  # also copy the five README screenshots to docs/images/
 *
 * Steps: install Debian packages and code-server when missing (test/e2e/setup.ts); `npm run
 * package`; install the .vsix into a fresh profile under .vscode-test/e2e/; start code-server on
 * 127.0.0.1 (free port, no auth) on a folder holding copies of the two NATO seed transcripts;
 * open each with Ctrl+P and check the Outline, the Problems panel, a quick fix from the
 * lightbulb menu (Ctrl+.), the semantic colours of speaker labels, and a hover when the server
 * offers one, per-speaker colours on the labels, and the statistics view (a webview) beside the
 * editor. Waits on what must appear, with timeouts, never on fixed sleeps. Screenshots and
 * logs go to test-artifacts/e2e/. The last line is `N passed, N failed`; the exit status is 1
 * when anything failed.
 *
 * Environment: TRANSCRIPT_CORPUS (default <repo>/../shared/corpus), CHROMIUM_PATH,
 * E2E_TIMEOUT_FACTOR (multiplies every timeout; default 1), E2E_HEADED=1 (show the browser),
 * E2E_THEME (colour theme; default "Default Dark Modern").
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CodeServer, installExtension, listExtensions, makeProfile } from './codeServer.ts';
import { serverCapabilities } from './serverCapabilities.ts';
import { speakerColors } from '../../client/src/speakerColors.ts';
import { CODE_SERVER_VERSION, codeServerEntry, ensureCodeServer, ensureDebianPackages, findChromium, installedVersion, run } from './setup.ts';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };
const corpus = path.resolve(process.env.TRANSCRIPT_CORPUS ?? path.join(root, '..', 'shared', 'corpus'));
const testDir = path.join(root, '.vscode-test');
const codeServerDir = path.join(testDir, 'code-server');
const runDir = path.join(testDir, 'e2e');
const artifacts = path.join(root, 'test-artifacts', 'e2e');
const docsImages = path.join(root, 'docs', 'images');
const updateDocs = process.argv.includes('--update-docs-images') || process.env.E2E_UPDATE_DOCS === '1';
const factor = Math.max(0.1, Number(process.env.E2E_TIMEOUT_FACTOR ?? '1') || 1);
const T = {
  install: 20 * 60_000 * factor,
  start: 90_000 * factor,
  workbench: 90_000 * factor,
  /** First request to the language server includes activation and server start. */
  server: 60_000 * factor,
  ui: 15_000 * factor,
  save: 15_000 * factor,
};

const SEEDS = {
  munich: { source: 'nato__seed-munich-doorstep.txt', file: 'nato-seed-munich-doorstep.transcript' },
  rome: { source: 'nato__seed-rome-doorstep.txt', file: 'nato-seed-rome-doorstep.transcript' },
} as const;

// The .vsix must hold exactly these (vsce renames README/CHANGELOG/LICENSE).
const VSIX_FILES = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/LICENSE.txt',
  'extension/changelog.md',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/images/icon.png',
  'extension/language-configuration.json',
  'extension/package.json',
  'extension/readme.md',
  'extension/syntaxes/transcript.tmLanguage.json',
];

// ---------------------------------------------------------------------------------------------
// Reporting

const t0 = Date.now();
const stamp = () => `[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s]`;
const log = (line: string) => console.log(`${stamp()} ${line}`);
const quiet: string[] = [];
/** Long command output goes to a file, with only failures echoed. */
const logQuiet = (line: string) => quiet.push(`${stamp()} ${line}`);

type Status = 'passed' | 'failed' | 'skipped';
const results: { name: string; status: Status; ms: number; note?: string }[] = [];
let page: Page | undefined;
let shotNo = 0;

async function screenshot(name: string): Promise<string | undefined> {
  if (!page) return undefined;
  const file = path.join(artifacts, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  try {
    await page.screenshot({ path: file });
    log(`  screenshot ${path.relative(root, file)}`);
    return file;
  } catch (e) {
    log(`  (screenshot ${name} failed: ${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
}

class Skip extends Error {}

/** Set by SIGINT/SIGTERM/SIGHUP: no further test starts. */
let interrupted: string | undefined;

/** Runs one test; a failure is recorded (with a screenshot) and the run goes on, unless `fatal`. */
async function test(name: string, fn: () => Promise<string | void>, opts: { fatal?: boolean } = {}): Promise<boolean> {
  if (interrupted) throw new FatalError(`interrupted by ${interrupted}`);
  const started = Date.now();
  log(`▶ ${name}`);
  try {
    const note = await fn();
    results.push({ name, status: 'passed', ms: Date.now() - started, ...(note ? { note } : {}) });
    log(`✔ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)${note ? ` — ${note}` : ''}`);
    return true;
  } catch (e) {
    if (e instanceof Skip) {
      results.push({ name, status: 'skipped', ms: Date.now() - started, note: e.message });
      log(`○ ${name} — skipped: ${e.message}`);
      return true;
    }
    const msg = e instanceof Error ? e.message : String(e);
    results.push({ name, status: 'failed', ms: Date.now() - started, note: msg });
    log(`✘ ${name}\n${msg.replace(/^/gm, '    ')}`);
    await screenshot(`FAILED-${name.replace(/[^\w]+/g, '-').slice(0, 60)}`);
    if (opts.fatal) throw new FatalError(name);
    return false;
  }
}

class FatalError extends Error {}

function assert(cond: unknown, message: string): asserts cond {
  if (!cond) throw new Error(message);
}

/** Polls `get` until `ok` holds; on timeout fails naming what did not appear and what was there. */
async function waitFor<V>(what: string, get: () => Promise<V>, ok: (v: V) => boolean, timeoutMs: number, show: (v: V) => string = (v) => JSON.stringify(v)): Promise<V> {
  const deadline = Date.now() + timeoutMs;
  let last: V | undefined;
  let error: unknown;
  for (;;) {
    try {
      last = await get();
      error = undefined;
      if (ok(last)) return last;
    } catch (e) {
      error = e;
    }
    if (Date.now() > deadline) {
      const seen = error ? `error: ${error instanceof Error ? error.message : String(error)}` : last === undefined ? 'nothing' : show(last);
      throw new Error(`${what} did not appear within ${(timeoutMs / 1000).toFixed(0)} s. Last seen: ${seen}`);
    }
    await new Promise((r) => setTimeout(r, 150)); // polling interval
  }
}

// ---------------------------------------------------------------------------------------------
// The workbench, as a person uses it

interface Row {
  index: number;
  level: number;
  ariaLabel: string;
  name: string;
  description: string;
  text: string;
}
interface Span {
  text: string;
  className: string;
  color: string;
  /** The colour of an underline drawn under the span, or null. */
  underline: string | null;
}
interface Marker {
  file: string;
  code: string;
  line: number;
  column: number;
  text: string;
}

declare const __e2e: {
  line(n: number): { text: string; spans: Span[] } | null;
  plainColor(): string | null;
  outlineRows(): Row[];
  problemRows(): Row[];
  actionRows(): { label: string; header: boolean; disabled: boolean }[];
};

const rgbToHex = (rgb: string) => {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(rgb);
  return m ? '#' + m.slice(1, 4).map((v) => Number(v).toString(16).padStart(2, '0')).join('') : rgb;
};

class Workbench {
  constructor(readonly page: Page) {}

  private quickInput() {
    return this.page.locator('.quick-input-widget .quick-input-box input');
  }

  /** Ctrl+P, the file name, Enter; retried because the first keystrokes can land before the quick input has focus. */
  async openFile(name: string): Promise<void> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await this.page.keyboard.press('Control+P');
        await this.quickInput().waitFor({ state: 'visible', timeout: T.ui });
        await this.quickInput().fill(name);
        await this.page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: T.ui });
        await this.page.keyboard.press('Enter');
        await this.page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ timeout: T.ui });
        await this.page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor({ timeout: T.ui });
        return;
      } catch (e) {
        lastError = e;
        await this.page.keyboard.press('Escape');
      }
    }
    throw new Error(`Could not open ${name} with Ctrl+P: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  }

  /** Ctrl+G line:column, then waits for the status bar to show the cursor there. */
  async goTo(line: number, column = 1): Promise<void> {
    const status = this.page.locator('[id="status.editor.selection"]');
    let lastError: unknown;
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await this.page.keyboard.press('Control+G');
        await this.quickInput().waitFor({ state: 'visible', timeout: T.ui });
        await this.quickInput().fill(`:${line}:${column}`);
        await this.page.keyboard.press('Enter');
        await waitFor(`the cursor at Ln ${line}, Col ${column} in the status bar`, () => status.innerText(), (t) => t.includes(`Ln ${line}, Col ${column}`), T.ui);
        return;
      } catch (e) {
        lastError = e;
        await this.page.keyboard.press('Escape');
      }
    }
    throw new Error(`Ctrl+G to ${line}:${column} failed: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
  }

  /** F1, a command's title, Enter. */
  async command(title: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInput().waitFor({ state: 'visible', timeout: T.ui });
    await this.quickInput().fill(`>${title}`);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: T.ui });
    await this.page.keyboard.press('Enter');
  }

  line(n: number) {
    return this.page.evaluate((k) => __e2e.line(k), n);
  }

  plainColor() {
    return this.page.evaluate(() => __e2e.plainColor());
  }

  /** A view pane of the side bar, by its title. */
  paneHeader(title: RegExp) {
    return this.page.locator('.pane-header', { hasText: title }).first();
  }

  async setPaneExpanded(title: RegExp, expanded: boolean): Promise<void> {
    const header = this.paneHeader(title);
    await header.waitFor({ timeout: T.ui });
    if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    await waitFor(`the ${title.source} pane ${expanded ? 'expanded' : 'collapsed'}`, () => header.getAttribute('aria-expanded'), (v) => v === String(expanded), T.ui);
  }

  /** Drags the side bar's edge so the outline's titles are not cut off. */
  async widenSideBar(width: number): Promise<void> {
    const sidebar = this.page.locator('[id="workbench.parts.sidebar"]');
    const box = await sidebar.boundingBox();
    if (!box || box.width >= width) return;
    const edge = box.x + box.width;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(edge, y);
    await this.page.mouse.down();
    await this.page.mouse.move(edge + (width - box.width) / 2, y, { steps: 4 });
    await this.page.mouse.move(box.x + width, y, { steps: 4 });
    await this.page.mouse.up();
    await this.restMouse();
    await waitFor('a wider side bar', async () => (await sidebar.boundingBox())?.width ?? 0, (w) => w > box.width + 50, T.ui, (w) => `${w}px`);
  }

  /** Parks the mouse on an empty part of the title bar, where it starts no hover. */
  async restMouse(): Promise<void> {
    await this.page.mouse.move(150, 12);
  }

  async toggleSideBar(visible: boolean): Promise<void> {
    const sidebar = this.page.locator('[id="workbench.parts.sidebar"]');
    if ((await sidebar.isVisible()) !== visible) await this.page.keyboard.press('Control+B');
    await waitFor(`the side bar ${visible ? 'shown' : 'hidden'}`, () => sidebar.isVisible(), (v) => v === visible, T.ui);
  }

  outlineRows(): Promise<Row[]> {
    return this.page.evaluate(() => __e2e.outlineRows());
  }

  async openProblems(): Promise<void> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: T.ui });
  }

  /** The Problems panel's markers, each with the file it is listed under. */
  async markers(): Promise<Marker[]> {
    const rows = await this.page.evaluate(() => __e2e.problemRows());
    const out: Marker[] = [];
    let file = '';
    for (const r of rows) {
      if (r.level === 1) {
        file = /in file (.+?) of folder/.exec(r.ariaLabel)?.[1] ?? r.name;
        continue;
      }
      // The row ends with "source(CODE) [Ln l, Col c]"; its text runs them together: "…transcriptTR002[Ln 1, Col 1]".
      const m = /(TR\d{3})\)?\s*\[Ln (\d+), Col (\d+)\]\s*$/.exec(r.text);
      out.push({ file, code: m?.[1] ?? '', line: m ? Number(m[2]) : 0, column: m ? Number(m[3]) : 0, text: r.text });
    }
    return out;
  }

  /** Opens the lightbulb menu with Ctrl+. until it lists an action matching `title` (code actions can lag behind diagnostics). */
  async openQuickFixMenu(title: RegExp): Promise<string> {
    const widget = this.page.locator('.action-widget');
    let seen: string[] = [];
    const deadline = Date.now() + T.server;
    while (Date.now() < deadline) {
      await this.page.keyboard.press('Control+.');
      try {
        await waitFor('the lightbulb menu', () => widget.isVisible(), (v) => v, 5000 * factor);
        const rows = await waitFor('its actions', () => this.page.evaluate(() => __e2e.actionRows()), (r) => r.some((x) => !x.header), 5000 * factor);
        seen = rows.filter((r) => !r.header).map((r) => r.label);
        const hit = seen.find((l) => title.test(l));
        if (hit) return hit;
      } catch {
        // not there yet (or "No code actions available"): close and ask again
      }
      await this.page.keyboard.press('Escape');
    }
    throw new Error(`The lightbulb menu (Ctrl+.) never offered ${title}. It offered: ${seen.length ? seen.join(' | ') : 'nothing'}`);
  }

  async chooseAction(label: string): Promise<void> {
    const row = this.page.locator('.action-widget .monaco-list-row.action', { hasText: label }).first();
    // The menu lays a pointer block over the workbench that the first mouse move removes: move onto the row, then click.
    const box = await row.boundingBox();
    if (box) await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
    await row.click();
    await waitFor('the lightbulb menu to close', () => this.page.locator('.action-widget').isVisible(), (v) => !v, T.ui);
  }

  /** "Developer: Inspect Editor Tokens and Scopes" at the cursor: the widget's text. */
  async inspectTokens(): Promise<string> {
    await this.command('Developer: Inspect Editor Tokens and Scopes');
    const widget = this.page.locator('.token-inspect-widget');
    await widget.waitFor({ state: 'visible', timeout: T.ui });
    return widget.innerText();
  }

  async save(): Promise<void> {
    await this.page.keyboard.press('Control+S');
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers outside the browser

/** Entries of a zip archive (central directory), without dependencies. */
function zipEntries(file: string): string[] {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  assert(eocd >= 0, `${file} is not a zip archive`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert(buf.readUInt32LE(p) === 0x02014b50, `${file}: bad central directory`);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return names.sort();
}

const readText = (file: string) => readFileSync(file, 'utf8');

interface StatisticsFrame {
  text: string;
  csp: string;
  scripts: number;
  bars: { speaker: string; fraction: number; color: string }[];
}

/** The statistics webview's document, read from whichever (nested) frame holds it, or null. */
async function statisticsFrame(p: Page): Promise<StatisticsFrame | null> {
  for (const frame of p.frames()) {
    const v = await frame
      .evaluate(() => {
        // Runs in the webview: plain DOM, typed loosely (the project's type-check has no DOM library).
        const d = (globalThis as unknown as { document?: any }).document;
        // textContent, not innerText: the headings are drawn upper-case.
        if (!d?.body || !String(d.body.textContent ?? '').includes('Share of talk')) return null;
        const view = (globalThis as unknown as { getComputedStyle: (e: unknown) => { width: string; backgroundColor: string } }).getComputedStyle;
        const bars = [...d.querySelectorAll('li.speaker')].map((li: any) => {
          const track = li.querySelector('.track');
          const fill = track?.querySelector('span');
          const tw = track ? parseFloat(view(track).width) : 0;
          return { speaker: String(li.getAttribute('data-speaker')), fraction: tw > 0 && fill ? parseFloat(view(fill).width) / tw : -1, color: fill ? view(fill).backgroundColor : '' };
        });
        return {
          text: String(d.body.textContent).replace(/\s+/g, ' '),
          csp: String(d.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? ''),
          scripts: d.querySelectorAll('script').length as number,
          bars,
        };
      })
      .catch(() => null);
    if (v) return v;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  rmSync(runDir, { recursive: true, force: true });
  mkdirSync(runDir, { recursive: true });
  log(`In-editor tests for ${pkg.publisher}.${pkg.name}@${pkg.version}: code-server ${CODE_SERVER_VERSION}, playwright-core ${installedVersion(root, 'playwright-core')}, Node ${process.version}`);

  let entry = '';
  let vsix = '';
  let server: CodeServer | undefined;
  let browser: Browser | undefined;
  const servers: CodeServer[] = [];
  const cleanup = async () => {
    if (browser) await browser.close().catch(() => undefined);
    browser = undefined;
    await Promise.all(servers.map((s) => s.stop()));
  };
  process.on('exit', () => servers.forEach((s) => s.killNow()));
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (interrupted) return;
      interrupted = sig;
      log(`${sig}: stopping code-server and Chromium`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  const workspace = path.join(runDir, 'nato-seeds');
  const files = {
    munich: path.join(workspace, SEEDS.munich.file),
    rome: path.join(workspace, SEEDS.rome.file),
  };

  try {
    await test(
      'setup: Debian packages, Chromium and code-server are installed',
      async () => {
        for (const s of Object.values(SEEDS)) assert(existsSync(path.join(corpus, s.source)), `Seed transcript ${path.join(corpus, s.source)} is missing (set TRANSCRIPT_CORPUS to the corpus folder).`);
        await ensureDebianPackages(!codeServerEntry(codeServerDir), log);
        entry = await ensureCodeServer(codeServerDir, log);
        return `chromium ${findChromium()}`;
      },
      { fatal: true },
    );

    await test(
      'package: npm run package makes a .vsix with only what users need',
      async () => {
        vsix = path.join(runDir, `${pkg.name}-${pkg.version}.vsix`);
        const out: string[] = [];
        await run('npm', ['run', 'package', '--', '--out', vsix], { cwd: root, log: (l) => out.push(l), what: 'npm run package' }).catch((e: Error) => {
          throw new Error(`${e.message}\n${out.join('\n')}`);
        });
        const entries = zipEntries(vsix);
        const missing = VSIX_FILES.filter((f) => !entries.includes(f));
        const extra = entries.filter((f) => !VSIX_FILES.includes(f));
        assert(missing.length === 0 && extra.length === 0, `The .vsix holds the wrong files. Missing: ${missing.join(', ') || 'none'}; unexpected: ${extra.join(', ') || 'none'}`);
        const kb = statSync(vsix).size / 1024;
        assert(kb < 1024, `The .vsix is ${kb.toFixed(0)} KB; expected under 1 MB`);
        writeFileSync(path.join(artifacts, 'vsix-files.txt'), entries.join('\n') + '\n');
        return `${entries.length} files, ${kb.toFixed(0)} KB`;
      },
      { fatal: true },
    );

    const profile = makeProfile(path.join(runDir, 'profile'), {
      'workbench.startupEditor': 'none',
      'workbench.colorTheme': process.env.E2E_THEME ?? 'Default Dark Modern',
      'workbench.tips.enabled': false,
      'workbench.enableExperiments': false,
      'telemetry.telemetryLevel': 'off',
      'update.mode': 'none',
      'extensions.autoCheckUpdates': false,
      'extensions.autoUpdate': false,
      'extensions.ignoreRecommendations': true,
      'git.enabled': false,
      'chat.commandCenter.enabled': false,
      'editor.minimap.enabled': false,
      'editor.wordWrap': 'on',
      'editor.fontSize': 14,
      'editor.cursorBlinking': 'solid',
      'editor.stickyScroll.enabled': false,
      // Speaker occurrence highlights (grey boxes) would cover the label colours in the screenshots.
      'editor.occurrencesHighlight': 'off',
      'files.autoSave': 'off',
      'files.trimTrailingWhitespace': false,
      'files.insertFinalNewline': false,
      'breadcrumbs.enabled': true,
    });

    await test(
      'install: code-server installs the .vsix',
      async () => {
        await installExtension(entry, profile, vsix, logQuiet);
        const installed = await listExtensions(entry, profile);
        const id = `${pkg.publisher}.${pkg.name}@${pkg.version}`;
        assert(installed.includes(id), `${id} is not among the installed extensions: ${installed.join(', ') || 'none'}`);
        return id;
      },
      { fatal: true },
    );

    mkdirSync(workspace, { recursive: true });
    for (const [k, s] of Object.entries(SEEDS)) copyFileSync(path.join(corpus, s.source), files[k as keyof typeof files]);

    await test(
      'start: code-server serves the workbench with the seed folder open',
      async () => {
        server = await CodeServer.start(entry, profile, workspace, path.join(artifacts, 'code-server.log'), T.start);
        servers.push(server);
        const executablePath = findChromium();
        assert(executablePath, 'No Chromium found');
        browser = await chromium.launch({
          executablePath,
          headless: process.env.E2E_HEADED !== '1',
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        });
        page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.addInitScript({ path: path.join(__dirname, 'workbench-dom.js') });
        await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: T.workbench });
        await page.locator('.monaco-workbench').waitFor({ timeout: T.workbench });
        const explorer = page.locator('.explorer-folders-view .monaco-list-row');
        await waitFor('both seed transcripts in the Explorer', () => explorer.allInnerTexts(), (t) => Object.values(SEEDS).every((s) => t.some((x) => x.includes(s.file))), T.workbench);
        return server.url;
      },
      { fatal: true },
    );

    const wb = new Workbench(page!);

    // -- Munich ---------------------------------------------------------------------------------
    const munichText = readText(files.munich);
    const munichLines = munichText.split('\n').map((l) => l.replace(/\r$/, ''));
    const firstQuestion = munichLines.indexOf('Question') + 1;
    const firstAnswer = munichLines.indexOf('NATO Secretary General Mark Rutte', firstQuestion) + 1;
    /** The 1-based line of the n-th (1-based) `Question` label. */
    const QUESTION_LINE = (n: number) => munichLines.reduce((acc, l, i) => (l === 'Question' ? [...acc, i + 1] : acc), [] as number[])[n - 1] ?? firstQuestion;

    await test('munich: Outline shows Preamble, the opening statement and Q1 … Q7', async () => {
      await wb.openFile(SEEDS.munich.file);
      // Make room as a person would: fold the file list, open the Outline, widen the side bar.
      await wb.setPaneExpanded(/^nato-seeds$/i, false);
      await wb.setPaneExpanded(/^outline$/i, true);
      await wb.widenSideBar(560);
      await wb.goTo(firstQuestion); // the cursor in Q1: the Outline highlights it
      const rows = await waitFor(
        'Outline entries Preamble, Opening statement · Mark Rutte, Q1 · … to Q7 · …',
        () => wb.outlineRows(),
        (r) => {
          const top = r.filter((x) => x.level === 1).map((x) => x.name);
          return top.length === 9 && top[0] === 'Preamble' && top[1] === 'Opening statement · Mark Rutte' && top.slice(2).every((n, i) => n.startsWith(`Q${i + 1} · `));
        },
        T.server,
        (r) => JSON.stringify(r.map((x) => `${'  '.repeat(Math.max(0, x.level - 1))}${x.name}`)),
      );
      const top = rows.filter((x) => x.level === 1);
      // The breadcrumbs follow the cursor into Q1 (the same symbols).
      const crumbs = page!.locator('.breadcrumbs-control').first();
      await waitFor('the breadcrumbs showing Q1 · … at the cursor', () => crumbs.innerText(), (t) => t.includes('Q1 · '), T.ui, (t) => JSON.stringify(t));
      // Each exchange holds the question's turn and the answer's.
      const q1 = rows.findIndex((x) => x.name.startsWith('Q1 · '));
      assert(rows[q1 + 1]?.level === 2 && rows[q1 + 1]?.name === 'Question' && rows[q1 + 2]?.name === 'Mark Rutte', `Q1 should hold the turns Question and Mark Rutte; saw ${JSON.stringify(rows.slice(q1, q1 + 3).map((x) => x.name))}`);
      await screenshot('munich-outline');
      return top.map((x) => x.name).join(' | ');
    });

    await test('munich: speaker labels carry their semantic token colours', async () => {
      await wb.openFile(SEEDS.munich.file);
      const plain = await wb.plainColor();
      assert(plain, 'Could not read the editor text colour');
      const checks: string[] = [];
      let semanticOnly = 0; // labels whose colour the TextMate grammar alone would not give
      for (const [line, label, modifier] of [
        [firstQuestion, 'Question', 'questioner'],
        [firstAnswer, 'NATO Secretary General Mark Rutte', 'answerer'],
      ] as const) {
        await wb.goTo(line);
        // The semantic layer arrives after the TextMate one: ask the token inspector until it reports it.
        let info = '';
        await waitFor(
          `semantic token type "speaker" on line ${line} ("${label}") in Developer: Inspect Editor Tokens and Scopes`,
          async () => {
            info = await wb.inspectTokens();
            if (!/semantic token type\s+speaker/.test(info)) await page!.keyboard.press('Escape');
            return info;
          },
          (t) => /semantic token type\s+speaker/.test(t),
          T.server,
          (t) => t.replace(/\s+/g, ' ').slice(0, 400),
        );
        if (line === firstQuestion) await screenshot('munich-inspect-speaker-token');
        await page!.keyboard.press('Escape');
        const mods = /modifiers\s+([^\n]+)/.exec(info.slice(info.indexOf('semantic token type')))?.[1] ?? '';
        assert(mods.includes(modifier), `Line ${line} ("${label}"): expected modifier ${modifier}, the inspector shows "${mods}"`);
        const semanticPart = info.slice(info.indexOf('semantic token type'), info.indexOf('textmate scopes') >= 0 ? info.indexOf('textmate scopes') : undefined);
        const semantic = /"foreground":\s*"(#[0-9a-fA-F]{6})/.exec(semanticPart)?.[1]?.toLowerCase();
        assert(semantic, `Line ${line}: the inspector shows no foreground colour for the semantic token:\n${info}`);
        const textmatePart = info.indexOf('textmate scopes') >= 0 ? info.slice(info.indexOf('textmate scopes')) : '';
        const textmate = /"foreground":\s*"(#[0-9a-fA-F]{6})/.exec(textmatePart)?.[1]?.toLowerCase();
        if (textmate !== semantic) semanticOnly++;
        const l = await waitFor(
          `line ${line} ("${label}") drawn in the semantic colour ${semantic}`,
          () => wb.line(line),
          (v) => !!v && v.text.trim() === label && v.spans.every((s) => !s.text.trim() || rgbToHex(s.color) === semantic),
          T.ui,
          (v) => JSON.stringify(v),
        );
        assert(rgbToHex(l!.spans[0]!.color) !== rgbToHex(plain), `Line ${line}: the label has the plain text colour ${plain}`);
        // Speech next to it stays plain.
        const speech = await wb.line(line + 2);
        assert(speech && speech.spans.length && rgbToHex(speech.spans[0]!.color) === rgbToHex(plain), `Line ${line + 2} (speech) should be plain ${rgbToHex(plain)}: ${JSON.stringify(speech)}`);
        checks.push(`"${label}" ${modifier} ${semantic} (inspector's TextMate foreground: ${textmate ?? 'none'})`);
      }
      assert(semanticOnly > 0, `Every checked label has the same colour from the TextMate grammar alone, so these checks do not show the semantic layer: ${checks.join('; ')}`);
      // The screenshot: a wide editor on the later exchanges (labels, and an [inaudible] note).
      await wb.toggleSideBar(false);
      try {
        const inaudible = munichLines.findIndex((l) => l.includes('[inaudible]')) + 1;
        const itsQuestion = munichLines.lastIndexOf('Question', inaudible - 1) + 1;
        await wb.goTo(Math.min(munichLines.length, inaudible + 12));
        await wb.goTo(itsQuestion); // on a label, so the breadcrumbs show its exchange and turn
        await waitFor('the breadcrumbs at the cursor', () => page!.locator('.breadcrumbs-control').first().innerText(), (t) => /Q\d · [^]*Question/.test(t), T.ui, (t) => JSON.stringify(t));
        await wb.restMouse();
        await screenshot('munich-highlighting');
      } finally {
        await wb.toggleSideBar(true);
      }
      return `${checks.join(', ')}; speech ${rgbToHex(plain)}`;
    });

    // Speaker ids of the Munich seed, as the server names them (stable slugs of the canonical names).
    const munichColors = speakerColors(['mark-rutte', 'questioner']);

    await test('munich: each speaker\'s labels are underlined in the speaker\'s own colour', async () => {
      await wb.openFile(SEEDS.munich.file);
      const checks: string[] = [];
      for (const [line, label, id] of [
        [firstQuestion, 'Question', 'questioner'],
        [firstAnswer, 'NATO Secretary General Mark Rutte', 'mark-rutte'],
      ] as const) {
        await wb.goTo(line);
        const want = munichColors.get(id)!;
        const l = await waitFor(
          `line ${line} ("${label}") underlined in ${id}'s colour ${want}`,
          () => wb.line(line),
          (v) => !!v && v.text.trim() === label && v.spans.filter((x) => x.text.trim()).every((x) => x.underline !== null && rgbToHex(x.underline) === want),
          T.server,
          (v) => JSON.stringify(v?.spans.map((x) => [x.text, x.underline])),
        );
        // Speech is not decorated.
        const speech = await wb.line(line + 2);
        assert(speech && speech.spans.every((x) => x.underline === null), `Line ${line + 2} (speech) should carry no speaker colour: ${JSON.stringify(speech)}`);
        checks.push(`"${l!.text.trim()}" ${want}`);
      }
      assert(munichColors.get('mark-rutte') !== munichColors.get('questioner'), 'The two speakers share a colour');
      // The screenshot: a wide editor over a few exchanges.
      await wb.toggleSideBar(false);
      try {
        await wb.goTo(Math.min(munichLines.length, QUESTION_LINE(3) + 14));
        await wb.goTo(QUESTION_LINE(2));
        await wb.restMouse();
        await screenshot('munich-speaker-colours');
      } finally {
        await wb.toggleSideBar(true);
      }
      return checks.join(', ');
    });

    await test('munich: Transcript: Show Speaker Statistics opens a chart beside the editor', async () => {
      await wb.openFile(SEEDS.munich.file);
      await wb.toggleSideBar(false);
      try {
        await wb.command('Transcript: Show Speaker Statistics');
        await page!.locator('.tabs-container .tab', { hasText: `Statistics: ${SEEDS.munich.file}` }).first().waitFor({ timeout: T.ui });
        // The webview's document sits in nested iframes: read every frame until one shows the view.
        const view = await waitFor(
          'the statistics webview showing Mark Rutte 88.5% and Question 11.5%',
          () => statisticsFrame(page!),
          (v) => !!v && /Mark Rutte[^]*88\.5%/.test(v.text) && /Question[^]*11\.5%/.test(v.text),
          T.server,
          (v) => (v ? JSON.stringify(v.text.slice(0, 400)) : 'no webview frame with "Share of talk"'),
        );
        assert(view, 'no statistics webview');
        assert(/^default-src 'none';/.test(view.csp) && !/unsafe-inline|script-src (?!'none')/.test(view.csp), `The webview's Content-Security-Policy is not strict: ${JSON.stringify(view.csp)}`);
        assert(view.scripts === 0, `The statistics view runs ${view.scripts} script(s)`);
        // The nonce'd styles applied under that policy: the bars are as wide as the shares, in the speakers' colours.
        const rutte = view.bars.find((b) => b.speaker === 'mark-rutte');
        const question = view.bars.find((b) => b.speaker === 'questioner');
        assert(rutte && question, `Bars for both speakers expected, saw ${JSON.stringify(view.bars)}`);
        assert(Math.abs(rutte.fraction - 0.885) < 0.02 && Math.abs(question.fraction - 0.115) < 0.02, `Bar widths should be 88.5% and 11.5% of their tracks: ${JSON.stringify(view.bars)}`);
        assert(rgbToHex(rutte.color) === munichColors.get('mark-rutte') && rgbToHex(question.color) === munichColors.get('questioner'), `Bars should be in the speakers' editor colours ${JSON.stringify([...munichColors])}: ${JSON.stringify(view.bars)}`);
        await wb.restMouse();
        await screenshot('munich-statistics');
        // Refreshed as the document changes: three words typed into the first question show up, and go again on File: Revert File.
        const q = /Question[^]*?([\d,]+) words · [\d,]+ turns · asked/;
        const before = Number(q.exec(view.text)?.[1]?.replace(/,/g, ''));
        assert(before > 0, `No word count for Question in ${JSON.stringify(view.text.slice(0, 300))}`);
        await wb.goTo(firstQuestion + 2);
        await page!.keyboard.type('Three more words ');
        await waitFor(`Question's count in the view to become ${before + 3} words`, () => statisticsFrame(page!), (v) => Number(q.exec(v?.text ?? '')?.[1]?.replace(/,/g, '')) === before + 3, T.server, (v) => JSON.stringify(q.exec(v?.text ?? '')?.[0]));
        await wb.command('File: Revert File');
        await waitFor(`the first question's speech back to its original text`, () => wb.line(firstQuestion + 2), (l) => !!l && l.text === munichLines[firstQuestion + 1], T.ui, (l) => JSON.stringify(l?.text));
        await waitFor(`Question's count in the view back to ${before} words`, () => statisticsFrame(page!), (v) => Number(q.exec(v?.text ?? '')?.[1]?.replace(/,/g, '')) === before, T.server, (v) => JSON.stringify(q.exec(v?.text ?? '')?.[0]));
        return `Mark Rutte ${(rutte.fraction * 100).toFixed(1)}% ${rgbToHex(rutte.color)}, Question ${(question.fraction * 100).toFixed(1)}% ${rgbToHex(question.color)}; CSP "${view.csp}"`;
      } finally {
        // Close the view again, passed or failed: the later tests (and their screenshots) use one editor group.
        const tab = page!.locator('.tabs-container .tab', { hasText: 'Statistics:' });
        if (await tab.count()) {
          await wb.command('View: Close Editors in Other Groups').catch(() => undefined);
          await tab.first().waitFor({ state: 'detached', timeout: T.ui }).catch(() => undefined);
        }
        await wb.toggleSideBar(true);
      }
    });

    await test('munich: Problems shows the boilerplate diagnostic TR002', async () => {
      await wb.openFile(SEEDS.munich.file);
      await wb.openProblems();
      const ms = await waitFor(
        `TR002 for ${SEEDS.munich.file} in the Problems panel`,
        () => wb.markers(),
        (m) => m.some((x) => x.file === SEEDS.munich.file && x.code === 'TR002'),
        T.server,
        (m) => JSON.stringify(m.map((x) => `${x.file} ${x.code} ${x.line}:${x.column}`)),
      );
      const mine = ms.filter((x) => x.file === SEEDS.munich.file);
      const tr002 = mine.filter((x) => x.code === 'TR002');
      assert(tr002.length === 1 && tr002[0]!.line === 1 && tr002[0]!.column === 1, `Expected one TR002 at [Ln 1, Col 1] for Munich, saw ${JSON.stringify(mine)}`);
      await screenshot('munich-problems');
      return mine.map((x) => `${x.code} [Ln ${x.line}, Col ${x.column}]`).join(', ');
    });

    await test('munich: the lightbulb quick fix (Ctrl+.) deletes the boilerplate', async () => {
      await wb.openFile(SEEDS.munich.file);
      await wb.openProblems();
      await wb.goTo(1);
      await page!.locator('.lightBulbWidget').first().waitFor({ state: 'visible', timeout: T.server }).catch(() => {
        throw new Error('No lightbulb appeared in the gutter at 1:1, on the TR002 range');
      });
      const action = await wb.openQuickFixMenu(/^Delete \d+ lines of web-page furniture$/);
      await screenshot('munich-quick-fix-menu');
      await wb.chooseAction(action);
      // The fix deletes the furniture and the blank line after it: the file then starts with the
      // opening statement's label, and every byte from there on is unchanged.
      const firstLine = 'NATO Secretary General Mark Rutte';
      const expected = munichText.slice(munichText.indexOf(`\n${firstLine}\n`) + 1);
      await waitFor(`line 1 to read "${firstLine}" after the fix`, () => wb.line(1), (l) => !!l && l.text === firstLine, T.ui, (l) => JSON.stringify(l?.text));
      await waitFor(`TR002 for ${SEEDS.munich.file} to leave the Problems panel`, () => wb.markers(), (m) => !m.some((x) => x.file === SEEDS.munich.file), T.server, (m) => JSON.stringify(m.map((x) => `${x.file} ${x.code}`)));
      await wb.save();
      await waitFor(`${SEEDS.munich.file} saved with lines 1-${munichLines.indexOf(firstLine)} removed`, async () => readText(files.munich), (t) => t === expected, T.save, (t) => `${t.length} chars, starting ${JSON.stringify(t.slice(0, 60))}`);
      await screenshot('munich-after-fix');
      const removed = munichText.split('\n').length - expected.split('\n').length;
      return `"${action}": ${removed} lines removed, file now starts "${firstLine}"`;
    });

    await test('munich: Transcript: Filter Turns… shows only the questions, each with its line number', async () => {
      await wb.openFile(SEEDS.munich.file);
      // After the quick fix above, or not: the first question's line in the file as it is now.
      const questionLine = readText(files.munich).split('\n').map((l) => l.replace(/\r$/, '')).indexOf('Question') + 1;
      try {
        await wb.command('Transcript: Filter Turns…');
        // The speaker `Question` (not "Questions only"): the row whose label is exactly that.
        const row = page!.locator('.quick-input-list .monaco-list-row').filter({ has: page!.locator('.label-name', { hasText: /^Question$/ }) }).first();
        await row.waitFor({ timeout: T.server });
        await row.click();
        const header = await waitFor(
          'the filter view to show "Question: 7 turns" on its first line',
          () => wb.line(1),
          (l) => !!l && /^<!-- Question: 7 turns of /.test(l.text.replace(/\u00a0/g, ' ')),
          T.server,
          (l) => JSON.stringify(l?.text),
        );
        await page!.locator('.tabs-container .tab.active', { hasText: 'Question.transcript' }).waitFor({ timeout: T.ui });
        const third = await wb.line(3);
        assert(third && third.text.replace(/\u00a0/g, ' ') === `<!-- line ${questionLine} -->`, `Line 3 should give the first question's line ${questionLine}, saw ${JSON.stringify(third?.text)}`);
        await wb.restMouse();
        const shot = await screenshot('filter');
        if (shot) copyFileSync(shot, path.join(root, 'test-artifacts', 'filter.png'));
        return `${header!.text.replace(/\u00a0/g, ' ')}; line 3 ${JSON.stringify(third.text)}`;
      } finally {
        // Close the filter view and its group (a middle click on its tab), passed or failed.
        await page!.keyboard.press('Escape');
        const tab = page!.locator('.tabs-container .tab', { hasText: 'Question.transcript' });
        if (await tab.count()) {
          await tab.first().click({ button: 'middle' }).catch(() => undefined);
          await tab.first().waitFor({ state: 'detached', timeout: T.ui }).catch(() => undefined);
        }
      }
    });

    // -- Rome -----------------------------------------------------------------------------------
    const romeText = readText(files.rome);
    const romeLines = romeText.split('\n');
    const trailing = romeLines.findIndex((l) => /\S[ \u00a0\t]+$/.test(l) && l.startsWith('Mark Rutte')) + 1;

    await test('rome: Outline shows Preamble, the opening statement, Q1 and Q2', async () => {
      await wb.openFile(SEEDS.rome.file);
      const rows = await waitFor(
        'Outline entries Preamble, Opening statement · Mark Rutte, Q1 · …, Q2 · …',
        () => wb.outlineRows(),
        (r) => {
          const top = r.filter((x) => x.level === 1).map((x) => x.name);
          return top.length === 4 && top[0] === 'Preamble' && top[1] === 'Opening statement · Mark Rutte' && top[2]!.startsWith('Q1 · ') && top[3]!.startsWith('Q2 · ');
        },
        T.server,
        (r) => JSON.stringify(r.map((x) => `${'  '.repeat(Math.max(0, x.level - 1))}${x.name}`)),
      );
      await screenshot('rome-outline');
      return rows.filter((x) => x.level === 1).map((x) => x.name).join(' | ');
    });

    await test('rome: Problems shows TR002 and the three labels with a trailing space (TR005)', async () => {
      await wb.openFile(SEEDS.rome.file);
      await wb.openProblems();
      const ms = await waitFor(
        `TR002 and 3 × TR005 for ${SEEDS.rome.file} in the Problems panel`,
        () => wb.markers(),
        (m) => {
          const mine = m.filter((x) => x.file === SEEDS.rome.file);
          return mine.filter((x) => x.code === 'TR002').length === 1 && mine.filter((x) => x.code === 'TR005').length === 3;
        },
        T.server,
        (m) => JSON.stringify(m.map((x) => `${x.file} ${x.code} ${x.line}:${x.column}`)),
      );
      const tr005 = ms.filter((x) => x.file === SEEDS.rome.file && x.code === 'TR005');
      assert(tr005[0]!.line === trailing, `The first TR005 should be on line ${trailing}, it is on ${tr005[0]!.line}`);
      await screenshot('rome-problems');
      return ms.filter((x) => x.file === SEEDS.rome.file).map((x) => `${x.code} [Ln ${x.line}, Col ${x.column}]`).join(', ');
    });

    await test('rome: the lightbulb quick fix (Ctrl+.) trims the trailing space of a label (TR005)', async () => {
      assert(trailing > 0, 'The Rome seed has no label with trailing whitespace');
      await wb.openFile(SEEDS.rome.file);
      await wb.openProblems();
      const col = romeLines[trailing - 1]!.replace(/[ \u00a0\t]+$/, '').length + 1;
      await wb.goTo(trailing, col);
      // Without the side bar the Problems panel shows whole messages.
      await wb.toggleSideBar(false);
      let action: string;
      try {
        action = await wb.openQuickFixMenu(/^Remove trailing whitespace from the label$/);
        await screenshot('rome-quick-fix-menu');
        await wb.chooseAction(action);
      } finally {
        await wb.toggleSideBar(true);
      }
      await waitFor(
        `2 × TR005 left for ${SEEDS.rome.file} in the Problems panel`,
        () => wb.markers(),
        (m) => m.filter((x) => x.file === SEEDS.rome.file && x.code === 'TR005').length === 2,
        T.server,
        (m) => JSON.stringify(m.map((x) => `${x.file} ${x.code} ${x.line}:${x.column}`)),
      );
      await wb.save();
      const expected = romeLines.map((l, i) => (i === trailing - 1 ? l.replace(/[ \u00a0\t]+$/, '') : l)).join('\n');
      await waitFor(`${SEEDS.rome.file} saved with only line ${trailing} trimmed`, async () => readText(files.rome), (t) => t === expected, T.save, (t) => JSON.stringify(t.split('\n')[trailing - 1]));
      await screenshot('rome-after-fix');
      return `"${action}" on line ${trailing}; the other two TR005 remain`;
    });

    await test('hover over a speaker label', async () => {
      const caps = await serverCapabilities(path.join(root, 'dist', 'server.js'));
      if (!caps.hoverProvider) throw new Skip('the language server has no hover provider (hoverProvider not in its capabilities)');
      await wb.openFile(SEEDS.rome.file);
      const romeQuestion = romeLines.findIndex((l) => l.trim() === 'Question') + 1;
      await wb.goTo(romeQuestion);
      const label = page!.locator('.view-line span', { hasText: /^Question$/ }).first();
      await label.hover();
      const hover = page!.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
      const text = await waitFor('a hover over the "Question" label', () => hover.first().innerText(), (t) => t.trim().length > 0, T.server);
      await screenshot('rome-hover');
      await wb.restMouse();
      return text.replace(/\s+/g, ' ').slice(0, 120);
    });

    await test("API suite: test/electron's mocha suites in code-server's extension host", async () => {
      // code-server cannot take --extensionTestsPath, so a helper extension (test/e2e/api-host)
      // runs the suites; a session of its own, on fresh copies of the seeds, since they edit them.
      await server?.stop();
      await page?.close();
      page = undefined;
      await run(process.execPath, [path.join(root, 'test', 'electron', 'build.mjs')], { cwd: root, log: logQuiet, what: 'bundling test/electron' });
      const hostVsix = path.join(runDir, 'api-host.vsix');
      await run(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--allow-missing-repository', '--skip-license', '--out', hostVsix], {
        cwd: path.join(__dirname, 'api-host'),
        log: logQuiet,
        what: 'packaging test/e2e/api-host',
      });
      const apiProfile = makeProfile(path.join(runDir, 'api-profile'), { 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false, 'git.enabled': false });
      await installExtension(entry, apiProfile, vsix, logQuiet);
      await installExtension(entry, apiProfile, hostVsix, logQuiet);
      const apiWorkspace = path.join(runDir, 'api-workspace', 'nato-seeds');
      mkdirSync(apiWorkspace, { recursive: true });
      for (const s of Object.values(SEEDS)) copyFileSync(path.join(corpus, s.source), path.join(apiWorkspace, s.file));
      const resultFile = path.join(artifacts, 'api-suite.txt');
      const apiServer = await CodeServer.start(entry, apiProfile, apiWorkspace, path.join(artifacts, 'code-server-api.log'), T.start, {
        TRANSCRIPT_E2E_API_SUITE: path.join(root, 'out', 'electron', 'suite', 'index.js'),
        TRANSCRIPT_E2E_API_RESULT: resultFile,
        TRANSCRIPT_SERVER_JS: path.join(root, 'dist', 'server.js'),
      });
      servers.push(apiServer);
      // The extension host starts when a window connects.
      page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
      await page.goto(`${apiServer.url}/?folder=${encodeURIComponent(apiWorkspace)}`, { timeout: T.workbench });
      const report = await waitFor(
        `the API suite's result in ${path.relative(root, resultFile)}`,
        async () => (existsSync(resultFile) ? readText(resultFile) : ''),
        (t) => /^RESULT /m.test(t),
        T.server * 3,
        (t) => (t ? t.slice(-600) : 'no output (did the helper extension activate?)'),
      );
      for (const line of report.split('\n')) if (line.trim() && !line.startsWith('RESULT ')) log(`    ${line}`);
      const result = JSON.parse(/^RESULT (.*)$/m.exec(report)![1]!) as { passes: number; failures: number; pending: number; error?: string };
      await apiServer.stop();
      assert(!result.error, `The suites did not run: ${result.error}`);
      assert(result.failures === 0 && result.passes > 0, `${result.passes} passed, ${result.failures} failed in the API suite (report: ${path.relative(root, resultFile)})`);
      return `${result.passes} passed${result.pending ? `, ${result.pending} skipped` : ''}`;
    });
  } catch (e) {
    if (!(e instanceof FatalError)) {
      results.push({ name: 'harness', status: 'failed', ms: 0, note: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      log(`✘ harness error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
  } finally {
    await cleanup();
    writeFileSync(path.join(artifacts, 'install.log'), quiet.join('\n') + '\n');
    // The extension host's and the server's logs help when something failed.
    const logs = path.join(runDir, 'profile', 'user-data', 'logs');
    if (existsSync(logs)) cpSync(logs, path.join(artifacts, 'vscode-logs'), { recursive: true });
  }

  const planned = 16; // tests in this file
  const notRun = Math.max(0, planned - results.length);
  if (updateDocs) {
    const pick: [string, string][] = [
      ['munich-outline', 'outline.png'],
      ['rome-quick-fix-menu', 'problems-quick-fix.png'],
      ['munich-highlighting', 'highlighting.png'],
      ['munich-statistics', 'statistics.png'],
      ['munich-speaker-colours', 'speaker-colours.png'],
    ];
    mkdirSync(docsImages, { recursive: true });
    const shots = existsSync(artifacts) ? readdirSync(artifacts) : [];
    for (const [from, to] of pick) {
      const f = shots.find((s) => s.endsWith(`-${from}.png`));
      if (f) {
        copyFileSync(path.join(artifacts, f), path.join(docsImages, to));
        log(`docs: ${path.relative(root, path.join(docsImages, to))} ← ${f}`);
      } else log(`docs: no ${from} screenshot to copy`);
    }
  }

  const passed = results.filter((r) => r.status === 'passed').length;
  const failed = results.filter((r) => r.status === 'failed').length + notRun;
  const skipped = results.filter((r) => r.status === 'skipped');
  console.log('');
  for (const r of results) console.log(`${r.status === 'passed' ? '✔' : r.status === 'skipped' ? '○' : '✘'} ${r.name} (${(r.ms / 1000).toFixed(1)} s)${r.status !== 'passed' && r.note ? `: ${r.note.split('\n')[0]}` : ''}`);
  if (notRun) console.log(`✘ ${notRun} test(s) not run (a setup step failed or the run was interrupted)`);
  for (const s of skipped) console.log(`skipped: ${s.name} — ${s.note}`);
  console.log(`artifacts: ${path.relative(root, artifacts)}/ (screenshots, code-server.log, vscode-logs/); total ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((e) => {
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
