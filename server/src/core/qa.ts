/**
 * Turn kinds and question-and-answer pairs. A document has Q&A structure when some speaker asks
 * (an anonymous `Question`/`Q.` label, or a questioner role such as a reporter, an interviewer,
 * an investigator); otherwise every turn is a statement, and chairs' turns are `other`.
 */

import { lowerBoundBy } from './lines.ts';
import type { QAPair, Speaker, SpeakerRole, Turn, TurnKind } from './model.ts';

/** Prompts that ask without a question mark: `tell me a story about this picture`. */
const PROMPT = /\b(tell me|tell us|describe|explain|talk (?:to us |me )?about|walk (?:me|us) through|show me|go ahead and|can you|could you|would you)\b/i;
/** Short replies that acknowledge rather than answer: `Yep.`, `Sure.`, `Okay.` */
const BACKCHANNEL = /^(yes|yep|yeah|yup|sure|okay|ok|right|uh-huh|mm-hmm|mhm|got it|i see|go ahead|please|thanks|thank you)\b/i;

/** What kind assignment needs to know of a turn's speech (label and notes removed). */
export interface TurnFacts {
  /** The speech contains a question mark. */
  asks: boolean;
  /** Its first sentence prompts without a question mark (`Tell me about...`). */
  prompts: boolean;
  /** It ends with a question mark or a dash and has at most 15 words: an answerer asking back. */
  asksBack: boolean;
  /** A short acknowledgement (`Yep.`, `Sure.`) that asks nothing. */
  backchannel: boolean;
}

/** The sixteen possible facts, shared: a turn keeps a pointer, not an object of its own. */
const FACTS: TurnFacts[] = Array.from({ length: 16 }, (_x, k) =>
  Object.freeze({ asks: (k & 1) !== 0, prompts: (k & 2) !== 0, asksBack: (k & 4) !== 0, backchannel: (k & 8) !== 0 }),
);

/** The facts of one turn's speech. */
export function turnFacts(text: string, words: number): TurnFacts {
  const asks = text.includes('?');
  // The prompt opens the turn, or closes it after a preamble (`You were born in Gdańsk... Tell me
  // about the shipyard.`).
  const prompts = PROMPT.test(firstSentence(text)) || PROMPT.test(lastSentence(text));
  const asksBack = words <= 15 && endsAsking(text);
  const backchannel = words <= 3 && BACKCHANNEL.test(text.trim()) && !asks;
  return FACTS[(asks ? 1 : 0) | (prompts ? 2 : 0) | (asksBack ? 4 : 0) | (backchannel ? 8 : 0)];
}

/**
 * Words and asking turns per speaker (which decide who mostly asks), kept across incremental
 * updates: an update takes the replaced turns' share out and adds the rebuilt turns'.
 */
export interface KindTally {
  words: Float64Array;
  asking: Int32Array;
  all: number;
}

/** The tally of every turn. */
export function tallyTurns(turns: readonly Turn[], facts: (i: number) => TurnFacts, speakerCount: number): KindTally {
  const t: KindTally = { words: new Float64Array(speakerCount), asking: new Int32Array(speakerCount), all: 0 };
  for (let i = 0; i < turns.length; i++) addToTally(t, turns[i].speaker, turns[i].words, facts(i).asks, 1);
  return t;
}

/** Adds (`sign` 1) or takes away (-1) one turn's share of the tally. */
export function addToTally(t: KindTally, speaker: number, words: number, asks: boolean, sign: number): void {
  if (speaker < 0) return;
  t.words[speaker] += sign * words;
  t.all += sign * words;
  if (asks) t.asking[speaker] += sign;
}

export interface KindInput {
  turns: Turn[];
  speakers: Speaker[];
  /** The tally of the turns (worked out when not given). */
  tally?: () => KindTally;
  /** The facts of turn `i`'s speech. */
  facts: (i: number) => TurnFacts;
  /** A pair's title from question turn `i` (its speech with inline notes kept). */
  title: (i: number) => string;
}

/**
 * What an incremental update knows of the kinds before it (the same turns with the same speakers,
 * turns `[from, to)` rebuilt, the others keeping their kinds): the speakers' parts and the pairs.
 */
export interface KindsBefore {
  from: number;
  to: number;
  parts: readonly SpeakerRole[];
  pairs: readonly QAPair[];
  /** Set by `assignKinds`: whether a turn outside `[from, to)` may have a new kind. */
  changedOutside?: boolean;
}

/**
 * Sets `turn.kind` on every turn and returns the Q&A pairs. With `before`, the kinds are worked
 * out again from the first rebuilt turn only until they meet the old ones again at a question
 * (after it, every kind depends on what it did before), and only the pairs around them are redone.
 */
export function assignKinds({ turns, speakers, facts, title, tally }: KindInput, before?: KindsBefore): QAPair[] {
  // Proceedings run by a chair (hearings, committees, parliaments, earnings calls): no label says
  // who asks, but the members who mostly ask questions are the questioners, and so is the chair
  // when it asks. Interviews and podcasts without a chair stay statements.
  const chaired = speakers.some((s) => s.part === 'moderator');
  // Likewise where some questions are already marked (`Audience`, `Question`), the other people
  // who mostly ask (`Speaker 3` at a press conference) are reporters too.
  const marked = speakers.some((s) => s.part === 'questioner');
  // Where a named speaker is declared the one asked (a forum thread's original poster), the
  // others who mostly ask are the questioners.
  const answered = speakers.some((s) => s.part === 'answerer' && !s.anonymous);
  if (chaired || marked || answered) {
    // Words and asking turns per speaker, in one pass (a long hearing has 100,000 turns), or kept
    // from before an edit.
    const { words, asking, all } = tally ? tally() : tallyTurns(turns, facts, speakers.length);
    const total = all || 1;
    // A chair who holds the floor and never asks is the one being asked (a central bank's chair at
    // a press conference, `CHAIR X.`), not the one running the questions.
    speakers.forEach((s, si) => {
      if (s.part !== 'moderator' || s.anonymous || s.turns.length < 3 || words[si] / total < 0.4) return;
      // Only a named chair: a moderator, host or operator runs the proceedings whatever they say.
      if (!/\bchair(?:man|woman|person)?\b/i.test(s.role) || /\b(?:moderator|host|operator|clerk|presiding|speaker|acting|deputy|vice)\b/i.test(s.role) || s.name === '' || /\bchair/i.test(s.name)) return;
      if (asking[si] > 0) return;
      speakers[si].part = 'speaker';
    });
    speakers.forEach((s, si) => {
      if (s.part !== 'speaker' || s.anonymous) return;
      const asks = asking[si];
      // Beside marked questions, only a minor voice is a reporter: the speaker who holds the
      // floor (`Do you have any questions?`) is not.
      if (!chaired && words[si] / total >= 0.15) return;
      if (asks > 0 && asks * 2 >= s.turns.length) speakers[si].part = 'questioner';
    });
  }
  const parts = speakers.map((s) => s.part);
  const partOf = (t: Turn) => (t.speaker >= 0 ? parts[t.speaker] : 'speaker');
  // A bench of several presiding members who ask (an appellate panel of judges) is the questioner
  // side even where no one else is.
  const askingChairs = new Set<number>();
  let questioner = false;
  for (let i = 0; i < turns.length && !questioner; i++) {
    const part = partOf(turns[i]);
    if (part === 'questioner') questioner = true;
    else if (part === 'moderator' && facts(i).asks) askingChairs.add(turns[i].speaker);
  }
  const hasQuestioner = questioner || askingChairs.size >= 2;
  // Where an anonymous answerer (`A.`) answers, named others (counsel's remarks) make statements.
  const anonAnswerer = speakers.some((s) => s.anonymous && s.part === 'answerer');
  if (before) before.changedOutside = !(before.parts.length === parts.length && before.parts.every((p, k) => p === parts[k]));
  if (!hasQuestioner) {
    for (const t of turns) t.kind = partOf(t) === 'moderator' ? 'other' : 'statement';
    return [];
  }
  let asked = false; // a question has been asked: later speech answers
  let lastAsk: TurnKind = 'other'; // kind of the latest questioner turn
  let start = 0;
  // Incremental: the same parts, and a questioner among them (so the kinds before were worked out
  // the same way); the state before the first rebuilt turn is read off the kept kinds.
  const incremental = before !== undefined && questioner && before.parts.length === parts.length && before.parts.every((p, k) => p === parts[k]);
  if (before && !incremental) before.changedOutside = true;
  if (incremental) {
    start = before.from;
    for (let i = 0; i < start && !asked; i++) if (turns[i].kind === 'question') asked = true;
    for (let i = start - 1; i >= 0; i--) {
      const p = partOf(turns[i]);
      if (p === 'questioner' || p === 'moderator') {
        lastAsk = turns[i].kind;
        break;
      }
    }
  }
  let met = turns.length;
  for (let i = start; i < turns.length; i++) {
    const t = turns[i];
    const old = incremental && i >= before.to ? t.kind : null;
    const part = partOf(t);
    const f = facts(i);
    let kind: TurnKind;
    if (part === 'questioner') {
      // A turn that asks; or one that restates the question after the answerer asked back
      // (`To address vaccine confidence or —`).
      const prev = turns[i - 1];
      const askedBack = prev !== undefined && partOf(prev) !== 'questioner' && facts(i - 1).asksBack;
      kind = f.asks || f.prompts || (askedBack && t.words >= 4) ? 'question' : 'other';
      if (kind === 'question') asked = true;
      lastAsk = kind;
    } else if (part === 'moderator') {
      // The chair asks too, in hearings: a chair's question is a question.
      kind = f.asks ? 'question' : 'other';
      if (kind === 'question') asked = true;
      lastAsk = kind;
    } else if (!asked || (anonAnswerer && part === 'speaker')) {
      kind = 'statement';
    } else {
      const next = turns[i + 1];
      // `Yep.` to a questioner's preamble that asked nothing yet acknowledges; it does not answer.
      kind = f.backchannel && lastAsk !== 'question' && next !== undefined && partOf(next) === 'questioner' ? 'other' : 'answer';
      if (t.speaker < 0 && t.words === 0) kind = 'other';
    }
    if (old !== null && old !== kind) before!.changedOutside = true;
    t.kind = kind;
    // A kept question asked as before: every later kind is as before.
    if (old === 'question' && kind === 'question') {
      met = i;
      break;
    }
  }
  if (!incremental) return pairsOf(turns, 0, turns.length, title);
  // Pairs: the old ones before the last question ahead of the rebuilt turns, anew up to the
  // question where the kinds met, the old ones from there (their turns moved with the lines).
  let qa = start - 1;
  while (qa >= 0 && turns[qa].kind !== 'question') qa--;
  const from = Math.max(0, qa);
  const old = before.pairs;
  const firstFrom = (q: number) => lowerBoundBy(old.length, (k) => old[k].question, q);
  const k = firstFrom(from);
  const rest = firstFrom(met);
  const fresh = pairsOf(turns, from, met, title);
  // The turns of the pairs after `met` all moved by the same number of lines (they follow the
  // rebuilt turns): when the first did not move, none did.
  const moved = (p: QAPair) => p.startLine !== turns[p.question].startLine || p.endLine !== turns[p.answers[p.answers.length - 1]].endLine;
  const still = rest >= old.length || !moved(old[rest]);
  if (still && fresh.length === rest - k) {
    // As many pairs as before around the rebuilt turns (typing in a line): the old list, changed in
    // place (the model it belongs to is consumed by the update).
    const out = old as QAPair[];
    for (let j = 0; j < fresh.length; j++) out[k + j] = fresh[j];
    return out;
  }
  const out = old.slice(0, k).concat(fresh);
  if (still) return out.concat(old.slice(rest));
  for (let j = rest; j < old.length; j++) {
    const p = old[j];
    out.push(moved(p) ? { ...p, startLine: turns[p.question].startLine, endLine: turns[p.answers[p.answers.length - 1]].endLine } : p);
  }
  return out;
}

/** The pairs of the questions in `[from, to)`: each with the answers that follow it before the next question. */
function pairsOf(turns: readonly Turn[], from: number, to: number, title: (i: number) => string): QAPair[] {
  const pairs: QAPair[] = [];
  for (let i = from; i < to; i++) {
    if (turns[i].kind !== 'question') continue;
    const answers: number[] = [];
    let j = i + 1;
    for (; j < turns.length && turns[j].kind !== 'question'; j++) if (turns[j].kind === 'answer') answers.push(j);
    if (answers.length === 0) continue;
    const last = answers[answers.length - 1];
    pairs.push({ question: i, answers, startLine: turns[i].startLine, endLine: turns[last].endLine, title: title(i) });
  }
  return pairs;
}

/** `.`, `?`, `!` or `…`: what ends a sentence. */
function isStop(c: number): boolean {
  return c === 46 || c === 63 || c === 33 || c === 0x2026;
}

/** `\s` of a regular expression, for one UTF-16 unit. */
function isRegexSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

/** The text ends with a question mark or a dash, then only white space (`/(\?|[—–-])\s*$/`). */
function endsAsking(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && isRegexSpace(text.charCodeAt(i))) i--;
  const c = i >= 0 ? text.charCodeAt(i) : 0;
  return c === 63 || c === 0x2014 || c === 0x2013 || c === 45;
}

/**
 * The last sentence of a text: its last run of words and the stops after it, when a stop and white
 * space come before that run (else the whole text). A backward scan: speech runs to thousands of
 * words, and this runs once per turn.
 */
export function lastSentence(text: string): string {
  const t = text.trim();
  let e = t.length;
  while (e > 0 && isStop(t.charCodeAt(e - 1))) e--;
  let b = e;
  while (b > 0 && !isStop(t.charCodeAt(b - 1))) b--;
  // The run must follow a stop and white space, and hold more than that white space.
  if (b === 0 || b === e || e - b < 2 || !isRegexSpace(t.charCodeAt(b))) return t;
  return t.slice(b).trim();
}

/** The first sentence of a text. */
export function firstSentence(text: string): string {
  const m = /^.*?[.?!…](?=\s|$)/su.exec(text.trim());
  return (m ? m[0] : text).trim();
}

/**
 * Where `titleOf` can stop reading: after the stops that end the first sentence holding a question
 * mark, else the first sentence. Stops before the first other character begin no sentence.
 */
function titleEnd(text: string): number {
  const n = text.length;
  let i = 0;
  while (i < n && isRegexSpace(text.charCodeAt(i))) i++;
  while (i < n && isStop(text.charCodeAt(i))) i++;
  let q = text.indexOf('?', i);
  if (q < 0) {
    q = i;
    while (q < n && !isStop(text.charCodeAt(q))) q++;
  }
  while (q < n && isStop(text.charCodeAt(q))) q++;
  return q;
}

/** A readable title: the first sentence that asks, else the first sentence, at most ~90 characters. */
export function titleOf(text: string): string {
  const t = text.slice(0, titleEnd(text)).replace(/\s+/g, ' ').trim();
  const sentences = t.match(/[^.?!…]+(?:[.?!…]+|$)/gu) ?? [t];
  let s = (sentences.find((x) => x.includes('?')) ?? sentences[0] ?? '').trim();
  if (s.length > 90) {
    const cut = s.lastIndexOf(' ', 88);
    s = `${s.slice(0, cut > 40 ? cut : 88).replace(/[,;:\s]+$/, '')}…`;
  }
  return s;
}
