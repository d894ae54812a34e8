/** Utilities and Logger. */
import { FakeContext, gasError, isDate } from './context';
import { offsetString, wallTime } from './tz';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Java SimpleDateFormat subset: y M d E H k K h m s S a Z X z and 'quoted' text. */
export function formatJavaDate(ms: number, tz: string, pattern: string): string {
  const w = wallTime(ms, tz);
  const pad = (n: number, len: number) => String(n).padStart(len, '0');
  let out = '';
  const re = /'([^']*)'|([a-zA-Z])\2*|./g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(pattern))) {
    if (m[1] !== undefined) {
      out += m[1] === '' ? "'" : m[1];
      continue;
    }
    if (!m[2]) {
      out += m[0];
      continue;
    }
    const n = m[0].length;
    switch (m[2]) {
      case 'y':
      case 'Y':
        out += n === 2 ? pad(w.year % 100, 2) : pad(w.year, n);
        break;
      case 'M':
      case 'L':
        out += n >= 4 ? MONTHS[w.month - 1] : n === 3 ? MONTHS[w.month - 1].slice(0, 3) : pad(w.month, n);
        break;
      case 'd':
        out += pad(w.day, n);
        break;
      case 'E':
        out += n >= 4 ? DAYS[w.weekday] : DAYS[w.weekday].slice(0, 3);
        break;
      case 'u':
        out += pad(w.weekday === 0 ? 7 : w.weekday, n);
        break;
      case 'H':
        out += pad(w.hour, n);
        break;
      case 'k':
        out += pad(w.hour === 0 ? 24 : w.hour, n);
        break;
      case 'K':
        out += pad(w.hour % 12, n);
        break;
      case 'h':
        out += pad(w.hour % 12 === 0 ? 12 : w.hour % 12, n);
        break;
      case 'm':
        out += pad(w.minute, n);
        break;
      case 's':
        out += pad(w.second, n);
        break;
      case 'S':
        out += pad(w.ms, 3).slice(0, Math.max(n, 3)).padEnd(n, '0');
        break;
      case 'a':
        out += w.hour < 12 ? 'AM' : 'PM';
        break;
      case 'Z':
        out += offsetString(ms, tz);
        break;
      case 'X': {
        const off = offsetString(ms, tz, n >= 3);
        out += /^[+-]00:?00$/.test(off) ? 'Z' : n === 1 ? off.slice(0, 3) : off;
        break;
      }
      case 'z':
        out += 'GMT' + offsetString(ms, tz, true);
        break;
      default:
        throw new Error(`Illegal pattern character '${m[2]}'`);
    }
  }
  return out;
}

function toBytes(data: any): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (Array.isArray(data) || ArrayBuffer.isView(data)) return Uint8Array.from(data as ArrayLike<number>, (b) => b & 0xff);
  throw new Error('fake Utilities: unsupported data');
}
/** Apps Script byte arrays are Java bytes: -128..127. */
function toSignedBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (b) => (b > 127 ? b - 256 : b));
}
function encode(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
function decode(ctx: FakeContext, text: string): Uint8Array {
  let bin: string;
  try {
    bin = atob(text.replace(/\s+/g, ''));
  } catch {
    throw gasError(ctx, 'Could not decode string.');
  }
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

function newBlob(data: any, contentType?: string, name?: string): any {
  const bytes = toBytes(data === undefined ? '' : data);
  let type = contentType ?? (typeof data === 'string' ? 'text/plain' : null);
  let blobName = name ?? null;
  const blob = {
    getBytes: () => toSignedBytes(bytes),
    getDataAsString: () => new TextDecoder().decode(bytes),
    getContentType: () => type,
    setContentType: (t: string) => {
      type = t;
      return blob;
    },
    getName: () => blobName,
    setName: (n: string) => {
      blobName = n;
      return blob;
    },
    copyBlob: () => newBlob(Array.from(bytes), type ?? undefined, blobName ?? undefined),
    /** Only what the CRM asks: HTML as a PDF (Google renders it; here a marker and the HTML). */
    getAs: (wanted: string) => {
      if (wanted !== 'application/pdf' || type !== 'text/html') throw new Error(`fake: getAs(${wanted}) of ${type} is not modelled`);
      return newBlob(`%PDF-1.4 (rendered from HTML)\n${new TextDecoder().decode(bytes)}`, 'application/pdf', (blobName ?? 'document').replace(/\.[^.]*$/, '') + '.pdf');
    },
  };
  return blob;
}

export function formatString(template: string, ...args: any[]): string {
  let i = 0;
  return String(template).replace(/%(-?\d*)(?:\.(\d+))?([sdif%])/g, (whole, _w, prec, kind) => {
    if (kind === '%') return '%';
    const v = args[i++];
    if (kind === 's') return String(v);
    if (kind === 'd' || kind === 'i') return String(Math.trunc(Number(v)));
    return prec !== undefined ? Number(v).toFixed(Number(prec)) : String(Number(v));
  });
}

export function createUtilities(ctx: FakeContext): any {
  return {
    Charset: { UTF_8: 'UTF_8', US_ASCII: 'US_ASCII' },
    getUuid(): string {
      const c: any = (globalThis as any).crypto;
      if (c && typeof c.randomUUID === 'function') return c.randomUUID();
      return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (ch) => {
        const r = (Math.random() * 16) | 0;
        return (ch === 'x' ? r : (r & 0x3) | 0x8).toString(16);
      });
    },
    formatDate(date: any, timeZone: string, format: string): string {
      if (!isDate(date) || typeof timeZone !== 'string' || typeof format !== 'string') {
        throw gasError(ctx, "The parameters don't match the method signature for Utilities.formatDate.");
      }
      return formatJavaDate(date.getTime(), timeZone, format);
    },
    formatString,
    sleep(_milliseconds: number): void {},
    base64Encode: (data: any) => encode(toBytes(data)),
    base64EncodeWebSafe: (data: any) => encode(toBytes(data)).replace(/\+/g, '-').replace(/\//g, '_'),
    base64Decode: (encoded: string) => toSignedBytes(decode(ctx, String(encoded))),
    base64DecodeWebSafe: (encoded: string) => toSignedBytes(decode(ctx, String(encoded).replace(/-/g, '+').replace(/_/g, '/'))),
    newBlob,
    /** HMAC-SHA256 of value with key (strings read as UTF-8, or byte arrays), as Java's signed bytes. */
    computeHmacSha256Signature(value: any, key: any, _charset?: string): number[] {
      if (value === undefined || key === undefined) throw gasError(ctx, "The parameters don't match the method signature for Utilities.computeHmacSha256Signature.");
      const { createHmac } = require('node:crypto') as typeof import('node:crypto');
      return toSignedBytes(
        Uint8Array.from(
          createHmac('sha256', Buffer.from(toBytes(key)))
            .update(Buffer.from(toBytes(value)))
            .digest(),
        ),
      );
    },
  };
}

export function createLogger(lines: string[]): any {
  const logger = {
    log(data?: any, ...values: any[]) {
      const text = values.length && typeof data === 'string' ? formatString(data, ...values) : String(data);
      lines.push(text);
      return logger;
    },
    getLog: () => lines.join('\n'),
    clear: () => {
      lines.length = 0;
    },
  };
  return logger;
}
