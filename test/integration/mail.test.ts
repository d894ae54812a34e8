/** Email from the CRM: templates checked and kept per language, a mail merge to a segment that skips
 *  whom it must (and says why), sends within the day's quota and the rest later, never twice, logs
 *  each message on the card, and carries a signed unsubscribe link that works once followed. */
import { call, ok, refused, rowsOf, setSetting, setUpRuntime, typeInto } from '../support/crm';
import { sendMailings } from '../../src/services/mail/mailing';
import { readUnsubscribeToken, unsubscribe, unsubscribeAnswer } from '../../src/services/mail/unsubscribe';
import type { MemoryRuntime } from '../../src/memory/services';
import { textPdf } from '../../src/core/pdf';
import { Workbook } from '../../src/store/workbook';
import { Donations } from '../../src/core/schema/tables';

const BODY = 'Bonjour {{first_name|à vous}},\n\nVotre adhésion **{{membership.level}}** se termine le {{membership.end_date}}.\n\n{{unsubscribe_url}}';

function crm(people: { first_name: string; email?: string; newsletter_status?: string; email_opt_out?: boolean; language?: string }[]) {
  const rt = setUpRuntime();
  setSetting(rt, 'language', 'fr');
  const ids = people.map((p) => ok(call(rt, 'createContact', { contact: { last_name: 'Test', ...p }, allow_duplicate: true })).id as string);
  ok(call(rt, 'saveSegment', { name: 'Tous', kind: 'static' }));
  ok(call(rt, 'addToSegment', { id: 'Tous', contacts: ids }));
  ok(call(rt, 'saveTemplate', { name: 'Relance', language: 'fr', subject: 'Votre adhésion, {{first_name}}', body: BODY }));
  ok(call(rt, 'saveTemplate', { name: 'Relance', language: 'en', subject: 'Your membership, {{first_name}}', body: 'Hello {{first_name}},\n\nSee you soon.' }));
  return { rt, ids };
}

describe('templates', () => {
  it('refuses a placeholder the CRM does not know, naming it, and accepts custom columns', () => {
    const rt = setUpRuntime();
    const answer = refused(call(rt, 'saveTemplate', { name: 'X', subject: 'Hi {{frist_name}}', body: '{{membership.endate}} {{first_name}}' }));
    expect(answer.message).toContain('{{frist_name}}, {{membership.endate}}');
    ok(call(rt, 'saveTemplate', { name: 'X', subject: 'Hi', body: '{{first_name}} {{gift.amount}} {{today}}' }));
    expect(ok(call(rt, 'listTemplates', {})).templates).toContainEqual(expect.objectContaining({ name: 'X', languages: ['—'] }));
  });

  it('previews a template for one contact, in their language, with the link at the foot when it was forgotten', () => {
    const { rt, ids } = crm([{ first_name: 'Ana', email: 'ana@example.org', language: 'en' }]);
    const preview = ok(call(rt, 'previewTemplate', { template: 'Relance', contact_id: ids[0] }));
    expect(preview).toMatchObject({ language: 'en', subject: 'Your membership, Ana' });
    expect(preview.text).toMatch(/To stop receiving these emails:\nhttps?:\/\/\S+unsubscribe=/);
  });
});

describe('a mail merge', () => {
  const people = [
    { first_name: 'Léa', email: 'lea@example.fr', newsletter_status: 'subscribed' },
    { first_name: 'Noé', email: 'noe@example.fr', newsletter_status: 'never' },
    { first_name: 'Zoé', email: 'zoe@example.fr', newsletter_status: 'unsubscribed' },
    { first_name: 'Max', email: 'max@example.fr', newsletter_status: 'subscribed', email_opt_out: true },
    { first_name: 'Sam', newsletter_status: 'subscribed' },
    { first_name: 'Léa bis', email: 'LEA@example.fr', newsletter_status: 'subscribed' },
    { first_name: 'Kim', email: 'kim@example.fr', newsletter_status: 'cleaned' },
  ];

  it('says who gets a newsletter and who is skipped and why, writing nothing', () => {
    const { rt } = crm(people);
    const preview = ok(call(rt, 'previewMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous' }));
    expect(preview).toMatchObject({ recipients: 1, skipped: { no_consent: 1, unsubscribed: 1, opted_out: 1, no_email: 1, same_email: 1, cleaned: 1 } });
    expect(rowsOf(rt, 'Mailings')).toHaveLength(0);
    // A members' mailing needs no consent; an opt-out, an unsubscribe and a bounce still skip.
    expect(ok(call(rt, 'previewMailing', { template: 'Relance', kind: 'members', segment: 'Tous' }))).toMatchObject({
      recipients: 2,
      skipped: { unsubscribed: 1, opted_out: 1, no_email: 1, same_email: 1, cleaned: 1 },
    });
  });

  it('sends what the quota allows, the rest later, each message once, logged on the card', () => {
    const many = Array.from({ length: 7 }, (_, i) => ({ first_name: `P${i}`, email: `p${i}@example.org`, newsletter_status: 'subscribed' }));
    const { rt, ids } = crm(many);
    setSetting(rt, 'mail_daily_quota', '3');
    const first = ok(call(rt, 'sendMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous', name: 'Relance décembre' }));
    expect(first).toMatchObject({ recipients: 7, sent: 3, queued: 4, failed: 0 });
    expect(rt.mailer.sent).toHaveLength(3);
    // The same day: nothing more.
    expect(ok(call(rt, 'continueMailings', {})).mailings[0]).toMatchObject({ sent: 3, queued: 4 });
    // The next day: the rest, within the quota again.
    rt.clock.advance(24 * 3600 * 1000);
    expect(ok(call(rt, 'continueMailings', {})).mailings[0]).toMatchObject({ sent: 6, queued: 1 });
    rt.clock.advance(24 * 3600 * 1000);
    expect(ok(call(rt, 'continueMailings', {})).mailings[0]).toMatchObject({ sent: 7, queued: 0 });
    expect(new Set(rt.mailer.sent.map((m) => m.to)).size).toBe(7);
    expect(rowsOf(rt, 'Mailings')[0]).toMatchObject({ status: 'done' });
    const card = ok(call(rt, 'getContactCard', { id: ids[0] }));
    expect(card.interactions[0]).toMatchObject({ type: 'email', direction: 'outbound', subject: 'Votre adhésion, P0' });
  });

  it('cancels the rest of a mailing: nobody still waiting gets it, what was sent stays sent', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ first_name: `P${i}`, email: `p${i}@example.org`, newsletter_status: 'subscribed' }));
    const { rt } = crm(many);
    setSetting(rt, 'mail_daily_quota', '2');
    const first = ok(call(rt, 'sendMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous', name: 'Relance janvier' }));
    expect(ok(call(rt, 'cancelMailing', { id: first.mailing }))).toMatchObject({ status: 'cancelled', sent: 2, queued: 0, skipped: { cancelled: 3 } });
    rt.clock.advance(24 * 3600 * 1000);
    ok(call(rt, 'continueMailings', {}));
    expect(rt.mailer.sent).toHaveLength(2);
    expect(refused(call(rt, 'cancelMailing', { id: first.mailing })).message).toBe('L’envoi « Relance janvier » n’est plus en cours : il n’y a rien à annuler.');
  });

  it('never sends again a message an execution may have sent before it was cut off', () => {
    const { rt } = crm([
      { first_name: 'A', email: 'a@example.org', newsletter_status: 'subscribed' },
      { first_name: 'B', email: 'b@example.org', newsletter_status: 'subscribed' },
    ]);
    // The execution stops right after the first message left (as Google stops one at 6 minutes).
    const send = rt.mailer.send.bind(rt.mailer);
    rt.mailer.send = (mail) => {
      send(mail);
      throw new Error('Exceeded maximum execution time');
    };
    const answer = call(rt, 'sendMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous', name: 'Cut' });
    // The error marked it failed (the message may have gone): it is never sent again.
    rt.mailer.send = send;
    void answer;
    const rows = rowsOf(rt, 'MailingRecipients');
    const before = rt.mailer.sent.length;
    ok(call(rt, 'continueMailings', {}));
    const again = rt.mailer.sent.slice(before).map((m) => m.to);
    for (const r of rows.filter((x) => x.status !== 'queued')) expect(again).not.toContain(r.email);
  });

  it('marks rows left "sending" by a stopped execution as interrupted, and sends them no more', () => {
    const { rt } = crm([{ first_name: 'A', email: 'a@example.org', newsletter_status: 'subscribed' }]);
    rt.mailer.quota = 0;
    ok(call(rt, 'sendMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous' }));
    // As if an execution had marked it and then been stopped before sending or saying so.
    typeInto(rt, 'MailingRecipients', String(rowsOf(rt, 'MailingRecipients')[0].id), 'status', 'sending');
    rt.mailer.quota = 100;
    expect(ok(call(rt, 'continueMailings', {})).mailings[0]).toMatchObject({ sent: 0, interrupted: 1 });
    expect(rt.mailer.sent).toHaveLength(0);
  });

  it('skips at sending time someone who unsubscribed after the mailing was made', () => {
    const { rt, ids } = crm([
      { first_name: 'A', email: 'a@example.org', newsletter_status: 'subscribed' },
      { first_name: 'B', email: 'b@example.org', newsletter_status: 'subscribed' },
    ]);
    setSetting(rt, 'mail_daily_quota', '1');
    ok(call(rt, 'sendMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous' }));
    ok(call(rt, 'updateContact', { id: ids[1], patch: { newsletter_status: 'unsubscribed', email_opt_out: true } }));
    rt.clock.advance(24 * 3600 * 1000);
    expect(ok(call(rt, 'continueMailings', {})).mailings[0]).toMatchObject({ sent: 1, queued: 0, skipped: { opted_out: 1 } });
    expect(rt.mailer.sent.map((m) => m.to)).toEqual(['a@example.org']);
  });
});

describe('the unsubscribe link', () => {
  function sentLink(rt: MemoryRuntime): string {
    const mail = rt.mailer.sent[0];
    return /unsubscribe=([^\s"<&]+)/.exec(mail.text)![1];
  }

  it('opts the contact out for good, in their language, once, and a changed token changes nothing', () => {
    const { rt, ids } = crm([{ first_name: 'Rui', email: 'rui@example.pt', newsletter_status: 'subscribed', language: 'pt' }]);
    ok(call(rt, 'saveTemplate', { name: 'Relance', language: 'pt', subject: 'Olá {{first_name}}', body: 'Até breve.' }));
    ok(call(rt, 'sendMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous' }));
    expect(rt.mailer.sent[0].text).toContain('Para deixar de receber estes e-mails:');
    const token = decodeURIComponent(sentLink(rt));
    expect(readUnsubscribeToken(rt, token)).toMatchObject({ contactId: ids[0] });
    for (const forged of [token.slice(0, -2) + 'xx', token.replace(ids[0], 'con_OTHER'), 'nonsense', '']) {
      expect(unsubscribeAnswer(rt, forged, 'fr')).toContain('n’est pas valide');
    }
    expect(rowsOf(rt, 'Contacts')[0].email_opt_out).not.toBe(true);
    expect(unsubscribeAnswer(rt, token, 'fr')).toContain('A sua subscrição foi cancelada');
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ email_opt_out: true, newsletter_status: 'unsubscribed', opt_out_source: expect.stringContaining('unsubscribe link') });
    expect(unsubscribe(rt, token)).toMatchObject({ done: true, already: true });
    // And the CRM never subscribes them again.
    expect(refused(call(rt, 'updateContact', { id: ids[0], patch: { newsletter_status: 'subscribed' } })).code).toBe('refused');
  });
});

describe('the quota of the provider', () => {
  it('stops at the provider’s own quota too, keeping the rest queued', () => {
    const { rt } = crm(Array.from({ length: 4 }, (_, i) => ({ first_name: `Q${i}`, email: `q${i}@example.org`, newsletter_status: 'subscribed' })));
    rt.mailer.quota = 2;
    expect(ok(call(rt, 'sendMailing', { template: 'Relance', kind: 'newsletter', segment: 'Tous' }))).toMatchObject({ sent: 2, queued: 2, failed: 0 });
    expect(sendMailings(rt, 'admin@example.org')[0]).toMatchObject({ sent: 2, queued: 2 });
  });
});

describe('automated emails from trigger points', () => {
  it('sends the renewal reminder once per term to members whose membership ends soon, never to an opted-out one', () => {
    const rt = setUpRuntime();
    // Set up's example: switched off, with its templates in four languages.
    const rule = rowsOf(rt, 'TriggerPoints').find((r) => r.action === 'send_email')!;
    expect(rule).toMatchObject({ name: 'Renewal reminder email', argument: 'Renewal reminder', active: false });
    expect(ok(call(rt, 'listTemplates', {})).templates.map((t: { name: string; languages: string[] }) => [t.name, t.languages.join()])).toEqual([
      ['Renewal reminder', 'en,fr,es,pt'],
      ['Welcome', 'en,fr,es,pt'],
      ['Thank you', 'en,fr,es,pt'],
      ['Receipt', 'en,fr,es,pt'],
      ['We miss you', 'en,fr,es,pt'],
      ['Happy birthday', 'en,fr,es,pt'],
    ]);
    const soon = new Date(rt.clock.now().getTime() + 10 * 86400000).toISOString().slice(0, 10);
    const start = new Date(rt.clock.now().getTime() - 355 * 86400000).toISOString().slice(0, 10);
    const make = (first_name: string, email: string, language: string, optOut = false) => {
      const id = ok(call(rt, 'createContact', { contact: { first_name, email, language, email_opt_out: optOut } })).id;
      ok(call(rt, 'addMembership', { membership: { contact_id: id, level: 'Soutien', start_date: start, end_date: soon } }));
      return id;
    };
    make('Élise', 'elise@example.fr', 'fr');
    make('Tom', 'tom@example.org', 'en', true);
    ok(call(rt, 'saveTriggerPoint', { id: rule.id, name: rule.name, segment: rule.segment, action: 'send_email', argument: 'Renewal reminder', active: true }));
    ok(call(rt, 'runTriggerPoints', {}));
    ok(call(rt, 'continueMailings', {}));
    expect(rt.mailer.sent.map((m) => [m.to, m.subject])).toEqual([
      ['elise@example.fr', `Votre adhésion se termine le ${new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(soon))}`],
    ]);
    expect(rowsOf(rt, 'MailingRecipients').find((r) => r.email === 'tom@example.org')).toMatchObject({ status: 'skipped', reason: 'opted_out' });
    // The next night: still in the segment, no second reminder.
    rt.clock.advance(86400000);
    ok(call(rt, 'runTriggerPoints', {}));
    ok(call(rt, 'continueMailings', {}));
    expect(rt.mailer.sent).toHaveLength(1);
  });

  it('emails the owner about the contact, whatever the contact chose', () => {
    const rt = setUpRuntime();
    ok(call(rt, 'saveTemplate', { name: 'Heads up', subject: '{{first_name}} left', body: 'Call {{first_name}} ({{email}}).' }));
    ok(call(rt, 'saveSegment', { name: 'Gone', kind: 'static' }));
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ivo', email: 'ivo@example.org', owner: 'maria@example.org', email_opt_out: true } })).id;
    ok(call(rt, 'saveTriggerPoint', { name: 'Tell the owner', segment: 'Gone', action: 'send_email_to_owner', argument: 'Heads up', active: true }));
    ok(call(rt, 'addToSegment', { id: 'Gone', contacts: [id] }));
    ok(call(rt, 'runTriggerPoints', {}));
    ok(call(rt, 'continueMailings', {}));
    expect(rt.mailer.sent).toEqual([expect.objectContaining({ to: 'maria@example.org', subject: 'Ivo left' })]);
    // A note to staff is not a message to the contact: nothing on their timeline.
    expect(ok(call(rt, 'getContactCard', { id })).interactions.filter((i: { type: string }) => i.type === 'email')).toHaveLength(0);
  });
});

describe('occasions', () => {
  const activate = (rt: MemoryRuntime, name: string) => {
    const rule = rowsOf(rt, 'TriggerPoints').find((r) => r.name === name)!;
    ok(call(rt, 'saveTriggerPoint', { id: rule.id, name: rule.name, segment: rule.segment, action: rule.action, argument: rule.argument, active: true }));
  };
  const night = (rt: MemoryRuntime) => {
    ok(call(rt, 'runTriggerPoints', {}));
    ok(call(rt, 'continueMailings', {}));
    rt.clock.advance(86400000);
  };

  it('sends a receipt along as a PDF, in the donor’s language, when the rule names one', () => {
    const rt = setUpRuntime();
    const rule = rowsOf(rt, 'TriggerPoints').find((r) => r.name === 'Thank-you email')!;
    ok(call(rt, 'saveTriggerPoint', { id: rule.id, name: rule.name, segment: rule.segment, action: rule.action, argument: 'Thank you + Receipt', active: true }));
    const id = ok(
      call(rt, 'createContact', { contact: { first_name: 'Gil', last_name: 'Sá (Porto)', email: 'gil@example.pt', language: 'pt', street: 'Rua Nova 3', postal_code: '4000-123', city: 'Porto' } }),
    ).id;
    ok(call(rt, 'recordGift', { contact_id: id, amount: 25, currency: 'EUR', fund: 'Bolsas' }));
    night(rt);
    const [mail] = rt.mailer.sent;
    expect(mail.subject).toBe('Obrigado pela sua doação');
    expect(mail.attachments).toHaveLength(1);
    const receipt = mail.attachments![0];
    expect(receipt.name).toMatch(/^Recibo da sua doação de .*2026\.pdf$/);
    expect(receipt.text).toContain('Recebido de: Gil Sá (Porto)');
    expect(receipt.text).toMatch(/Montante: 25,00\s€/);
    expect(receipt.text).toContain('Fundo: Bolsas');
    // The receipt is a document, not a message: no unsubscribe link in it.
    expect(receipt.text).not.toContain('unsubscribe');
    const pdf = Buffer.from(textPdf(receipt.title, receipt.text)).toString('latin1');
    expect(pdf).toContain('(Recebido de: Gil S\xe1 \\(Porto\\)) Tj');
    // A rule naming a receipt template that does not exist is refused by name.
    ok(call(rt, 'saveTriggerPoint', { id: rule.id, name: rule.name, segment: rule.segment, action: rule.action, argument: 'Thank you + Recu fiscal', active: true }));
    const ana = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@example.pt' } })).id;
    ok(call(rt, 'recordGift', { contact_id: ana, amount: 10, currency: 'EUR' }));
    const run = ok<{ rules: { name: string; errors: string[] }[] }>(call(rt, 'runTriggerPoints', {}));
    expect(run.rules.find((r) => r.name === 'Thank-you email')!.errors.join(' ')).toMatch(/Recu fiscal/);
  });

  it('thanks each gift once, with its amount, and again for a gift days later', () => {
    const rt = setUpRuntime();
    activate(rt, 'Thank-you email');
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Gil', email: 'gil@example.pt', language: 'pt' } })).id;
    ok(call(rt, 'recordGift', { contact_id: id, amount: 25, currency: 'EUR' }));
    night(rt);
    night(rt);
    night(rt);
    expect(rt.mailer.sent.map((m) => m.subject)).toEqual(['Obrigado pela sua doação']);
    expect(rt.mailer.sent[0].text).toContain('25,00');
    ok(call(rt, 'recordGift', { contact_id: id, amount: 40, currency: 'EUR' }));
    night(rt);
    night(rt);
    expect(rt.mailer.sent).toHaveLength(2);
    expect(rt.mailer.sent[1].text).toContain('40,00');
  });

  it('thanks every gift once, two gifts of one day and gifts of consecutive days too, never a refunded one', () => {
    const rt = setUpRuntime();
    activate(rt, 'Thank-you email');
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@example.org' } })).id;
    const today = () => rt.clock.now().toISOString().slice(0, 10);
    ok(call(rt, 'recordGift', { contact_id: id, amount: 10, currency: 'EUR', date: today() }));
    ok(call(rt, 'recordGift', { contact_id: id, amount: 20, currency: 'EUR', date: today() }));
    night(rt);
    // The next day: another gift, while Ana is still among the recent donors.
    ok(call(rt, 'recordGift', { contact_id: id, amount: 30, currency: 'EUR', date: today() }));
    night(rt);
    // A gift refunded before the night is not thanked.
    const refunded = ok(call(rt, 'recordGift', { contact_id: id, amount: 99, currency: 'EUR', date: today() })).id;
    // (as a platform's refund delivery marks it)
    const wb = new Workbook(rt, rt.clock, 'intake');
    wb.table(Donations).update(refunded, { refunded_at: today() });
    wb.commit('test');
    night(rt);
    night(rt);
    const amounts = rt.mailer.sent.map((m) => /gift of \*?\*?(€[\d.,]+)/.exec(m.text)?.[1]);
    expect(amounts).toEqual(['€10.00', '€20.00', '€30.00']);
    expect(new Set(rowsOf(rt, 'MailingRecipients').map((r) => r.gift_id)).size).toBe(3);
  });

  it('wishes a happy birthday on the day, once a year, birthdays without a year too', () => {
    const rt = setUpRuntime();
    activate(rt, 'Birthday email');
    const today = rt.clock.now().toISOString().slice(0, 10);
    const tomorrow = new Date(rt.clock.now().getTime() + 86400000).toISOString().slice(0, 10);
    ok(call(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana@example.org', birthday: `1980${today.slice(4)}`, language: 'es' } }));
    ok(call(rt, 'createContact', { contact: { first_name: 'Bo', email: 'bo@example.org', birthday: `--${tomorrow.slice(5)}` } }));
    ok(call(rt, 'createContact', { contact: { first_name: 'Cy', email: 'cy@example.org', birthday: '1990-01-01' === today ? '1990-06-15' : '1990-01-01' } }));
    night(rt);
    expect(rt.mailer.sent.map((m) => [m.to, m.subject])).toEqual([['ana@example.org', '¡Feliz cumpleaños, Ana!']]);
    night(rt);
    expect(rt.mailer.sent.map((m) => m.to)).toEqual(['ana@example.org', 'bo@example.org']);
    for (let d = 0; d < 5; d++) night(rt);
    expect(rt.mailer.sent).toHaveLength(2);
    expect(ok(call(rt, 'queryContacts', { query: 'birthday<=+7d' })).total).toBe(0);
  });

  it('welcomes a new contact once', () => {
    const rt = setUpRuntime();
    activate(rt, 'Welcome email');
    ok(call(rt, 'createContact', { contact: { first_name: 'Wen', email: 'wen@example.org', language: 'en' } }));
    for (let d = 0; d < 10; d++) night(rt);
    expect(rt.mailer.sent.map((m) => [m.to, m.subject])).toEqual([['wen@example.org', 'Welcome, Wen']]);
  });
});
