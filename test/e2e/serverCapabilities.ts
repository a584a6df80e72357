/**
 * Asks the bundled language server what it offers, as an editor does at start: spawns
 * `node dist/server.js --stdio`, sends `initialize`, returns the capabilities of the answer.
 * The in-editor suites use it to tell "no hover here yet" (skip) from "hover broken" (fail).
 */
import { spawn, type ChildProcess } from 'node:child_process';

/** Servers still running; killed if this process exits first (an interrupted run). */
const running = new Set<ChildProcess>();
process.on('exit', () => running.forEach((c) => c.kill('SIGKILL')));

export function serverCapabilities(serverJs: string, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    running.add(child);
    child.on('exit', () => running.delete(child));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the language server (${serverJs}) did not answer initialize within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    let buf = Buffer.alloc(0);
    child.stdout.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const header = buf.indexOf('\r\n\r\n');
        if (header < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.toString('ascii', 0, header))?.[1] ?? NaN);
        if (!Number.isFinite(len) || buf.length < header + 4 + len) return;
        const msg = JSON.parse(buf.toString('utf8', header + 4, header + 4 + len)) as { id?: number; result?: { capabilities: Record<string, unknown> } };
        buf = buf.subarray(header + 4 + len);
        if (msg.id === 1 && msg.result) {
          clearTimeout(timer);
          child.kill();
          resolve(msg.result.capabilities);
        }
      }
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}
