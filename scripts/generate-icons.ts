/**
 * Writes the PWA icons (PNG) into web/public: a white water drop on the brand blue. The icons are committed;
 * run this again only when the design changes:  node --import tsx scripts/generate-icons.ts
 * Plain zlib keeps the build free of image tooling.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const brandBlue = [0x0b, 0x5c, 0xab] as const;
const white = [0xff, 0xff, 0xff] as const;
const samplesPerAxis = 4;

interface IconSpec {
  file: string;
  size: number;
  /** Height of the drop as a share of the icon. */
  dropHeight: number;
  /** Corner radius of the blue background as a share of the icon; 0 fills the whole square (maskable, iOS). */
  cornerRadius: number;
}

const icons: IconSpec[] = [
  { file: 'icon-192.png', size: 192, dropHeight: 0.66, cornerRadius: 0.18 },
  { file: 'icon-512.png', size: 512, dropHeight: 0.66, cornerRadius: 0.18 },
  // Maskable icons are cropped to a circle of 80% of the size: the drop stays inside that safe zone.
  { file: 'icon-maskable-512.png', size: 512, dropHeight: 0.5, cornerRadius: 0 },
  { file: 'apple-touch-icon.png', size: 180, dropHeight: 0.62, cornerRadius: 0 },
];

function insideRoundedSquare(x: number, y: number, radius: number): boolean {
  const nearestX = Math.min(Math.max(x, radius), 1 - radius);
  const nearestY = Math.min(Math.max(y, radius), 1 - radius);
  return (x - nearestX) ** 2 + (y - nearestY) ** 2 <= radius ** 2 || radius === 0;
}

/** A drop: a circle at the bottom and the cone of its tangents from the tip at the top. */
function insideDrop(x: number, y: number, height: number): boolean {
  const radius = height / 2.6;
  const tipToCentre = height - radius;
  const centreY = 0.5 + height / 2 - radius;
  const tipY = centreY - tipToCentre;
  const dx = x - 0.5;
  if (dx ** 2 + (y - centreY) ** 2 <= radius ** 2) return true;
  const tangentY = centreY - radius ** 2 / tipToCentre;
  if (y < tipY || y > tangentY) return false;
  const halfAngle = Math.asin(radius / tipToCentre);
  return Math.abs(dx) <= (y - tipY) * Math.tan(halfAngle);
}

function renderPixels(spec: IconSpec): Buffer {
  const { size } = spec;
  const rowLength = size * 4 + 1;
  const raw = Buffer.alloc(rowLength * size);
  const samples = samplesPerAxis ** 2;
  for (let row = 0; row < size; row++) {
    raw[row * rowLength] = 0; // filter type: none
    for (let column = 0; column < size; column++) {
      let background = 0;
      let drop = 0;
      for (let sy = 0; sy < samplesPerAxis; sy++) {
        for (let sx = 0; sx < samplesPerAxis; sx++) {
          const x = (column + (sx + 0.5) / samplesPerAxis) / size;
          const y = (row + (sy + 0.5) / samplesPerAxis) / size;
          if (insideRoundedSquare(x, y, spec.cornerRadius)) background++;
          if (insideDrop(x, y, spec.dropHeight)) drop++;
        }
      }
      const dropShare = drop / samples;
      const offset = row * rowLength + 1 + column * 4;
      for (let channel = 0; channel < 3; channel++) {
        raw[offset + channel] = Math.round(
          brandBlue[channel]! * (1 - dropShare) + white[channel]! * dropShare,
        );
      }
      raw[offset + 3] = Math.round((255 * background) / samples);
    }
  }
  return raw;
}

const crcTable = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit++) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

function encodePng(spec: IconSpec): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(spec.size, 0);
  header.writeUInt32BE(spec.size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(renderPixels(spec), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const spec of icons) {
  const target = new URL(`../web/public/${spec.file}`, import.meta.url);
  writeFileSync(target, encodePng(spec));
  console.log(`wrote web/public/${spec.file}`);
}
