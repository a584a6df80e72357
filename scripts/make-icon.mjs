// Draws the extension icon, images/icon.png (128x128 RGBA), with no dependencies: two speech
// bubbles (a question, an answer) holding lines of text, on a rounded square. Shapes are signed
// distance functions sampled 4x4 per pixel for anti-aliasing; the PNG is written with zlib.
//   node scripts/make-icon.mjs [out.png]
import { writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZE = 128;
const SS = 4; // samples per pixel per axis
const out = process.argv[2] ?? 'images/icon.png';

/** Distance to a rounded rectangle centred at (cx, cy) with half sizes (hw, hh) and radius r; < 0 inside. */
function roundRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - (hw - r);
  const qy = Math.abs(y - cy) - (hh - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to a triangle (a, b, c); < 0 inside. */
function triangle(x, y, a, b, c) {
  const edge = (p, q) => {
    const ex = q[0] - p[0], ey = q[1] - p[1];
    const wx = x - p[0], wy = y - p[1];
    const t = Math.max(0, Math.min(1, (wx * ex + wy * ey) / (ex * ex + ey * ey)));
    const dx = wx - ex * t, dy = wy - ey * t;
    return { d: Math.hypot(dx, dy), s: ex * wy - ey * wx };
  };
  const e = [edge(a, b), edge(b, c), edge(c, a)];
  const d = Math.min(...e.map((v) => v.d));
  const inside = e.every((v) => v.s >= 0) || e.every((v) => v.s <= 0);
  return inside ? -d : d;
}

const union = (...d) => Math.min(...d);

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const BG_TOP = hex('#1f4e8c');
const BG_BOTTOM = hex('#12305a');
const LEFT = hex('#f4f6fa');
const LEFT_TEXT = hex('#5b6b82');
const RIGHT = hex('#f5b83d');
const RIGHT_TEXT = hex('#7a4a00');

/** Layers from back to front: [distance function, colour function]. */
const layers = [
  [(x, y) => roundRect(x, y, 64, 64, 62, 62, 22), (_x, y) => BG_TOP.map((v, i) => v + ((BG_BOTTOM[i] - v) * y) / SIZE)],
  // Question bubble, upper left, tail pointing down-left.
  [(x, y) => union(roundRect(x, y, 50, 40, 38, 23, 11), triangle(x, y, [22, 56], [40, 60], [16, 76])), () => LEFT],
  [(x, y) => union(roundRect(x, y, 46, 32, 24, 3.2, 3.2), roundRect(x, y, 38, 47, 16, 3.2, 3.2)), () => LEFT_TEXT],
  // Answer bubble, lower right, tail pointing down-right.
  [(x, y) => union(roundRect(x, y, 80, 86, 38, 23, 11), triangle(x, y, [106, 102], [90, 106], [114, 122])), () => RIGHT],
  [(x, y) => union(roundRect(x, y, 80, 78, 26, 3.2, 3.2), roundRect(x, y, 72, 93, 18, 3.2, 3.2)), () => RIGHT_TEXT],
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS, y = py + (sy + 0.5) / SS;
        // Composite the layers over transparency (premultiplied).
        let cr = 0, cg = 0, cb = 0, ca = 0;
        for (const [dist, colour] of layers) {
          if (dist(x, y) > 0) continue;
          const c = colour(x, y);
          cr = c[0]; cg = c[1]; cb = c[2]; ca = 1;
        }
        r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
      }
    }
    const n = SS * SS, o = (py * SIZE + px) * 4;
    rgba[o + 3] = Math.round((255 * a) / n);
    if (a > 0) {
      rgba[o] = Math.round(r / a);
      rgba[o + 1] = Math.round(g / a);
      rgba[o + 2] = Math.round(b / a);
    }
  }
}

// PNG: signature, IHDR, IDAT (filter 0 per row), IEND.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, png);
console.log(`${out}: ${SIZE}x${SIZE}, ${png.length} bytes`);
