/** Where the person is in the spreadsheet: the sheet and row of the active cell. The sidebar follows
 *  it (select a contact's row, the card opens) and moves it (choose a result, its row is selected). */
export interface SheetPosition {
  sheet: string;
  /** 1-based, the header is row 1. */
  row: number;
}

export interface Selection {
  /** The active cell's sheet and row, or null when the platform cannot tell (no open spreadsheet UI). */
  get(): SheetPosition | null;
  /** Selects the whole row on that sheet and shows it. */
  select(position: SheetPosition): void;
}
