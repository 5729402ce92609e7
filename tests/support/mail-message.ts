/**
 * A small MIME reader for tests: enough of RFC 2045–2047 to read what nodemailer writes (nested multipart,
 * quoted-printable and base64 bodies, encoded-word headers), so tests can assert on subjects, bodies and
 * attachments of real messages.
 */
export interface ParsedMail {
  headers: Map<string, string>;
  subject: string;
  to: string;
  text: string;
  html: string | undefined;
  attachments: { filename: string; contentType: string; content: Buffer }[];
}

interface Part {
  headers: Map<string, string>;
  body: string;
}

export function parseMail(raw: Buffer | string): ParsedMail {
  const root = splitPart(typeof raw === 'string' ? raw : raw.toString('latin1'));
  const mail: ParsedMail = {
    headers: root.headers,
    subject: decodeWords(root.headers.get('subject') ?? ''),
    to: decodeWords(root.headers.get('to') ?? ''),
    text: '',
    html: undefined,
    attachments: [],
  };
  collect(root, mail);
  return mail;
}

function collect(part: Part, mail: ParsedMail): void {
  const contentType = part.headers.get('content-type') ?? 'text/plain';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType.startsWith('multipart/')) {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new Error('multipart message without a boundary');
    const sections = part.body.split(`--${boundary}`).slice(1);
    for (const section of sections) {
      if (section.startsWith('--')) break;
      collect(splitPart(section.replace(/^\r?\n/, '')), mail);
    }
    return;
  }
  const content = decodeBody(part.body, part.headers.get('content-transfer-encoding'));
  const disposition = part.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  if (filename || disposition.toLowerCase().startsWith('attachment')) {
    mail.attachments.push({ filename: decodeWords(filename ?? ''), contentType: mediaType, content });
  } else if (mediaType === 'text/html') {
    mail.html = content.toString('utf8');
  } else if (mediaType === 'text/plain') {
    mail.text += content.toString('utf8');
  }
}

function splitPart(text: string): Part {
  const separator = /\r?\n\r?\n/.exec(text);
  const headerText = separator ? text.slice(0, separator.index) : text;
  const body = separator ? text.slice(separator.index + separator[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of headerText.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body.replace(/\r?\n$/, ''), 'latin1');
  }
}

function decodeQuotedPrintable(text: string): Buffer {
  const joined = text.replace(/=\r?\n/g, '').replace(/\r?\n$/, '');
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index++) {
    const character = joined[index]!;
    const hex = joined.slice(index + 1, index + 3);
    if (character === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(joined.charCodeAt(index));
    }
  }
  return Buffer.from(bytes);
}

/** Decodes RFC 2047 encoded words ("=?UTF-8?Q?Potwierd=C5=BA?="), joining adjacent ones. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_match, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')).toString('utf8'),
    );
}
