import type { ArchiveBook, Archives } from '../ports/archive';
import { SheetsGrid } from './grid';

/** Archive spreadsheets in the person's Drive. Opening another spreadsheet than the one the add-on runs
 *  in needs the `spreadsheets` scope (`spreadsheets.currentonly` cannot, even by id): see the README. */
export class SpreadsheetArchives implements Archives {
  constructor(
    private readonly timeZone: () => string,
    private readonly apostropheEaten: () => boolean,
  ) {}

  open(id: string): ArchiveBook | null {
    let spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
    try {
      spreadsheet = SpreadsheetApp.openById(id);
    } catch {
      return null; // deleted, or not shared with this person
    }
    return { grid: new SheetsGrid(spreadsheet, this.timeZone, this.apostropheEaten), save: () => SpreadsheetApp.flush() };
  }

  create(name: string): { id: string; url: string } {
    const spreadsheet = SpreadsheetApp.create(name);
    return { id: spreadsheet.getId(), url: spreadsheet.getUrl() };
  }
}
