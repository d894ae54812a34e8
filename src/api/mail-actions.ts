import * as z from 'zod/mini';
import { defineAction } from './action';
import { webAddress } from './web-address';
import { Mailings } from '../core/schema/tables';
import { LANGUAGE_CODES } from '../core/i18n';
import { listTemplates, saveTemplate, templateFor } from '../services/mail/templates';
import { createMailing, mailingReport, previewMailing, sendMailings, cancelMailing } from '../services/mail/mailing';
import { composeFor } from '../services/mail/compose';
import { setWebAppUrl, webAppUrl } from '../services/mail/unsubscribe';
import { requireLiveContact } from '../services/record/contacts';
import { UserError } from '../store/errors';

/** What a person sends to a segment (notes to staff come from trigger points only). */
const PERSON_KINDS = ['newsletter', 'members'] as const;
const name = () => z.string().check(z.minLength(1), z.maxLength(200));
const audience = () => ({
  segment: z.optional(z.string().check(z.maxLength(200))),
  query: z.optional(z.string().check(z.maxLength(5000))),
  // What the Contacts tab's search found (its text and filters).
  search: z.optional(
    z.strictObject({
      text: z.optional(z.string().check(z.maxLength(200))),
      members: z.optional(z.enum(['all', 'members', 'non_members'])),
      stage: z.optional(z.string().check(z.maxLength(40))),
      tag: z.optional(z.string().check(z.maxLength(100))),
    }),
  ),
});
/** An execution's time for sending, within Google's 6 minutes. */
const SEND_DEADLINE_MS = 4 * 60 * 1000;

/** Email from the CRM: templates (editors write them), mailings (editors send them; the day's quota
 *  decides how many go today), the web app's address the unsubscribe links point to (admins). */
export const MAIL_ACTIONS = {
  listTemplates: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => ({ templates: listTemplates(workbook) }),
  }),

  getTemplate: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.strictObject({ name: name(), language: z.optional(z.union([z.literal(''), z.enum(LANGUAGE_CODES)])) }),
    run: ({ workbook }, input) => {
      const found = templateFor(workbook, input.name, input.language ?? '');
      if (!found) throw new UserError('not_found', 'error.template_missing', { name: input.name });
      return { name: found.name, language: found.language, subject: found.subject, body: found.body, description: found.description };
    },
  }),

  saveTemplate: defineAction({
    access: 'editor',
    mutates: true,
    undoable: true,
    audit: 'mail.template',
    input: () =>
      z.strictObject({
        name: name(),
        language: z.optional(z.union([z.literal(''), z.enum(LANGUAGE_CODES)])),
        subject: z.string().check(z.maxLength(250)),
        body: z.string().check(z.maxLength(40000)),
        description: z.optional(z.string().check(z.maxLength(500))),
      }),
    run: ({ workbook }, input) => {
      const saved = saveTemplate(workbook, input);
      return { id: saved.id, name: saved.name, language: saved.language };
    },
  }),

  /** A template as one contact would get it (the editor's preview). */
  previewTemplate: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.strictObject({ template: name(), contact_id: z.string().check(z.minLength(1), z.maxLength(100)) }),
    run: ({ workbook, runtime }, input) => {
      const contact = requireLiveContact(workbook, input.contact_id);
      const mail = composeFor(runtime, workbook, input.template, 'preview', contact, contact.email || '—');
      return { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, language: mail.templateLanguage };
    },
  }),

  /** The template sent to oneself (the caller's own address), as one contact would get it (or as a
   *  contact named like the caller). Counts against the day's quota; logged nowhere. */
  sendTestEmail: defineAction({
    access: 'editor',
    mutates: false,
    input: () => z.strictObject({ template: name(), contact_id: z.optional(z.string().check(z.minLength(1), z.maxLength(100))) }),
    run: ({ workbook, runtime, caller }, input) => {
      const me = caller!.email;
      const contact = input.contact_id ? requireLiveContact(workbook, input.contact_id) : ({ id: 'test', first_name: me.split('@')[0], last_name: '', email: me, language: '' } as never);
      const mail = composeFor(runtime, workbook, input.template, 'test', contact, me);
      runtime.mailer.send({ ...mail, subject: `[test] ${mail.subject}` });
      return { to: me, subject: mail.subject };
    },
  }),

  /** Who a mailing would reach and who not, and why; nothing is written. */
  previewMailing: defineAction({
    access: 'editor',
    mutates: false,
    input: () => z.strictObject({ template: name(), kind: z.enum(PERSON_KINDS), ...audience() }),
    run: ({ workbook }, input) => previewMailing(workbook, input),
  }),

  /** Makes the mailing and sends what today allows (the rest the next days, from the nightly run). */
  sendMailing: defineAction({
    access: 'editor',
    mutates: true,
    locksItself: true,
    input: () =>
      z.strictObject({
        template: name(),
        kind: z.enum(PERSON_KINDS),
        name: z.optional(z.string().check(z.maxLength(200))),
        limit: z.optional(z.number().check(z.int(), z.minimum(0))),
        ...audience(),
      }),
    run: ({ workbook, runtime, caller }, input) => {
      const who = caller!.email;
      if (!runtime.lock.tryAcquire(30000)) throw new UserError('busy', 'error.busy');
      let mailing;
      try {
        mailing = createMailing(workbook, input, who);
        workbook.commit('mail.mailing');
      } finally {
        runtime.lock.release();
      }
      const [report] = sendMailings(runtime, who, { mailingId: mailing.id, limit: input.limit, deadline: runtime.clock.now().getTime() + SEND_DEADLINE_MS });
      return report;
    },
  }),

  /** Sends what is queued (what the nightly run does). */
  continueMailings: defineAction({
    access: 'editor',
    mutates: true,
    locksItself: true,
    input: () => z.optional(z.strictObject({ limit: z.optional(z.number().check(z.int(), z.minimum(0))) })),
    run: ({ runtime, caller }, input) => ({ mailings: sendMailings(runtime, caller!.email, { limit: input?.limit, deadline: runtime.clock.now().getTime() + SEND_DEADLINE_MS }) }),
  }),

  /** Stops a mailing still sending: its queued recipients are skipped, what was sent stays sent. */
  cancelMailing: defineAction({
    access: 'editor',
    mutates: true,
    audit: 'mail.cancel',
    input: () => z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
    run: ({ workbook }, input) => cancelMailing(workbook, input.id),
  }),

  listMailings: defineAction({
    access: 'viewer',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ workbook }) => ({
      mailings: workbook
        .table(Mailings)
        .all()
        .map((m) => mailingReport(workbook, m)),
    }),
  }),

  setWebAppUrl: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'mail.web_app_url',
    input: () => z.strictObject({ url: z.union([z.literal(''), webAddress()]) }),
    run: ({ runtime, workbook }, input) => {
      setWebAppUrl(runtime, input.url);
      workbook.auditOutside('web app url', { url: webAppUrl(runtime) });
      return { url: webAppUrl(runtime) };
    },
  }),
};
