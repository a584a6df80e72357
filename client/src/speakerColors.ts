/**
 * A stable colour per speaker identity: the speaker id (`mark-rutte`, `questioner`) hashed into a
 * palette of mid-tone colours that keep at least 3:1 contrast on light (#ffffff) and dark
 * (#1e1e1e) backgrounds. Speakers whose hashes collide within a document take the next free
 * colour, in id order, so the result depends on the document's set of speakers only, never on
 * their order. Pure; used by the editor decorations and the statistics view alike.
 */

export const SPEAKER_PALETTE: readonly string[] = [
  '#3b82f6', // blue
  '#e8590c', // orange
  '#2f9e44', // green
  '#d6336c', // raspberry
  '#9c5fd6', // violet
  '#1098ad', // teal
  '#c2850c', // ochre
  '#5c6ac4', // indigo
  '#a66b3c', // brown
  '#6f9a1a', // olive
];

/** FNV-1a (32 bit) of the UTF-16 code units of `s`. */
export function hashId(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The palette index of each speaker id (distinct while there are no more speakers than colours). */
export function assignColors(ids: Iterable<string>, palette: readonly string[] = SPEAKER_PALETTE): Map<string, number> {
  const n = palette.length;
  const out = new Map<string, number>();
  const used = new Set<number>();
  for (const id of [...new Set(ids)].sort()) {
    const home = hashId(id) % n;
    let k = home;
    if (used.size < n) while (used.has(k)) k = (k + 1) % n;
    out.set(id, k);
    used.add(k);
  }
  return out;
}

/** Each speaker id's colour. */
export function speakerColors(ids: Iterable<string>, palette: readonly string[] = SPEAKER_PALETTE): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, k] of assignColors(ids, palette)) out.set(id, palette[k]!);
  return out;
}
