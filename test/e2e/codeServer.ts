/**
 * code-server as a child process: installs a .vsix into a fresh user-data/extensions dir, starts
 * the server on 127.0.0.1 on a free port (no auth, no telemetry, no update check) and stops it —
 * its whole process group, so the extension host and the language server go too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';
import { run, type Log } from './setup.ts';

export interface Profile {
  base: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's own config file (else it writes ~/.config/code-server/config.yaml). */
  configFile: string;
}

/** A fresh profile under `base`: user settings that keep the workbench quiet and predictable. */
export function makeProfile(base: string, settings: Record<string, unknown>): Profile {
  const userDataDir = path.join(base, 'user-data');
  const extensionsDir = path.join(base, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  const configFile = path.join(base, 'config.yaml');
  writeFileSync(configFile, 'auth: none\ncert: false\n');
  return { base, userDataDir, extensionsDir, configFile };
}

const profileArgs = (p: Profile) => ['--config', p.configFile, '--user-data-dir', p.userDataDir, '--extensions-dir', p.extensionsDir];

/** Keeps code-server's and VS Code's files (config, data, logs) inside the profile. */
const profileEnv = (p: Profile): NodeJS.ProcessEnv => ({
  ...process.env,
  XDG_CONFIG_HOME: path.join(p.base, 'xdg-config'),
  XDG_DATA_HOME: path.join(p.base, 'xdg-data'),
  PASSWORD: undefined,
  HASHED_PASSWORD: undefined,
});

export async function installExtension(entry: string, profile: Profile, vsix: string, log: Log): Promise<void> {
  await run(process.execPath, [entry, ...profileArgs(profile), '--install-extension', vsix, '--force'], { env: profileEnv(profile), log, what: `code-server --install-extension ${path.basename(vsix)}` });
}

/** `publisher.name@version` lines of the installed extensions. */
export async function listExtensions(entry: string, profile: Profile): Promise<string[]> {
  const lines: string[] = [];
  await run(process.execPath, [entry, ...profileArgs(profile), '--list-extensions', '--show-versions'], { env: profileEnv(profile), log: (l) => lines.push(l.trim()), what: 'code-server --list-extensions' });
  return lines.filter((l) => /^[\w-]+\.[\w-]+@/.test(l));
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => {
      req.destroy();
      resolve(0);
    });
  });
}

export class CodeServer {
  private child: ChildProcess | undefined;
  private exited: string | undefined;
  readonly url: string;

  private constructor(
    readonly port: number,
    readonly logFile: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  /** Starts code-server and waits until it answers HTTP (or fails with its log). */
  static async start(entry: string, profile: Profile, workspace: string, logFile: string, timeoutMs: number, env: NodeJS.ProcessEnv = {}): Promise<CodeServer> {
    const port = await freePort();
    const cs = new CodeServer(port, logFile);
    const out = createWriteStream(logFile);
    const args = [
      entry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      ...profileArgs(profile),
      workspace,
    ];
    // detached: its own process group, so stop() can end the extension host and server too.
    const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...profileEnv(profile), ...env } });
    cs.child = child;
    child.stdout?.pipe(out, { end: false });
    child.stderr?.pipe(out, { end: false });
    child.on('exit', (code, signal) => {
      cs.exited = `exited with ${signal ?? code}`;
      out.end();
    });
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (cs.exited) throw new Error(`code-server ${cs.exited} before it answered; log ${logFile}:\n${cs.logTail()}`);
      const status = await httpStatus(`${cs.url}/healthz`);
      if (status === 200) return cs;
      if (Date.now() > deadline) {
        await cs.stop();
        throw new Error(`code-server did not answer on ${cs.url} within ${timeoutMs / 1000} s; log ${logFile}:\n${cs.logTail()}`);
      }
      await new Promise((r) => setTimeout(r, 250)); // polling interval, not a wait for the UI
    }
  }

  logTail(chars = 3000): string {
    try {
      return readFileSync(this.logFile, 'utf8').slice(-chars);
    } catch {
      return '(no log)';
    }
  }

  /** Ends the process group (SIGTERM, then SIGKILL if it lingers); resolves when code-server has exited. Safe to call twice. */
  stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child?.pid || this.exited) return Promise.resolve();
    const group = -child.pid;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(group, signal);
      } catch {
        /* already gone */
      }
    };
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        kill('SIGKILL');
        resolve();
      }, 5000);
      child.once('exit', () => {
        clearTimeout(t);
        kill('SIGKILL'); // children that outlived their parent (extension host, language server)
        resolve();
      });
      kill('SIGTERM');
    });
  }

  /** Synchronous last resort for process.on('exit'). */
  killNow(): void {
    const pid = this.child?.pid;
    this.child = undefined;
    if (!pid) return;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}
