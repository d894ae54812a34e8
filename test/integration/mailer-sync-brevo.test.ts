/** Mailer sync with Brevo (a strict double of its API), and the CRM's tags and chosen segments as
 *  Mailchimp tags and Brevo lists. */
import { call, ok, rowsOf, setUpRuntime } from '../support/crm';
import { addContact, editContact, consent, contactBy, LIST, setUp } from '../support/mailer-sync';
import { BrevoDouble } from '../doubles/brevo';
import { runSync } from '../../src/services/sync/sync-run';
import type { Connection } from '../../src/services/sync/connection';
import type { FixedClock } from '../../src/memory/services';

describe('syncing with Brevo', () => {
  function brevo() {
    const rt = setUpRuntime();
    const clock = rt.clock as FixedClock;
    const bv = new BrevoDouble(undefined, () => clock.now()).list(7);
    rt.http.serve('api.brevo.com', bv.service);
    const connection: Connection = { platform: 'brevo', key: bv.key, list: '7' };
    return { rt, clock, bv, sync: () => runSync(rt, connection, { actor: 'admin@example.org' }) };
  }

  it('brings contacts in, imports consented ones, and never lifts a blocklisting', () => {
    const { rt, bv, sync, clock } = brevo();
    bv.contact('ana@example.org', [7], { FIRSTNAME: 'Ana', LASTNAME: 'Lima' });
    bv.contact('blocked@example.org', [7], {}, true);
    addContact(rt, { first_name: 'Blocked', email: 'blocked@example.org', ...consent });
    addContact(rt, { first_name: 'Bea', email: 'bea@example.org', ...consent });
    const first = sync();
    expect(first.report).toMatchObject({ created_in_crm: 1, opted_out_in_crm: 1, created_in_mailer: 1, errors: [] });
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({ first_name: 'Ana', last_name: 'Lima', source: 'Brevo' });
    expect(contactBy(rt, 'blocked@example.org')).toMatchObject({ email_opt_out: true, opt_out_source: 'Brevo: blocklisted' });
    expect(bv.find('bea@example.org')).toMatchObject({ listIds: [7], attributes: { FIRSTNAME: 'Bea' } });
    expect(bv.find('blocked@example.org')?.emailBlacklisted).toBe(true);

    clock.advance(60_000);
    bv.leaveList('ana@example.org', 7);
    editContact(rt, 'bea@example.org', { email_opt_out: true, opt_out_source: 'unsubscribe link', opt_out_at: clock.now().toISOString(), newsletter_status: 'unsubscribed' });
    clock.advance(60_000);
    const second = sync();
    expect(second.report).toMatchObject({ opted_out_in_crm: 1, unsubscribed_in_mailer: 1 });
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({ email_opt_out: true, newsletter_status: 'unsubscribed' });
    expect(bv.find('bea@example.org')?.emailBlacklisted).toBe(true);
    clock.advance(60_000);
    const third = sync();
    expect(third.report).toMatchObject({ created_in_mailer: 0, updated_in_mailer: 0, unsubscribed_in_mailer: 0, created_in_crm: 0, updated_in_crm: 0 });
    expect(bv.resubscribeAttempts).toEqual([]);
  });

  it('sends Brevo’s double opt-in confirmation to a contact whose consent is pending, once a template is chosen', () => {
    const { rt, bv, clock } = brevo();
    addContact(rt, { first_name: 'Pia', email: 'pia@example.org', newsletter_status: 'pending', consent_source: 'website form', consent_at: '2026-11-01T10:00:00Z' });
    const connection: Connection = { platform: 'brevo', key: bv.key, list: '7' };
    const first = runSync(rt, connection, { actor: 'admin@example.org' });
    expect(first.report.errors).toEqual([expect.objectContaining({ email: 'pia@example.org', message: expect.stringMatching(/confirmation template/) })]);
    expect(bv.confirmationsSent).toEqual([]);
    clock.advance(60_000);
    runSync(rt, { ...connection, brevoConfirmation: { templateId: 7, redirectUrl: 'https://example.org/thanks' } }, { actor: 'admin@example.org' });
    expect(bv.confirmationsSent).toEqual([{ email: 'pia@example.org', templateId: 7, lists: [7] }]);
    // Pia confirms: the next sync finds her on the list and records her consent as given.
    bv.confirm('pia@example.org');
    clock.advance(60_000);
    runSync(rt, { ...connection, brevoConfirmation: { templateId: 7, redirectUrl: 'https://example.org/thanks' } }, { actor: 'admin@example.org' });
    expect(contactBy(rt, 'pia@example.org')).toMatchObject({ newsletter_status: 'subscribed' });
    expect(bv.confirmationsSent).toHaveLength(1);
    expect(bv.resubscribeAttempts).toEqual([]);
  });

  it('reads a list of 1,200 contacts 500 at a time within 10 requests a second', () => {
    const { rt, bv, sync } = brevo();
    for (let k = 0; k < 1200; k++) bv.contact(`reader${k}@example.org`, [7]);
    const { report } = sync();
    expect(report.created_in_crm).toBe(1200);
    expect(bv.requests.filter((r) => r.startsWith('GET /contacts/lists/7/contacts'))).toHaveLength(3);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(1200);
  });

  it('changes a name and an address on Brevo when they change in the CRM', () => {
    const { rt, bv, sync, clock } = brevo();
    bv.contact('ana@example.org', [7], { FIRSTNAME: 'Ana' });
    sync();
    clock.advance(60_000);
    editContact(rt, 'ana@example.org', { first_name: 'Ana Luísa', email: 'ana.luisa@example.org' });
    clock.advance(60_000);
    expect(sync().report).toMatchObject({ updated_in_mailer: 1, errors: [] });
    expect(bv.find('ana.luisa@example.org')).toMatchObject({ attributes: { FIRSTNAME: 'Ana Luísa' } });
    expect(bv.contacts).toHaveLength(1);
  });
});

describe('CRM tags and chosen segments as the platform’s labels', () => {
  it('makes them Mailchimp tags, adds and removes members, and sends nothing when they did not change', () => {
    const { rt, mc, clock } = setUp();
    const ana = addContact(rt, { first_name: 'Ana', email: 'ana@example.org', city: 'Lyon', ...consent });
    const bea = addContact(rt, { first_name: 'Bea', email: 'bea@example.org', city: 'Porto', ...consent });
    const tag = ok<{ tag_id: string }>(call(rt, 'addTag', { contact_id: ana.id, name: 'volunteer' }));
    ok(call(rt, 'addTag', { contact_id: bea.id, name: 'volunteer' }));
    ok(call(rt, 'saveSegment', { name: 'Lyon readers', kind: 'dynamic', query: 'city:Lyon' }));
    const connection: Connection = { platform: 'mailchimp', key: mc.key, list: LIST, labelSegments: ['Lyon readers'] };
    const sync = () => runSync(rt, connection, { actor: 'admin@example.org' });
    expect(sync().report.errors).toEqual([]);
    expect(mc.tagsOf(LIST, 'ana@example.org')).toEqual(['Lyon readers', 'volunteer']);
    expect(mc.tagsOf(LIST, 'bea@example.org')).toEqual(['volunteer']);

    clock.advance(60_000);
    ok(call(rt, 'removeTag', { contact_id: bea.id, tag_id: tag.tag_id ?? rowsOf(rt, 'Tags')[0].id }));
    clock.advance(60_000);
    sync();
    expect(mc.tagsOf(LIST, 'bea@example.org')).toEqual([]);
    clock.advance(60_000);
    const before = mc.requests.filter((r) => r.includes('/segments')).length;
    sync();
    expect(mc.requests.filter((r) => r.includes('/segments')).length).toBe(before);
  });

  it('makes them Brevo lists, in Brevo’s first folder', () => {
    const rt = setUpRuntime();
    const clock = rt.clock as FixedClock;
    const bv = new BrevoDouble(undefined, () => clock.now()).list(7, 'Newsletter');
    rt.http.serve('api.brevo.com', bv.service);
    const ana = addContact(rt, { first_name: 'Ana', email: 'ana@example.org', ...consent });
    ok(call(rt, 'addTag', { contact_id: ana.id, name: 'donor' }));
    const { report } = runSync(rt, { platform: 'brevo', key: bv.key, list: '7' }, { actor: 'admin@example.org' });
    expect(report.errors).toEqual([]);
    expect(bv.listsOf('ana@example.org')).toEqual(['Newsletter', 'donor']);
    expect(bv.resubscribeAttempts).toEqual([]);
  });
});
