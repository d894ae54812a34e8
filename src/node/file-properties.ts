import { existsSync, readFileSync } from 'node:fs';
import type { KeyValue } from '../ports/key-value';
import { writeFileAtomicSync } from './atomic-file';

/** Document properties of the local runtime: a small JSON file beside the workbook. */
export class FileProperties implements KeyValue {
  private values: Record<string, string>;

  constructor(private readonly path: string) {
    // No prototype: a key such as 'constructor' is only ever what was stored under it.
    this.values = Object.assign(Object.create(null), existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {});
  }

  get(key: string): string | null {
    return Object.prototype.hasOwnProperty.call(this.values, key) ? this.values[key] : null;
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
