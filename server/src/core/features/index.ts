/** Editor features over the pure core: plain data with 0-based lines and UTF-16 columns. */
export { documentSymbols, flattenSymbols, SEP, DEFAULT_OUTLINE_MAX_ITEMS, type OutlineSymbol, type OutlineKind, type SymbolOptions } from './symbols.ts';
export { foldingRanges, type Fold, type FoldKind } from './folding.ts';
export {
  semanticTokens,
  encodeTokens,
  decodeTokens,
  modifierMask,
  SEMANTIC_TOKENS_LEGEND,
  TOKEN_TYPES,
  TOKEN_MODIFIERS,
  type SemanticToken,
  type TokenType,
  type TokenModifier,
} from './semanticTokens.ts';
export { positionAt, offsetAt, spanOf, spanContains, type Pos, type Span } from './positions.ts';
export {
  labelAt,
  labelMentions,
  labelSpan,
  rosterMentions,
  rosterMentionsOf,
  speakerAt,
  turnAtOrBefore,
  turnStartingAt,
  type RosterMention,
  type SpeakerMention,
} from './speakerRefs.ts';
export {
  canonicalOf,
  formatCount,
  formatDuration,
  formatShare,
  labelUses,
  pairDuration,
  pairWords,
  speakerStats,
  timestampSeconds,
  totalWords,
  type SpeakerStats,
} from './stats.ts';
export { prepareRename, renameSpeaker, RenameError, type PrepareRenameResult, type RenameResult } from './rename.ts';
export { speakerDefinition, speakerHighlights, speakerReferences, type Highlight } from './references.ts';
export { likelyNext, speakerCompletions, type CompletionOptions, type SpeakerCompletion } from './completion.ts';
export { speakerHover, speakerHoverText, type SpeakerHover } from './hover.ts';
export { pairLenses, type PairLens } from './codeLens.ts';
export { formatTranscript, nonLabelWords, sameTranscript, type FormatOptions, type FormatResult } from './format.ts';
export { baseName, fuzzyMatch, transcriptSymbols, workspaceSymbols, type TranscriptDoc, type WorkspaceSymbol } from './workspaceSymbols.ts';
export { documentStatistics, speakerLabels, type DocumentStatistics, type SpeakerLabels, type SpeakerSummary } from './speakerViews.ts';
export { filterTurns, type FilteredTranscript, type TurnFilter } from './filter.ts';
