import type { Cell, Column } from '../core/schema/columns';

/** A record value → the cell we store. Text stays text (the Grid stores it literally). */
export function encode(column: Column, value: unknown): Cell {
  if (value === undefined || value === null || value === '') return '';
  switch (column.kind) {
    case 'number':
    case 'money':
    case 'boolean':
      return value as Cell;
    default:
      return String(value);
  }
}

/** A cell as read → the record value. Lenient: people edit the sheet by hand, so a number typed into a
 *  text column comes back as its text, and '25,50' typed into an amount comes back as 25.5. A value
 *  that cannot be read is returned as it is, never dropped (and never written back unless changed). */
export function decode(column: Column, cell: Cell): unknown {
  switch (column.kind) {
    case 'number':
    case 'money':
      if (typeof cell === 'number' || cell === '') return cell;
      if (typeof cell === 'string') {
        const n = Number(
          cell
            .trim()
            .replace(/\s/g, '')
            .replace(/,(\d+)$/, '.$1'),
        );
        return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
      }
      return cell;
    case 'boolean':
      if (typeof cell === 'boolean') return cell;
      // Blank is "not said", which some rules read differently from FALSE (a membership with no
      // "paid" is not pending; a relationship with no "active" is in force).
      if (cell === '') return '';
      return /^(true|yes|1|vrai|oui|sí|si|verdadeiro|sim|x)$/i.test(String(cell).trim());
    default:
      if (typeof cell === 'string') return cell;
      if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
      return String(cell);
  }
}

export function sameValue(a: unknown, b: unknown): boolean {
  return a === b || ((a === '' || a === false || a == null) && (b === '' || b === false || b == null) && typeof a === typeof b);
}
