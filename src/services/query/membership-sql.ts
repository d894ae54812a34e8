import { statusWords, type MembershipRules } from '../../core/membership';
import type { Sql } from '../../ports/database';
import { SqlParams } from '../../store/sql/sql-params';
import { foldedText } from '../../store/sql/sql-types';

/** The membership rules of core/membership.ts written as SQL over a `memberships` row aliased `m`, for
 *  the query language compiled to SQL: the same statuses from the same dates, overrides typed in any of
 *  the four languages, and the same membership deciding a contact's badge. `param` adds a parameter
 *  and returns its placeholder. */

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** A status typed by a person ('Annulé ', 'em_dia') → the status it means, or null. */
function statusWord(cell: string): string {
  const word = `regexp_replace(${foldedText(cell)}, '[[:space:]_-]+', ' ', 'g')`;
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

/** Each contact's deciding membership (core/membership.ts bestMembership) among its memberships with
 *  today's status, those of the contacts `only` selects (a condition on `m."contact_id"`) or all: among
 *  those in force the one that lasts longest (no end date: never ends), else the latest by end date,
 *  then start date; ties go to the first row. Columns: contact_id, status, level, end_date. */
function decidingOf(today: string, rules: MembershipRules, param: (v: string | number) => string, only = 'TRUE'): string {
  const memberships = `SELECT m."contact_id", m."level", m."end_date", m."start_date", m."_seq", ${membershipStatusSql(today, rules, param)} AS status
    FROM memberships m WHERE m."contact_id" IS NOT NULL AND ${only}`;
  return `SELECT DISTINCT ON (s."contact_id") s."contact_id", s.status, s."level", s."end_date" FROM (${memberships}) s
    ORDER BY s."contact_id", (s.status IN ${IN_FORCE}) DESC, s."end_date" DESC NULLS FIRST, s."start_date" DESC NULLS LAST, s."_seq"`;
}

/** What the stored deciding memberships were worked out with besides their day: the rules of the
 *  statuses and the words an override may be typed in. */
function decidingRulesKey(rules: MembershipRules): string {
  return JSON.stringify([rules.newMonths, rules.graceDays, statusWords()]);
}

/** Each contact's deciding membership today, as a query of contact_id, status, level, end_date. When
 *  the nightly run stored them for today with these rules (crm_deciding, migration 0007), the stored
 *  rows, once the contacts whose memberships changed since are worked out again and stored
 *  (catchUpDeciding): one row per contact read, with the database's statistics on them. Rows of an
 *  earlier day are carried to today first (carryForward). Otherwise (none stored, a later day, other
 *  rules) worked out from every membership on the fly: the same answer, slower. */
/** What decidingSql answers when the stored rows are today's: a plain read, which a condition on one
 *  contact can look up by its id. */
export const STORED_DECIDING = 'SELECT d."contact_id", d."status", d."level", d."end_date" FROM crm_deciding d';

export function decidingSql(sql: Sql, today: string, rules: MembershipRules, param: (v: string | number) => string): string {
  const read = () => sql.query(`SELECT to_char(s."day", 'YYYY-MM-DD') AS day, s."rules", EXISTS (SELECT 1 FROM crm_deciding_stale) AS changed FROM crm_deciding_state s`)[0];
  let state = read();
  if (state && String(state.day) < today && state.rules === decidingRulesKey(rules)) {
    carryForward(sql, String(state.day), today, rules);
    state = read();
  }
  if (state && state.day === today && state.rules === decidingRulesKey(rules)) {
    if (state.changed === true) catchUpDeciding(sql, today, rules);
    return STORED_DECIDING;
  }
  return decidingOf(today, rules, param);
}

/** The rows stored for an earlier day `from`, carried to `today`: a membership's status moves only on
 *  the days its dates say (its start; the day after its end; the end of its first months, when it is no
 *  longer new; the day after its grace), so the contacts with such a day since `from` are listed as
 *  changed, to be worked out again, and the others' rows hold today as they did then. On a day the
 *  nightly run has not run (yet), the first search or segment on memberships then works out the
 *  contacts whose memberships moved, once, instead of every search working out every membership on the
 *  fly (6 to 9 s at a million). Like the catch-up, a read writes these derived rows, unaudited. */
function carryForward(sql: Sql, from: string, today: string, rules: MembershipRules): void {
  const p = new SqlParams();
  const [since, day] = [`${p.add(from)}::date`, `${p.add(today)}::date`];
  const start = 'coalesce(m."start_date", m."join_date")';
  const notNew = `(coalesce(m."join_date", m."start_date") + make_interval(months => ${p.add(rules.newMonths)}::integer))::date`;
  const lapses = `m."end_date" + ${p.add(rules.graceDays)}::integer`;
  // Each the first day of a new status, when it fell after `from` and on or before today.
  const moved = [start, 'm."end_date" + 1', notNew, `${lapses} + 1`].map((first) => `(${first} > ${since} AND ${first} <= ${day})`).join(' OR ');
  sql.transaction(() => {
    // Once, by whoever comes first: another execution may be carrying the same rows.
    const carried = sql.query('UPDATE crm_deciding_state SET "day" = $2::date WHERE "day" = $1::date RETURNING "day"', [from, today]);
    if (!carried.length) return;
    sql.query(`INSERT INTO crm_deciding_stale ("contact_id") SELECT DISTINCT m."contact_id" FROM memberships m WHERE m."contact_id" IS NOT NULL AND (${moved}) ON CONFLICT DO NOTHING`, p.values);
  });
}

/** Works out again and stores the deciding membership of the contacts whose memberships changed since
 *  it was stored (listed by the trigger in crm_deciding_stale), in one statement: a membership written
 *  meanwhile lists its contact again, for the next time. */
function catchUpDeciding(sql: Sql, today: string, rules: MembershipRules): void {
  const p = new SqlParams();
  sql.query(
    `WITH gone AS (DELETE FROM crm_deciding_stale RETURNING "contact_id"),
          fresh AS (${decidingOf(today, rules, p.add, 'm."contact_id" IN (SELECT g."contact_id" FROM gone g)')}),
          left_none AS (DELETE FROM crm_deciding d WHERE d."contact_id" IN (SELECT g."contact_id" FROM gone g) AND NOT EXISTS (SELECT 1 FROM fresh f WHERE f."contact_id" = d."contact_id"))
     INSERT INTO crm_deciding ("contact_id", "status", "level", "end_date") SELECT f."contact_id", f."status", f."level", f."end_date" FROM fresh f
     ON CONFLICT ("contact_id") DO UPDATE SET "status" = excluded."status", "level" = excluded."level", "end_date" = excluded."end_date"`,
    p.values,
  );
}

/** Works out and stores every contact's deciding membership for `today` (what decidingSql reads), in
 *  the caller's transaction. The stored rows and the list of changed contacts are emptied first: a
 *  membership written meanwhile waits for the transaction, then lists its contact as changed again. */
export function storeDeciding(sql: Sql, today: string, rules: MembershipRules): void {
  sql.query('TRUNCATE crm_deciding_stale, crm_deciding');
  const p = new SqlParams();
  sql.query(`INSERT INTO crm_deciding ("contact_id", "status", "level", "end_date") SELECT x."contact_id", x."status", x."level", x."end_date" FROM (${decidingOf(today, rules, p.add)}) x`, p.values);
  sql.query('DELETE FROM crm_deciding_state');
  sql.query('INSERT INTO crm_deciding_state ("day", "rules") VALUES ($1::date, $2)', [today, decidingRulesKey(rules)]);
}
