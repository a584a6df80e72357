/** Typing slips: how far two spellings are, and whether one is a slip of the other. */

/** Damerau-Levenshtein distance, capped: returns `max + 1` as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = 2): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = [];
  for (let i = 0; i <= a.length; i++) d.push([i]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return max + 1;
  }
  return d[a.length][b.length];
}

/**
 * True when `a` is a typing slip of `b`: one letter left out, doubled or added, or two letters
 * swapped (`PSAKKI`, `CHENG`, `PRCIE`, `Jonha`); never a different letter in the same place
 * (`Mary` is not `Mark`) unless `allowSubstitution` (the caller knows the rest of the name
 * matches), never in numbers (`Speaker1` is not `Speaker2`), and only for words of four letters
 * or more.
 */
export function isSlip(a: string, b: string, allowSubstitution = false): boolean {
  if (a === b || Math.min(a.length, b.length) < 4 || Math.max(a.length, b.length) < 5 || /\d/.test(a + b)) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  if (editDistance(a, b, 1) > 1) return false;
  return allowSubstitution || a.length !== b.length || [...a].sort().join('') === [...b].sort().join('');
}

