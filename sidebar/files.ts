/** A file the person picks, as the server wants it: its bytes in base64 (google.script.run carries text,
 *  not binary; the server decodes and detects the encoding itself, so nothing is decoded here). */
import { toBase64 } from '../src/core/base64';

export interface PickedFile {
  name: string;
  /** Size in bytes. */
  size: number;
  base64: string;
}

/** importFile takes at most 40 MB of base64 text: 30 MB of file. */
export const MAX_FILE_BYTES = 30 * 1024 * 1024;

/** The bytes of an ArrayBuffer (what FileReader gives) in base64. */
export function bufferToBase64(buffer: ArrayBuffer): string {
  return toBase64(new Uint8Array(buffer));
}

/** Reads a picked file with FileReader (which the sidebar's iframe has everywhere, unlike File.arrayBuffer
 *  in older browsers). */
export function readPickedFile(file: File): Promise<PickedFile> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const result = reader.result;
      if (result instanceof ArrayBuffer) resolve({ name: file.name, size: file.size, base64: bufferToBase64(result) });
      else reject(new Error('the file was not read as bytes'));
    };
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(file);
  });
}

/** 1234 → '1.2 KB', in the reader's number format. */
export function formatSize(bytes: number, locale: string): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
