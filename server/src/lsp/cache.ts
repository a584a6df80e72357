/**
 * One parsed model per document version (and dialect), shared by every feature; lint findings
 * cached beside it per severity settings. Plain state, no connection.
 */

import { lint, parse, type DialectId, type Finding, type SeveritySetting, type TranscriptModel } from '../core/index.ts';

export interface DocumentLike {
  uri: string;
  version: number;
  getText(): string;
}

export interface Analysis {
  uri: string;
  version: number;
  dialect: DialectId | undefined;
  text: string;
  model: TranscriptModel;
}

interface Entry extends Analysis {
  findings?: { key: string; value: Finding[] };
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  /** Parses run (for tests and logs). */
  parses = 0;

  /** The model of `doc` at its current version, parsed once. */
  get(doc: DocumentLike, dialect: DialectId | undefined): Analysis {
    const hit = this.entries.get(doc.uri);
    if (hit && hit.version === doc.version && hit.dialect === dialect) return hit;
    const text = doc.getText();
    const model = parse(text, dialect ? { dialect } : {});
    this.parses++;
    const entry: Entry = { uri: doc.uri, version: doc.version, dialect, text, model };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /** The findings for an analysis under the given severities, computed once per version and settings. */
  findings(a: Analysis, severities: Record<string, SeveritySetting>): Finding[] {
    const entry = this.entries.get(a.uri);
    const key = JSON.stringify(severities);
    if (entry === a && entry.findings?.key === key) return entry.findings.value;
    const value = lint(a.text, a.model, { severities });
    if (entry === a) entry.findings = { key, value };
    return value;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
