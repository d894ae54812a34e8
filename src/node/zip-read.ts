import { inflateRawSync } from 'node:zlib';

/** A file inside a .zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** A file's bytes as the archive stores them (compressed with `method`), and what a zip directory says of it. */
export interface StoredFile {
  data: Uint8Array;
  crc: number;
  size: number;
  method: number;
}

/** A .zip archive read from its central directory: a file is inflated (by Node's zlib) only when asked
 *  for, and its compressed bytes can be copied as they are into another archive (see xlsx-fast-write.ts).
 *  Archives that need ZIP64 (over 4 GB or 65,535 files) or are split are refused: the caller falls back
 *  to another reader. */
export class ZipArchive {
  readonly entries = new Map<string, ZipEntry>();

  constructor(private readonly bytes: Uint8Array) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const end = findEnd(view);
    const count = view.getUint16(end + 10, true);
    let at = view.getUint32(end + 16, true);
    if (count === 0xffff || at === 0xffffffff) throw new Error('ZIP64 archives are not read here');
    const decoder = new TextDecoder();
    for (let i = 0; i < count; i++) {
      if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new Error('the zip directory is damaged');
      const nameLength = view.getUint16(at + 28, true);
      const extraLength = view.getUint16(at + 30, true);
      const commentLength = view.getUint16(at + 32, true);
      const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
      this.entries.set(name, {
        name,
        method: view.getUint16(at + 10, true),
        crc: view.getUint32(at + 16, true),
        compressedSize: view.getUint32(at + 20, true),
        size: view.getUint32(at + 24, true),
        offset: view.getUint32(at + 42, true),
      });
      at += 46 + nameLength + extraLength + commentLength;
    }
  }

  /** The file as stored, to copy into another archive unchanged. */
  stored(name: string): StoredFile {
    const entry = this.entries.get(name)!;
    return { data: this.raw(name), crc: entry.crc, size: entry.size, method: entry.method };
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  /** The file's bytes as stored (compressed), to copy into another archive. */
  raw(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) throw new Error(`${name} is missing from the file`);
    const view = new DataView(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
    if (view.getUint32(entry.offset, true) !== 0x04034b50) throw new Error(`${name} is damaged in the file`);
    const start = entry.offset + 30 + view.getUint16(entry.offset + 26, true) + view.getUint16(entry.offset + 28, true);
    return this.bytes.subarray(start, start + entry.compressedSize);
  }

  /** The file's bytes, inflated; empty when the archive has no such file. */
  read(name: string): Uint8Array {
    const entry = this.entries.get(name);
    if (!entry) return new Uint8Array(0);
    const raw = this.raw(name);
    if (entry.method === 0) return raw;
    if (entry.method !== 8) throw new Error(`${name} is compressed in a way this reader does not know (${entry.method})`);
    return inflateRawSync(raw);
  }
}

/** The end-of-central-directory record: the last 22 bytes, or further back when the archive has a comment. */
function findEnd(view: DataView): number {
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) return at;
  }
  throw new Error('this is not a zip archive (no central directory)');
}
