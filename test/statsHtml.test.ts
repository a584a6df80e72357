/**
 * The statistics view's HTML (client/src/statsHtml.ts) and the per-speaker colours
 * (client/src/speakerColors.ts): escaping of every piece of document text, a strict
 * Content-Security-Policy with no script, the numbers and the bars; colours stable per speaker
 * id, distinct within a document, readable on light and dark themes.
 *
 *   node --import tsx --test test/statsHtml.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, safeColor, statisticsHtml, type StatsViewInput } from '../client/src/statsHtml.ts';
import { assignColors, hashId, SPEAKER_PALETTE, speakerColors } from '../client/src/speakerColors.ts';
import type { StatisticsResult, StatisticsSpeaker } from '../server/src/lsp/protocol.ts';
import { parse } from '../server/src/core/index.ts';
import { documentStatistics, speakerLabels } from '../server/src/core/features/index.ts';
import { corpusText } from './support/lspClient.ts';

const EVIL = '<img src=x onerror=alert(1)>';

function speaker(over: Partial<StatisticsSpeaker>): StatisticsSpeaker {
  return { id: 'x', name: 'X', role: '', part: 'speaker', anonymous: false, turns: 1, words: 10, share: 0.5, asked: 0, answered: 0, label: 'X', ...over };
}

function stats(speakers: StatisticsSpeaker[], over: Partial<StatisticsResult> = {}): StatisticsResult {
  const words = speakers.reduce((n, s) => n + s.words, 0);
  return { uri: 'file:///t.transcript', version: 1, words, turns: speakers.reduce((n, s) => n + s.turns, 0), pairs: 0, unattributedWords: 0, speakers, ...over };
}

function html(over: Partial<StatsViewInput> = {}): string {
  const s = over.stats === undefined ? stats([speaker({ id: 'mark-rutte', name: 'Mark Rutte', role: 'NATO Secretary General', words: 885, share: 0.885, turns: 8, answered: 7 }), speaker({ id: 'questioner', name: 'Question', words: 115, share: 0.115, turns: 7, asked: 7, anonymous: true, part: 'questioner' })], { pairs: 7 }) : over.stats;
  return statisticsHtml({
    title: 'munich.transcript',
    colors: speakerColors(s ? s.speakers.map((x) => x.id) : []),
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    nonce: 'abc123',
    ...over,
    stats: s,
  });
}

/** Every `<tag` in the document: nothing but what the builder writes. */
const tags = (h: string) => new Set([...h.matchAll(/<([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase()));
const ALLOWED = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'header', 'h1', 'h2', 'p', 'section', 'div', 'span', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td']);

describe('escapeHtml', () => {
  test('escapes the five characters that end text or an attribute', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    assert.equal(escapeHtml(EVIL), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(escapeHtml('Mark Rutte, NATO'), 'Mark Rutte, NATO');
  });

  test('safeColor passes #rrggbb only', () => {
    assert.equal(safeColor('#3B82F6'), '#3b82f6');
    for (const bad of ['red', '#fff', '#3b82f6;}body{display:none', 'url(x)', undefined]) assert.equal(safeColor(bad), '#808080');
  });
});

describe('statisticsHtml', () => {
  test('a speaker named like markup is text, everywhere it appears', () => {
    const s = stats([speaker({ id: 'img', name: EVIL, role: `"><script>alert(2)</script>`, words: 60, share: 0.6 }), speaker({ id: 'q', name: 'Question', words: 40, share: 0.4 })]);
    const h = html({ stats: s, title: `</title><script>alert(3)</script>${EVIL}` });
    assert.ok(!h.includes('<img'), 'no img element');
    assert.ok(!/<script/i.test(h), 'no script element');
    assert.ok(!/onerror=alert\(1\)>/.test(h.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')), 'the handler only inside escaped text');
    assert.ok(h.includes('&lt;img src=x onerror=alert(1)&gt;'), 'the name, escaped');
    assert.ok(h.includes('&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;'), 'the role, escaped');
    // The name in the legend, the bar's title, the list, the table: four times, always escaped.
    assert.ok(h.split('&lt;img src=x onerror=alert(1)&gt;').length - 1 >= 4);
    assert.deepEqual([...tags(h)].filter((t) => !ALLOWED.has(t)), []);
    // An attribute value never ends early: every quote inside an attribute is escaped.
    for (const m of h.matchAll(/\s(title|aria-label|data-speaker)="([^"]*)"/g)) assert.ok(!/[<>]/.test(m[2]!), `${m[1]}="${m[2]}" holds < or >`);
  });

  test('a strict Content-Security-Policy: nothing but the nonce\'d style, no script, no network', () => {
    const h = html();
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(h)?.[1];
    assert.ok(csp, 'a CSP meta element');
    assert.match(csp, /^default-src 'none';/);
    assert.match(csp, /style-src https:\/\/file\+\.vscode-resource\.vscode-cdn\.net 'nonce-abc123'/);
    assert.match(csp, /script-src 'none'/);
    assert.ok(!/unsafe-inline|unsafe-eval|\*/.test(csp), csp);
    assert.ok(h.indexOf('<meta http-equiv="Content-Security-Policy"') < h.indexOf('<style'), 'the CSP comes before any content');
    // One style element, carrying the nonce; no style attributes (the CSP would block them), no scripts, no event handlers.
    assert.deepEqual([...h.matchAll(/<style[^>]*>/g)].map((m) => m[0]), ['<style nonce="abc123">']);
    assert.ok(!/\sstyle=/.test(h));
    assert.ok(!/<script|\son\w+=|javascript:|https?:\/\/(?!file\+\.vscode-resource)/i.test(h));
    // A nonce that is not a plain token is not written into the page.
    assert.ok(!html({ nonce: `x' 'unsafe-inline` }).includes('unsafe-inline'));
  });

  test('the chart: speakers by words, bars as wide as their share, in their colours, with the numbers', () => {
    const h = html();
    const colors = speakerColors(['mark-rutte', 'questioner']);
    // Most words first.
    assert.ok(h.indexOf('data-speaker="mark-rutte"') < h.indexOf('data-speaker="questioner"'));
    // Row 0 is Mark Rutte: its colour and a width of 88.5%.
    assert.match(h, new RegExp(`\\.c0\\{background:${colors.get('mark-rutte')}\\}\\.w0\\{width:88\\.5%\\}`));
    assert.match(h, new RegExp(`\\.c1\\{background:${colors.get('questioner')}\\}\\.w1\\{width:11\\.5%\\}`));
    assert.match(h, /<div class="track" role="img" aria-label="Mark Rutte: 88\.5% of the words"><span class="c0 w0"><\/span><\/div>/);
    assert.match(h, /<span class="pct">88\.5%<\/span>/);
    assert.match(h, /<span class="pct">11\.5%<\/span>/);
    assert.match(h, /885 words · 8 turns · answered 7 questions/);
    assert.match(h, /115 words · 7 turns · asked 7 questions/);
    assert.match(h, /1,000 words · 15 turns · 2 speakers · 7 questions/);
    assert.match(h, /<td><span class="dot c0"><\/span>Mark Rutte<\/td><td>8<\/td><td>885<\/td><td>88\.5%<\/td><td>0<\/td><td>7<\/td><\/tr>/);
    // Theme-aware: the editor's colours, not fixed ones.
    for (const v of ['--vscode-foreground', '--vscode-editor-background', '--vscode-font-family', '--vscode-descriptionForeground']) assert.ok(h.includes(`var(${v}`), v);
  });

  test('unattributed speech gets a grey row of its own', () => {
    const s = stats([speaker({ id: 'a', name: 'A', words: 30, share: 0.3 })], { words: 100, unattributedWords: 70 });
    const h = html({ stats: s });
    assert.ok(h.indexOf('Unattributed speech') < h.indexOf('data-speaker="a"'));
    assert.match(h, /\.c0\{background:#808080\}\.w0\{width:70%\}/);
  });

  test('no statistics, or no speakers: a message, escaped', () => {
    assert.match(html({ stats: null, message: 'Server <down>' }), /<p class="message">Server &lt;down&gt;<\/p>/);
    assert.match(html({ stats: stats([]) }), /No speakers found in this transcript\./);
  });

  test('the server core\'s statistics of the Munich seed, as the view shows them', () => {
    const model = parse(corpusText('nato__seed-munich-doorstep.txt'));
    const s = { uri: 'file:///m.transcript', version: 1, ...documentStatistics(model) };
    assert.deepEqual(
      s.speakers.map((x) => [x.name, x.turns, x.words, x.asked, x.answered]),
      [
        ['Mark Rutte', 8, 1031, 0, 7],
        ['Question', 7, 134, 7, 0],
      ],
    );
    const h = html({ stats: s });
    assert.match(h, /<span class="name">Mark Rutte<\/span><span class="role">NATO Secretary General<\/span><span class="pct">88\.5%<\/span>/);
    assert.match(h, /<span class="name">Question<\/span><span class="pct">11\.5%<\/span>/);
    // Every label of the seed is a span on its line, grouped by speaker.
    const labels = speakerLabels(model);
    assert.deepEqual(labels.map((x) => [x.id, x.labels.length]), [['mark-rutte', 8], ['questioner', 7]]);
    const lines = corpusText('nato__seed-munich-doorstep.txt').split(/\r?\n/);
    for (const sp of labels) for (const r of sp.labels) assert.equal(lines[r.start.line]!.slice(r.start.col, r.end.col), sp.id === 'questioner' ? 'Question' : 'NATO Secretary General Mark Rutte');
  });
});

describe('speaker colours', () => {
  test('stable: the same id gets the same colour in any order, hashed from the id', () => {
    const a = speakerColors(['mark-rutte', 'questioner', 'jen-psaki']);
    const b = speakerColors(['jen-psaki', 'mark-rutte', 'questioner', 'mark-rutte']);
    assert.deepEqual([...a].sort(), [...b].sort());
    assert.equal(hashId('mark-rutte'), hashId('mark-rutte'));
    assert.notEqual(hashId('mark-rutte'), hashId('mark-rutt'));
    // Alone, a speaker takes its hash's colour.
    assert.equal(assignColors(['mark-rutte']).get('mark-rutte'), hashId('mark-rutte') % SPEAKER_PALETTE.length);
  });

  test('distinct within a document while there are colours left', () => {
    const ids = Array.from({ length: SPEAKER_PALETTE.length }, (_, i) => `speaker-${i}`);
    assert.equal(new Set(speakerColors(ids).values()).size, SPEAKER_PALETTE.length);
    // More speakers than colours: every speaker still gets one.
    const many = speakerColors([...ids, 'one-more', 'and-another']);
    assert.equal(many.size, ids.length + 2);
    for (const c of many.values()) assert.ok(SPEAKER_PALETTE.includes(c));
  });

  test('every colour reads on light and dark backgrounds (contrast at least 3:1, WCAG non-text)', () => {
    const lum = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const contrast = (a: string, b: string) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x! + 0.05) / (y! + 0.05);
    };
    for (const c of SPEAKER_PALETTE) {
      assert.match(c, /^#[0-9a-f]{6}$/);
      for (const bg of ['#ffffff', '#1e1e1e', '#1f1f1f']) assert.ok(contrast(c, bg) >= 3, `${c} on ${bg}: ${contrast(c, bg).toFixed(2)}`);
    }
  });
});
