/** Webhooks of Mailchimp and Brevo, through the web app's Inbox: applied as the sync would apply what
 *  it reads, each once. */
import { rowsOf, setUpRuntime } from '../support/crm';
import { addContact, consent, contactBy, LIST, setUp } from '../support/mailer-sync';
import { receiveDelivery } from '../../src/services/intake/receive-delivery';
import { applyInbox } from '../../src/services/intake/apply-inbox';
import { intakeToken } from '../../src/services/intake/intake-token';

describe('webhooks of the newsletter platforms', () => {
  const form = (fields: Record<string, string>) =>
    Object.entries(fields)
      .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v).replace(/%20/g, '+')}`)
      .join('&');

  it('applies Mailchimp’s unsubscribe, cleaned and upemail events once each, through the Inbox', () => {
    const { rt, mc, sync } = setUp();
    mc.member(LIST, 'ana@example.org', 'subscribed', { FNAME: 'Ana' });
    mc.member(LIST, 'bea@example.org');
    mc.member(LIST, 'carl@example.org');
    sync();
    const token = intakeToken(rt.properties, rt.secrets);
    const deliver = (fields: Record<string, string>) => receiveDelivery(rt, { source: 'mailchimp', token, body: form(fields), contentType: 'application/x-www-form-urlencoded' });
    const unsubscribe = {
      type: 'unsubscribe',
      fired_at: '2026-11-22 10:30:00',
      'data[action]': 'unsub',
      'data[reason]': 'manual',
      'data[id]': '8a25ff1d98',
      'data[list_id]': LIST,
      'data[email]': 'ana@example.org',
    };
    expect(deliver(unsubscribe)).toMatchObject({ ok: true, duplicate: false });
    expect(deliver(unsubscribe)).toMatchObject({ ok: true, duplicate: true });
    deliver({ type: 'cleaned', fired_at: '2026-11-22 10:31:00', 'data[list_id]': LIST, 'data[campaign_id]': '4fjk2ma9xd', 'data[reason]': 'hard', 'data[email]': 'bea@example.org' });
    deliver({
      type: 'upemail',
      fired_at: '2026-11-22 10:32:00',
      'data[list_id]': LIST,
      'data[new_id]': '51aa6d4d50',
      'data[new_email]': 'carl.new@example.org',
      'data[old_email]': 'carl@example.org',
    });
    expect(applyInbox(rt, {})).toMatchObject({ applied: 3, failed: 0 });
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({ email_opt_out: true, opt_out_source: 'Mailchimp: manual' });
    expect(contactBy(rt, 'bea@example.org')).toMatchObject({ email_opt_out: true, newsletter_status: 'cleaned' });
    expect(contactBy(rt, 'carl.new@example.org')).toMatchObject({ email_2: 'carl@example.org' });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(3);
    expect(rowsOf(rt, 'Inbox').map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
  });

  it('adds Brevo’s opens and clicks to one row per recipient per campaign, keeping no Inbox row for each', () => {
    const rt = setUpRuntime();
    addContact(rt, { first_name: 'Ana', email: 'ana@example.org', ...consent });
    const token = intakeToken(rt.properties, rt.secrets);
    const deliver = (event: Record<string, unknown>) => receiveDelivery(rt, { source: 'brevo', token, body: JSON.stringify(event), contentType: 'application/json' });
    const base = { id: 1, email: 'ana@example.org', camp_id: 12, 'campaign name': 'Spring appeal', list_id: [7] };
    deliver({ ...base, event: 'opened', ts_event: 1763800000 });
    deliver({ ...base, event: 'opened', ts_event: 1763803600 });
    deliver({ ...base, event: 'click', ts_event: 1763803700, URL: 'https://example.org/give' });
    deliver({ ...base, event: 'delivered', ts_event: 1763799000 });
    deliver({ ...base, event: 'spam', ts_event: 1763900000 });
    expect(applyInbox(rt, {})).toMatchObject({ applied: 4, ignored: 1, failed: 0 });
    expect(rowsOf(rt, 'CampaignActivity')).toEqual([expect.objectContaining({ campaign: 'Spring appeal', campaign_id: '12', opens: 2, clicks: 1, links: 'https://example.org/give' })]);
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({ email_opt_out: true, opt_out_source: 'Brevo: spam' });
    expect(
      rowsOf(rt, 'Inbox')
        .map((r) => r.status)
        .sort(),
    ).toEqual(['applied', 'ignored']);
  });

  it('keeps a webhook it cannot read as failed, with the reason', () => {
    const rt = setUpRuntime();
    const token = intakeToken(rt.properties, rt.secrets);
    receiveDelivery(rt, { source: 'brevo', token, body: JSON.stringify({ event: 'unsubscribed', email: 'not an address' }), contentType: 'application/json' });
    receiveDelivery(rt, { source: 'mailchimp', token, body: 'type=teleport&fired_at=2026-11-22+10%3A00%3A00', contentType: 'application/x-www-form-urlencoded' });
    expect(applyInbox(rt, {})).toMatchObject({ failed: 2 });
    expect(rowsOf(rt, 'Inbox').map((r) => r.error)).toEqual([expect.stringMatching(/not an address/), expect.stringMatching(/teleport/)]);
  });

  it('takes an opt-out from a list the CRM does not sync on the contact alone, and the connected list still gets the unsubscribe', () => {
    const { rt, mc, sync, clock } = setUp();
    mc.member(LIST, 'ana@example.org');
    sync();
    rt.properties.set('sync.connection', JSON.stringify({ platform: 'mailchimp', key: mc.key, list: LIST }));
    const token = intakeToken(rt.properties, rt.secrets);
    const body = form({ type: 'unsubscribe', fired_at: '2026-11-22 11:00:00', 'data[list_id]': 'other-list', 'data[email]': 'ana@example.org', 'data[reason]': 'manual' });
    receiveDelivery(rt, { source: 'mailchimp', token, body, contentType: 'application/x-www-form-urlencoded' });
    expect(applyInbox(rt, {})).toMatchObject({ applied: 1 });
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({ email_opt_out: true, opt_out_source: 'Mailchimp: manual' });
    clock.advance(60_000);
    expect(sync().report.unsubscribed_in_mailer).toBe(1);
    expect(mc.find(LIST, 'ana@example.org')?.status).toBe('unsubscribed');
  });
});
