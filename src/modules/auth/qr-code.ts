import qrcode from 'qrcode-generator';

/** Modules of white around the code: the QR standard's quiet zone, which phone cameras need to find it. */
const QUIET_ZONE_MODULES = 4;

/**
 * A QR code as a scalable SVG (one unit per module), for an authenticator app's camera. Drawn on the server so
 * the browser needs no QR library; medium error correction survives a screen's glare.
 */
export function qrCodeSvg(text: string): string {
  const code = qrcode(0, 'M');
  code.addData(text);
  code.make();
  return code.createSvgTag({ cellSize: 1, margin: QUIET_ZONE_MODULES, scalable: true });
}
