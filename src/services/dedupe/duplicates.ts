import { Contacts, NotDuplicates } from '../../core/schema/tables';
import { findDuplicates, pairKey, DedupeResult } from '../../core/dedupe/engine';
import { dedupeRulesOf } from './dedupe-settings';
import { PERSON_FIELDS, personFromValues, personRecord, type PersonRecord } from '../../core/dedupe/people';
import { q } from '../../store/sql/sql-types';
import { LIVE_CONTACT } from '../query/query-sql';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { requireLiveContact } from '../record/contacts';
import { settingsOf } from '../today';
import { displayName } from '../../core/text';

export interface DuplicateReport extends DedupeResult {
  threshold: number;
  /** What was wrong with the Settings' dedupe_rules, if anything (the built-in rules were used). */
  rule_problems: string[];
  /** The name of every contact in a pair, so a list of pairs needs no further call. */
  names: Record<string, string>;
}

/** The most pairs one answer holds (the most alike first; `clusters` are then those pairs' groups): a
 *  list of pairs is for people to go through, and a CRM imported twice over would otherwise answer
 *  with millions, past what a call can carry. Merging the first ones and finding again shows the next. */
export const MAX_PAIRS = 5000;

/** Likely duplicates among the live contacts (not deleted, not merged), by the rules in Settings
 *  (`dedupe_rules`), minus the pairs people marked "not a duplicate". */
export function findContactDuplicates(workbook: Workbook, options: { threshold?: number; ids?: string[] } = {}): DuplicateReport {
  const { rules, problems } = dedupeRulesOf(workbook);
  if (options.threshold !== undefined) rules.threshold = options.threshold;
  const people = livePeople(workbook);
  const notDuplicates = new Set(
    workbook
      .table(NotDuplicates)
      .all()
      .map((n) => pairKey(n.contact_a, n.contact_b)),
  );
  const result = findDuplicates(people, rules, {
    defaultCountry: settingsOf(workbook).defaultCountry,
    notDuplicates,
    limitToIds: options.ids ? new Set(options.ids) : undefined,
    keep: MAX_PAIRS,
  });
  const { pairs, clusters } = result;
  const inPairs = new Set(pairs.flatMap((p) => [p.a, p.b]));
  const names: Record<string, string> = {};
  for (const c of people) if (inPairs.has(c.id)) names[c.id] = displayName(c);
  return { pairs, clusters, compared: result.compared, total_pairs: result.total_pairs, threshold: rules.threshold, rule_problems: problems, names };
}

/** The live contacts (not deleted, not merged) as the engine compares them. On a database, only the
 *  columns it compares are read, as text, without decoding whole records. */
function livePeople(workbook: Workbook): PersonRecord[] {
  if (!workbook.answersInDatabase(Contacts.name)) {
    return workbook
      .table(Contacts)
      .all()
      .filter((c) => c.deleted !== true && !c.merged_into)
      .map((c) => personRecord(c));
  }
  const { rows } = workbook.database!.sql.queryArrays(
    `SELECT ${PERSON_FIELDS.map((f) => `coalesce(c.${q(f)}::text, '') AS ${q(f)}`).join(', ')} FROM contacts c WHERE ${LIVE_CONTACT} ORDER BY c."_seq"`,
  );
  return rows.map(personFromValues);
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
