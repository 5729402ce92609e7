import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import pdfmake from 'pdfmake';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { shareFonts } from './shared-fonts.ts';

/**
 * One pdfmake set-up per process. The Roboto fonts bundled with pdfmake cover Polish letters; there is no
 * Roboto Bold file, so bold text uses Roboto Medium. The font files are read once into pdfmake's virtual file
 * system: a document then reads no file at all, and no document may reach the network or the disk
 * (both access policies refuse everything).
 */

interface VirtualFileSystem {
  writeFileSync(name: string, content: Buffer): void;
}

const require = createRequire(import.meta.url);

const FONT_FILES = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
} as const;

let ready = false;

function setUp(): void {
  const virtualFileSystem = (pdfmake as unknown as { virtualfs: VirtualFileSystem }).virtualfs;
  const files = new Map<string, Buffer>();
  for (const file of Object.values(FONT_FILES)) {
    const content = readFileSync(require.resolve(`pdfmake/fonts/Roboto/${file}`));
    virtualFileSystem.writeFileSync(file, content);
    files.set(file, content);
  }
  shareFonts(files);
  pdfmake.setFonts({ Roboto: { ...FONT_FILES } });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  ready = true;
}

export async function renderPdf(definition: TDocumentDefinitions): Promise<Buffer> {
  if (!ready) setUp();
  return pdfmake.createPdf(definition).getBuffer();
}
