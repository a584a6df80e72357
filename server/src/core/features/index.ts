/** Editor features over the pure core: plain data with 0-based lines and UTF-16 columns. */
export { documentSymbols, flattenSymbols, SEP, type OutlineSymbol, type OutlineKind, type SymbolOptions } from './symbols.ts';
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
