/** One contact's message of a mailing: the template in their language (else the CRM's), filled from
 *  their record, their latest membership and gift, with the unsubscribe link at the foot when the
 *  template forgot it. */
import type { Runtime } from '../../ports';
import type { MailDocument, OutgoingMail } from '../../ports/mailer';
import { Contact, Donations, Memberships } from '../../core/schema/tables';
import { placeholdersOf, render } from '../../core/mail/template';
import { placeholderValue } from '../../core/mail/placeholders';
import { translate } from '../../core/i18n';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { settingsOf, todayOf } from '../today';
import { templateFor } from './templates';
import { unsubscribeUrl } from './unsubscribe';

/** A document for the contact from a template (a receipt): its subject as the title, its body as plain
 *  text, no unsubscribe link (it is not a message). */
export function composeDocument(workbook: Workbook, templateName: string, contact: Contact, giftId = ''): MailDocument {
  const { template, context } = contextFor(workbook, templateName, contact, '', giftId);
  const message = render({ subject: template.subject, body: template.body }, (name) => placeholderValue(name, context));
  const file =
    message.subject
      .replace(/[\\/:*?"<>|]+/g, '-')
      .trim()
      .slice(0, 80) || templateName;
  return { name: `${file}.pdf`, title: message.subject, text: message.text };
}

/** The template in the contact's language and what its placeholders read: the contact, their latest
 *  membership and gift (a refunded one is not), today, the CRM's currency. */
function contextFor(workbook: Workbook, templateName: string, contact: Contact, link: string, giftId = '') {
  const settings = settingsOf(workbook);
  const wanted = contact.language || settings.language || 'en';
  const template = templateFor(workbook, templateName, wanted);
  if (!template) throw new UserError('not_found', 'error.template_missing', { name: templateName });
  const language = template.language || wanted;
  const membership =
    workbook
      .table(Memberships)
      .where('contact_id', contact.id)
      .sort((a, b) => String(b.end_date || '9999').localeCompare(String(a.end_date || '9999')))[0] ?? null;
  // The gift a thank-you is about, else the latest one.
  const about = giftId ? workbook.table(Donations).get(giftId) : undefined;
  const gift =
    (about && about.contact_id === contact.id ? about : null) ??
    workbook
      .table(Donations)
      .where('contact_id', contact.id)
      .filter((g) => !g.refunded_at)
      .sort((a, b) => String(b.date).localeCompare(String(a.date)))[0] ??
    null;
  return { template, language, settings, context: { contact, membership, gift, unsubscribeUrl: link, today: todayOf(workbook), language, currency: settings.currency } };
}

export function composeFor(runtime: Runtime, workbook: Workbook, templateName: string, mailingId: string, contact: Contact, email: string, giftId = ''): OutgoingMail & { templateLanguage: string } {
  const link = unsubscribeUrl(runtime, contact.id, mailingId);
  const { template, language, settings, context } = contextFor(workbook, templateName, contact, link, giftId);
  const hasLink = [template.subject, template.body].some((t) => placeholdersOf(t).some((p) => p.name === 'unsubscribe_url'));
  const body = hasLink ? template.body : `${template.body.replace(/\s+$/, '')}\n\n${translate(language, 'mail.footer')}\n{{unsubscribe_url}}`;
  const message = render({ subject: template.subject, body }, (name) => placeholderValue(name, context));
  return {
    to: email,
    subject: message.subject,
    text: message.text,
    html: message.html,
    fromName: settings.mail.fromName || undefined,
    replyTo: settings.mail.replyTo || undefined,
    unsubscribeUrl: link,
    templateLanguage: language,
  };
}
