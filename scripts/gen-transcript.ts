/**
 * Deterministic generator of a realistic block-dialect transcript (the NATO press-conference
 * layout: a preamble, then a speaker label alone on its line, a blank line, and paragraphs of
 * speech separated by blank lines), for benchmarks.
 *
 *   import { generateTranscript } from './gen-transcript.ts';
 *   const text = generateTranscript(10_000_000, 1); // ~10 MB of UTF-8, same text for the same seed
 *
 * Run directly to write one to stdout: node --import tsx scripts/gen-transcript.ts [bytes] [seed]
 * All names are fictional.
 */

/** mulberry32: a small, fast, seeded PRNG returning floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedTranscript {
  text: string;
  /** UTF-8 size of `text`. */
  bytes: number;
  /** Number of lines (the text ends with a line break). */
  lines: number;
  /** Turns written (one per label). */
  turns: number;
  /** 1-based line of each turn's label (the gold turn starts). */
  turnLines: number[];
  /** Question turns followed by an answer before the next question (GOLD-FORMAT's pair rule). */
  pairs: number;
  /** Distinct speakers, the anonymous questioner included. */
  speakers: number;
}

interface SpeakerDef {
  name: string;
  /** The ways the label is written; the first is the most common. */
  labels: string[];
}

const NBSP = '\u00a0';

const SECRETARY: SpeakerDef = {
  name: 'Anna Lindqvist',
  labels: [
    'NATO Secretary General Anna Lindqvist',
    `Anna Lindqvist, NATO Secretary General${NBSP}`,
    'Anna Lindqvist, NATO Secretary General',
    'Secretary General Anna Lindqvist',
  ],
};
const MINISTER: SpeakerDef = {
  name: 'Tomas Berg',
  labels: ['Prime Minister Tomas Berg', 'Tomas Berg, Prime Minister', `Prime Minister of the host nation, Tomas Berg${NBSP}`],
};
const SPOKESPERSON: SpeakerDef = {
  name: 'Claire Dumont',
  labels: ['NATO Spokesperson Claire Dumont', 'Claire Dumont, NATO Spokesperson', 'Spokesperson Claire Dumont'],
};

/** [text, singular?, proper noun?] */
const SUBJECTS: readonly [string, boolean, boolean][] = [
  ['We', false, false], ['Allies', false, true], ['The Alliance', true, false], ['Our partners', false, false],
  ['Ukraine', true, true], ['Europe', true, true], ['Canada and the United States', false, true], ['NATO', true, true],
  ['The defence industry', true, false], ['Our armed forces', false, false], ['Every Ally', true, false],
  ['The Europeans', false, false], ['The Defence Ministers', false, false], ['This Alliance', true, false],
];
const Q_SUBJECTS: readonly [string, boolean][] = [
  ['Allies', false], ['NATO', true], ['Europe', true], ['the Alliance', true], ['the United States', true], ['Ukraine', true],
  ['the defence industry', true], ['your government', true],
];
/** [plural, singular] */
const VERBS: readonly [string, string][] = [
  ['need to invest more in', 'needs to invest more in'], ['are stepping up on', 'is stepping up on'],
  ['will continue to support', 'will continue to support'], ['have agreed on', 'has agreed on'],
  ['are committed to', 'is committed to'], ['must strengthen', 'must strengthen'], ['are discussing', 'is discussing'],
  ['will deliver on', 'will deliver on'], ['are ramping up', 'is ramping up'],
  ['cannot be complacent about', 'cannot be complacent about'], ['have made real progress on', 'has made real progress on'],
  ['are taking more responsibility for', 'is taking more responsibility for'],
  ['will never compromise on', 'will never compromise on'], ['are working hard on', 'is working hard on'],
];
const OBJECTS = [
  'air and missile defence', 'our collective defence', 'deterrence on the eastern flank', 'the production of ammunition',
  'interceptors', 'the 5% target', 'cyber resilience', 'the industrial base', 'support for Ukraine', 'the transatlantic bond',
  'critical infrastructure', 'security in the High North', 'the new capability targets', 'the Prioritised Requirements List',
  'undersea cables in the Baltic Sea', 'our defence plans', 'the fight against terrorism', 'innovation and new technologies',
];
const OPENERS = [
  '', '', '', 'Well, ', 'Of course, ', 'And ', 'So, ', 'Let me be clear: ', 'I think ', 'As you know, ', 'Look, ', 'Again, ',
  'At the same time, ', 'Frankly, ', 'Yesterday, ', 'In the end, ',
];
const TAILS = [
  '', '', '', ' as we speak', ' in the months ahead', ', and that is crucial', ', no doubt about it', ' this year', ' together',
  ' across the Alliance', ' and we will keep doing that', ', which is very important', ' in the long run', ` – and that’s a fact`,
];
const ASIDES = [
  'This is not a sprint, it is a marathon.',
  'Nobody should be under any illusion about that.',
  'The numbers speak for themselves: 35,000 casualties in December, 30,000 in January.',
  'We agreed on this at the Summit, all 32 Allies.',
  'That is the reality, and we have to deal with it.',
  'I will not speculate on that.',
  'I’m not going to negotiate here in public.',
  'And I’m absolutely convinced that we can do this.',
  'We are not there yet, but we are moving in the right direction.',
  'It is basically the speed of a garden snail what we are seeing on the front line.',
];
const Q_OPENERS = [
  'Secretary General, ', 'Thank you. ', 'Mr. Prime Minister, ', 'Secretary General, thank you. ', 'Yes, thank you very much. ',
  'A question for both of you. ', 'Hello, ', '', 'Thank you, Secretary General. ',
];
const Q_BODIES = [
  'do you expect Allies to reach {O} before the next Summit?',
  'what is your message to those who say {S} is not doing enough on {O}?',
  'how do you respond to criticism that {S} {V} {O} too slowly?',
  'is it realistic that {S} {V} {O} within five years?',
  'when will we see concrete results on {O}?',
  'can you tell us more about {O}, and whether it was discussed today?',
  'will {S} also discuss {O} with the United States?',
  'are you worried about {O}?',
  'what exactly was agreed on {O}, and who is going to pay for it?',
];
const HANDOVERS = [
  'We have time for a few questions. Please state your name and your outlet.',
  'Next question, please. The gentleman in the third row.',
  'Let’s take one more question from the back.',
  'Thank you. We’ll go to the lady on the left.',
  'We are running out of time, so please keep your questions short.',
];
const PREAMBLE = [
  'NATO MULTIMEDIA ACCOUNT',
  '',
  'Subscribe to our newsletter',
  '',
  'If you would also like to subscribe to the newsletter and receive our latest updates, click on the button below.',
  '',
  'Press conference',
  '',
  'by NATO Secretary General Anna Lindqvist and Prime Minister Tomas Berg following the meeting of the North Atlantic Council',
  '',
  '14 Feb. 2026',
  '',
  '(As delivered)',
  '',
];

/**
 * A block-dialect transcript of about `bytes` UTF-8 bytes (it stops after the first complete turn
 * that reaches the size), with counts of what it wrote. Same bytes and seed → same text.
 */
export function generateTranscriptDetailed(bytes: number, seed = 1): GeneratedTranscript {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const chance = (p: number): boolean => rnd() < p;
  const between = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));

  const parts: string[] = [];
  let size = 0;
  let lines = 0;
  const put = (line: string): void => {
    parts.push(line, '\n');
    size += Buffer.byteLength(line) + 1;
    lines++;
  };

  const sentence = (): string => {
    if (chance(0.12)) return pick(ASIDES);
    const opener = pick(OPENERS);
    const [subject, singular, proper] = pick(SUBJECTS);
    const verb = pick(VERBS)[singular ? 1 : 0];
    const subj = opener && !proper && subject !== 'We' ? subject.charAt(0).toLowerCase() + subject.slice(1) : opener && subject === 'We' ? 'we' : subject;
    return `${opener}${subj} ${verb} ${pick(OBJECTS)}${pick(TAILS)}.`;
  };
  const paragraph = (min: number, max: number): string => {
    const n = between(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(sentence());
    if (chance(0.03)) out.push('(Laughter.)');
    return out.join(' ');
  };
  const questionBody = (): string => {
    const [subject, singular] = pick(Q_SUBJECTS);
    let body = pick(Q_BODIES)
      .replace('{S}', subject)
      .replace('{V}', pick(VERBS)[singular ? 1 : 0])
      .replace('{O}', pick(OBJECTS));
    if (chance(0.1)) {
      const words = body.split(' ');
      words.splice(between(1, Math.max(1, words.length - 2)), between(1, 2), '[inaudible]');
      body = words.join(' ');
    }
    return body;
  };
  const capitalize = (x: string): string => x.charAt(0).toUpperCase() + x.slice(1);
  const question = (): string => {
    const prefix = `${pick(Q_OPENERS)}${chance(0.4) ? `${sentence()} ` : ''}`;
    const body = questionBody();
    return prefix === '' || prefix.endsWith('. ') ? `${prefix}${capitalize(body)}` : `${prefix}${body}`;
  };

  let turns = 0;
  let pairs = 0;
  let pendingQuestion = false;
  const used = new Set<string>();
  const turnLines: number[] = [];
  const turn = (label: string, paragraphs: string[], kind: 'question' | 'answer' | 'other' | 'statement', who: string): void => {
    turnLines.push(lines + 1);
    put(label);
    put('');
    for (const p of paragraphs) {
      put(p);
      put('');
    }
    turns++;
    used.add(who);
    if (kind === 'question') pendingQuestion = true;
    else if (kind === 'answer' && pendingQuestion) {
      pairs++;
      pendingQuestion = false;
    }
  };
  const label = (s: SpeakerDef): string => (chance(0.8) ? s.labels[0] : pick(s.labels));
  const speech = (minParas: number, maxParas: number): string[] => {
    const out: string[] = [];
    const n = between(minParas, maxParas);
    for (let i = 0; i < n; i++) out.push(chance(0.04) ? '(Laughter.)' : paragraph(2, 7));
    return out;
  };

  for (const line of PREAMBLE) put(line);

  while (size < bytes) {
    // Opening statements, then a round of questions, then (for long files) the next session.
    turn(label(SECRETARY), speech(3, 7), 'statement', SECRETARY.name);
    if (chance(0.6)) turn(label(MINISTER), speech(2, 5), 'statement', MINISTER.name);
    turn(label(SPOKESPERSON), [pick(HANDOVERS)], 'other', SPOKESPERSON.name);
    const questions = between(6, 14);
    for (let q = 0; q < questions && size < bytes; q++) {
      turn('Question', [question(), ...(chance(0.2) ? [question()] : [])], 'question', 'Question');
      const answerer = chance(0.75) ? SECRETARY : MINISTER;
      turn(label(answerer), speech(1, 4), 'answer', answerer.name);
      if (chance(0.15)) {
        const other = answerer === SECRETARY ? MINISTER : SECRETARY;
        turn(label(other), speech(1, 2), 'answer', other.name);
      }
      if (chance(0.12)) {
        // A short follow-up from the same journalist.
        turn('Question', [chance(0.5) ? 'And the deadline?' : `Just to follow up: ${questionBody()}`], 'question', 'Question');
        turn(label(answerer), speech(1, 2), 'answer', answerer.name);
      }
      if (chance(0.25) && q < questions - 1) turn(label(SPOKESPERSON), [pick(HANDOVERS)], 'other', SPOKESPERSON.name);
    }
    if (size < bytes) turn(label(SPOKESPERSON), ['Thank you very much. This concludes the press conference.'], 'other', SPOKESPERSON.name);
  }
  const text = parts.join('');
  return { text, bytes: size, lines, turns, turnLines, pairs, speakers: used.size };
}

/** A block-dialect transcript of about `bytes` UTF-8 bytes; deterministic for a given seed. */
export function generateTranscript(bytes: number, seed = 1): string {
  return generateTranscriptDetailed(bytes, seed).text;
}

// Run directly: write a transcript to stdout.
if (typeof require !== 'undefined' && typeof module !== 'undefined' && require.main === module) {
  const bytes = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(generateTranscript(bytes, seed));
}
