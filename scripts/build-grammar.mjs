// Builds the TextMate grammar syntaxes/transcript.tmLanguage.json. This script is the source of
// truth: do NOT edit the JSON by hand — change this file and regenerate.
//
//   node scripts/build-grammar.mjs           rewrite syntaxes/transcript.tmLanguage.json
//   node scripts/build-grammar.mjs --check   exit 1 if the committed JSON is out of date (for CI)
//
// The regexes are Oniguruma (what VS Code runs), written as JavaScript strings, so every regex
// backslash is doubled: '\\d' here is \d in the grammar. Grammar tests: npm run test:grammar.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_REL = 'syntaxes/transcript.tmLanguage.json';
const OUT = path.join(ROOT, OUT_REL);

// ============================================================================ regex pieces

// ---- white space and line starts
const HWS = '[ \\t\\x{00A0}]'; // horizontal white space, incl. no-break space
const SP = '[ \\x{00A0}]'; // the single space between the words of a name
const BOL = '(?:^|\\G)'; // line start, or right after a court line number (\G)
const LINE_START = `${BOL}${HWS}*`; // where line-start constructs may begin
const LINE_NUMBER = '(?:[1-9]|1\\d|2[0-5])'; // court-reporter line number 1-25
const ESC_OPEN = '\\\\\\['; // markdown-escaped \[
const ESC_CLOSE = '\\\\\\]'; // markdown-escaped \]

// ---- name token: 1-6 capitalised words, e.g. "MS. PSAKI", "Jean-Claude van Damme", "Speaker 1"
const WORD_CHAR = "[\\p{L}\\p{M}\\p{N}'’\\-]";
const CAP_WORD = `\\p{Lu}${WORD_CHAR}*\\.?`; // Mark, MS., O'Brien, Jean-Claude, Szücs, McDONALD
const NUM_WORD = '\\d{1,3}(?!\\d)(?!:\\d)'; // the 1 in "Speaker 1" (but not the start of 1:23)
// Lower-case words allowed between capitalised ones (up to 3 in a row): "Ursula von der Leyen".
const PARTICLES = [
  'de', 'da', 'di', 'do', 'du', 'del', 'della', 'der', 'den', 'des', 'dos', 'das', 'la', 'le',
  'van', 'von', 'al', 'el', 'bin', 'ibn', 'ben', 'y', 'zu', 'ter', 'ten', 'of', 'the', 'for', 'and', 'on',
];
const PARTICLE = `(?:${PARTICLES.join('|')})`;
const NAME_WORDS = `${CAP_WORD}(?:${SP}(?:${PARTICLE}${SP}){0,3}(?:${CAP_WORD}|${NUM_WORD})){0,5}`;

// ---- stoplist: "Word:" lines that are metadata or discourse, not speakers (case-insensitive
// regex alternatives; an optional number may follow: "Part 2:", "Episode 14:")
const STOPWORDS = [
  'notes?', 'languages?', '(?:meeting |publication |release |recording )?(?:date|time)', 'location', 'place', 'venue',
  'subject', 're', 'title', 'sources?', 'updated?', 'posted', 'published', 'tags?', 'keywords?',
  'categor(?:y|ies)', 'duration', 'length', 'contents', 'summary', 'transcript(?:ion)?', 'warning', 'caution',
  'disclaimer', 'copyright', "editor['’]s note", 'corrections?', 'related', 'share', 'links?', 'url', 'e-?mail',
  'phone', 'tel', 'fax', 'website', 'credits?', 'photo', 'video', 'audio', 'image', 'from', 'to', 'cc', 'sent',
  'chapter', 'part', 'episode', 'season', 'section', 'page', 'step', 'item', 'agenda', 'references?',
  'see also', 'read more', 'attendees', 'present', 'speakers',
  'one', 'two', 'three', 'four', 'five', 'first(?:ly)?', 'second(?:ly)?', 'third(?:ly)?', 'fourth', 'fifth',
  'finally', 'lastly', 'also', 'example', 'for example', 'yes', 'no', 'well', 'so', 'now', 'look', 'listen',
  'again', 'but', 'and', 'or', 'then', 'today', 'yesterday', 'tomorrow', 'remember', 'imagine', 'answer', 'question',
];
const NOT_STOPWORD = `(?!(?i:${STOPWORDS.join('|')})(?:${SP}\\d+)?${HWS}?:)`;

// A speaker name, with an optional ", Role": "John Kirby, National Security Council Spokesman".
const NAME = `${NOT_STOPWORD}${NAME_WORDS}(?:,${SP}${NAME_WORDS})?`;

// ---- timestamps
const TS_HMS = '\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d{1,3})?'; // 01:02:03, 1:02:03.450
const TS_MS = '\\d{1,3}:\\d{2}(?:[.,]\\d{1,3})?'; // 0:03, 104:59,5
const TS = `(?:${TS_HMS}|${TS_MS})`;
const TS_BARE = `(?<![\\d:])${TS}(?![\\d:])`; // not part of a longer run of digits and colons
const TS_ANY = `(?:\\[${TS}\\]|\\(${TS}\\)|${ESC_OPEN}${TS}${ESC_CLOSE}|${TS_BARE})`; // [..] (..) \[..\] or bare
const CUE_TIME = '(?:\\d{1,}:)?\\d{2}:\\d{2}[.,]\\d{3}'; // WebVTT / SRT: 00:01.000, 00:00:01,000
// Wall-clock time alone on a line (White House): 1:13 P.M. EDT
const CLOCK_TIME = `(?<![\\d:])\\d{1,2}:\\d{2}(?::\\d{2})?(?:${HWS}*[AaPp]\\.?[Mm]\\.?)?(?:${HWS}+\\p{Lu}{2,5})?`;

// ---- label parts (capture groups included, so order matters where they are composed)
const CHANGE = `(?:(>>)${HWS}*)?`; // optional closed-caption speaker change ">>" (captured)
const PAREN = `(?:\\([^()\\n]{1,80}\\)|\\[[^\\[\\]\\n]{1,80}\\])`; // (NATO) [00:01:23]
const ANNOTATION = `(?:${HWS}+(${PAREN}))?`; // optional (affiliation) / [timestamp] after a name (captured)
const SEP_AHEAD = `(?=${HWS}|$)`; // what must follow a label's colon
const COLON = `${HWS}?(:)${SEP_AHEAD}`; // the label's colon (captured)
const OPTIONAL_COLON_EOL = `${HWS}?(:)?${HWS}*$`; // optional colon (captured), then end of line
// After a bare Q or A: "." or ":" (captured), or a tab, a no-break space, two spaces or end of line.
const QA_LETTER_END = `(?:(\\.|:)${SEP_AHEAD}|(?=[ ]*[\\t\\x{00A0}]|[ ]{2}|[ ]*$))`;
const QUESTION = 'Question|QUESTION';
const ANSWER = 'Answer|ANSWER';

// ---- note words: a parenthetical starting with one of these is a stage direction, "(laughs)"
const NOTE_WORDS = [
  'laugh\\w*', 'applause', 'inaudible', 'unintelligible', 'indiscernible', 'crosstalk', 'cross-talk', 'overlapping',
  'pause[ds]?', 'silence', 'music', 'sighs?', 'cough\\w*', 'chuckl\\w*', 'clears throat', 'no audio', 'audio', 'video',
  'break', 'recess', 'off[ -]mic\\w*', 'off the record', 'on the record', 'whereupon', 'speaking',
  'in (?:french|spanish|german|italian|russian|ukrainian|arabic|chinese)', 'through (?:an )?interpreter',
  'via interpreter', 'interpret\\w*', 'translat\\w*', 'as delivered', 'as prepared', 'check against delivery',
  'phonetic', 'ph', 'sic', 'beginning of', 'end of', 'begin', 'end', 'continued', "cont'd", 'technical', 'noise',
  'booing', 'boos', 'cheer\\w*', 'groans?', 'simultaneous', 'unidentified', 'unknown', 'garbled', 'static',
  'background', 'gavel', 'bell', 'recording', 'tape', 'transcript',
];

// ============================================================================ scopes and helpers

const scope = (s) => `${s}.transcript`;
// Scope names used by several rules.
const S = {
  label: scope('meta.speaker-label'),
  speaker: scope('entity.name.tag.speaker'),
  sep: scope('punctuation.separator.speaker'),
  q: scope('keyword.other.question'),
  a: scope('keyword.other.answer'),
  ts: scope('constant.numeric.timestamp'),
  tsBegin: scope('punctuation.definition.timestamp.begin'),
  tsEnd: scope('punctuation.definition.timestamp.end'),
  note: scope('comment.block.note'),
  noteBegin: scope('punctuation.definition.comment.begin'),
  noteEnd: scope('punctuation.definition.comment.end'),
  stage: scope('meta.stage-direction'),
  bold: scope('markup.bold'),
  boldP: scope('punctuation.definition.bold'),
  role: scope('entity.other.attribute-name.role'),
  change: scope('punctuation.definition.speaker-change'),
  frontmatterP: scope('punctuation.definition.frontmatter'),
  webvttTagBegin: scope('punctuation.definition.tag.begin.webvtt'),
  webvttTagEnd: scope('punctuation.definition.tag.end.webvtt'),
  webvttTag: scope('entity.name.tag.webvtt'),
  webvttClass: scope('entity.other.attribute-name.class.webvtt'),
  chatHeader: scope('keyword.other.header.chat'),
  chatHeaderP: scope('punctuation.definition.header.chat'),
  chatHeaderSep: scope('punctuation.separator.header.chat'),
};

const include = (ref) => ({ include: ref });

/**
 * A `captures` map for groups 1, 2, 3, ... in order. Each entry is a scope name, an object
 * ({ name } / { patterns }), or '' for a group that gets nothing (left out of the map).
 */
const groups = (...entries) =>
  Object.fromEntries(
    entries
      .map((e, i) => [String(i + 1), typeof e === 'string' ? { name: e } : e])
      .filter(([, v]) => v.name || v.patterns),
  );

const speakerCapture = { name: S.speaker };
const annotationCapture = { patterns: [include('#label-annotation')] };
const timestampCapture = { patterns: [include('#timestamps'), include('#bare-timestamp')] };

/** **Q:** / **Q**: style labels for one keyword (`words`), colon inside and outside the bold. */
const boldQaLabels = (words, keyword) => [
  {
    match: `${LINE_START}((\\*\\*)(${words})(\\.|:)(\\*\\*))${SEP_AHEAD}`,
    name: S.label,
    captures: groups(S.bold, S.boldP, keyword, S.sep, S.boldP),
  },
  {
    match: `${LINE_START}((\\*\\*)(${words})(\\*\\*))(\\.|:)${SEP_AHEAD}`,
    name: S.label,
    captures: groups(S.bold, S.boldP, keyword, S.boldP, S.sep),
  },
];

// ============================================================================ grammar
// Key order below is the key order of the JSON.

const grammar = {
  $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
  name: 'Transcript',
  scopeName: 'text.transcript',
  fileTypes: ['transcript'],
  comment:
    'Transcripts: press conferences, interviews, depositions, podcasts, TalkBank CHAT, WebVTT. ' +
    'Only what a line-local regex can see is coloured. Speaker labels alone on a line without a colon or timestamp ' +
    '(e.g. "NATO Secretary General Mark Rutte") are left to the language server\'s semantic tokens.',
  patterns: [
    include('#front-matter'),
    include('#webvtt'),
    include('#chat'),
    include('#whereupon'),
    include('#line-numbered'),
    include('#line-start'),
    include('#inline'),
  ],
  repository: {
    // ---------------------------------------------------------------- front matter
    'front-matter': {
      comment:
        'YAML front matter between --- lines at the very top of the file. The inner begin/while rule ends at the ' +
        'closing --- even when the YAML inside is broken (an unterminated quote cannot swallow the transcript).',
      begin: `\\A(?=---${HWS}*$)`,
      end: `^(---|\\.\\.\\.)${HWS}*$`,
      endCaptures: groups(S.frontmatterP),
      applyEndPatternLast: true,
      name: scope('meta.frontmatter'),
      patterns: [
        {
          begin: `\\A(---)${HWS}*$`,
          beginCaptures: groups(S.frontmatterP),
          while: `^(?!(?:---|\\.\\.\\.)${HWS}*$)`,
          contentName: scope('meta.embedded.block.frontmatter'),
          patterns: [
            include('source.yaml'),
            {
              comment: 'Fallback while no YAML grammar is installed (vscode-textmate drops a rule whose only include is missing).',
              match: `^${HWS}*(#).*$`,
              name: scope('comment.line.number-sign.yaml'),
              captures: groups(scope('punctuation.definition.comment.yaml')),
            },
          ],
        },
      ],
    },

    // ---------------------------------------------------------------- WebVTT / SRT
    webvtt: {
      patterns: [
        include('#webvtt-header'),
        include('#webvtt-note'),
        include('#webvtt-style'),
        include('#webvtt-region'),
        include('#cue-timing'),
      ],
    },
    'webvtt-header': {
      match: `^(WEBVTT)(?=${HWS}|$)(.*)$`,
      captures: groups(scope('keyword.other.header.webvtt'), scope('string.unquoted.title.webvtt')),
      name: scope('meta.header.webvtt'),
    },
    'webvtt-note': {
      comment: 'NOTE block: runs to the next blank line.',
      begin: `^(NOTE)(?=${HWS}|$)`,
      beginCaptures: groups(scope('keyword.other.note.webvtt')),
      end: `^(?=${HWS}*$)`,
      name: scope('comment.block.note.webvtt'),
    },
    'webvtt-style': {
      begin: `^(STYLE)${HWS}*$`,
      beginCaptures: groups(scope('keyword.other.style.webvtt')),
      end: `^(?=${HWS}*$)`,
      contentName: scope('meta.embedded.block.css'),
      patterns: [
        include('source.css'),
        {
          comment: 'Fallback while no CSS grammar is installed.',
          match: '/\\*.*?\\*/',
          name: scope('comment.block.css'),
        },
      ],
    },
    'webvtt-region': {
      begin: `^(REGION)${HWS}*$`,
      beginCaptures: groups(scope('keyword.other.region.webvtt')),
      end: `^(?=${HWS}*$)`,
      name: scope('meta.region.webvtt'),
      patterns: [include('#cue-settings')],
    },
    'cue-timing': {
      comment: 'WebVTT / SRT cue timing line: 00:00:01.000 --> 00:00:04.000 align:start',
      match: `^${HWS}*(${CUE_TIME})${HWS}+(-->)${HWS}+(${CUE_TIME})(.*)$`,
      name: scope('meta.cue-timing.webvtt'),
      captures: groups(S.ts, scope('keyword.operator.arrow.webvtt'), S.ts, { patterns: [include('#cue-settings')] }),
    },
    'cue-settings': {
      match: '([\\w-]+)(:)(\\S+)',
      captures: groups(
        scope('entity.other.attribute-name.cue-setting.webvtt'),
        scope('punctuation.separator.key-value.webvtt'),
        scope('constant.other.cue-setting.webvtt'),
      ),
    },
    'webvtt-tags': {
      patterns: [
        {
          comment: 'Voice tag <v Name> / <v.loud Name>: the annotation is the speaker.',
          match: `(<)(v)((?:\\.[\\w-]+)*)${HWS}+([^>]*?)${HWS}*(>)`,
          name: scope('meta.tag.voice.webvtt'),
          captures: groups(S.webvttTagBegin, S.webvttTag, S.webvttClass, S.speaker, S.webvttTagEnd),
        },
        {
          comment: 'Cue-text timestamp <00:00:01.500>',
          match: `(<)(${CUE_TIME})(>)`,
          name: S.ts,
          captures: groups(S.tsBegin, '', S.tsEnd),
        },
        {
          comment: 'Other cue-text tags: <c.yellow> <i> <b> <u> <ruby> <rt> <lang en> and their end tags.',
          match: `(</?)(c|i|b|u|v|ruby|rt|lang)((?:\\.[\\w-]+)*)(?:${HWS}+([^>]*?))?${HWS}*(>)`,
          name: scope('meta.tag.webvtt'),
          captures: groups(
            S.webvttTagBegin,
            S.webvttTag,
            S.webvttClass,
            scope('string.unquoted.annotation.webvtt'),
            S.webvttTagEnd,
          ),
        },
      ],
    },

    // ---------------------------------------------------------------- TalkBank CHAT
    chat: { patterns: [include('#chat-header'), include('#chat-utterance'), include('#chat-tier')] },
    'chat-header': {
      patterns: [
        {
          comment: '@Participants:\tPAR Investigator, INV Participant: the codes are speakers.',
          begin: '^((@)Participants)(:)',
          beginCaptures: groups(S.chatHeader, S.chatHeaderP, S.chatHeaderSep),
          while: '^\\t',
          name: scope('meta.header.chat'),
          patterns: [
            {
              match: `(?:(?<=:)|(?<=,)|\\G)${HWS}*([A-Za-z0-9_]{1,8})(?=${HWS}|,|$)`,
              captures: groups(S.speaker),
            },
          ],
        },
        {
          comment: '@Languages:\teng, @ID:\t..., @Comment:\t... (tab-indented continuation lines belong to it)',
          begin: '^((@)\\p{L}[\\p{L}\\p{N}_-]*(?: \\p{L}[\\p{L}\\p{N}_-]*)*)(:)',
          beginCaptures: groups(S.chatHeader, S.chatHeaderP, S.chatHeaderSep),
          while: '^\\t',
          name: scope('meta.header.chat'),
        },
        {
          comment: '@UTF8, @Begin, @End, @New Episode',
          match: `^((@)\\p{Lu}[\\p{L}\\p{N}_-]*(?: \\p{L}[\\p{L}\\p{N}_-]*)*)${HWS}*$`,
          name: scope('meta.header.chat'),
          captures: groups(S.chatHeader, S.chatHeaderP),
        },
      ],
    },
    'chat-utterance': {
      comment: 'Main tier *PAR:\t...; tab-indented lines continue it.',
      begin: '^(\\*)([A-Z][A-Z0-9_]{1,7})(:)(?=[\\t ]|$)',
      beginCaptures: groups(scope('punctuation.definition.speaker.chat'), S.speaker, S.sep),
      while: '^\\t',
      name: scope('meta.utterance.chat'),
      patterns: [include('#chat-codes'), include('#timestamps'), include('#notes')],
    },
    'chat-tier': {
      comment: 'Dependent tier %mor:\t... (and its tab-indented continuation lines).',
      begin: '^((%)[A-Za-z0-9]{1,8})(:)',
      beginCaptures: groups(scope('keyword.other.tier.chat'), scope('punctuation.definition.comment'), scope('punctuation.separator.tier.chat')),
      while: '^\\t',
      name: scope('comment.line.tier'),
    },
    'chat-codes': {
      patterns: [
        { comment: 'media bullet \u0015123_456\u0015', match: '\\x{15}\\d+_\\d+\\x{15}', name: S.ts },
        { comment: 'event &=laughs', match: '&=[\\p{L}\\p{N}_:\\-]+', name: S.note },
        { comment: 'filler &-uh, fragment &+fr, nonword &~ga', match: '&[-+~][\\p{L}\\p{N}_\\-]*', name: scope('keyword.other.code.chat') },
        { comment: 'untranscribed xxx yyy www', match: '(?<![\\p{L}])(?:xxx|yyy|www)(?![\\p{L}])', name: S.note },
        {
          comment: 'scope of a following annotation: <in the> [//]',
          match: '(<)([^<>\\n]*)(>)(?=\\s*\\[)',
          captures: groups(scope('punctuation.definition.group.begin.chat'), '', scope('punctuation.definition.group.end.chat')),
        },
        {
          comment: 'utterance terminator',
          match: '(?<=\\s)(?:\\+\\.\\.\\.|\\+\\.\\.\\?|\\+//?[.?]|\\+!\\?|\\+"/\\.|\\+"\\.|\\+\\.|[.?!])(?=\\s*(?:\\x{15}|$))',
          name: scope('punctuation.terminator.utterance.chat'),
        },
      ],
    },

    // ---------------------------------------------------------------- court layouts
    whereupon: {
      comment: 'Court-reporter parentheticals that wrap: (Whereupon, the deposition was\\n concluded at 4:15 p.m.)',
      begin: `^${HWS}*(?:${LINE_NUMBER}${HWS}+)?(\\()(?=Whereupon\\b|WHEREUPON\\b)`,
      beginCaptures: groups(S.noteBegin),
      end: '(\\))',
      endCaptures: groups(S.noteEnd),
      name: `${S.note} ${S.stage}`,
      patterns: [include('#timestamps')],
    },
    'line-numbered': {
      comment: 'Court-reporter layout: a line number 1-25, then the line (which may hold Q./A./labels).',
      begin:
        `^${HWS}*(${LINE_NUMBER})` +
        // followed by a wide gap or end of line, or by one space and something only a transcript line starts with
        `(?:(?=${HWS}{2,}|\\t|${HWS}*$)|(?=${HWS}+(?:[QA](?:\\.|:|${HWS}{2}|\\t)|BY${HWS}|THE${HWS}+\\p{Lu}|(?:MR|MS|MRS|DR)\\.)))`,
      beginCaptures: groups(scope('constant.numeric.line-number')),
      end: '$',
      name: scope('meta.line-numbered'),
      patterns: [include('#line-start'), include('#inline')],
    },

    // ---------------------------------------------------------------- line-start constructs
    'line-start': {
      patterns: [
        include('#examination-heading'),
        include('#by-line'),
        include('#question-line'),
        include('#answer-line'),
        include('#q-label'),
        include('#a-label'),
        include('#timestamp-line'),
        include('#timestamp-label'),
        include('#bold-qa-label'),
        include('#bold-label'),
        include('#timestamped-label-line'),
        include('#inline-label'),
        include('#stage-direction-line'),
        include('#markdown-heading'),
        include('#separator'),
        include('#speaker-change'),
      ],
    },
    'examination-heading': {
      match: `${LINE_START}((?:(?:FURTHER${HWS}+)?(?:DIRECT|CROSS|REDIRECT|RECROSS)[- ]|VOIR${HWS}+DIRE${HWS}+)?EXAMINATION)(?=${HWS}|$)`,
      captures: groups(scope('markup.heading.examination')),
    },
    'by-line': {
      comment: 'BY MR. SMITH: (examining counsel)',
      match: `${LINE_START}(BY)${HWS}+(${NAME})${COLON}`,
      name: scope('meta.examination'),
      captures: groups(scope('keyword.other.examination'), S.speaker, S.sep),
    },
    'question-line': {
      comment: 'Anonymous "Question" label alone on its line (NATO style).',
      match: `${LINE_START}(${QUESTION})${ANNOTATION}${HWS}*$`,
      name: S.label,
      captures: groups(S.q, annotationCapture),
    },
    'answer-line': {
      match: `${LINE_START}(${ANSWER})${ANNOTATION}${HWS}*$`,
      name: S.label,
      captures: groups(S.a, annotationCapture),
    },
    'q-label': {
      comment: 'Q. / Q: / Q followed by a tab, a no-break space or two spaces (White House style) / Question: / QUESTION (Reuters):',
      patterns: [
        {
          match: `${LINE_START}${CHANGE}(Q)${QA_LETTER_END}`,
          name: S.label,
          captures: groups(S.change, S.q, S.sep),
        },
        {
          match: `${LINE_START}${CHANGE}(${QUESTION})${ANNOTATION}${COLON}`,
          name: S.label,
          captures: groups(S.change, S.q, annotationCapture, S.sep),
        },
      ],
    },
    'a-label': {
      comment: 'A. / A: / A followed by a tab, a no-break space or two spaces / Answer:',
      patterns: [
        {
          match: `${LINE_START}${CHANGE}(A)${QA_LETTER_END}`,
          name: S.label,
          captures: groups(S.change, S.a, S.sep),
        },
        {
          match: `${LINE_START}${CHANGE}(${ANSWER})${ANNOTATION}${COLON}`,
          name: S.label,
          captures: groups(S.change, S.a, annotationCapture, S.sep),
        },
      ],
    },
    'timestamp-line': {
      comment: 'A time alone on its line: 1:13 P.M. EDT, END 1:26 P.M. EDT, 00:01:23, [00:01:23]',
      match: `${LINE_START}(?:(END)${HWS}+)?(${CLOCK_TIME}|${TS_ANY})${HWS}*$`,
      name: scope('meta.timestamp-line'),
      captures: groups(scope('keyword.other.end'), { name: S.ts, patterns: [include('#timestamp-punctuation')] }),
    },
    'timestamp-label': {
      comment: 'A lone timestamp label continuing the previous speaker: (01:51):',
      match: `${LINE_START}(${TS_ANY})${COLON}`,
      name: S.label,
      captures: groups(timestampCapture, S.sep),
    },
    'bold-qa-label': {
      comment: '**Q:** / **A.** / **Question:**',
      patterns: [...boldQaLabels(`Q|${QUESTION}`, S.q), ...boldQaLabels(`A|${ANSWER}`, S.a)],
    },
    'bold-label': {
      comment: '**Natalie Pistunovich:** / **Name**: / **Name** [00:00:00]',
      patterns: [
        {
          match: `${LINE_START}((\\*\\*)(${NAME})${ANNOTATION}${HWS}?(:)(\\*\\*))${SEP_AHEAD}`,
          name: S.label,
          captures: groups(S.bold, S.boldP, speakerCapture, annotationCapture, S.sep, S.boldP),
        },
        {
          match: `${LINE_START}((\\*\\*)(${NAME})${ANNOTATION}(\\*\\*))${COLON}`,
          name: S.label,
          captures: groups(S.bold, S.boldP, speakerCapture, annotationCapture, S.boldP, S.sep),
        },
        {
          match: `${LINE_START}((\\*\\*)(${NAME})(\\*\\*))${HWS}*(${TS_ANY})${OPTIONAL_COLON_EOL}`,
          name: S.label,
          captures: groups(S.bold, S.boldP, speakerCapture, S.boldP, timestampCapture, S.sep),
        },
      ],
    },
    'timestamped-label-line': {
      comment: 'Name and a timestamp alone on their line: "Lenny (00:52):", "Speaker 1  0:03", "Jane Doe [00:01:23]"',
      match: `${LINE_START}${CHANGE}(${NAME})${ANNOTATION}${HWS}+(${TS_ANY})${OPTIONAL_COLON_EOL}`,
      name: S.label,
      captures: groups(S.change, speakerCapture, annotationCapture, timestampCapture, S.sep),
    },
    'inline-label': {
      comment:
        'Name-like label before ":" + white space: "MS. PSAKI:", "MR. DOE:", "THE WITNESS:", "Lenny (00:52): text", ' +
        '"[00:01:23] Jane Doe: text". 1-6 capitalised words (particles such as "von", "of the" allowed inside), ' +
        'an optional ", Role", an optional (affiliation) or [timestamp].',
      match: `${LINE_START}${CHANGE}(?:(${TS_ANY})${HWS}+)?(${NAME})${ANNOTATION}${COLON}`,
      name: S.label,
      captures: groups(S.change, timestampCapture, speakerCapture, annotationCapture, S.sep),
    },
    'label-annotation': {
      comment: 'What is in parentheses/brackets after a name: a timestamp, or a role/affiliation.',
      patterns: [
        include('#timestamps'),
        {
          match: '(\\(|\\[)(.*)(\\)|\\])',
          captures: groups(scope('punctuation.definition.role.begin'), S.role, scope('punctuation.definition.role.end')),
        },
      ],
    },
    'stage-direction-line': {
      comment: 'A parenthetical or bracketed note alone on its line: (As delivered), [Music], (Laughter.)',
      match: `${LINE_START}(?:(\\()([^()\\n]+)(\\))|(\\[)([^\\[\\]\\n]+)(\\])|(${ESC_OPEN})(.*?)(${ESC_CLOSE}))${HWS}*$`,
      name: `${S.note} ${S.stage}`,
      captures: groups(
        ...[S.noteBegin, timestampCapture, S.noteEnd], // (...)
        ...[S.noteBegin, timestampCapture, S.noteEnd], // [...]
        ...[S.noteBegin, timestampCapture, S.noteEnd], // \[...\]
      ),
    },
    'markdown-heading': {
      match: `${BOL}(#{1,6})${HWS}+(.*?)${HWS}*#*${HWS}*$`,
      name: scope('markup.heading'),
      captures: groups(scope('punctuation.definition.heading'), scope('entity.name.section')),
    },
    separator: {
      match: `${LINE_START}(?:-{3,}|\\*{3,}|_{3,}|={3,})${HWS}*$`,
      name: scope('meta.separator'),
    },
    'speaker-change': {
      comment: 'Closed-caption speaker change marker >> at line start',
      match: `${LINE_START}(>>)`,
      captures: groups(S.change),
    },

    // ---------------------------------------------------------------- inline constructs
    inline: {
      patterns: [include('#webvtt-tags'), include('#timestamps'), include('#notes'), include('#bold')],
    },
    timestamps: {
      patterns: [
        {
          comment: 'Escaped markdown timestamp \\[04:29\\]',
          match: `(${ESC_OPEN})(${TS})(${ESC_CLOSE})`,
          name: S.ts,
          captures: groups(S.tsBegin, '', S.tsEnd),
        },
        {
          match: `(\\[)(${TS})(\\])`,
          name: S.ts,
          captures: groups(S.tsBegin, '', S.tsEnd),
        },
        {
          match: `(\\()(${TS})(\\))`,
          name: S.ts,
          captures: groups(S.tsBegin, '', S.tsEnd),
        },
        {
          comment: 'Bare h:mm:ss(.fff) anywhere; a bare m:ss is only a timestamp in label/timestamp lines.',
          match: `(?<![\\d:.,])${TS_HMS}(?![\\d:])`,
          name: S.ts,
        },
      ],
    },
    'bare-timestamp': {
      comment: 'Bare m:ss / h:mm:ss, used only where the context says it is a timestamp (label lines).',
      match: TS_BARE,
      name: S.ts,
    },
    'timestamp-punctuation': {
      patterns: [
        { match: `${ESC_OPEN}|\\[|\\(`, name: S.tsBegin },
        { match: `${ESC_CLOSE}|\\]|\\)`, name: S.tsEnd },
      ],
    },
    notes: {
      patterns: [
        {
          comment: 'Escaped markdown note \\[laughs\\]',
          match: `(${ESC_OPEN})(.*?)(${ESC_CLOSE})`,
          name: S.note,
          captures: groups(S.noteBegin, timestampCapture, S.noteEnd),
        },
        {
          comment: '[inaudible], [crosstalk 00:01:23], [Prioritised Ukraine Requirements List]; not a markdown link [text](url)',
          match: '(\\[)([^\\[\\]\\n]*)(\\])(?!\\()',
          name: S.note,
          captures: groups(S.noteBegin, timestampCapture, S.noteEnd),
        },
        {
          comment: 'Parenthetical stage directions: (Laughter.), (inaudible), (speaking in French), (sic)',
          match: `(\\()((?i:${NOTE_WORDS.join('|')})\\b[^()\\n]*)(\\))`,
          name: S.note,
          captures: groups(S.noteBegin, timestampCapture, S.noteEnd),
        },
        {
          comment: 'A capitalised parenthetical ending in a full stop: (Laughter.), (Inaudible.), (Cross-talk.)',
          match: '(\\()(\\p{Lu}[^()\\n]*\\.)(\\))',
          name: S.note,
          captures: groups(S.noteBegin, timestampCapture, S.noteEnd),
        },
      ],
    },
    bold: {
      match: '(\\*\\*)(?=\\S)(.+?)(?<=\\S)(\\*\\*)',
      name: S.bold,
      captures: groups(S.boldP, '', S.boldP),
    },
  },
};

// ============================================================================ write / check

const json = `${JSON.stringify(grammar, null, 2)}\n`;
const args = process.argv.slice(2);

if (args.length === 1 && args[0] === '--check') {
  let committed;
  try {
    // CRLF from a Windows checkout (core.autocrlf) is not drift.
    committed = fs.readFileSync(OUT, 'utf8').replace(/\r\n/g, '\n');
  } catch {
    committed = undefined;
  }
  if (committed !== json) {
    const problem = committed === undefined ? 'file is missing' : firstDifference(committed, json);
    console.error(
      `${OUT_REL} is out of date with scripts/build-grammar.mjs (${problem}).\n` +
        'The JSON is generated: run `node scripts/build-grammar.mjs` and commit the result; do not edit it by hand.',
    );
    process.exit(1);
  }
  console.log(`${OUT_REL} is up to date.`);
} else if (args.length === 0) {
  fs.writeFileSync(OUT, json);
  console.log(`wrote ${OUT_REL}`);
} else {
  console.error('usage: node scripts/build-grammar.mjs [--check]');
  process.exit(2);
}

/** "first difference at line N" for the check message. */
function firstDifference(actual, expected) {
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < a.length && i < e.length && a[i] === e[i]) i++;
  return `first difference at line ${i + 1}`;
}
