/** YAML front matter at the top of a transcript, and the speaker roster it may declare. */

import { parse as parseYaml } from 'yaml';
import type { FrontMatter } from './model.ts';

/** Front-matter keys whose values name the speakers. */
export const ROSTER_KEYS = ['speakers', 'participants', 'roster', 'cast', 'guests', 'guest', 'hosts', 'host', 'interviewer', 'interviewee', 'interviewees', 'panel', 'panelists', 'witnesses', 'witness'];

function names(v: unknown, out: string[]): void {
  if (typeof v === 'string') {
    for (const part of v.split(/\s*(?:;|\band\b|&)\s*/)) if (part.trim()) out.push(part.trim());
  } else if (Array.isArray(v)) {
    for (const x of v) names(x, out);
  } else if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.name === 'string') out.push(o.name.trim());
    else for (const x of Object.values(o)) if (typeof x === 'string') out.push(x.trim());
  }
}

/**
 * Finds front matter: `---` on the first line, closed by `---` or `...` within the first 1000
 * lines. `line(i)` returns line i's text; the BOM, if any, is already removed from line 0.
 */
export function findFrontMatter(line: (i: number) => string, lineCount: number): FrontMatter | null {
  if (lineCount < 2 || line(0).trim() !== '---') return null;
  const limit = Math.min(lineCount, 1000);
  for (let i = 1; i < limit; i++) {
    const t = line(i).trim();
    if (t === '---' || t === '...') {
      const body: string[] = [];
      for (let k = 1; k < i; k++) body.push(line(k));
      let data: unknown = null;
      try {
        data = parseYaml(body.join('\n'), { uniqueKeys: false, prettyErrors: false, logLevel: 'silent' }) ?? null;
      } catch {
        data = null;
      }
      const roster: string[] = [];
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        const o = data as Record<string, unknown>;
        for (const k of Object.keys(o)) if (ROSTER_KEYS.includes(k.toLowerCase())) names(o[k], roster);
      }
      return { startLine: 0, endLine: i, data, roster: [...new Set(roster)] };
    }
  }
  return null;
}
