/**
 * Installs what the in-editor suite needs, once, on a fresh Debian machine: Debian packages
 * (Chromium; ripgrep and the headers code-server's native modules build against) and
 * code-server 4.100.3 in `<repo>/.vscode-test/code-server/` (git-ignored, outside the project's
 * own dependency tree). What is already there is reused: commands and packages are looked up
 * first, and a finished code-server install leaves a marker file.
 *
 * code-server's install needs these work-arounds here (see ../shared/notes/editor-tests.md):
 *  1. Debian packages for its native modules (libkrb5-dev libxkbfile-dev libsecret-1-dev
 *     libx11-dev pkg-config) and ripgrep;
 *  2. its `@vscode/ripgrep` postinstall downloads ripgrep from GitHub unless it finds a cached
 *     archive in `$TMPDIR/vscode-ripgrep-cache-1.15.11/`: Debian's `rg` is put there first;
 *  3. its postinstall refuses to run as root without `npm_config_unsafe_perm=true`;
 *  4. a nested `npx node-gyp` asks for confirmation: `npm_config_yes=true`;
 *  5. npm 11.19+ skips dependency install scripts unless allowed; code-server's postinstall (and
 *     the nested `npm install`s it runs in lib/vscode) must run, so this one install sets
 *     `npm_config_dangerously_allow_all_scripts=true` (ignored by older npm).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const CODE_SERVER_VERSION = '4.100.3';
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';

export type Log = (line: string) => void;

export function commandPath(name: string): string | undefined {
  try {
    const out = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return out || undefined;
  } catch {
    return undefined;
  }
}

function debPackageInstalled(name: string): boolean {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

/** Runs a command, streaming its output into the log; rejects with its exit status and output tail. */
export function run(cmd: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; log: Log; what: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const take = (chunk: Buffer) => {
      const s = chunk.toString();
      tail = (tail + s).slice(-4000);
      for (const line of s.split('\n')) if (line.trim()) opts.log(`    ${line}`);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (e) => reject(new Error(`${opts.what}: could not start ${cmd}: ${e.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${opts.what} failed (${cmd} ${args.join(' ')} exited with ${signal ?? code}). Last output:\n${tail}`));
    });
  });
}

/** Chromium to drive: $CHROMIUM_PATH, else the first browser on PATH. */
export function findChromium(): string | undefined {
  const env = process.env.CHROMIUM_PATH;
  if (env) return existsSync(env) ? env : undefined;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome']) {
    const p = commandPath(name);
    if (p) return p;
  }
  return undefined;
}

/** The code-server entry point when a complete install of the pinned version is present. */
export function codeServerEntry(dir: string): string | undefined {
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  return existsSync(entry) && existsSync(path.join(dir, `.installed-${CODE_SERVER_VERSION}`)) ? entry : undefined;
}

/**
 * Makes sure the Debian packages are there: Chromium always, the build dependencies only when
 * code-server still has to be installed. Runs `apt-get update` once and installs only what is
 * missing; needs root (or password-less sudo) only when something is missing.
 */
export async function ensureDebianPackages(needBuildDeps: boolean, log: Log): Promise<void> {
  const missing: string[] = [];
  if (!findChromium()) missing.push('chromium');
  if (needBuildDeps) {
    if (!commandPath('rg')) missing.push('ripgrep');
    if (!commandPath('pkg-config')) missing.push('pkg-config');
    for (const p of ['libkrb5-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'libx11-dev']) if (!debPackageInstalled(p)) missing.push(p);
    if (!commandPath('make') || !commandPath('g++')) missing.push('build-essential');
    if (!commandPath('python3')) missing.push('python3');
  }
  if (missing.length === 0) {
    log('  Debian packages: all present');
    return;
  }
  const aptGet = commandPath('apt-get');
  const installCmd = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (!aptGet) {
    throw new Error(`Missing: ${missing.join(', ')}, and there is no apt-get here. Install them (or set CHROMIUM_PATH to a Chromium/Chrome binary) and run again.`);
  }
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : commandPath('sudo') ? ['sudo', '-n'] : undefined;
  if (!sudo) throw new Error(`Missing Debian packages: ${missing.join(', ')}. Not root and no sudo: run \`apt-get update && ${installCmd}\` as root, then run again.`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const exec = (args: string[], what: string) => run(sudo.length ? sudo[0]! : args[0]!, sudo.length ? [...sudo.slice(1), ...args] : args.slice(1), { env, log, what });
  log(`  Debian packages missing: ${missing.join(' ')}; installing with apt-get`);
  await exec(['apt-get', 'update'], 'apt-get update');
  // --no-install-recommends keeps it small; Chromium still pulls its fonts and libraries.
  await exec(['apt-get', 'install', '-y', '--no-install-recommends', ...missing], installCmd);
  if (!findChromium()) throw new Error('apt-get installed chromium, but no chromium command is on PATH.');
}

/** npm's own variables from the `npm run` that started us would steer a nested npm (prefix, package, lifecycle): drop them. */
function cleanNpmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package_|lifecycle_|command$|execpath$|node_execpath$|config_(local_prefix|prefix|global_prefix|call|user_agent|npm_version|allow_scripts|ignore_scripts)$)/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

/** Installs code-server into `dir` unless a finished install of the pinned version is there. Returns its entry point. */
export async function ensureCodeServer(dir: string, log: Log): Promise<string> {
  const ready = codeServerEntry(dir);
  if (ready) {
    log(`  code-server ${CODE_SERVER_VERSION}: already installed in ${dir}`);
    return ready;
  }
  log(`  code-server ${CODE_SERVER_VERSION}: installing into ${dir} (a few minutes on a cold npm cache)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'transcript-e2e-code-server', private: true, description: 'code-server for test/e2e (generated)', dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2) + '\n',
  );

  // Work-around 2: Debian's rg in the cache @vscode/ripgrep looks in before it downloads.
  const rg = commandPath('rg');
  if (!rg) throw new Error('ripgrep (rg) is not on PATH; code-server\'s @vscode/ripgrep would try to download it from GitHub.');
  const arch = os.arch() === 'arm64' ? 'aarch64' : os.arch() === 'x64' ? 'x86_64' : undefined;
  if (!arch) throw new Error(`No ripgrep cache work-around for architecture ${os.arch()}.`);
  const tmp = path.join(dir, 'tmp');
  const cache = path.join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  mkdirSync(cache, { recursive: true });
  await run('tar', ['czf', path.join(cache, `ripgrep-${RIPGREP_ASSET_VERSION}-${arch}-unknown-linux-musl.tar.gz`), '-C', path.dirname(rg), path.basename(rg)], {
    log,
    what: 'packing Debian ripgrep for the @vscode/ripgrep cache',
  });

  const env: NodeJS.ProcessEnv = {
    ...cleanNpmEnv(),
    TMPDIR: tmp, // the ripgrep cache above lives under os.tmpdir()
    npm_config_unsafe_perm: 'true', // work-around 3
    npm_config_yes: 'true', // work-around 4
    npm_config_dangerously_allow_all_scripts: 'true', // work-around 5
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const started = Date.now();
  await run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=warn'], { cwd: dir, env, log, what: `npm install code-server@${CODE_SERVER_VERSION}` });
  const entry = path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) throw new Error(`code-server install finished but ${entry} is missing.`);
  // The postinstall builds lib/vscode's node_modules; without it the server cannot start.
  const vscodeModules = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'node_modules');
  if (!existsSync(vscodeModules)) {
    throw new Error(`code-server's postinstall did not run (no ${vscodeModules}). Install scripts were skipped — check npm's allow-scripts settings.`);
  }
  writeFileSync(path.join(dir, `.installed-${CODE_SERVER_VERSION}`), `${new Date().toISOString()}\n`);
  rmSync(tmp, { recursive: true, force: true });
  log(`  code-server installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return entry;
}

/** The version of a package installed in the project (for the log). */
export function installedVersion(root: string, pkg: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}
