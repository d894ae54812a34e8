/** Exports leave the sidebar as a file download made in the page: the server sends rows, we write the
 *  CSV (formula-escaped by toCsv) and hand it to the browser through a link.
 *
 *  Why a link with `download` and `target="_blank"`: in Google Sheets the sidebar is a sandboxed iframe
 *  on another origin, with `<base target="_top">`. A `download` link to a blob: URL saves the file in
 *  the local runtime and in Google's iframe (which allows downloads); `target="_blank"` overrides the
 *  page's `_top`, so that a browser that does not honour `download` there opens the file in a new tab
 *  instead of replacing the spreadsheet. Where `URL.createObjectURL` is missing, a data: URL does the
 *  same. The link stays on screen ("Download again"), so that a person can always click it themselves
 *  if the browser held back the automatic download. */
import type { Cell } from '../src/core/schema/columns';
import { toCsv } from '../src/core/csv';

/** Excel opens a UTF-8 CSV as UTF-8 (accents intact) only when it starts with a byte order mark. */
export const BOM = '\uFEFF';

/** The text of a CSV download: BOM, then the rows (a cell that would run as a formula is escaped). */
export function csvDownloadText(rows: Cell[][]): string {
  return BOM + toCsv(rows);
}

/** 'Contacts (search)' on '2024-03-05' → 'contacts-search-2024-03-05.csv'. */
export function csvFileName(name: string, day: string): string {
  const base = String(name ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'export'}${day ? `-${day}` : ''}.csv`;
}

/** The address of the file: a blob: URL, or a data: URL where blobs cannot be linked. */
export function fileAddress(text: string, type = 'text/csv;charset=utf-8', env: { URL?: { createObjectURL?(blob: Blob): string }; Blob?: typeof Blob } = globalThis): string {
  if (env.Blob && typeof env.URL?.createObjectURL === 'function') return env.URL.createObjectURL(new env.Blob([text], { type }));
  return `data:${type},${encodeURIComponent(text)}`;
}

let lastAddress = '';

/** The address of `text` as a file to download. Only the latest one's blob is kept alive. */
export function latestAddress(text: string): string {
  if (lastAddress.startsWith('blob:')) URL.revokeObjectURL(lastAddress);
  lastAddress = fileAddress(text);
  return lastAddress;
}

/** Starts the download of a link already in the page. */
export function startDownload(link: HTMLAnchorElement): void {
  link.click();
}
