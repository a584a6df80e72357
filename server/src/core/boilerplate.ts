/**
 * Web-page furniture before a transcript: account sign-up and password-reset blocks, cookie
 * banners, navigation, share and subscribe prompts. Found by the vocabulary of web interfaces,
 * never by the text of one site.
 */

const FURNITURE = /\b(account|accounts|password|passwords|sign[ -]?(?:up|in|out)|log[ -]?(?:in|out)|register|registration|subscribe|subscription|newsletter|cookies?|verification code|verify your|email address|e-mail address|click|tap here|download|skip to (?:main )?content|main menu|navigation|share (?:this|on)|follow us|privacy policy|terms of (?:use|service)|all rights reserved|copyright|©|javascript|your browser|loading|visit page|press "?enter"?|language:|back to top|read more|print this|send new code|inbox)\b/i;

/** True when a line reads like web-page furniture. */
export function isFurniture(line: string): boolean {
  return FURNITURE.test(line);
}

/**
 * Groups furniture lines in `[from, to)` into blocks. A block runs from one furniture line to the
 * last furniture line that follows within `gap` content lines; blocks with fewer than `min`
 * furniture lines are dropped. `content(i)` is false for blank lines.
 */
export function furnitureBlocks(
  from: number,
  to: number,
  text: (i: number) => string,
  content: (i: number) => boolean,
  gap = 3,
  min = 2,
): { startLine: number; endLine: number }[] {
  const out: { startLine: number; endLine: number }[] = [];
  let start = -1;
  let last = -1;
  let count = 0;
  let since = 0;
  const close = () => {
    if (start >= 0 && count >= min) out.push({ startLine: start, endLine: last });
    start = -1;
    count = 0;
  };
  for (let i = from; i < to; i++) {
    if (!content(i)) continue;
    if (isFurniture(text(i))) {
      if (start < 0) start = i;
      last = i;
      count++;
      since = 0;
    } else if (start >= 0 && ++since > gap) close();
  }
  close();
  return out;
}
