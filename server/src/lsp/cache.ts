/**
 * One parsed model per document version (and dialect), shared by every feature; lint findings
 * cached beside it per severity settings. Plain state, no connection.
 *
 * Edits are recorded as they arrive (`change`); the next `get` then updates the previous parse
 * incrementally (core/incremental.ts) instead of parsing the new text from scratch. The previous
 * model is consumed by that update: nothing may hold on to an `Analysis` across an edit.
 */

import { type DialectId, type Finding, type SeveritySetting, type TranscriptModel } from '../core/index.ts';
import { lintUpdate, type LintMemo } from '../core/lint.ts';
import { parseState, type ParseState } from '../core/parse.ts';
import { mergeChanges, updateParse, type ModelDelta, type TextChange } from '../core/incremental.ts';
import type { TextSource } from '../core/source.ts';

export interface DocumentLike {
  uri: string;
  version: number;
  getText(): string;
  /** The text without making one string of it (an `OpenDocument`'s pieces). */
  readonly text?: TextSource;
}

export interface Analysis {
  uri: string;
  version: number;
  dialect: DialectId | undefined;
  /** The text of this version: a piece store for open documents (`flatText` makes one string of it, at a cost). */
  text: TextSource;
  model: TranscriptModel;
}

interface Entry extends Analysis {
  state: ParseState;
  /** The text changed since this entry was made. */
  stale: boolean;
  /** The change since, when every edit was recorded as a range; null when unknown. */
  pending: TextChange | null;
  findings?: { key: string; value: Finding[]; memo: LintMemo; view: number };
  /** What the update from the previous version changed, and that version's lint (for reuse) and view. */
  previous?: { delta: ModelDelta; memo: LintMemo; view: number };
}

export class ModelCache {
  private readonly entries = new Map<string, Entry>();
  /** Analyses run, full or incremental (for tests and logs). */
  parses = 0;
  /** Of those, the incremental updates. */
  updates = 0;
  /** The last view number handed out (`findingsView`). */
  private views = 0;

  /** The model of `doc` at its current version, analysed once. */
  get(doc: DocumentLike, dialect: DialectId | undefined): Analysis {
    const hit = this.entries.get(doc.uri);
    if (hit && !hit.stale && hit.version === doc.version && hit.dialect === dialect) return hit;
    const text = doc.text ?? doc.getText();
    let state: ParseState;
    let previous: Entry['previous'];
    if (hit && hit.stale && hit.pending && hit.dialect === dialect) {
      // Lint reuses the findings of the version before. When nobody asked for this version's
      // findings (only its outline), but for those of the version before it, they are worked out
      // now (incrementally, before the update consumes this model), so that reuse goes on.
      let last = hit.findings ? { memo: hit.findings.memo, view: hit.findings.view } : undefined;
      if (!last && hit.previous) {
        const severities = JSON.parse(hit.previous.memo.key) as Record<string, SeveritySetting>;
        const r = this.lint(hit, severities, hit.previous);
        last = { memo: r.memo, view: r.view };
      }
      const updated = updateParse(hit.state, text, hit.pending);
      state = updated;
      if (updated.delta && last) previous = { delta: updated.delta, ...last };
      this.updates++;
    } else state = parseState(doc.getText(), dialect ? { dialect } : {});
    this.parses++;
    const entry: Entry = { uri: doc.uri, version: doc.version, dialect, text, model: state.model, state, stale: false, pending: null, previous };
    this.entries.set(doc.uri, entry);
    return entry;
  }

  /**
   * Records an edit of `uri`'s text as offsets of the text before it (null: the whole text was
   * replaced). Successive edits before the next `get` are merged.
   */
  change(uri: string, change: TextChange | null): void {
    const entry = this.entries.get(uri);
    if (!entry) return;
    if (!entry.stale) {
      entry.stale = true;
      entry.pending = change;
    } else entry.pending = entry.pending && change ? mergeChanges(entry.pending, change) : null;
  }

  /** The text may have changed in a way no `change` recorded (a document opened again). */
  invalidate(uri: string): void {
    const entry = this.entries.get(uri);
    if (entry && !entry.stale) {
      entry.stale = true;
      entry.pending = null;
    }
  }

  /** The findings for an analysis under the given severities, computed once per version and settings. */
  findings(a: Analysis, severities: Record<string, SeveritySetting>): Finding[] {
    return this.findingsView(a, severities).findings;
  }

  /**
   * The findings, and a number that stays the same while the findings show alike in the editor
   * (same places, severities, rules and messages) from version to version: an edit that changes no
   * finding keeps the view, and the server answers "unchanged" without looking at the findings.
   */
  findingsView(a: Analysis, severities: Record<string, SeveritySetting>): { findings: Finding[]; view: number } {
    const entry = this.entries.get(a.uri);
    const key = JSON.stringify(severities);
    if (entry === a && entry.findings?.key === key) return { findings: entry.findings.value, view: entry.findings.view };
    const r = this.lint(a, severities, entry === a ? entry.previous : undefined);
    if (entry === a) {
      entry.findings = { key, value: r.findings, memo: r.memo, view: r.view };
      entry.previous = undefined;
    }
    return { findings: r.findings, view: r.view };
  }

  /** Lint of `a`, reusing the run before when given; the view stays when lint says the findings show as before. */
  private lint(a: Analysis, severities: Record<string, SeveritySetting>, previous: Entry['previous']): { findings: Finding[]; memo: LintMemo; view: number } {
    const r = lintUpdate(a.text, a.model, { severities }, previous);
    return { findings: r.findings, memo: r.memo, view: r.same && previous ? previous.view : ++this.views };
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
