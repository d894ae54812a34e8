/** What the mailer sync's tests share: a CRM with Mailchimp's strict double at its address, and
 *  contacts typed straight into the Contacts sheet. */
import { rowsOf, setUpRuntime } from './crm';
import { MailchimpDouble } from '../doubles/mailchimp';
import { runSync } from '../../src/services/sync/sync-run';
import type { Connection } from '../../src/services/sync/connection';
import type { FixedClock, MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { Contacts } from '../../src/core/schema/tables';

export const LIST = 'a1b2c3';

export function setUp() {
  const rt = setUpRuntime();
  const clock = rt.clock as FixedClock;
  const mc = new MailchimpDouble(undefined, () => clock.now().toISOString()).list(LIST);
  rt.http.serve('us21.api.mailchimp.com', mc.service);
  const connection: Connection = { platform: 'mailchimp', key: mc.key, list: LIST };
  const sync = (dryRun = false) => runSync(rt, connection, { actor: 'admin@example.org', dryRun });
  return { rt, clock, mc, sync };
}

export function addContact(rt: MemoryRuntime, values: Record<string, unknown>) {
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  const made = wb.table(Contacts).insert([{ kind: 'person', ...values }])[0];
  wb.commit('test');
  return made;
}

/** Changes a contact as a person would in the sidebar. */
export function editContact(rt: MemoryRuntime, email: string, patch: Record<string, unknown>): void {
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  const found = wb
    .table(Contacts)
    .all()
    .find((c) => c.email === email)!;
  wb.table(Contacts).update(found.id, patch);
  wb.commit('test');
}

export const contactBy = (rt: MemoryRuntime, email: string) => rowsOf(rt, 'Contacts').find((c) => String(c.email).toLowerCase() === email.toLowerCase());
export const consent = { newsletter_status: 'subscribed', consent_source: 'website form', consent_at: '2026-10-01T10:00:00Z' };
