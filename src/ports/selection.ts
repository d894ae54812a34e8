/** Where the person is in the spreadsheet: the sheet and row of the active cell. The sidebar follows
 *  it (select a contact's row, the card opens) and moves it (choose a result, its row is selected). */
export interface SheetPosition {
  sheet: string;
  /** 1-based, the header is row 1. */
  row: number;
}

/** The rows a person highlighted on one sheet: one or more blocks (a click-drag, ctrl-clicks). */
export interface SelectedRows {
  sheet: string;
  /** 1-based rows, `count` rows from `row` on; they may include the header row. */
  ranges: { row: number; count: number }[];
}

export interface Selection {
  /** The active cell's sheet and row, or null when the platform cannot tell (no open spreadsheet UI). */
  get(): SheetPosition | null;
  /** Every row the person highlighted (to add them to a segment), or null when the platform cannot tell. */
  selectedRows(): SelectedRows | null;
  /** Selects the whole row on that sheet and shows it. */
  select(position: SheetPosition): void;
}
