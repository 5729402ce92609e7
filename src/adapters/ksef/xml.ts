/**
 * A minimal XML writer: elements, attributes, escaped text, two-space indentation. Enough for documents whose
 * structure is fixed by a schema, without a dependency.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly content: string | readonly XmlElement[];
}

/** Children that are null, undefined or false are left out, so optional elements read naturally. */
export type XmlChild = XmlElement | null | undefined | false;

export function element(
  name: string,
  content: string | readonly XmlChild[],
  attributes: Record<string, string> = {},
): XmlElement {
  return {
    name,
    attributes,
    content:
      typeof content === 'string' ? content : content.filter((child): child is XmlElement => Boolean(child)),
  };
}

// Characters XML 1.0 does not allow at all (C0 controls other than tab, line feed, carriage return; lone surrogates):
// matching control characters is the point here.
/* eslint-disable no-control-regex */
const FORBIDDEN =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/* eslint-enable no-control-regex */

export function escapeText(text: string): string {
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

export function serializeXml(root: XmlElement): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  write(root, 0, lines);
  return `${lines.join('\n')}\n`;
}

function write(node: XmlElement, depth: number, lines: string[]): void {
  const indent = '  '.repeat(depth);
  const attributes = Object.entries(node.attributes)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join('');
  if (typeof node.content === 'string') {
    // Carriage returns would be normalised away by any parser; keep the text exactly as it will be read.
    lines.push(
      `${indent}<${node.name}${attributes}>${escapeText(node.content).replace(/\r/g, '&#13;')}</${node.name}>`,
    );
    return;
  }
  if (node.content.length === 0) {
    lines.push(`${indent}<${node.name}${attributes}/>`);
    return;
  }
  lines.push(`${indent}<${node.name}${attributes}>`);
  for (const child of node.content) write(child, depth + 1, lines);
  lines.push(`${indent}</${node.name}>`);
}
