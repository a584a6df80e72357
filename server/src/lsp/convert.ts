/**
 * Core data -> LSP types. The only place that knows both shapes; no connection, no state.
 */

import {
  CodeActionKind,
  CompletionItemKind,
  DiagnosticSeverity,
  DocumentHighlightKind,
  FoldingRangeKind,
  InsertTextFormat,
  SymbolKind,
  type CodeAction,
  type CodeLens,
  type CompletionItem,
  type Diagnostic,
  type DocumentHighlight,
  type DocumentSymbol,
  type FoldingRange,
  type Range,
  type SymbolInformation,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import type { Finding, Fix, Severity, TextEdit, TranscriptModel } from '../core/index.ts';
import type {
  Fold,
  Highlight,
  OutlineKind,
  OutlineSymbol,
  PairLens,
  Span,
  SpeakerCompletion,
  WorkspaceSymbol as CoreWorkspaceSymbol,
} from '../core/features/index.ts';
import { formatCount, positionAt } from '../core/features/index.ts';

/** Where rule documentation lives: `${RULE_DOCS_BASE}TR005.md`. The one place to change it. */
export const RULE_DOCS_BASE = 'https://github.com/transcript-tools/vscode-transcript/blob/main/docs/rules/';

/** `diagnostic.source` of every diagnostic this server publishes. */
export const SOURCE = 'transcript';

/** The code-action kind of "fix all safe problems" (a sub-kind of `source.fixAll`). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.transcript`;

/** What a diagnostic carries for its code actions: the fixes as offset edits into `version`. */
export interface DiagnosticData {
  version: number;
  rule: string;
  fixes: Fix[];
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toRange(s: Span): Range {
  return { start: { line: s.start.line, character: s.start.col }, end: { line: s.end.line, character: s.end.col } };
}

export function toDiagnostic(f: Finding, version: number): Diagnostic {
  const data: DiagnosticData = { version, rule: f.rule, fixes: f.fixes };
  return {
    range: { start: { line: f.line, character: f.column }, end: { line: f.endLine, character: f.endColumn } },
    severity: SEVERITY[f.severity] ?? DiagnosticSeverity.Warning,
    code: f.code,
    codeDescription: { href: `${RULE_DOCS_BASE}${f.code}.md` },
    source: SOURCE,
    message: f.message,
    data,
  };
}

/**
 * VS Code keeps at most this many diagnostics of one collection per file (extHostDiagnostics.ts,
 * `_maxDiagnosticsPerFile`): past it, it drops the rest, errors kept first, and adds "Not showing N
 * further errors and warnings." Sending more only costs time on every edit of a large document.
 */
export const EDITOR_MAX_DIAGNOSTICS = 1000;

/**
 * The findings an editor can show, as VS Code would pick them (by severity, then in document
 * order), one place short of its limit so that the last place says what was left out and how to
 * see it. Returns the findings unchanged when they fit.
 */
export function editorDiagnostics(findings: readonly Finding[], version: number, max = EDITOR_MAX_DIAGNOSTICS): Diagnostic[] {
  return shownDiagnostics(editorFindings(findings, max), version);
}

/** The findings an editor shows (`editorDiagnostics` before conversion), and the closing note when some are left out. */
export interface EditorFindings {
  shown: readonly Finding[];
  /** "Not showing N further findings...", or null when all fit. */
  overflow: Diagnostic | null;
}

/** `editorDiagnostics`' choice of findings, not yet converted (an "unchanged" answer converts none). */
export function editorFindings(findings: readonly Finding[], max = EDITOR_MAX_DIAGNOSTICS): EditorFindings {
  if (findings.length <= max) return { shown: findings, overflow: null };
  const keep = max - 1;
  // As many of each severity as fit, most severe first; then taken in document order. One pass to
  // count (a 50 MB document has thousands of findings; this runs after every edit).
  const rank = (s: Severity): number => (s === 'error' ? 0 : s === 'warning' ? 1 : s === 'information' ? 2 : 3);
  const bySeverity = [0, 0, 0, 0];
  const byCode = new Map<string, { n: number; rule: string }>();
  for (const f of findings) {
    bySeverity[rank(f.severity)]++;
    const c = byCode.get(f.code);
    if (c) c.n++;
    else byCode.set(f.code, { n: 1, rule: f.rule });
  }
  const quota = [0, 0, 0, 0];
  let room = keep;
  for (let r = 0; r < 4; r++) {
    quota[r] = Math.min(room, bySeverity[r]);
    room -= quota[r];
  }
  const shown: Finding[] = [];
  for (const f of findings) {
    const r = rank(f.severity);
    if (quota[r] === 0) continue;
    quota[r]--;
    shown.push(f);
  }
  const left = findings.length - keep;
  let most: [string, { n: number; rule: string }] = ['', { n: 0, rule: '' }];
  for (const e of byCode) if (e[1].n > most[1].n) most = e;
  const overflow: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: SOURCE,
    message:
      `Not showing ${formatCount(left)} further findings: VS Code lists at most ${formatCount(max)} problems per file ` +
      `(${formatCount(findings.length)} found, ${formatCount(most[1].n)} of them ${most[0]} (${most[1].rule})). ` +
      'Fix or turn off the most frequent rule, or run `transcript-lint` on the file to see every finding.',
  };
  return { shown, overflow };
}

/** The chosen findings as diagnostics of `version`. */
export function shownDiagnostics(e: EditorFindings, version: number): Diagnostic[] {
  const out = e.shown.map((f) => toDiagnostic(f, version));
  if (e.overflow) out.push(e.overflow);
  return out;
}

/**
 * What the editor shows of a list of diagnostics: ranges, severities, codes and messages in order.
 * `data` is left out: its fixes are offsets into the version it was made for, and a code action for
 * a diagnostic of an older version finds its fixes again in the current findings (server.ts,
 * fixesFor). A pull answered "unchanged" keeps the editor's list, and with it the older data, which
 * is therefore never trusted for another version. Numbers are copied: findings move in place when
 * lint reuses them after an edit.
 */
export interface ShownSnapshot {
  positions: Int32Array;
  codes: string[];
  messages: string[];
  overflow: string | null;
}

export function snapshotOf(e: EditorFindings): ShownSnapshot {
  const n = e.shown.length;
  const positions = new Int32Array(n * 5);
  const codes = new Array<string>(n);
  const messages = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const f = e.shown[i];
    const k = i * 5;
    positions[k] = f.line;
    positions[k + 1] = f.column;
    positions[k + 2] = f.endLine;
    positions[k + 3] = f.endColumn;
    positions[k + 4] = SEVERITY[f.severity] ?? 0;
    codes[i] = f.code;
    messages[i] = f.message;
  }
  return { positions, codes, messages, overflow: e.overflow?.message ?? null };
}

/** True when the editor would show `e` exactly as it shows the snapshot. */
export function sameShown(a: ShownSnapshot, e: EditorFindings): boolean {
  const n = e.shown.length;
  if (a.codes.length !== n || a.overflow !== (e.overflow?.message ?? null)) return false;
  const p = a.positions;
  for (let i = 0; i < n; i++) {
    const f = e.shown[i];
    const k = i * 5;
    if (p[k] !== f.line || p[k + 1] !== f.column || p[k + 2] !== f.endLine || p[k + 3] !== f.endColumn || p[k + 4] !== (SEVERITY[f.severity] ?? 0)) return false;
    if (a.codes[i] !== f.code || a.messages[i] !== f.message) return false;
  }
  return true;
}

/** Reads `diagnostic.data` back, or null when it is not ours or not well formed. */
export function readDiagnosticData(d: Diagnostic): DiagnosticData | null {
  const x = d.data as Partial<DiagnosticData> | undefined;
  if (!x || typeof x !== 'object' || typeof x.version !== 'number' || !Array.isArray(x.fixes)) return null;
  const fixes = x.fixes.filter(
    (f): f is Fix =>
      !!f &&
      typeof f.title === 'string' &&
      Array.isArray(f.edits) &&
      f.edits.every((e) => !!e && typeof e.start === 'number' && typeof e.end === 'number' && typeof e.newText === 'string'),
  );
  return { version: x.version, rule: typeof x.rule === 'string' ? x.rule : '', fixes };
}

export function toTextEdit(model: TranscriptModel, e: TextEdit): LspTextEdit {
  const a = positionAt(model, e.start);
  const b = positionAt(model, Math.max(e.start, e.end));
  return { range: { start: { line: a.line, character: a.col }, end: { line: b.line, character: b.col } }, newText: e.newText };
}

/** True when every edit lies inside the text and is well ordered. */
export function editsFit(model: TranscriptModel, edits: readonly TextEdit[]): boolean {
  return edits.every((e) => e.start >= 0 && e.end >= e.start && e.end <= model.length);
}

export function toQuickFix(uri: string, model: TranscriptModel, fix: Fix, diagnostic: Diagnostic): CodeAction {
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: fix.preferred === true,
    edit: { changes: { [uri]: fix.edits.map((e) => toTextEdit(model, e)) } },
  };
}

/**
 * One edit that turns `before` into `after`: the changed middle between their common prefix and
 * suffix (so the editor keeps cursors and folds outside it).
 */
export function diffEdit(before: string, after: string): TextEdit | null {
  if (before === after) return null;
  let p = 0;
  const max = Math.min(before.length, after.length);
  while (p < max && before.charCodeAt(p) === after.charCodeAt(p)) p++;
  // Do not split a surrogate pair or a CRLF.
  if (p > 0 && p < before.length && isLowSurrogateOrLf(before, p)) p--;
  let s = 0;
  while (s < max - p && before.charCodeAt(before.length - 1 - s) === after.charCodeAt(after.length - 1 - s)) s++;
  return { start: p, end: before.length - s, newText: after.slice(p, after.length - s) };
}

function isLowSurrogateOrLf(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 0xdc00 && c <= 0xdfff) || (c === 10 && s.charCodeAt(i - 1) === 13);
}

const SYMBOL_KIND: Record<OutlineKind, SymbolKind> = {
  frontMatter: SymbolKind.Module,
  preamble: SymbolKind.Package,
  section: SymbolKind.Namespace,
  opening: SymbolKind.Event,
  pair: SymbolKind.Interface,
  unanswered: SymbolKind.Interface,
  turn: SymbolKind.String,
};

export function toDocumentSymbol(s: OutlineSymbol): DocumentSymbol {
  return {
    // Editors reject empty names.
    name: s.name.trim() || '(untitled)',
    detail: s.detail,
    kind: SYMBOL_KIND[s.kind] ?? SymbolKind.String,
    range: toRange(s.range),
    selectionRange: toRange(s.selectionRange),
    children: s.children.map(toDocumentSymbol),
  };
}

/** Flat symbols for clients without hierarchical symbol support. */
export function toSymbolInformation(uri: string, symbols: readonly OutlineSymbol[]): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const walk = (xs: readonly OutlineSymbol[], container: string | undefined) => {
    for (const s of xs) {
      const name = s.name.trim() || '(untitled)';
      out.push({ name, kind: SYMBOL_KIND[s.kind] ?? SymbolKind.String, location: { uri, range: toRange(s.range) }, ...(container ? { containerName: container } : {}) });
      walk(s.children, name);
    }
  };
  walk(symbols, undefined);
  return out;
}

export function toFoldingRange(f: Fold): FoldingRange {
  return { startLine: f.startLine, endLine: f.endLine, kind: f.kind === 'comment' ? FoldingRangeKind.Comment : FoldingRangeKind.Region };
}

// ---------------------------------------------------------------------------------------------
// Speaker-aware editing: completion, highlights, code lenses, workspace symbols

/** A speaker completion as a completion item (a snippet when the core made one). */
export function toCompletionItem(c: SpeakerCompletion): CompletionItem {
  return {
    label: c.label,
    kind: c.where === 'roster' ? CompletionItemKind.Value : CompletionItemKind.Reference,
    detail: c.detail,
    sortText: c.sortText,
    filterText: c.filterText,
    preselect: c.preselect,
    insertTextFormat: c.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range: toRange(c.range), newText: c.insertText },
  };
}

export function toDocumentHighlight(h: Highlight): DocumentHighlight {
  return { range: toRange(h.span), kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read };
}

/** A pair's lens; the empty command makes the title plain text in the editor. */
export function toCodeLens(l: PairLens): CodeLens {
  return { range: toRange(l.span), command: { title: l.title, command: '' } };
}

export function toWorkspaceSymbol(s: CoreWorkspaceSymbol): SymbolInformation {
  return {
    name: s.name,
    kind: s.kind === 'pair' ? SymbolKind.Interface : SymbolKind.Class,
    location: { uri: s.uri, range: toRange(s.span) },
    containerName: s.container,
  };
}
