/**
 * Per-speaker statistics: turns, words, share of the words, questions asked and answered (from the
 * Q&A pairs), label variants in use with their counts, the canonical label (the most used). Also
 * timestamps read as seconds, for talk time. Pure functions over the model.
 */

import type { QAPair, TranscriptModel } from '../model.ts';

export interface LabelUse {
  text: string;
  count: number;
}

export interface SpeakerStats {
  /** Index into `model.speakers`. */
  speaker: number;
  turns: number;
  /** Words of speech in the speaker's turns. */
  words: number;
  /** `words` over every word of speech in the document (0 when the document has none). */
  share: number;
  /** Q&A pairs whose question the speaker asked. */
  asked: number;
  /** Q&A pairs the speaker answered (at least one answer turn). */
  answered: number;
  /** The label variants in use, in first-use order, with the number of turns each labels. */
  labels: LabelUse[];
  /** The most used label (ties go to the first used), or null when the speaker has no label text. */
  canonical: string | null;
}

/** Every word of speech in the document, unattributed speech included. */
export function totalWords(model: TranscriptModel): number {
  let n = 0;
  for (const t of model.turns) n += t.words;
  return n;
}

/** The label variants of a speaker with their counts, in first-use order. */
export function labelUses(model: TranscriptModel, speaker: number): LabelUse[] {
  const counts = new Map<string, number>();
  for (const ti of model.speakers[speaker]?.turns ?? []) {
    const l = model.turns[ti]?.label;
    if (!l || l.form === 'dash' || l.text.trim() === '') continue;
    counts.set(l.text, (counts.get(l.text) ?? 0) + 1);
  }
  return [...counts].map(([text, count]) => ({ text, count }));
}

/** The most used label of a speaker; ties go to the first used. */
export function canonicalOf(uses: readonly LabelUse[]): string | null {
  let best: LabelUse | null = null;
  for (const u of uses) if (!best || u.count > best.count) best = u;
  return best ? best.text : null;
}

/** Statistics for every speaker, in `model.speakers` order. */
export function speakerStats(model: TranscriptModel): SpeakerStats[] {
  const total = totalWords(model);
  const asked = new Array<number>(model.speakers.length).fill(0);
  const answered = new Array<number>(model.speakers.length).fill(0);
  for (const p of model.pairs) {
    const q = model.turns[p.question]?.speaker ?? -1;
    if (q >= 0) asked[q]++;
    for (const s of new Set(p.answers.map((a) => model.turns[a]?.speaker ?? -1))) if (s >= 0) answered[s]++;
  }
  return model.speakers.map((sp, i) => {
    let words = 0;
    for (const ti of sp.turns) words += model.turns[ti]?.words ?? 0;
    const labels = labelUses(model, i);
    return {
      speaker: i,
      turns: sp.turns.length,
      words,
      share: total > 0 ? words / total : 0,
      asked: asked[i],
      answered: answered[i],
      labels,
      canonical: canonicalOf(labels),
    };
  });
}

/** The turns a pair spans: its question to its last answer, interjections between them included. */
export function pairTurns(pair: QAPair): number[] {
  const last = pair.answers.length ? pair.answers[pair.answers.length - 1] : pair.question;
  const out: number[] = [];
  for (let i = pair.question; i <= last; i++) out.push(i);
  return out;
}

/** Words of speech in a pair (question, answers and anything said between them). */
export function pairWords(model: TranscriptModel, pair: QAPair): number {
  let n = 0;
  for (const i of pairTurns(pair)) n += model.turns[i]?.words ?? 0;
  return n;
}

/** `00:52`, `1:02:03`, `0:03`, `00:00:01.500`, `[04:29]` as seconds, or null. */
export function timestampSeconds(ts: string | undefined): number | null {
  if (!ts) return null;
  const m = /(\d{1,3}):(\d{2})(?::(\d{2}))?(?:[.,](\d{1,3}))?/.exec(ts);
  if (!m) return null;
  const [a, b, c] = [Number(m[1]), Number(m[2]), m[3] === undefined ? null : Number(m[3])];
  const frac = m[4] ? Number(`0.${m[4]}`) : 0;
  return (c === null ? a * 60 + b : a * 3600 + b * 60 + c) + frac;
}

/** A duration as `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** The time a turn starts: the timestamp written with its label. */
export function turnTime(model: TranscriptModel, turn: number): number | null {
  return timestampSeconds(model.turns[turn]?.label?.timestamp);
}

/**
 * How long a pair lasts, in seconds: from its question's timestamp to the timestamp of the first
 * timed turn after its last answer. Null when the document has no such timestamps.
 */
export function pairDuration(model: TranscriptModel, pair: QAPair): number | null {
  const start = turnTime(model, pair.question);
  if (start === null) return null;
  const last = pair.answers.length ? pair.answers[pair.answers.length - 1] : pair.question;
  for (let i = last + 1; i < model.turns.length; i++) {
    const t = turnTime(model, i);
    if (t !== null) return t >= start ? t - start : null;
  }
  return null;
}

/** One formatter for all counts: `toLocaleString` builds a new one per call (~2 ms each in Node 20). */
const COUNT_FORMAT = new Intl.NumberFormat('en-US');

/** `1,234` */
export function formatCount(n: number): string {
  return COUNT_FORMAT.format(n);
}

/** `86.4%`, `<0.1%` */
export function formatShare(share: number): string {
  if (share <= 0) return '0%';
  if (share < 0.001) return '<0.1%';
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}
