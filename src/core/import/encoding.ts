/** Files arrive as bytes, and Apps Script's V8 has no TextDecoder: the sidebar sends the file's bytes and
 *  we decode them here, in plain JavaScript, so that the same code reads a file in Google and on Node.
 *  The decoders follow the WHATWG Encoding Standard (what browsers and Node's TextDecoder do), so a
 *  file reads the same whichever way it reaches us. */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1' | 'iso-8859-15';

/** The encodings a person can choose when the detected one reads wrong, most common first. */
export const ENCODINGS: readonly Encoding[] = ['utf-8', 'windows-1252', 'iso-8859-15', 'iso-8859-1', 'utf-16le', 'utf-16be'];

const REPLACEMENT = 0xfffd;

/** Bytes 0x80–0x9F in windows-1252 (WHATWG index): Excel's "CSV" on Western Windows puts €, œ, Œ, curly
 *  quotes and dashes there. The five holes (0x81, 0x8D, 0x8F, 0x90, 0x9D) map to the C1 controls. */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f, 0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
  0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** ISO-8859-15 is Latin-1 with eight bytes changed: €, Š, š, Ž, ž, Œ, œ, Ÿ. */
const ISO_8859_15_CHANGES: Record<number, number> = { 0xa4: 0x20ac, 0xa6: 0x0160, 0xa8: 0x0161, 0xb4: 0x017d, 0xb8: 0x017e, 0xbc: 0x0152, 0xbd: 0x0153, 0xbe: 0x0178 };

function bomOf(bytes: Uint8Array): Encoding | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** A text file has no NUL bytes, so UTF-16 without a BOM shows itself by zeros in every other byte (the
 *  high byte of Latin letters). Looked at only in the first 4 KB. */
function utf16WithoutBom(bytes: Uint8Array): Encoding | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

/** True when the bytes are well-formed UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF,
 *  no sequence cut short. Windows-1252 text with accents almost never passes by chance. */
export function isValidUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) needed = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      needed = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      needed = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else return false;
    if (i + needed >= n) return false;
    for (let k = 1; k <= needed; k++) {
      const c = bytes[i + k];
      if (k === 1 ? c < lower || c > upper : c < 0x80 || c > 0xbf) return false;
    }
    i += needed + 1;
  }
  return true;
}

/** BOM first; else valid UTF-8 (strict: overlongs, surrogates, truncated sequences are invalid) → 'utf-8';
 *  else 'windows-1252' (Excel's "CSV" on Western Windows). UTF-16 without a BOM is recognised by its
 *  zero bytes, since that text would otherwise pass as (NUL-filled) UTF-8. */
export function detectEncoding(bytes: Uint8Array): Encoding {
  return bomOf(bytes) ?? utf16WithoutBom(bytes) ?? (isValidUtf8(bytes) ? 'utf-8' : 'windows-1252');
}

/** UTF-16 code units → string, in slices: `fromCharCode.apply` has an argument limit. */
function unitsToString(units: Uint16Array, length: number): string {
  const SLICE = 0x4000;
  let out = '';
  for (let i = 0; i < length; i += SLICE) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(i + SLICE, length)) as unknown as number[]);
  return out;
}

/** The WHATWG UTF-8 decoder: each maximal invalid subsequence becomes one U+FFFD. */
function decodeUtf8(bytes: Uint8Array, start: number): string {
  const units = new Uint16Array(bytes.length - start + 1);
  let n = 0;
  let cp = 0;
  let needed = 0;
  let seen = 0;
  let lower = 0x80;
  let upper = 0xbf;
  for (let i = start; i < bytes.length; i++) {
    const b = bytes[i];
    if (needed === 0) {
      if (b < 0x80) units[n++] = b;
      else if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
        cp = b & 0x1f;
      } else if (b >= 0xe0 && b <= 0xef) {
        if (b === 0xe0) lower = 0xa0;
        if (b === 0xed) upper = 0x9f;
        needed = 2;
        cp = b & 0x0f;
      } else if (b >= 0xf0 && b <= 0xf4) {
        if (b === 0xf0) lower = 0x90;
        if (b === 0xf4) upper = 0x8f;
        needed = 3;
        cp = b & 0x07;
      } else units[n++] = REPLACEMENT;
      continue;
    }
    if (b < lower || b > upper) {
      // The sequence is cut short: one U+FFFD for it, and this byte starts afresh.
      cp = needed = seen = 0;
      lower = 0x80;
      upper = 0xbf;
      units[n++] = REPLACEMENT;
      i--;
      continue;
    }
    lower = 0x80;
    upper = 0xbf;
    cp = (cp << 6) | (b & 0x3f);
    if (++seen === needed) {
      if (cp > 0xffff) {
        cp -= 0x10000;
        units[n++] = 0xd800 + (cp >> 10);
        units[n++] = 0xdc00 + (cp & 0x3ff);
      } else units[n++] = cp;
      cp = needed = seen = 0;
    }
  }
  if (needed !== 0) units[n++] = REPLACEMENT;
  return unitsToString(units, n);
}

/** UTF-16 with surrogate pairs checked: a lone surrogate or an odd last byte becomes U+FFFD. */
function decodeUtf16(bytes: Uint8Array, start: number, bigEndian: boolean): string {
  const units = new Uint16Array(((bytes.length - start) >> 1) + 1);
  let n = 0;
  let i = start;
  const unitAt = (k: number) => (bigEndian ? (bytes[k] << 8) | bytes[k + 1] : bytes[k] | (bytes[k + 1] << 8));
  for (; i + 1 < bytes.length; i += 2) {
    const u = unitAt(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= bytes.length) {
        // A lead surrogate at the end, with or without an odd byte after it: one error, as WHATWG says.
        units[n++] = REPLACEMENT;
        i = bytes.length;
        break;
      }
      const next = unitAt(i + 2);
      if (next >= 0xdc00 && next <= 0xdfff) {
        units[n++] = u;
        units[n++] = next;
        i += 2;
      } else units[n++] = REPLACEMENT;
    } else if (u >= 0xdc00 && u <= 0xdfff) units[n++] = REPLACEMENT;
    else units[n++] = u;
  }
  if (i < bytes.length) units[n++] = REPLACEMENT;
  return unitsToString(units, n);
}

function decodeSingleByte(bytes: Uint8Array, encoding: 'windows-1252' | 'iso-8859-1' | 'iso-8859-15'): string {
  const units = new Uint16Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) units[i] = b;
    else if (encoding === 'windows-1252') units[i] = b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : b;
    else if (encoding === 'iso-8859-15') units[i] = ISO_8859_15_CHANGES[b] ?? b;
    else units[i] = b;
  }
  return unitsToString(units, bytes.length);
}

/** Bytes → text in that encoding, without the BOM. Pure JS decoders: UTF-8 (invalid sequences → U+FFFD),
 *  UTF-16 LE/BE (surrogate pairs), windows-1252 (the WHATWG table for 0x80–0x9F), ISO-8859-1, ISO-8859-15.
 *  Only the BOM of the encoding asked for is dropped: a person who overrides the encoding sees what
 *  they chose. */
export function decodeBytes(bytes: Uint8Array, encoding: Encoding): string {
  const bom = bomOf(bytes) === encoding ? (encoding === 'utf-8' ? 3 : 2) : 0;
  switch (encoding) {
    case 'utf-8':
      return decodeUtf8(bytes, bom);
    case 'utf-16le':
      return decodeUtf16(bytes, bom, false);
    case 'utf-16be':
      return decodeUtf16(bytes, bom, true);
    case 'windows-1252':
    case 'iso-8859-1':
    case 'iso-8859-15':
      return decodeSingleByte(bytes, encoding);
    default:
      throw new RangeError(`Unknown encoding "${String(encoding)}"`);
  }
}
