import { existsSync, readFileSync } from 'node:fs';
import type { KeyValue } from '../ports/key-value';
import { writeFileAtomicSync } from './atomic-file';

/** Document properties of the local runtime: a small JSON file beside the workbook. */
export class FileProperties implements KeyValue {
  private values: Record<string, string>;

  constructor(private readonly path: string) {
    this.values = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {};
  }

  get(key: string): string | null {
    return this.values[key] ?? null;
  }

  set(key: string, value: string): void {
    this.values[key] = value;
    writeFileAtomicSync(this.path, Buffer.from(JSON.stringify(this.values, null, 2)));
  }

  delete(key: string): void {
    delete this.values[key];
    writeFileAtomicSync(this.path, Buffer.from(JSON.stringify(this.values, null, 2)));
  }
}
