import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { qrCodeSvg } from './qr-code.ts';

/** jsQR, an independent decoder: a CommonJS package whose typings do not resolve under NodeNext. */
type Decode = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;
const jsQR = createRequire(import.meta.url)('jsqr') as Decode;

/** Paints the SVG's dark modules (one unit each) into RGBA pixels, `scale` pixels per module, for a decoder. */
function rasterize(svg: string, scale = 8): { data: Uint8ClampedArray; width: number; height: number } {
  const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
  if (!viewBox) throw new Error('the SVG has no viewBox');
  const size = Number(viewBox[1]);
  expect(Number(viewBox[2])).toBe(size);
  const width = size * scale;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  const modules = [...svg.matchAll(/M(\d+),(\d+)l1,0 0,1 -1,0 0,-1z/g)];
  expect(modules.length).toBeGreaterThan(100);
  for (const [, x, y] of modules) {
    for (let row = 0; row < scale; row++) {
      for (let column = 0; column < scale; column++) {
        const offset = ((Number(y) * scale + row) * width + Number(x) * scale + column) * 4;
        data[offset] = data[offset + 1] = data[offset + 2] = 0;
      }
    }
  }
  return { data, width, height: width };
}

describe('QR code for the authenticator app', () => {
  it('decodes back to the exact otpauth link, with a quiet zone of four modules', () => {
    const link =
      'otpauth://totp/iBOK%20Wodoci%C4%85gi:jan.kowalski%40example.pl?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=iBOK';
    const svg = qrCodeSvg(link);
    expect(svg.startsWith('<svg')).toBe(true);
    const image = rasterize(svg);
    const decoded = jsQR(image.data, image.width, image.height);
    expect(decoded?.data).toBe(link);
    // No dark module in the first four rows or columns.
    const positions = [...svg.matchAll(/M(\d+),(\d+)l/g)].map(([, x, y]) => [Number(x), Number(y)]);
    expect(Math.min(...positions.flat())).toBe(4);
  });
});
