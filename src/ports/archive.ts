import type { Grid } from './grid';

/** An archive spreadsheet, open: its sheets, and how to keep what was written to it. */
export interface ArchiveBook {
  grid: Grid;
  /** Makes what was written durable where the platform needs it (the local .xlsx); nothing in Google. */
  save(): void;
}

/** The spreadsheet a CRM moves old log rows (and, by choice, old interactions) into, so that its own
 *  10-million-cell budget goes to what people work on. One per CRM, linked by its id (document
 *  properties). Adapters: Apps Script (SpreadsheetApp.create/openById: the `spreadsheets` scope), Node
 *  (an .xlsx beside the workbook), memory (tests). */
export interface Archives {
  /** The archive, or null when it is gone (deleted, moved, no longer shared with this person). */
  open(id: string): ArchiveBook | null;
  /** A new, empty archive spreadsheet: its id, and the address a person opens it at. */
  create(name: string): { id: string; url: string };
}
