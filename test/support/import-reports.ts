/** An import's preview as the server answers it: a French members' file, read with `;`, one guessed
 *  and one unknown column, a bad email on line 4. */
import type { ColumnMapping } from '../../src/core/import/headers';
import type { ImportReport } from '../../src/services/imports/imports';

export const MAPPING: ColumnMapping[] = [
  { header: 'Prénom', target: 'first_name', confidence: 'exact' },
  { header: 'Nom', target: 'last_name', confidence: 'exact' },
  { header: 'Ville natale', target: 'city', confidence: 'guess' },
  { header: 'Code adhérent', target: 'custom', confidence: 'none' },
];

export function report(over: Partial<ImportReport> = {}): ImportReport {
  return {
    batch: '',
    file: 'adhérents.csv',
    mode: 'skip',
    dry_run: true,
    encoding: 'utf-8',
    delimiter: ';',
    mapping: MAPPING,
    rows: 10,
    created: 6,
    updated: 0,
    skipped: 2,
    duplicates_in_file: 1,
    errors: [{ row: 4, column: 'Courriel', message: '"x" is not a valid email address' }],
    ...over,
  } as ImportReport;
}
