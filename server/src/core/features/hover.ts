/**
 * Hover on a speaker label (or a roster entry): who the speaker is and how much they speak.
 *
 *   **Mark Rutte** — NATO Secretary General
 *
 *   8 turns · 1,046 words · 86.6% of the words
 *   Answered 7 of the 7 questions
 *
 *   Labels: `NATO Secretary General Mark Rutte` ×8
 *
 * Markdown, for the editor to render.
 */

import type { SpeakerRole, TranscriptModel } from '../model.ts';
import type { Span } from './positions.ts';
import { speakerAt } from './speakerRefs.ts';
import { formatCount, formatShare, speakerStats, type SpeakerStats } from './stats.ts';
import type { TextSource } from '../source.ts';

export interface SpeakerHover {
  /** Markdown. */
  markdown: string;
  /** The label (or roster entry) hovered. */
  span: Span;
  speaker: number;
}

const PART: Record<SpeakerRole, string> = {
  questioner: 'asks the questions',
  answerer: 'answers the questions',
  moderator: 'chairs the proceedings',
  speaker: '',
};

/** Markdown inline code that survives backticks in the text. */
function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s.includes('`') ? ` ${s} ` : s}${ticks}`;
}

/** Escapes Markdown in plain text. */
function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** The hover text of one speaker. */
export function speakerHoverText(model: TranscriptModel, stats: SpeakerStats): string {
  const sp = model.speakers[stats.speaker];
  const lines: string[] = [];
  let head = `**${md(sp.name)}**`;
  if (sp.role && sp.role !== sp.name) head += ` — ${md(sp.role)}`;
  const part = sp.anonymous ? `anonymous ${sp.part === 'questioner' ? 'questioner' : 'answerer'}` : PART[sp.part];
  if (part) head += ` (${part})`;
  lines.push(head, '');
  const talk = [plural(stats.turns, 'turn'), plural(stats.words, 'word'), `${formatShare(stats.share)} of the words`];
  lines.push(talk.join(' · '));
  const n = model.pairs.length;
  if (n > 0) {
    const of = n === 1 ? 'the one question' : `the ${formatCount(n)} questions`;
    let qa: string;
    if (stats.asked > 0 && stats.answered > 0) qa = `Asked ${formatCount(stats.asked)} and answered ${formatCount(stats.answered)} of ${of}`;
    else if (stats.asked > 0) qa = `Asked ${formatCount(stats.asked)} of ${of}`;
    else if (stats.answered > 0) qa = `Answered ${formatCount(stats.answered)} of ${of}`;
    else qa = `Neither asked nor answered any of ${of}`;
    lines.push('', qa);
  }
  if (stats.labels.length > 0) {
    const uses = stats.labels.map((l) => `${code(l.text)} ×${l.count}`);
    lines.push('', `${stats.labels.length > 1 ? 'Labels' : 'Label'}: ${uses.join(', ')}`);
  }
  return lines.join('\n');
}

/** The hover at `pos`, or null when `pos` is not on a speaker's label or roster entry. */
export function speakerHover(text: TextSource, model: TranscriptModel, pos: { line: number; col: number }): SpeakerHover | null {
  const at = speakerAt(text, model, pos);
  if (!at) return null;
  const stats = speakerStats(model)[at.speaker];
  if (!stats) return null;
  return { markdown: speakerHoverText(model, stats), span: at.span, speaker: at.speaker };
}
