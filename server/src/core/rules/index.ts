/**
 * The registry of diagnostic rules, one file per rule. Ids are stable and never reused.
 * Docs in docs/rules/ are generated from this metadata.
 */
import type { Rule } from './types.ts';
import { unattributedSpeech } from './tr001-unattributed-speech.ts';
import { boilerplate } from './tr002-boilerplate.ts';
import { emptyLabel } from './tr003-empty-label.ts';
import { consecutiveLabels } from './tr004-consecutive-labels.ts';
import { labelTrailingWhitespace } from './tr005-label-trailing-whitespace.ts';
import { labelVariant } from './tr006-label-variant.ts';
import { labelMisspelling } from './tr007-label-misspelling.ts';
import { malformedLabel } from './tr008-malformed-label.ts';
import { unbalancedBrackets } from './tr009-unbalanced-brackets.ts';
import { unansweredQuestion } from './tr010-unanswered-question.ts';
import { speakerNotInRoster } from './tr011-speaker-not-in-roster.ts';
import { malformedTimestamp } from './tr012-malformed-timestamp.ts';
import { timestampBackwards } from './tr013-timestamp-backwards.ts';
import { sameSpeakerConsecutive } from './tr014-same-speaker-consecutive.ts';

export const RULES: readonly Rule[] = [
  unattributedSpeech,
  boilerplate,
  emptyLabel,
  consecutiveLabels,
  labelTrailingWhitespace,
  labelVariant,
  labelMisspelling,
  malformedLabel,
  unbalancedBrackets,
  unansweredQuestion,
  speakerNotInRoster,
  malformedTimestamp,
  timestampBackwards,
  sameSpeakerConsecutive,
];

export type { Rule } from './types.ts';
