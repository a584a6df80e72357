/**
 * The transcripts on disk in the workspace folders, for workspace symbols: `*.transcript` files
 * found by walking the folders (dot folders and node_modules skipped, bounded in files, folders
 * and size), each parsed once per modification. Plain state over the file system, no connection.
 */

import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse, type DialectId } from '../core/index.ts';
import type { TranscriptDoc } from '../core/features/index.ts';

export interface WorkspaceFilesOptions {
  extensions?: readonly string[];
  /** At most this many transcripts (default 2000). */
  maxFiles?: number;
  /** At most this many folders visited (default 5000). */
  maxDirs?: number;
  /** Files larger than this are skipped (default 10 MB). */
  maxBytes?: number;
  /** How long a listing of the folders is reused, in ms (default 10 s). */
  listTtlMs?: number;
}

interface Entry {
  mtimeMs: number;
  size: number;
  dialect: DialectId | undefined;
  doc: TranscriptDoc;
}

const SKIP_DIRS = new Set(['node_modules', 'bower_components', '__pycache__']);

/** The file-system path of a `file:` uri, or null for other schemes. */
export function uriToPath(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

export class WorkspaceFiles {
  private folders: string[] = [];
  private listing: { at: number; files: string[] } | null = null;
  private readonly entries = new Map<string, Entry>();
  private readonly options: Required<WorkspaceFilesOptions>;

  constructor(options: WorkspaceFilesOptions = {}) {
    this.options = {
      extensions: options.extensions ?? ['.transcript'],
      maxFiles: options.maxFiles ?? 2000,
      maxDirs: options.maxDirs ?? 5000,
      maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
      listTtlMs: options.listTtlMs ?? 10_000,
    };
  }

  /** Sets the workspace folders (uris); non-file folders are ignored. */
  setFolders(uris: readonly string[]): void {
    this.folders = uris.map(uriToPath).filter((p): p is string => p !== null);
    this.listing = null;
  }

  /** Forgets the listing, so the next request walks the folders again. */
  invalidate(): void {
    this.listing = null;
  }

  /** The transcript files of the folders (cached for `listTtlMs`). */
  async files(): Promise<string[]> {
    const now = Date.now();
    if (this.listing && now - this.listing.at < this.options.listTtlMs) return this.listing.files;
    const out: string[] = [];
    let dirs = 0;
    const queue = [...this.folders];
    while (queue.length > 0 && out.length < this.options.maxFiles && dirs < this.options.maxDirs) {
      const dir = queue.shift()!;
      dirs++;
      let items: import('node:fs').Dirent[];
      try {
        items = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const it of items) {
        if (it.name.startsWith('.')) continue;
        const p = path.join(dir, it.name);
        if (it.isDirectory()) {
          if (!SKIP_DIRS.has(it.name)) queue.push(p);
        } else if (it.isFile() && this.options.extensions.some((e) => it.name.toLowerCase().endsWith(e))) {
          out.push(p);
          if (out.length >= this.options.maxFiles) break;
        }
      }
    }
    out.sort();
    this.listing = { at: now, files: out };
    return out;
  }

  /**
   * The parsed transcripts on disk, except those whose paths are in `skip` (documents open in the
   * editor, which the caller has fresher). Files that cannot be read are left out.
   */
  async docs(skip: ReadonlySet<string>, dialect: DialectId | undefined): Promise<TranscriptDoc[]> {
    const out: TranscriptDoc[] = [];
    const files = await this.files();
    const live = new Set(files);
    for (const k of this.entries.keys()) if (!live.has(k)) this.entries.delete(k);
    for (const file of files) {
      if (skip.has(file)) continue;
      try {
        const st = await fs.stat(file);
        if (st.size > this.options.maxBytes) continue;
        let e = this.entries.get(file);
        if (!e || e.mtimeMs !== st.mtimeMs || e.size !== st.size || e.dialect !== dialect) {
          const text = await fs.readFile(file, 'utf8');
          const model = parse(text, dialect ? { dialect } : {});
          e = { mtimeMs: st.mtimeMs, size: st.size, dialect, doc: { uri: pathToFileURL(file).href, text, model } };
          this.entries.set(file, e);
        }
        out.push(e.doc);
      } catch {
        this.entries.delete(file);
      }
    }
    return out;
  }
}
