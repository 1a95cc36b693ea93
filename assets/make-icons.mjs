/**
 * Writes the add-in icons (icon-16/32/64/80/128.png) with nothing but Node's zlib:
 * a deep-blue rounded square with three rising bars. Run: node assets/make-icons.mjs
 */
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const SIZES = [16, 32, 64, 80, 128];
const BACKGROUND = [0x0b, 0x53, 0x94];
const BAR = [0xff, 0xff, 0xff];
const ACCENT = [0xff, 0xd9, 0x66];
/** Bars on a 32-unit grid: [x0, y0, x1, y1, colour]. */
const BARS = [
  [7, 18, 12, 26, BAR],
  [14, 12, 19, 26, BAR],
  [21, 6, 26, 26, ACCENT],
];
const SUPERSAMPLE = 4;

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Colour and coverage of one sample point (u, v in 32-unit icon space). */
function sample(u, v) {
  const r = 5; // corner radius, in 32-unit space
  const cx = Math.min(Math.max(u, r), 32 - r);
  const cy = Math.min(Math.max(v, r), 32 - r);
  if ((u - cx) ** 2 + (v - cy) ** 2 > r * r) return undefined;
  for (const [x0, y0, x1, y1, colour] of BARS) if (u >= x0 && u < x1 && v >= y0 && v < y1) return colour;
  return BACKGROUND;
}

function icon(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, hits = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = sample(((x + (sx + 0.5) / SUPERSAMPLE) * 32) / size, ((y + (sy + 0.5) / SUPERSAMPLE) * 32) / size);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          hits++;
        }
      }
      const o = 1 + x * 4;
      if (hits > 0) {
        row[o] = Math.round(r / hits);
        row[o + 1] = Math.round(g / hits);
        row[o + 2] = Math.round(b / hits);
        row[o + 3] = Math.round((255 * hits) / SUPERSAMPLE ** 2);
      }
    }
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const dir = dirname(fileURLToPath(import.meta.url));
for (const size of SIZES) {
  const file = join(dir, `icon-${size}.png`);
  writeFileSync(file, icon(size));
  console.log(`wrote ${file}`);
}
