/**
 * Workspace symbols: every Q&A pair (`Q3 · Will you allow Ukraine to strike…`) and every named
 * speaker of a set of transcripts, filtered by a query the way editors filter symbol names (the
 * query's characters in order, case ignored). Anonymous speakers (`Question`) are left out: they
 * are in every briefing and name nobody.
 */

import type { TranscriptModel } from '../model.ts';
import { linesSpan, nameList, speakerName } from './common.ts';
import type { Span } from './positions.ts';
import { labelSpan } from './speakerRefs.ts';
import { SEP } from './symbols.ts';
import type { TextSource } from '../source.ts';

export interface TranscriptDoc {
  uri: string;
  text: TextSource;
  model: TranscriptModel;
}

export interface WorkspaceSymbol {
  name: string;
  kind: 'pair' | 'speaker';
  uri: string;
  /** The pair's lines, or the speaker's first label. */
  span: Span;
  /** What the editor shows beside the name: who asks and answers, or the speaker's role; and the file. */
  container: string;
}

/** True when the characters of `query` (spaces ignored) appear in `name` in order, case ignored. */
export function fuzzyMatch(query: string, name: string): boolean {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return true;
  const n = name.toLowerCase();
  let j = 0;
  for (let i = 0; i < n.length && j < q.length; i++) if (n[i] === q[j]) j++;
  return j === q.length;
}

/** The last part of a uri's path, decoded: `file:///a/b/nato%20seed.transcript` -> `nato seed.transcript`. */
export function baseName(uri: string): string {
  const p = uri.replace(/[?#].*$/, '');
  const last = p.slice(p.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** The symbols of one transcript: its pairs (numbered as the outline numbers questions), then its speakers. */
export function transcriptSymbols(doc: TranscriptDoc): WorkspaceSymbol[] {
  const { model, uri } = doc;
  const file = baseName(uri);
  const out: WorkspaceSymbol[] = [];
  const pairOf = new Map(model.pairs.map((p) => [p.question, p]));
  let k = 0;
  for (const t of model.turns) {
    if (t.kind !== 'question') continue;
    k++;
    const p = pairOf.get(t.index);
    if (!p) continue;
    const asker = speakerName(model, t);
    const answerers = nameList(p.answers.map((a) => speakerName(model, model.turns[a])));
    out.push({
      name: p.title ? `Q${k}${SEP}${p.title}` : `Q${k}`,
      kind: 'pair',
      uri,
      span: linesSpan(model, p.startLine, p.endLine),
      container: `${asker} → ${answerers}${SEP}${file}`,
    });
  }
  model.speakers.forEach((sp) => {
    if (sp.anonymous) return;
    const first = sp.turns.map((ti) => model.turns[ti]).find((t) => t?.label && t.label.form !== 'dash');
    if (!first?.label) return;
    out.push({
      name: sp.name,
      kind: 'speaker',
      uri,
      span: labelSpan(model, first.label),
      container: sp.role ? `${sp.role}${SEP}${file}` : file,
    });
  });
  return out;
}

/** The symbols of every document that match `query`, at most `limit`. */
export function workspaceSymbols(docs: Iterable<TranscriptDoc>, query: string, limit = 5000): WorkspaceSymbol[] {
  const out: WorkspaceSymbol[] = [];
  for (const d of docs) {
    for (const s of transcriptSymbols(d)) {
      if (!fuzzyMatch(query, s.name)) continue;
      out.push(s);
      if (out.length >= limit) return out;
    }
  }
  return out;
}
