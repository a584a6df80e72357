/** The `--format text` outline: compact, one item a line, readable in a terminal. */
import type { TranscriptModel, Turn } from '../core/index.ts';
import type { FileReport } from './report.ts';

export interface Style {
  color: boolean;
}

/** Colours only for a terminal, and never when NO_COLOR is set to anything but ''. */
export function useColor(isTTY: boolean | undefined, env: NodeJS.ProcessEnv): boolean {
  return isTTY === true && !env.NO_COLOR;
}

const TITLE_MAX = 72;
const EXCERPT_MAX = 60;
const NAME_MAX = 30;
const ROLE_MAX = 40;

function paint(style: Style, code: string, s: string): string {
  return style.color && s ? `\x1b[${code}m${s}\x1b[0m` : s;
}
const bold = (st: Style, s: string) => paint(st, '1', s);
const dim = (st: Style, s: string) => paint(st, '2', s);
const cyan = (st: Style, s: string) => paint(st, '36', s);
const red = (st: Style, s: string) => paint(st, '31', s);
const yellow = (st: Style, s: string) => paint(st, '33', s);

/**
 * Makes text from the transcript safe and compact for one terminal line: control characters
 * (escape sequences included) and bidirectional overrides become spaces, runs of white space one.
 */
export function clean(s: string): string {
  return s
    .replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Shortens `s` to at most `max` characters, at a word boundary when one is near, adding `...`. */
export function shorten(s: string, max: number): string {
  if (s.length <= max) return s;
  let cut = max - 3;
  const space = s.lastIndexOf(' ', cut);
  if (space > max / 2) cut = space;
  const code = s.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--; // do not split a surrogate pair
  return s.slice(0, cut).trimEnd() + '...';
}

function pad(s: string, width: number): string {
  return s.length >= width ? s : s + ' '.repeat(width - s.length);
}

/** Largest of `values` (0 for none); unlike Math.max(...values), safe for very long arrays. */
function maxOf(values: readonly number[]): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

function plural(n: number, one: string, many = one + 's'): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first words of a turn's speech (label excluded), without reading more than a few lines. */
export function firstWords(text: string, model: TranscriptModel, turn: Turn, max = EXCERPT_MAX): string {
  let line = turn.startLine;
  let column = 0;
  if (turn.label) {
    if (turn.label.textStart >= 0) column = turn.label.textStart;
    else line++;
  }
  const last = Math.min(turn.endLine, line + 20, model.lineCount - 1);
  for (; line <= last; line++, column = 0) {
    const start = model.lineStarts[line] + column;
    const length = Math.max(0, model.lineLengths[line] - column);
    // Only look at the start of a line: a single line may be megabytes long.
    const words = clean(text.substr(start, Math.min(length, max * 4)));
    if (words) return shorten(words, max);
  }
  return '';
}

function speakerName(model: TranscriptModel, index: number): string {
  return index >= 0 && model.speakers[index] ? clean(model.speakers[index].name) : '(unattributed)';
}

/** Renders one file's outline. `text` and `model` supply the first words of turns. */
export function renderFile(report: FileReport, model: TranscriptModel, text: string, style: Style): string {
  const out: string[] = [bold(style, report.path)];
  const dialect = `dialect: ${report.dialect} (${report.dialectForced ? 'forced' : 'detected'})`;

  if (report.empty) {
    out.push(`  ${dialect}, empty file`);
  } else {
    const counts = [
      plural(report.lineCount, 'line'),
      plural(report.turns.length, 'turn'),
      plural(report.speakers.length, 'speaker'),
    ];
    if (report.pairs.length) counts.push(plural(report.pairs.length, 'Q&A pair'));
    out.push(`  ${dialect}, ${counts.join(', ')}`);
    if (report.frontMatter) out.push(`  front matter: lines ${report.frontMatter.line}-${report.frontMatter.endLine}`);
    if (report.preamble) out.push(`  preamble: lines ${report.preamble.line}-${report.preamble.endLine}`);

    if (report.speakers.length) {
      out.push('  speakers:');
      const names = report.speakers.map((s) => shorten(clean(s.name), NAME_MAX));
      const roles = report.speakers.map((s) => shorten(clean(s.role), ROLE_MAX));
      const parts = report.speakers.map((s) => s.part);
      const turns = report.speakers.map((s) => plural(s.turnCount, 'turn'));
      const nameWidth = maxOf(names.map((n) => n.length));
      const roleWidth = maxOf(roles.map((r) => r.length));
      const partWidth = maxOf(parts.map((p) => p.length));
      const turnsWidth = maxOf(turns.map((t) => t.length));
      report.speakers.forEach((s, i) => {
        const labels = s.labels.map((l) => `"${clean(l)}"`).join(', ');
        const role = roleWidth ? `${pad(roles[i], roleWidth)}  ` : '';
        const row = `    ${pad(names[i], nameWidth)}  ${role}${pad(parts[i], partWidth)}  ${pad(turns[i], turnsWidth)}`;
        out.push(labels ? `${row}  labels: ${labels}` : row.trimEnd());
      });
    }

    if (report.pairs.length) {
      const idWidth = String(report.pairs.length).length + 1;
      const lineWidth = String(maxOf(report.pairs.map((p) => p.line))).length;
      report.pairs.forEach((p, i) => {
        const question = model.turns[p.question];
        const asker = question ? speakerName(model, question.speaker) : '?';
        const answerers = [...new Set(p.answers.map((a) => (model.turns[a] ? speakerName(model, model.turns[a].speaker) : '?')))];
        const who = `(${asker} -> ${answerers.length ? answerers.join(', ') : 'no answer'})`;
        const title = shorten(clean(p.title), TITLE_MAX) || '(untitled)';
        out.push(
          `  ${cyan(style, pad(`Q${i + 1}`, idWidth))}  ${dim(style, `line ${pad(String(p.line), lineWidth)}`)}  ${title}  ${dim(style, who)}`,
        );
      });
    } else if (model.turns.length) {
      const idWidth = String(model.turns.length).length + 1;
      const lineWidth = String(maxOf(report.turns.map((t) => t.line))).length;
      const names = model.turns.map((t) => shorten(speakerName(model, t.speaker), NAME_MAX));
      const nameWidth = maxOf(names.map((n) => n.length));
      const kindWidth = maxOf(model.turns.map((t) => t.kind.length));
      model.turns.forEach((t, i) => {
        const words = firstWords(text, model, t);
        const row =
          `  ${cyan(style, pad(`T${i + 1}`, idWidth))}  ${dim(style, `line ${pad(String(t.startLine + 1), lineWidth)}`)}` +
          `  ${pad(names[i], nameWidth)}  ${pad(t.kind, kindWidth)}  ${words}`;
        out.push(row.trimEnd());
      });
    }
  }

  for (const d of report.diagnostics) {
    const severity = d.severity === 'error' ? red(style, d.severity) : d.severity === 'warning' ? yellow(style, d.severity) : d.severity;
    out.push(`${report.path}:${d.line}:${d.column} ${d.code} ${severity}: ${clean(d.message)}`);
  }
  return out.join('\n') + '\n';
}
