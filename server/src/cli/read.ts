/** Reading input files for `transcript-lint`: I/O errors, binary detection and UTF-8 decoding. */
import * as fs from 'node:fs';

/** How many leading bytes are inspected to decide whether a file is text. */
export const SNIFF_BYTES = 8192;
/** A sample with more than this share of control bytes (besides tab, line breaks, form feed) is not text. */
const MAX_CONTROL_SHARE = 0.3;

export type ReadResult =
  | {
      ok: true;
      /** The decoded text. A leading byte-order mark is kept: the parser records and skips it. */
      text: string;
      /** Set when the bytes were not valid UTF-8 and were decoded with U+FFFD replacements. */
      invalidUtf8?: { offset: number; line: number };
    }
  | { ok: false; message: string };

/** Reads `path` (or standard input for `-`) and decodes it as UTF-8. Never throws. */
export function readInput(path: string): ReadResult {
  let bytes: Buffer;
  try {
    if (path === '-') {
      bytes = fs.readFileSync(0);
    } else {
      if (fs.statSync(path).isDirectory()) return { ok: false, message: 'is a directory' };
      bytes = fs.readFileSync(path);
    }
  } catch (err) {
    return { ok: false, message: describeIoError(err) };
  }
  return decode(bytes);
}

/** Turns a file-system error into a short cause for the user. */
export function describeIoError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'no such file (a parent in the path is not a directory)';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'file name too long';
    case 'EAGAIN':
      return 'input is not ready to be read (non-blocking)';
    case 'ERR_FS_FILE_TOO_LARGE':
      return 'file too large';
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return code ? `cannot read (${code}): ${message}` : `cannot read: ${message}`;
    }
  }
}

/** Decides whether `bytes` look like text, and decodes them. */
export function decode(bytes: Uint8Array): ReadResult {
  const binary = sniffBinary(bytes);
  if (binary) return { ok: false, message: `not a text file (${binary})` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const offset = firstInvalidUtf8(bytes);
    let line = 1;
    for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
    const text = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }).decode(bytes);
    return { ok: true, text, invalidUtf8: { offset, line } };
  }
}

/** Returns why the first bytes look binary, or undefined when they look like text. */
export function sniffBinary(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, SNIFF_BYTES);
  if (n >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return 'UTF-16; save it as UTF-8';
  }
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return 'contains NUL bytes';
    // Tab, LF, VT, FF and CR are fine; ESC is counted (a few ANSI colour codes stay under the limit).
    if ((b < 0x20 && (b < 0x09 || b > 0x0d)) || b === 0x7f) control++;
  }
  if (n > 0 && control / n > MAX_CONTROL_SHARE) return 'mostly control characters';
  return undefined;
}

/** Byte offset of the first byte that does not start a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90; // no overlong forms
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    if (i + need >= n) return i; // truncated at the end of the input
    const second = bytes[i + 1];
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += need + 1;
  }
  return -1;
}
