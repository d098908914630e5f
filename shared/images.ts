// What an uploaded logo really is: PNG or JPEG by its magic bytes, and its size from its header
// (PNG IHDR, JPEG SOFn), never from the name or the data: URL's label. A picture's pixels cost every
// PDF that prints it, so the size is capped however small the file is.

export const MAX_LOGO_PIXELS = 2000;

export interface ImageSize {
  type: 'png' | 'jpeg';
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

function pngSize(b: Uint8Array): ImageSize | null {
  // Signature, then the first chunk must be IHDR: length 13, "IHDR", width, height.
  if (b.length < 24 || PNG_SIGNATURE.some((byte, i) => b[i] !== byte)) return null;
  if (u32(b, 8) !== 13 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  const width = u32(b, 16);
  const height = u32(b, 20);
  return width > 0 && height > 0 ? { type: 'png', width, height } : null;
}

/** Start-of-frame markers: C0–CF, except C4 (Huffman tables), C8 (reserved) and CC (arithmetic coding). */
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;

function jpegSize(b: Uint8Array): ImageSize | null {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8 || b[2] !== 0xff) return null;
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    // Fill bytes, and markers that stand alone (no length): TEM, RSTn.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    // The image data or its end came before any frame header: no size to read.
    if (marker === 0xd9 || marker === 0xda) return null;
    const length = u16(b, at + 2);
    if (length < 2) return null;
    if (isFrameMarker(marker)) {
      if (at + 9 > b.length) return null;
      const height = u16(b, at + 5);
      const width = u16(b, at + 7);
      return width > 0 && height > 0 ? { type: 'jpeg', width, height } : null;
    }
    at += 2 + length;
  }
  return null;
}

/** The type and size of a PNG or JPEG from its bytes; null for anything else, or a file cut short. */
export function imageSize(bytes: Uint8Array): ImageSize | null {
  return pngSize(bytes) ?? jpegSize(bytes);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64].map((c, i) => [c, i]));

/** Base64 to bytes without Buffer or atob, so both sides can use it; null when it is not base64. */
export function base64Bytes(text: string): Uint8Array | null {
  const clean = text.replace(/=+$/, '');
  if (clean.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const c of clean) {
    const v = BASE64_VALUE.get(c);
    if (v === undefined) return null;
    value = (value << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (value >> bits) & 0xff;
    }
  }
  return out;
}

/** What is wrong with a logo (a data: URL), in words a person can act on; null when it is fine or empty. */
export function logoProblem(dataUrl: string): string | null {
  if (dataUrl === '') return null;
  const match = /^data:image\/(png|jpeg);base64,([A-Za-z0-9+/=]+)$/.exec(dataUrl);
  const bytes = match ? base64Bytes(match[2]!) : null;
  const image = bytes ? imageSize(bytes) : null;
  if (!match || !image || image.type !== match[1]) {
    return 'The logo is not a real PNG or JPEG image (its contents do not match its name). Choose a .png or .jpg file.';
  }
  if (image.width > MAX_LOGO_PIXELS || image.height > MAX_LOGO_PIXELS) {
    return `The logo is ${image.width}×${image.height} pixels; at most ${MAX_LOGO_PIXELS}×${MAX_LOGO_PIXELS} is allowed. Save a smaller copy (about 600 pixels wide is plenty) and choose it again.`;
  }
  return null;
}
