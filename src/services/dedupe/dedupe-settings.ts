import { Settings } from '../../core/schema/tables';
import { dedupeRules } from '../../core/dedupe/rules';
import type { Workbook } from '../../store/workbook';

/** The de-duplication rules in Settings (`dedupe_rules`), and what could not be read of them: for the
 *  duplicates review and for the offer of the contact already there on a new one. */
export function dedupeRulesOf(workbook: Workbook): ReturnType<typeof dedupeRules> {
  return dedupeRules(workbook.rowsOf(Settings).find((s) => s.key.trim().toLowerCase() === 'dedupe_rules')?.value ?? '');
}
