import type { Cell } from '../core/schema/columns';
import type { Block, Grid } from '../ports/grid';

/** One change a call made to the working copy, as the local runtime's journal keeps it: replaying the
 *  ops of a call on the workbook as it was gives the workbook as the call left it. */
export type GridOp =
  | { t: 'create'; sheet: string; header: string[] }
  | { t: 'write'; sheet: string; blocks: Block[] }
  | { t: 'deleteRows'; sheet: string; row: number; count: number }
  | { t: 'deleteSheet'; sheet: string }
  | { t: 'choices'; sheet: string; column: number; values: string[] };

/** A copy of blocks that later changes to the caller's arrays cannot reach. */
export function copyBlocks(blocks: Block[]): Block[] {
  return blocks.map((b) => ({ row: b.row, column: b.column, values: b.values.map((r) => r.slice() as Cell[]) }));
}

/** Does `op` again on `grid`. */
export function applyOp(grid: Grid, op: GridOp): void {
  switch (op.t) {
    case 'create':
      grid.createSheet(op.sheet, op.header);
      return;
    case 'write':
      grid.write(op.sheet, op.blocks);
      return;
    case 'deleteRows':
      grid.deleteRows(op.sheet, op.row, op.count);
      return;
    case 'deleteSheet':
      grid.deleteSheet(op.sheet);
      return;
    case 'choices':
      grid.setChoices(op.sheet, op.column, op.values);
      return;
  }
}
