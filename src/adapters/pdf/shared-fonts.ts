import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

/**
 * Makes many PDFs per second possible. Left alone, pdfmake (0.3, on pdfkit 0.19 and fontkit 2) parses every
 * TrueType font anew for each document, shapes every string anew, and builds each embedded font subset anew:
 * about three quarters of the time of a one-page invoice. Here each font is parsed once per process and shared:
 *
 * 1. the parsed fontkit font (its tables and glyphs are read-only once decoded);
 * 2. pdfkit's cache of shaped strings (its entries are never mutated: pdfkit copies a position before changing it);
 * 3. the encoded font subset. Every document first includes the glyphs of SEED_TEXT, in that order, so
 *    documents using only those characters have the same subset, which is then encoded once;
 * 4. the compressed streams of an embedded font (the subset file and its ToUnicode map): the same subset gives
 *    the same bytes, so they are deflated once rather than in every document.
 *
 * This relies on internals of pdfmake's PDFDocument.provideFont and pdfkit's EmbeddedFont; when they are not
 * as expected, the original provideFont is used and only speed is lost. The PDF tests read text back from
 * rendered documents, so a change that broke the output would fail them.
 */

/**
 * Every character an invoice normally prints: ASCII letters, digits and punctuation, Polish letters, typographic
 * marks, m³, and the ligatures Roboto forms. Few runs (split at spaces), so that seeding is one cached lookup each.
 */
const SEED_TEXT = [
  '!"%&\'()+,-./0123456789:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ\u00a0–„”·³',
  'ff fi fl ffi ffl',
].join(' ');

/** Bounds the shared caches: shaped strings include names and addresses, which never stop coming. */
const DOCUMENTS_PER_LAYOUT_CACHE = 2000;
const MAXIMUM_CACHED_SUBSETS = 32;
const MAXIMUM_CACHED_STREAMS = 64;

interface FontSubset {
  glyphs: number[];
  encode(): Uint8Array;
}

interface EmbeddedFont {
  document: PdfDocument;
  font: object;
  subset: FontSubset;
  layoutCache?: Record<string, unknown>;
  encode(text: string): unknown;
  embed: (this: EmbeddedFont) => unknown;
}

interface PdfReference {
  compress: boolean;
  buffer: unknown[];
  data: Record<string, unknown>;
  end: (this: PdfReference, chunk?: string | Uint8Array) => unknown;
}

type EmbeddedFontConstructor = new (document: PdfDocument, font: object, id: string) => EmbeddedFont;

interface PdfDocument {
  fonts: Record<string, Partial<Record<string, unknown>> | undefined>;
  fontCache: Record<string, Record<string, EmbeddedFont> | undefined>;
  _fontFamilies: Record<string, EmbeddedFont>;
  _fontCount: number;
  _font: EmbeddedFont;
  compress?: boolean;
  getFontType(bold: boolean, italics: boolean): string;
  font(source: Uint8Array): { _font: EmbeddedFont };
  ref: (this: PdfDocument, data?: Record<string, unknown>) => PdfReference;
}

type ProvideFont = (this: PdfDocument, family: string, bold: boolean, italics: boolean) => EmbeddedFont;

interface SharedFont {
  font: object;
  construct: EmbeddedFontConstructor;
  layoutCache: Record<string, unknown>;
  documentsOnLayoutCache: number;
  subsets: Map<string, Uint8Array>;
}

const shared = new Map<string, SharedFont>();
let installed = false;

/** Serves the font files named in pdfmake's font dictionary (e.g. 'Roboto-Regular.ttf') from `files`. */
export function shareFonts(files: ReadonlyMap<string, Uint8Array>): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  const module = require('pdfmake/js/PDFDocument.js') as {
    default?: { prototype: { provideFont?: ProvideFont } };
  };
  const prototype = module.default?.prototype;
  const original = prototype?.provideFont;
  if (!prototype || typeof original !== 'function') return;
  prototype.provideFont = function provideFont(this: PdfDocument, family, bold, italics) {
    const type = this.getFontType(bold, italics);
    const cached = this.fontCache[family]?.[type];
    if (cached) return cached;
    const fileName = this.fonts[family]?.[type];
    const file = typeof fileName === 'string' ? files.get(fileName) : undefined;
    if (
      !file ||
      typeof fileName !== 'string' ||
      typeof this._fontCount !== 'number' ||
      typeof this._fontFamilies !== 'object'
    ) {
      return original.call(this, family, bold, italics);
    }
    const embedded = embeddedFont(this, fileName, file);
    this.fontCache[family] = { ...this.fontCache[family], [type]: embedded };
    return embedded;
  };
  installed = true;
}

function embeddedFont(document: PdfDocument, key: string, file: Uint8Array): EmbeddedFont {
  let font = shared.get(key);
  let embedded: EmbeddedFont;
  if (!font) {
    // The first document parses the font the ordinary way; its parsed font and class are kept for the others.
    embedded = document.font(file)._font;
    font = {
      font: embedded.font,
      construct: embedded.constructor as EmbeddedFontConstructor,
      layoutCache: Object.create(null) as Record<string, unknown>,
      documentsOnLayoutCache: 0,
      subsets: new Map(),
    };
    shared.set(key, font);
  } else {
    embedded = new font.construct(document, font.font, `F${++document._fontCount}`);
    // pdfkit embeds every font registered here when the document ends.
    document._fontFamilies[`${key}#${document._fontCount}`] = embedded;
    document._font = embedded;
  }
  if (font.documentsOnLayoutCache++ >= DOCUMENTS_PER_LAYOUT_CACHE) {
    font.layoutCache = Object.create(null) as Record<string, unknown>;
    font.documentsOnLayoutCache = 1;
  }
  if (embedded.layoutCache) embedded.layoutCache = font.layoutCache;
  embedded.encode(SEED_TEXT);
  shareSubsetEncoding(embedded.subset, font.subsets);
  shareCompressedStreams(embedded);
  return embedded;
}

/** Deflated stream contents by their uncompressed content (the subset's bytes, or the ToUnicode map's text). */
const compressedStreams = new Map<string | Uint8Array, Uint8Array>();

/**
 * While the font is embedded (at the end of the document), the streams it writes are deflated through the
 * cache: the same bytes pdfkit would produce (zlib defaults, a string chunk followed by a newline), under the
 * same /FlateDecode filter. Documents written without compression are left alone.
 */
function shareCompressedStreams(embedded: EmbeddedFont): void {
  const embed = embedded.embed;
  if (typeof embed !== 'function') return;
  embedded.embed = function embedSharingStreams(this: EmbeddedFont) {
    const document = this.document;
    const ref = document.ref;
    if (document.compress !== true || typeof ref !== 'function') return embed.call(this);
    document.ref = function refSharingStream(this: PdfDocument, data) {
      const reference = ref.call(this, data);
      const end = reference.end;
      if (reference.compress !== true || !Array.isArray(reference.buffer) || typeof end !== 'function')
        return reference;
      reference.end = function endSharingStream(this: PdfReference, chunk) {
        if (chunk === undefined || this.buffer.length > 0) return end.call(this, chunk);
        let bytes = compressedStreams.get(chunk);
        if (!bytes) {
          bytes = deflateSync(typeof chunk === 'string' ? Buffer.from(`${chunk}\n`, 'binary') : chunk);
          if (compressedStreams.size >= MAXIMUM_CACHED_STREAMS) compressedStreams.clear();
          compressedStreams.set(chunk, bytes);
        }
        this.compress = false;
        this.data['Filter'] = 'FlateDecode';
        return end.call(this, bytes);
      };
      return reference;
    };
    try {
      return embed.call(this);
    } finally {
      document.ref = ref;
    }
  };
}

function shareSubsetEncoding(subset: FontSubset, subsets: Map<string, Uint8Array>): void {
  const encode = subset.encode.bind(subset);
  subset.encode = () => {
    const key = subset.glyphs.join(',');
    let bytes = subsets.get(key);
    if (!bytes) {
      bytes = encode();
      if (subsets.size >= MAXIMUM_CACHED_SUBSETS) subsets.clear();
      subsets.set(key, bytes);
    }
    return bytes;
  };
}

/** How many fonts are shared (0 when the pdfmake internals were not as expected): for tests and diagnostics. */
export function sharedFontCount(): number {
  return shared.size;
}
