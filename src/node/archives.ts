import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Cell } from '../core/schema/columns';
import type { ArchiveBook, Archives } from '../ports/archive';
import { MemoryGrid } from '../memory/grid';
import { readWorkbookFast } from './xlsx-fast-read';
import { writeWorkbookFast } from './xlsx-fast-write';
import { writeFileAtomicSync } from './atomic-file';

/** Locally, the archive is another .xlsx beside the workbook (`crm.archive.xlsx`), named by its file
 *  name: read whole when opened, written whole by save (archiving is rare and moves many rows). */
export class XlsxArchives implements Archives {
  constructor(private readonly workbookPath: string) {}

  open(id: string): ArchiveBook | null {
    const path = this.pathOf(id);
    if (!path || !existsSync(path)) return null;
    const file = readWorkbookFast(readFileSync(path));
    const grid = new MemoryGrid(new Map(file.names.map((name) => [name, file.parse(name)])));
    return { grid, save: () => save(path, grid) };
  }

  create(name: string): { id: string; url: string } {
    void name;
    const base = basename(this.workbookPath).replace(/\.xlsx$/i, '');
    let id = `${base}.archive.xlsx`;
    for (let n = 2; existsSync(join(dirname(this.workbookPath), id)); n++) id = `${base}.archive-${n}.xlsx`;
    const path = join(dirname(this.workbookPath), id);
    save(path, new MemoryGrid());
    return { id, url: path };
  }

  /** Only a file name in the workbook's folder: an id from the properties file never reaches elsewhere. */
  private pathOf(id: string): string | null {
    return /^[^/\\]+\.xlsx$/i.test(id) && id !== '..' ? join(dirname(this.workbookPath), id) : null;
  }
}

function save(path: string, grid: MemoryGrid): void {
  const sheets = [...grid.sheets].map(([name, rows]: [string, Cell[][]]) => ({ name, rows, frozenRows: 1, frozenColumns: 0, widths: [], choices: new Map<number, string[]>() }));
  writeFileAtomicSync(path, writeWorkbookFast(sheets, 'crm-archive'));
}
