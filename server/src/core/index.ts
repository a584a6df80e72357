/** The pure transcript core: no editor or protocol imports below this folder. */
export * from './model.ts';
export { parse } from './parse.ts';
export { splitLines } from './lines.ts';
