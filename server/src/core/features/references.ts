/**
 * References, document highlights and definition for speakers: from a label (or a front-matter
 * roster entry), every label of the same speaker whatever variant it uses; the definition is the
 * speaker's roster entry when the front matter declares one, else the speaker's first label.
 */

import type { TranscriptModel } from '../model.ts';
import type { Pos, Span } from './positions.ts';
import { labelMentions, rosterMentionsOf, speakerAt, type SpeakerMention } from './speakerRefs.ts';
import type { TextSource } from '../source.ts';

/**
 * Every place the speaker at `pos` is named: its labels in document order, and with
 * `includeDeclaration` its roster entry first. Empty when `pos` is not on a speaker.
 */
export function speakerReferences(text: TextSource, model: TranscriptModel, pos: Pos, includeDeclaration = true): SpeakerMention[] {
  const at = speakerAt(text, model, pos);
  if (!at) return [];
  const roster = includeDeclaration ? rosterMentionsOf(text, model, at.speaker) : [];
  return [...roster, ...labelMentions(model, at.speaker)];
}

export interface Highlight {
  span: Span;
  /** `write` for the declaration (the roster entry), `read` for the labels. */
  kind: 'read' | 'write';
}

/** The labels (and roster entry) of the speaker at `pos`, to highlight in the editor. */
export function speakerHighlights(text: TextSource, model: TranscriptModel, pos: Pos): Highlight[] {
  return speakerReferences(text, model, pos, true).map((m) => ({ span: m.span, kind: m.where === 'roster' ? 'write' : 'read' }));
}

/** Where the speaker at `pos` is declared: its roster entry, else its first label. Null off a speaker. */
export function speakerDefinition(text: TextSource, model: TranscriptModel, pos: Pos): SpeakerMention | null {
  const at = speakerAt(text, model, pos);
  if (!at) return null;
  const roster = rosterMentionsOf(text, model, at.speaker);
  if (roster.length > 0) return roster[0];
  return labelMentions(model, at.speaker)[0] ?? null;
}
