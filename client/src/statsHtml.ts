/**
 * The statistics view's HTML: for one transcript, the split of the talk between its speakers as
 * one stacked bar, then a bar per speaker (share of the words) with turns, words and questions
 * asked and answered, then the same numbers as a table. Pure (no `vscode`), so it is unit-tested.
 *
 * Safety: no script at all; the Content-Security-Policy allows only the nonce'd style element
 * (`default-src 'none'`), so widths and colours are classes in that element, never `style`
 * attributes. Every piece of document text (file name, speaker names, roles, labels) goes
 * through `escapeHtml`; numbers are formatted here and colours must be `#rrggbb`.
 */

import type { StatisticsResult, StatisticsSpeaker } from '../../server/src/lsp/protocol.ts';
import { formatCount, formatShare } from '../../server/src/core/features/stats.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text safe inside an element or a quoted attribute. */
export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** A colour for CSS: `#rrggbb` as given, anything else a neutral grey. */
export function safeColor(c: string | undefined): string {
  return c && /^#[0-9a-fA-F]{6}$/.test(c) ? c.toLowerCase() : '#808080';
}

/** A percentage width for CSS, from a share in [0, 1]. */
function width(share: number): string {
  const p = Number.isFinite(share) ? Math.max(0, Math.min(1, share)) * 100 : 0;
  return `${Number(p.toFixed(2))}%`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;

export interface StatsViewInput {
  /** What the view is about: the document's file name. */
  title: string;
  /** The server's statistics, or null while there are none (a message says why). */
  stats: StatisticsResult | null;
  /** Each speaker id's colour (`#rrggbb`). */
  colors: ReadonlyMap<string, string>;
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random nonce for the style element (letters and digits). */
  nonce: string;
  /** Shown instead of the statistics when there are none. */
  message?: string;
}

interface Row {
  key: string;
  name: string;
  detail: string;
  color: string;
  share: number;
  words: number;
  speaker: StatisticsSpeaker | null;
}

function rowsOf(stats: StatisticsResult, colors: ReadonlyMap<string, string>): Row[] {
  const rows: Row[] = stats.speakers.map((s) => ({
    key: s.id,
    name: s.name,
    detail: s.role,
    color: safeColor(colors.get(s.id)),
    share: s.share,
    words: s.words,
    speaker: s,
  }));
  if (stats.unattributedWords > 0) {
    rows.push({
      key: '',
      name: 'Unattributed speech',
      detail: 'no speaker label',
      color: '#808080',
      share: stats.words > 0 ? stats.unattributedWords / stats.words : 0,
      words: stats.unattributedWords,
      speaker: null,
    });
  }
  // Most words first; the document's order among equals (sort is stable).
  return rows.sort((a, b) => b.words - a.words);
}

function facts(r: Row): string {
  const s = r.speaker;
  const parts = [plural(r.words, 'word')];
  if (s) {
    parts.push(plural(s.turns, 'turn'));
    if (s.asked > 0) parts.push(`asked ${plural(s.asked, 'question')}`);
    if (s.answered > 0) parts.push(`answered ${plural(s.answered, 'question')}`);
  }
  return parts.map(escapeHtml).join(' · ');
}

const STYLE = `
:root { color-scheme: light dark; }
body { margin: 0; padding: 16px 20px 28px; font-family: var(--vscode-font-family); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-foreground); background: var(--vscode-editor-background); line-height: 1.45; }
h1 { font-size: 1.35em; font-weight: 600; margin: 0 0 2px; word-break: break-word; }
h2 { font-size: .85em; font-weight: 600; text-transform: uppercase; letter-spacing: .06em; margin: 22px 0 8px;
  color: var(--vscode-descriptionForeground); }
.summary, .muted, .role, .facts { color: var(--vscode-descriptionForeground); }
.summary { margin: 0; }
.split { display: flex; height: 14px; border-radius: 7px; overflow: hidden; background: rgba(128, 128, 128, .2); }
.split span { display: block; height: 100%; min-width: 2px; }
.split span + span { border-left: 2px solid var(--vscode-editor-background); }
.legend { display: flex; flex-wrap: wrap; gap: 4px 16px; margin-top: 8px; padding: 0; list-style: none; }
.legend li { display: flex; align-items: center; gap: 6px; }
.dot { display: inline-block; width: 10px; height: 10px; border-radius: 50%; flex: none; }
.speakers { list-style: none; margin: 0; padding: 0; display: grid; gap: 14px; }
.speaker .head { display: flex; align-items: baseline; gap: 8px; }
.speaker .name { font-weight: 600; word-break: break-word; }
.speaker .role { font-size: .92em; }
.speaker .pct { margin-left: auto; font-variant-numeric: tabular-nums; font-weight: 600; font-size: 1.1em; }
.track { height: 12px; margin: 4px 0 3px; border-radius: 6px; background: rgba(128, 128, 128, .18); overflow: hidden; }
.track span { display: block; height: 100%; border-radius: 6px; min-width: 3px; }
.facts { font-size: .92em; font-variant-numeric: tabular-nums; }
.table { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { padding: 4px 8px; border-bottom: 1px solid var(--vscode-panel-border, rgba(128, 128, 128, .35)); text-align: right; }
th:first-child, td:first-child { text-align: left; }
th { font-weight: 600; color: var(--vscode-descriptionForeground); }
td .dot { vertical-align: middle; margin: -2px 6px 0 0; }
.message { margin-top: 24px; color: var(--vscode-descriptionForeground); }
`;

/** The whole document for the webview. */
export function statisticsHtml(input: StatsViewInput): string {
  const nonce = /^[A-Za-z0-9+/=_-]+$/.test(input.nonce) ? input.nonce : 'invalid';
  const csp = `default-src 'none'; style-src ${escapeHtml(input.cspSource)} 'nonce-${nonce}'; img-src 'none'; script-src 'none'; form-action 'none'; frame-src 'none'`;
  const head = (css: string) =>
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<title>Speaker statistics · ${escapeHtml(input.title)}</title>\n<style nonce="${nonce}">${STYLE}${css}</style>\n</head>\n`;
  const stats = input.stats;
  if (!stats || stats.speakers.length === 0) {
    const msg = input.message ?? (stats ? 'No speakers found in this transcript.' : 'No statistics for this document.');
    return `${head('')}<body>\n<h1>${escapeHtml(input.title)}</h1>\n<p class="message">${escapeHtml(msg)}</p>\n</body>\n</html>\n`;
  }
  const rows = rowsOf(stats, input.colors);
  // Per-row colours and widths as classes in the nonce'd style element (the CSP blocks style attributes).
  const css = rows.map((r, i) => `.c${i}{background:${r.color}}.w${i}{width:${width(r.share)}}`).join('\n');
  const named = stats.speakers.length;
  const summary = [plural(stats.words, 'word'), plural(stats.turns, 'turn'), plural(named, 'speaker'), plural(stats.pairs, 'question')].join(' · ');
  const label = (r: Row) => `${r.name}: ${formatShare(r.share)} of the words`;

  const split = rows
    .filter((r) => r.share > 0)
    .map((r) => `<span class="c${rows.indexOf(r)} w${rows.indexOf(r)}" title="${escapeHtml(label(r))}"></span>`)
    .join('');
  const legend = rows.map((r, i) => `<li><span class="dot c${i}"></span>${escapeHtml(r.name)} <span class="muted">${escapeHtml(formatShare(r.share))}</span></li>`).join('');
  const speakers = rows
    .map(
      (r, i) =>
        `<li class="speaker" data-speaker="${escapeHtml(r.key)}">\n` +
        `  <div class="head"><span class="dot c${i}"></span><span class="name">${escapeHtml(r.name)}</span>` +
        (r.detail ? `<span class="role">${escapeHtml(r.detail)}</span>` : '') +
        `<span class="pct">${escapeHtml(formatShare(r.share))}</span></div>\n` +
        `  <div class="track" role="img" aria-label="${escapeHtml(label(r))}"><span class="c${i} w${i}"></span></div>\n` +
        `  <div class="facts">${facts(r)}</div>\n</li>`,
    )
    .join('\n');
  const cell = (n: number | undefined) => (n === undefined ? '–' : escapeHtml(formatCount(n)));
  const table = rows
    .map(
      (r, i) =>
        `<tr><td><span class="dot c${i}"></span>${escapeHtml(r.name)}</td><td>${cell(r.speaker?.turns)}</td><td>${cell(r.words)}</td>` +
        `<td>${escapeHtml(formatShare(r.share))}</td><td>${cell(r.speaker?.asked)}</td><td>${cell(r.speaker?.answered)}</td></tr>`,
    )
    .join('\n');

  return (
    `${head(css)}<body>\n` +
    `<header>\n<h1>${escapeHtml(input.title)}</h1>\n<p class="summary">${escapeHtml(summary)}</p>\n</header>\n` +
    `<section aria-label="Share of talk">\n<h2>Share of talk</h2>\n<div class="split" role="img" aria-label="${escapeHtml(rows.map(label).join('; '))}">${split}</div>\n<ul class="legend">${legend}</ul>\n</section>\n` +
    `<section aria-label="Speakers">\n<h2>Speakers</h2>\n<ol class="speakers">\n${speakers}\n</ol>\n</section>\n` +
    `<section aria-label="Numbers">\n<h2>Numbers</h2>\n<div class="table"><table>\n<thead><tr><th>Speaker</th><th>Turns</th><th>Words</th><th>Share</th><th>Asked</th><th>Answered</th></tr></thead>\n<tbody>\n${table}\n</tbody>\n</table></div>\n</section>\n` +
    `</body>\n</html>\n`
  );
}
