import { Contacts, Donations, Interactions, Memberships } from '../../core/schema/tables';
import { ENGAGING_TYPES } from '../../core/lifecycle';
import { addDays } from '../../core/dates';
import type { Sql, SqlRow } from '../../ports/database';
import type { TableChanges } from '../../store/table';
import { SqlParams } from '../../store/sql/sql-params';
import type { Workbook } from '../../store/workbook';
import { IN_FORCE, membershipOverrideSql, membershipStatusSql, storeDeciding } from '../query/membership-sql';
import { LIVE_CONTACT } from '../query/query-sql';
import type { StatusRefresh } from '../views';
import { settingsOf, todayOf } from '../today';

/** The nightly statuses and stages (daily.ts refreshStatuses) when the CRM's tables live in
 *  PostgreSQL: two UPDATE statements the database works out and writes, in one transaction with their
 *  audit, instead of every membership, gift and contact read into memory and written back one by one.
 *  The same rules: a membership's status from its dates (core/membership.ts, through
 *  membership-sql.ts), an override typed in another language written back as the CRM's own word, a
 *  contact's stage from its memberships, gifts, engagements and newsletter status
 *  (core/lifecycle.ts). Only what changed is written; a row nobody dated keeps its dates, one without
 *  `updated_at` gets it. Null when the tables are not all in the database, or when this execution has
 *  changes it has not written (the statements would not see them). */
export function refreshStatusesInDatabase(workbook: Workbook): StatusRefresh | null {
  if (!workbook.answersInDatabase(Memberships.name, Contacts.name, Donations.name, Interactions.name)) return null;
  const { sql } = workbook.database!;
  const today = todayOf(workbook);
  const now = workbook.clock.now().toISOString();
  return sql.transaction(() => {
    const memberships = changed(Memberships.name, membershipUpdates(sql, workbook, today, now), [
      ['status', 'old_status', 'status'],
      ['status_override', 'old_override', 'override'],
      ['updated_at', 'old_updated', 'updated_at'],
    ]);
    const stages = changed(Contacts.name, stageUpdates(sql, today, now), [
      ['lifecycle_stage', 'old_stage', 'stage'],
      ['updated_at', 'old_updated', 'updated_at'],
    ]);
    // Segments and searches on memberships read each contact's deciding membership from here today.
    storeDeciding(sql, today, settingsOf(workbook).membership);
    workbook.auditWritten(STATUSES_AUDIT, [memberships, stages]);
    return { memberships_changed: memberships.updated.length, stages_changed: stages.updated.length };
  });
}

/** The audit log's name for the nightly statuses (the action refreshStatuses). */
export const STATUSES_AUDIT = 'statuses.refresh';

/** Each membership's status (and a valid override, in the CRM's word) written where it changed.
 *  Rows: id, _seq, then before/after pairs. */
function membershipUpdates(sql: Sql, workbook: Workbook, today: string, now: string): SqlRow[] {
  const p = new SqlParams();
  const status = membershipStatusSql(today, settingsOf(workbook).membership, p.add);
  return sql.query(
    `WITH x AS (SELECT m."id", coalesce(m."status", '') AS old_status, coalesce(m."status_override", '') AS old_override, coalesce(m."updated_at", '') AS old_updated,
                       ${status} AS status, coalesce(${membershipOverrideSql()}, '') AS override
                FROM memberships m WHERE m."id" <> '')
     UPDATE memberships t SET "status" = x.status,
       "status_override" = CASE WHEN x.override <> '' THEN x.override ELSE t."status_override" END,
       "updated_at" = CASE WHEN x.old_updated = '' THEN ${p.add(now)} ELSE t."updated_at" END
     FROM x WHERE t."id" = x."id" AND (x.old_status <> x.status OR (x.override <> '' AND x.old_override <> x.override))
     RETURNING t."id", t."_seq", x.old_status, x.status, x.old_override, CASE WHEN x.override <> '' THEN x.override ELSE x.old_override END AS override,
       x.old_updated, t."updated_at"`,
    p.values,
  );
}

/** Each live contact's derived stage written where it changed, from the statuses just written (every
 *  membership's `status` is today's after membershipUpdates, in the same transaction). */
function stageUpdates(sql: Sql, today: string, now: string): SqlRow[] {
  const p = new SqlParams();
  const day = `${p.add(today)}::date`;
  const engaging = [...ENGAGING_TYPES].map((t) => p.add(t)).join(', ');
  return sql.query(
    `WITH ms AS (SELECT m."contact_id", bool_or(m."status" IN ${IN_FORCE}) AS member, bool_or(m."status" IN ('expired', 'cancelled')) AS past
                 FROM memberships m WHERE m."contact_id" IS NOT NULL GROUP BY m."contact_id"),
          g AS (SELECT d."contact_id", max(d."date") AS last FROM donations d WHERE d."refunded_at" IS NULL AND d."contact_id" IS NOT NULL GROUP BY d."contact_id"),
          e AS (SELECT DISTINCT i."contact_id" FROM interactions i WHERE i."type" IN (${engaging}) AND i."when_day" >= ${p.add(addDays(today, -90))}::date),
          s AS (SELECT c."id", coalesce(c."lifecycle_stage", '') AS old_stage, coalesce(c."updated_at", '') AS old_updated,
                  CASE WHEN ms.member THEN 'member'
                    WHEN g.last >= ${day} - 365 THEN 'donor'
                    WHEN ms.past OR g."contact_id" IS NOT NULL THEN 'lapsed'
                    WHEN e."contact_id" IS NOT NULL THEN 'engaged'
                    WHEN lower(crm_trim(c."newsletter_status")) = 'subscribed' THEN 'subscriber'
                    ELSE 'lead' END AS stage
                FROM contacts c LEFT JOIN ms ON ms."contact_id" = c."id" LEFT JOIN g ON g."contact_id" = c."id" LEFT JOIN e ON e."contact_id" = c."id"
                WHERE ${LIVE_CONTACT})
     UPDATE contacts t SET "lifecycle_stage" = s.stage, "updated_at" = CASE WHEN s.old_updated = '' THEN ${p.add(now)} ELSE t."updated_at" END
     FROM s WHERE t."id" = s."id" AND s.old_stage <> s.stage
     RETURNING t."id", t."_seq", s.old_stage, s.stage, s.old_updated, t."updated_at"`,
    p.values,
  );
}

/** What the statements changed, as a commit's changes (for the audit): only the fields that moved, in
 *  the order the rows were stored. `pairs`: each field with the returned columns before and after. */
function changed(table: string, rows: SqlRow[], pairs: [field: string, before: string, after: string][]): TableChanges {
  const updated = [...rows]
    .sort((a, b) => Number(a._seq) - Number(b._seq))
    .map((row) => {
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      for (const [name, was, is] of pairs) {
        const [old, now] = [String(row[was] ?? ''), String(row[is] ?? '')];
        if (old !== now) [before[name], after[name]] = [old, now];
      }
      return { id: String(row.id), before, after };
    });
  return { table, created: [], updated, deleted: [] };
}
