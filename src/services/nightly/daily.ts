import { Contacts, Donations, Interactions, Memberships } from '../../core/schema/tables';
import { computedStatus, effectiveStatus, overrideFromCells } from '../../core/membership';
import { derivedStage, ENGAGING_TYPES, LifecycleFacts } from '../../core/lifecycle';
import type { Workbook } from '../../store/workbook';
import type { StatusRefresh } from '../views';
import { settingsOf, todayOf } from '../today';
import { dateOf } from '../../core/dates';
import { refreshStatusesInDatabase } from './statuses-sql';

/** The nightly work: writes each membership's status (the dated rules, or the manual override) and
 *  each contact's derived lifecycle stage into the sheets, so that people who filter the sheets by
 *  hand see today's truth. Only what changed is written. The sidebar and searches do not wait for it:
 *  they compute statuses as of today themselves. */
export function refreshStatuses(workbook: Workbook): StatusRefresh {
  // (The database's way is read only when a database is connected: see scripts/build.mjs.)
  const inDatabase = workbook.database ? refreshStatusesInDatabase(workbook) : null;
  if (inDatabase) return inDatabase;
  const today = todayOf(workbook);
  const rules = settingsOf(workbook).membership;
  const memberships = workbook.table(Memberships);
  let membershipsChanged = 0;
  const statusesByContact = new Map<string, string[]>();
  for (const m of memberships.all()) {
    // A status typed by hand as 'cancelled' (or 'annulé', 'cancelado') is a person's decision: it
    // becomes the manual override, never undone here. An override typed in another language is
    // written back as the CRM's own word.
    const override = overrideFromCells(m.status_override, m.status);
    const status = override ? effectiveStatus({ ...m, status_override: override }, today, rules) : computedStatus(m, today, rules);
    push(statusesByContact, m.contact_id, status);
    const patch: Record<string, string> = {};
    if (m.status !== status) patch.status = status;
    if (override && m.status_override !== override) patch.status_override = override;
    if (Object.keys(patch).length) {
      memberships.update(m.id, { ...patch, updated_at: m.updated_at || undefined });
      membershipsChanged++;
    }
  }

  const lastGift = new Map<string, string>();
  const giftCount = new Map<string, number>();
  for (const d of workbook.table(Donations).all()) {
    if (d.refunded_at) continue;
    giftCount.set(d.contact_id, (giftCount.get(d.contact_id) ?? 0) + 1);
    if (d.date > (lastGift.get(d.contact_id) ?? '')) lastGift.set(d.contact_id, d.date);
  }

  // Interactions can be the biggest table: look at three raw columns, decode nothing.
  // (On a database, statuses-sql.ts does all of this in two statements.)
  const lastEngagement = new Map<string, string>();
  const scan = workbook.table(Interactions).scan();
  const [cContact, cType, cWhen] = ['contact_id', 'type', 'when'].map((c) => scan.column(c));
  if (cContact >= 0 && cType >= 0 && cWhen >= 0) {
    for (let i = 0; i < scan.size; i++) {
      const cells = scan.cells(i);
      if (!ENGAGING_TYPES.has(String(cells[cType]))) continue;
      const contact = String(cells[cContact]);
      // The latest day, not the latest text: a 'when' that is no date does not hide one that is.
      const day = dateOf(String(cells[cWhen]));
      if (day > (lastEngagement.get(contact) ?? '')) lastEngagement.set(contact, day);
    }
  }

  const contacts = workbook.table(Contacts);
  let stagesChanged = 0;
  for (const c of contacts.all()) {
    if (c.deleted === true || c.merged_into) continue;
    const facts: LifecycleFacts = {
      membershipStatuses: statusesByContact.get(c.id) ?? [],
      lastDonation: lastGift.get(c.id) ?? '',
      donationCount: giftCount.get(c.id) ?? 0,
      lastEngagement: lastEngagement.get(c.id) ?? '',
      newsletterStatus: c.newsletter_status,
    };
    const stage = derivedStage(facts, today);
    if (c.lifecycle_stage !== stage) {
      contacts.update(c.id, { lifecycle_stage: stage, updated_at: c.updated_at || undefined });
      stagesChanged++;
    }
  }
  return { memberships_changed: membershipsChanged, stages_changed: stagesChanged };
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
