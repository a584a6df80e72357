/** The pure transcript core: no editor or protocol imports below this folder. */
export * from './model.ts';
export { parse } from './parse.ts';
export { splitLines } from './lines.ts';
export { PieceText, flatText, eolOf, type TextSource } from './source.ts';
export { lint, fixAll, applyEdits, safeFix, findRule, type LintOptions } from './lint.ts';
export { RULES } from './rules/index.ts';
export type { Finding, Fix, TextEdit, Rule, Severity, SeveritySetting } from './rules/types.ts';
