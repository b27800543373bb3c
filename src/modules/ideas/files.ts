/**
 * Uploads of proposals, checked by their content: the type is read from the first bytes (magic
 * numbers), never from the name or the type the browser claims. PDF, PNG, JPEG, and the two
 * office formats that are ZIP files (ODT: first entry `mimetype` = the OpenDocument text type;
 * DOCX: a `[Content_Types].xml` entry and a `word/` part).
 */

export const maxFileBytes = 5 * 1024 * 1024;
export const maxProposalBytes = 20 * 1024 * 1024;
export const maxFiles = 10;

export const allowedTypes = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type AllowedType = keyof typeof allowedTypes;

const startsWith = (b: Buffer, bytes: number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);

/** The type found in the content, or null when it is none of the allowed ones. */
export function sniffType(b: Buffer): AllowedType | null {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf'; // %PDF-
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    // ODT: the first local entry is "mimetype", stored, its content the OpenDocument type.
    const nameLen = b.readUInt16LE(26);
    const extraLen = b.readUInt16LE(28);
    const name = b.subarray(30, 30 + nameLen).toString('latin1');
    if (name === 'mimetype') {
      const start = 30 + nameLen + extraLen;
      const odt = 'application/vnd.oasis.opendocument.text';
      if (b.subarray(start, start + odt.length).toString('latin1') === odt) return odt;
      return null;
    }
    const text = b.toString('latin1');
    if (text.includes('[Content_Types].xml') && text.includes('word/document.xml'))
      return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  }
  return null;
}

/**
 * A file name safe to store and to send back in Content-Disposition: no folders, no control or
 * reserved characters, at most 120 characters, and the extension of the type found.
 */
export function sanitiseFileName(name: string, type: AllowedType): string {
  const base = (name.split(/[\\/]/).pop() ?? '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, '')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+/, '')
    .trim();
  const ext = allowedTypes[type];
  const stem = base.replace(/\.[^.]*$/, '').slice(0, 100) || 'documento';
  return `${stem}.${ext}`;
}

/** Decodes strict base64 (null when it is not). */
export function decodeBase64(s: string): Buffer | null {
  const clean = s.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) return null;
  return Buffer.from(clean, 'base64');
}

/** A tiny valid PDF with one line of text (demo data, tests). */
export function tinyPdf(text: string): Buffer {
  const safe = text.replace(/[()\\]/g, '');
  const stream = `BT /F1 14 Tf 72 760 Td (${safe}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) out += `${String(off).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
