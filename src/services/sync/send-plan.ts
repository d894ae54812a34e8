/** The push plan sent to the platform, then what it answered recorded in the CRM. */
import type { Workbook } from '../../store/workbook';
import { Contacts } from '../../core/schema/tables';
import type { Connection } from './connection';
import { emailKey, type MemberLinks } from './member-links';
import type { PushPlan } from './push';
import { PLATFORM_LABELS, type MemberResult, type NewsletterPlatform } from './platforms/platform';
import { addConflict, addError, type SyncReport } from './report';
import type { SyncBook } from './sync-book';

/** Sends the plan in the platform's batches, then records each member as the platform now has it. */
export function sendPlan(book: SyncBook, connection: Connection, platform: NewsletterPlatform, plan: PushPlan, report: SyncReport): void {
  const unsubscribe = [...new Map(plan.unsubscribe.map((u) => [emailKey(u.email), u])).values()];
  const added = plan.add.length
    ? platform.add(
        connection.list,
        plan.add.map(({ email, status, fields }) => ({ email, status, fields })),
      )
    : [];
  const changed = plan.change.length
    ? platform.change(
        connection.list,
        plan.change.map(({ email, newEmail, fields }) => ({ email, ...(newEmail ? { newEmail } : {}), fields })),
      )
    : [];
  const left = unsubscribe.length
    ? platform.unsubscribe(
        connection.list,
        unsubscribe.map((u) => u.email),
      )
    : [];
  // Labels once the members exist; a member whose addition was refused is left out of them.
  const refusedAdds = new Set(added.filter((r) => !r.ok).map((r) => emailKey(r.email)));
  const labelChanges = plan.labels.map((l) => ({ ...l, add: l.add.filter((e) => !refusedAdds.has(emailKey(e))) })).filter((l) => l.add.length || l.remove.length);
  const labelFailures = platform.label(connection.list, labelChanges);
  for (const f of labelFailures) addError(report, { message: `${f.label}: ${f.error}` });
  const failedLabels = new Set(labelFailures.map((f) => f.label));
  const resultOf = (results: MemberResult[]) => new Map(results.map((r) => [emailKey(r.email), r]));
  const [addedBy, changedBy, leftBy] = [resultOf(added), resultOf(changed), resultOf(left)];
  book.run(`sync.${connection.platform}`, (workbook, links) => {
    for (const a of plan.add) {
      const r = addedBy.get(emailKey(a.email));
      if (r?.erased) {
        eraseConsent(workbook, links, a.contactId, platform.name, report);
        continue;
      }
      if (!r?.ok) {
        addError(report, { email: a.email, message: r?.error ?? 'no answer' });
        continue;
      }
      report.created_in_mailer++;
      links.save(links.find(r.remoteId ?? '', a.email), {
        contact_id: a.contactId,
        remote_id: r.remoteId ?? '',
        email: a.email,
        status: a.status,
        fields: JSON.stringify({ ...a.fields, email: a.email }),
      });
    }
    for (const c of plan.change) {
      const r = changedBy.get(emailKey(c.email));
      if (r?.gone) {
        // Archived or deleted there: never added back by the CRM; an admin looks at it.
        links.save(links.find(c.link.remote_id, c.link.email) ?? c.link, { status: 'archived' });
        addConflict(report, { kind: 'gone_there', email: c.email, contacts: [c.contactId] });
        continue;
      }
      if (!r?.ok) {
        addError(report, { email: c.email, message: r?.error ?? 'no answer' });
        continue;
      }
      report.updated_in_mailer++;
      const link = links.find(c.link.remote_id, c.link.email) ?? c.link;
      const before = JSON.parse(link.fields || '{}') as Record<string, string>;
      const snapshot = { ...before, ...c.fields, email: c.newEmail ?? before.email ?? link.email };
      links.save(link, { email: c.newEmail ?? link.email, fields: JSON.stringify(snapshot), ...(r.remoteId ? { remote_id: r.remoteId } : {}) });
    }
    for (const u of unsubscribe) {
      const r = leftBy.get(emailKey(u.email));
      if (!r?.ok) {
        addError(report, { email: u.email, message: r?.error ?? 'no answer' });
        continue;
      }
      report.unsubscribed_in_mailer++;
      links.save(links.find(u.link.remote_id, u.link.email) ?? u.link, { status: 'unsubscribed' });
    }
    for (const l of plan.labelled) {
      const link = links.ofContact(l.contactId);
      if (!link || refusedAdds.has(emailKey(l.email)) || l.labels.some((x) => failedLabels.has(x))) continue;
      links.save(link, { tags: l.labels.join('\n') });
    }
  });
}

/** The person had their data erased on the platform (GDPR): the CRM's sticky opt-out, as for an
 *  unsubscribe there. */
function eraseConsent(workbook: Workbook, links: MemberLinks, contactId: string, platform: NewsletterPlatform['name'], report: SyncReport): void {
  const contact = links.live(contactId);
  if (!contact || contact.email_opt_out === true) return;
  const updated = workbook.table(Contacts).update(contact.id, {
    email_opt_out: true,
    newsletter_status: 'unsubscribed',
    opt_out_source: `${PLATFORM_LABELS[platform]}: erased (GDPR)`,
    opt_out_at: workbook.clock.now().toISOString(),
  });
  links.addContact(updated);
  report.opted_out_in_crm++;
}
