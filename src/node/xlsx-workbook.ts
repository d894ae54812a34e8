import { promises as fs, statSync, Stats } from 'node:fs';
import type * as Excel from 'exceljs';
import type { Cell } from '../core/schema/columns';
import { MemoryGrid } from '../memory/grid';
import { writeFileAtomic, WriteBytes } from './atomic-file';
import { readWorkbookFast, type FastWorkbook } from './xlsx-fast-read';
import { LazySheets } from './lazy-sheets';
import { writeWorkbookFast, type SheetToWrite } from './xlsx-fast-write';
import { snapshotsFor, type Snapshots } from './snapshot';

export interface XlsxOptions {
  /** Whether reading keeps snapshots of big sheets for the next command (see snapshot.ts): not the fold,
   *  which replaces what it reads. Default true. */
  saveSnapshots?: boolean;
  /** Tests only: how saved bytes reach the disk (see atomic-file.ts). */
  writeBytes?: WriteBytes;
}

/** How a sheet looked in Excel, kept so that saving does not undo what a person arranged. */
interface Look {
  frozenColumns: number;
  widths: (number | undefined)[];
}

/** The local runtime's Grid: an .xlsx file, loaded whole into memory (the working copy is the
 *  MemoryGrid this extends), and written back whole by `save`. The file is the database, so the round
 *  trip is lossless for everything the Grid contract promises: text stays text, whatever it looks like. */
export class XlsxWorkbook extends MemoryGrid {
  private stamp: Stats | undefined;
  private readonly looks = new Map<string, Look>();

  private constructor(
    readonly path: string,
    private readonly writeBytes?: WriteBytes,
  ) {
    super(new LazySheets());
  }

  /** The workbook at `path`; an empty one (no sheets) when there is no file yet. */
  static async open(path: string, options: XlsxOptions = {}): Promise<XlsxWorkbook> {
    const workbook = new XlsxWorkbook(path, options.writeBytes);
    const store = snapshotsFor(path);
    workbook.snapshots = store && { store, save: options.saveSnapshots !== false };
    // Stat before reading: if the file changes in between, we see it as modified and reload once
    // more, rather than miss the change.
    const stamp = stampOf(path);
    if (!stamp) return workbook;
    const bytes = await fs.readFile(path);
    // The fast reader first (each sheet parsed when first used); exceljs when it cannot read the file.
    let keywords: string;
    try {
      keywords = workbook.loadFast(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch {
      keywords = await workbook.loadWithExceljs(bytes);
    }
    workbook.stamp = stamp;
    workbook.journalSeq = Number(/crm-journal:(\d+)/.exec(keywords)?.[1] ?? 0);
    workbook.foldedFrom = /crm-from:(\S+)/.exec(keywords)?.[1] ?? '';
    return workbook;
  }

  private loadFast(bytes: Uint8Array): string {
    const file = readWorkbookFast(bytes, this.snapshots);
    (this.sheets as LazySheets).defer(file.names, (name) => file.parse(name));
    this.fast = file;
    this.fromFile = new Set(file.names);
    return file.keywords;
  }

  /** Sheets changed since the file was read or saved: the others are copied from it as they are. A
   *  change rolled back leaves its sheet here (it is then written anew, which costs time, not data). */
  private readonly unsaved = new Set<string>();

  protected changed(sheet: string): void {
    this.unsaved.add(sheet);
  }

  /** The file read fast, for what a sheet looked like (frozen panes, widths, dropdowns): only asked
   *  when the workbook is saved, so that opening reads no sheet it does not need. */
  private fast: FastWorkbook | null = null;
  private snapshots: { store: Snapshots; save: boolean } | null = null;
  private fromFile = new Set<string>();

  private lookOf(name: string): Look | undefined {
    if (!this.looks.has(name) && this.fast && this.fromFile.has(name)) {
      this.looks.set(name, { frozenColumns: this.fast.frozenColumns(name), widths: this.fast.widths(name) });
      if (!this.frozen.has(name)) this.frozen.set(name, this.fast.frozenRows(name));
    }
    return this.looks.get(name);
  }

  /** The dropdowns of a sheet: those in the file, and those set since. */
  choicesOf(name: string): Map<number, string[]> {
    const fromFile = this.fast && this.fromFile.has(name) ? this.fast.choices(name) : new Map<number, string[]>();
    return new Map([...fromFile, ...(this.choices.get(name) ?? new Map<number, string[]>())]);
  }

  private async loadWithExceljs(bytes: Buffer): Promise<string> {
    this.sheets.clear();
    this.frozen.clear();
    this.looks.clear();
    this.choices.clear();
    // Loaded only here: exceljs takes a third of a second to load, which every command would pay.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start
    const exceljs = require('exceljs') as typeof Excel;
    const file = new exceljs.Workbook();
    await file.xlsx.load(bytes as unknown as Excel.Buffer);
    for (const sheet of file.worksheets) this.load(sheet, exceljs.ValueType.Merge);
    return String(file.keywords ?? '');
  }

  /** The last journal entry this file holds (see journal.ts): entries up to it are never applied again. */
  journalSeq = 0;
  /** The file this one was folded from (its stamp, see `baseStamp`): journal entries written on top of
   *  that file still belong on this one, which holds it and the entries up to `journalSeq`. */
  foldedFrom = '';

  /** Which file on disk the working copy stands on (inode, size, modification time): journal entries
   *  carry it, so that they are never replayed onto a file another program (Excel) wrote since. */
  get baseStamp(): string {
    return stampText(this.stamp);
  }

  /** Excel's rules for sheet names, checked here so that a bad name fails now rather than at save
   *  (where exceljs would throw, or silently cut it to 31 characters). */
  createSheet(name: string, header: string[]): void {
    if (!name || name.length > 31 || /[*?:\\/[\]]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history')
      throw new Error(`"${name}" cannot be a sheet name in Excel (at most 31 characters, none of * ? : \\ / [ ], not History)`);
    if ([...this.sheets.keys()].some((s) => s.toLowerCase() === name.toLowerCase())) throw new Error(`A sheet named "${name}" already exists`);
    super.createSheet(name, header);
  }

  deleteSheet(name: string): void {
    super.deleteSheet(name);
    this.looks.delete(name);
    this.fromFile.delete(name);
  }

  /** Writes every sheet, in order, to a temporary file and renames it over the workbook: a crash
   *  never leaves a broken file. */
  async save(seq = this.journalSeq): Promise<void> {
    // A sheet at a time: unchanged ones copied from the file as stored; the others with their look
    // read from the file before their rows (which drop the file's copy).
    const names = [...this.sheets.keys()];
    const stored = new Map(names.map((name) => [name, !this.unsaved.has(name) && this.fast && this.fromFile.has(name) ? this.fast.stored(name) : undefined]));
    const sheets = function* (this: XlsxWorkbook): Generator<SheetToWrite> {
      for (const name of names) {
        const copy = stored.get(name);
        if (copy) {
          yield { name, rows: [], frozenRows: 0, frozenColumns: 0, widths: [], choices: new Map(), stored: copy };
          continue;
        }
        const look = this.lookOf(name);
        const choices = this.choicesOf(name);
        yield { name, rows: this.sheets.get(name)!, frozenRows: this.frozen.get(name) ?? 1, frozenColumns: look?.frozenColumns ?? 0, widths: look?.widths ?? [], choices };
      }
    }.call(this);
    const copying = [...stored.values()].some(Boolean);
    const from = this.baseStamp;
    const bytes = writeWorkbookFast(sheets, `crm-journal:${seq} crm-from:${from}`, copying ? this.fast!.sharedTexts() : []);
    this.stamp = await writeFileAtomic(this.path, bytes, this.writeBytes);
    this.foldedFrom = from;
    // The file just written is the one the next save copies from.
    this.fast = readWorkbookFast(bytes, this.snapshots && { store: this.snapshots.store, save: false });
    this.fromFile = new Set(this.fast.names);
    this.unsaved.clear();
    this.journalSeq = seq;
  }

  /** Takes the file on disk as ours again (after a fold written by a worker). */
  restamp(seq: number): void {
    this.foldedFrom = this.baseStamp;
    this.stamp = stampOf(this.path);
    this.journalSeq = seq;
  }

  /** Whether someone else (the CLI, Excel) changed the file since we last loaded or saved it. Any of
   *  mtime, size or inode: a save by another process renames a new file in, an editor writing in
   *  place changes the size or mtime, and mtimes can be coarse. */
  modifiedOnDisk(): boolean {
    const now = stampOf(this.path);
    const was = this.stamp;
    if (!now || !was) return !now !== !was;
    return now.mtimeMs !== was.mtimeMs || now.size !== was.size || now.ino !== was.ino;
  }

  private load(sheet: Excel.Worksheet, merge: Excel.ValueType): void {
    const rows: Cell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, r) => {
      const cells: Cell[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        // The other cells of a merge report the first cell's value: keep it once.
        cells[c - 1] = cell.type === merge ? '' : toCell(cell.value);
      });
      rows[r - 1] = Array.from(cells, (v) => v ?? '');
    });
    this.sheets.set(
      sheet.name,
      Array.from(rows, (r) => r ?? []),
    );
    const frozen = sheet.views?.find((v) => v.state === 'frozen') as Excel.WorksheetViewFrozen | undefined;
    this.frozen.set(sheet.name, frozen?.ySplit ?? 0);
    this.looks.set(sheet.name, { frozenColumns: frozen?.xSplit ?? 0, widths: (sheet.columns ?? []).map((c) => c?.width) });
    const choices = readChoices(sheet);
    if (choices.size) this.choices.set(sheet.name, choices);
  }
}

/** The list dropdowns of a sheet read back, by column. */
function readChoices(sheet: Excel.Worksheet): Map<number, string[]> {
  const found = new Map<number, string[]>();
  const model = (sheet as unknown as { dataValidations?: { model?: Record<string, Excel.DataValidation> } }).dataValidations?.model ?? {};
  for (const [address, rule] of Object.entries(model)) {
    const formula = rule?.type === 'list' ? String(rule.formulae?.[0] ?? '') : '';
    const m = /^([A-Z]+)\d+/.exec(address.split(':')[0].replace(/^range:/, ''));
    if (!m || !/^".*"$/.test(formula)) continue;
    const column = sheet.getColumn(m[1]).number;
    if (!found.has(column))
      found.set(
        column,
        formula
          .slice(1, -1)
          .split(',')
          .map((v) => v.replace(/""/g, '"')),
      );
  }
  return found;
}

/** A cell as exceljs gives it → the port's Cell. Formulas are not ours to evaluate: their cached
 *  result is what the person saw. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return isoText(value);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return v.richText.map((run: { text?: string }) => run.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) return toCell(v.result);
  if ('error' in v) return String(v.error);
  if ('text' in v) return toCell(v.text); // a hyperlink: its text
  return String(value);
}

/** exceljs reads date cells as UTC Dates; the port wants ISO text. Rounded to the second because
 *  Excel stores days as floating point. */
function isoText(date: Date): string {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return '';
  const iso = new Date(Math.round(ms / 1000) * 1000).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19);
}

/** A file's stamp as journal entries carry it: '' when there is no file. */
export function stampText(stamp: Stats | undefined): string {
  return stamp ? `${stamp.ino}:${stamp.size}:${stamp.mtimeMs}` : '';
}

function stampOf(path: string): Stats | undefined {
  return statSync(path, { throwIfNoEntry: false });
}
