import { statusWords, type MembershipRules } from '../../core/membership';

/** The membership rules of core/membership.ts written as SQL over a `memberships` row aliased `m`, for
 *  the query language compiled to SQL: the same statuses from the same dates, overrides typed in any of
 *  the four languages, and the same membership deciding a contact's badge. `param` adds a parameter
 *  and returns its placeholder. */

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A status typed by a person ('Annulé ', 'em_dia') → the status it means, or null. */
function statusWord(cell: string): string {
  const word = `regexp_replace(crm_text(${cell}), '[[:space:]_-]+', ' ', 'g')`;
  const cases = statusWords()
    .map(([w, status]) => `WHEN ${literal(w)} THEN ${literal(status)}`)
    .join(' ');
  return `(CASE ${word} ${cases} END)`;
}

/** The manual override of the membership row `m` as the CRM's own word (core/membership.ts
 *  overrideFromCells): a status typed in the override column in any of the four languages, or
 *  'cancelled' typed in the status column; null when there is none. */
export function membershipOverrideSql(): string {
  // Most rows have no override and the status the nightly run wrote: their words need no reading.
  return `coalesce(CASE WHEN coalesce(m."status_override", '') <> '' THEN ${statusWord('m."status_override"')} END,
    CASE WHEN coalesce(m."status", '') NOT IN ('', 'pending', 'new', 'current', 'grace', 'expired') AND ${statusWord('m."status"')} = 'cancelled' THEN 'cancelled' END)`;
}

/** The status people see for the membership row `m`: a valid override, else what the dates give. */
export function membershipStatusSql(today: string, rules: MembershipRules, param: (v: string | number) => string): string {
  const day = `${param(today)}::date`;
  const start = 'coalesce(m."start_date", m."join_date")';
  const joined = 'coalesce(m."join_date", m."start_date")';
  const override = membershipOverrideSql();
  const computed = `CASE WHEN m."paid" IS FALSE THEN 'pending'
    WHEN ${start} IS NULL OR ${start} > ${day} THEN 'pending'
    WHEN m."end_date" IS NULL OR ${day} <= m."end_date" THEN
      CASE WHEN ${day} < (${joined} + make_interval(months => ${param(rules.newMonths)}::integer))::date THEN 'new' ELSE 'current' END
    WHEN ${day} <= m."end_date" + ${param(rules.graceDays)}::integer THEN 'grace'
    ELSE 'expired' END`;
  return `coalesce(${override}, ${computed})`;
}

export const IN_FORCE = `('new', 'current', 'grace')`;

/** Each contact's deciding membership (core/membership.ts bestMembership): among those in force the
 *  one that lasts longest (no end date: never ends), else the latest by end date, then start date;
 *  ties go to the first row. `source`: rows of contact_id, level, end_date, start_date, _seq and
 *  today's status (membershipsTodaySql). Columns: contact_id, status, level, end_date. */
export function decidingMembershipSql(source: string): string {
  return `SELECT DISTINCT ON (s."contact_id") s."contact_id", s.status, s."level", s."end_date" FROM ${source} s
    ORDER BY s."contact_id", (s.status IN ${IN_FORCE}) DESC, s."end_date" DESC NULLS FIRST, s."start_date" DESC NULLS LAST, s."_seq"`;
}

/** Every membership of a contact with today's status (`status`: membershipStatusSql). */
export function membershipsTodaySql(status: string): string {
  return `SELECT m."contact_id", m."level", m."end_date", m."start_date", m."_seq", ${status} AS status FROM memberships m WHERE m."contact_id" IS NOT NULL`;
}
