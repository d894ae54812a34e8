import { Contacts, NotDuplicates } from '../core/schema/tables';
import { findDuplicates, pairKey, DedupeResult } from '../core/dedupe/engine';
import { dedupeRules } from '../core/dedupe/rules';
import { personRecord } from '../core/dedupe/people';
import type { Workbook } from '../store/workbook';
import { UserError } from '../store/errors';
import { requireLiveContact } from './contacts';
import { settingsOf } from './today';
import { Settings } from '../core/schema/tables';

export interface DuplicateReport extends DedupeResult {
  threshold: number;
  /** What was wrong with the Settings' dedupe_rules, if anything (the built-in rules were used). */
  rule_problems: string[];
}

/** Likely duplicates among the live contacts (not deleted, not merged), by the rules in Settings
 *  (`dedupe_rules`), minus the pairs people marked "not a duplicate". */
export function findContactDuplicates(workbook: Workbook, options: { threshold?: number; ids?: string[] } = {}): DuplicateReport {
  const text = workbook.rowsOf(Settings).find((s) => s.key.trim().toLowerCase() === 'dedupe_rules')?.value ?? '';
  const { rules, problems } = dedupeRules(text);
  if (options.threshold !== undefined) rules.threshold = options.threshold;
  const people = workbook
    .table(Contacts)
    .all()
    .filter((c) => c.deleted !== true && !c.merged_into)
    .map((c) => personRecord(c));
  const notDuplicates = new Set(workbook.table(NotDuplicates).all().map((n) => pairKey(n.contact_a, n.contact_b)));
  const result = findDuplicates(people, rules, { defaultCountry: settingsOf(workbook).defaultCountry, notDuplicates, limitToIds: options.ids ? new Set(options.ids) : undefined });
  return { ...result, threshold: rules.threshold, rule_problems: problems };
}

/** "These two are not the same person": remembered, never proposed again. */
export function markNotDuplicate(workbook: Workbook, a: string, b: string, by: string): { pair: string } {
  if (a === b) throw new UserError('invalid', 'error.relationship_self');
  requireLiveContact(workbook, a);
  requireLiveContact(workbook, b);
  const key = pairKey(a, b);
  const table = workbook.table(NotDuplicates);
  if (!table.all().some((n) => pairKey(n.contact_a, n.contact_b) === key)) {
    const [first, second] = key.split('|');
    table.insert([{ contact_a: first, contact_b: second, marked_by: by, marked_at: workbook.clock.now().toISOString() }]);
  }
  return { pair: key };
}
