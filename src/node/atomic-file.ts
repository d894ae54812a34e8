import { closeSync, fsyncSync, openSync, promises as fs, renameSync, rmSync, Stats, writeFileSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

/** How the bytes reach the temporary file. Tests pass one that fails half-way, to check that a
 *  failed save leaves the workbook as it was. */
export type WriteBytes = (file: FileHandle, data: Uint8Array) => Promise<void>;

const writeAll: WriteBytes = (file, data) => file.writeFile(data);

/** Replaces the file at `path` with `data` so that a crash, a full disk or a failed write never
 *  leaves half a workbook: the bytes go to a temporary file in the same folder (a rename is only
 *  atomic within one file system), are flushed to disk, and only then renamed over the target.
 *  On failure the temporary file is removed and the target is untouched. Returns the new file's
 *  stats, taken before the rename (which keeps them), so that a change made by someone else right
 *  after the rename is not mistaken for ours. */
export async function writeFileAtomic(path: string, data: Uint8Array, writeBytes: WriteBytes = writeAll): Promise<Stats> {
  const folder = dirname(path);
  // Starts with a dot so that file pickers hide it; names the target so that a person who finds a
  // leftover (after a power cut) knows what it was.
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = await fs.stat(path).then(
    (s) => s.mode & 0o777,
    () => undefined,
  );
  const file = await fs.open(temp, 'wx', mode ?? 0o666);
  let written: Stats;
  try {
    if (mode !== undefined) await file.chmod(mode); // keep the permissions the person gave the file
    await writeBytes(file, data);
    await file.sync();
    written = await file.stat();
  } catch (error) {
    await file.close().catch(() => undefined);
    await fs.rm(temp, { force: true });
    throw error;
  }
  await file.close();
  try {
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
  return written;
}

/** Makes the rename itself durable. Not possible on every platform (Windows refuses to open a
 *  folder), where the rename is as durable as the OS makes it. */
async function syncFolder(folder: string): Promise<void> {
  let handle: FileHandle | undefined;
  try {
    handle = await fs.open(folder, 'r');
    await handle.sync();
  } catch {
    // best effort
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The same, synchronously, for small files written from synchronous code (document properties). */
export function writeFileAtomicSync(path: string, data: Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, data, { flag: 'wx' });
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
