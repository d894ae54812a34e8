/** Mailer sync with Mailchimp (a strict double of its API): both directions, where an unsubscribe
 *  always wins, changed addresses follow, a second sync changes nothing, and engagement comes back as
 *  one row per engaged recipient per campaign. */
import { addStaff, as, call, ok, refused, rowsOf } from '../support/crm';
import { addContact, editContact, consent, contactBy, LIST, setUp } from '../support/mailer-sync';
import { runSync } from '../../src/services/sync/sync-run';
import type { Connection } from '../../src/services/sync/connection';
import { Workbook } from '../../src/store/workbook';
import { Contacts } from '../../src/core/schema/tables';

describe('syncing with Mailchimp', () => {
  it('previews the first sync without writing anything on either side', () => {
    const { rt, mc, sync } = setUp();
    mc.member(LIST, 'ana@example.org', 'subscribed', { FNAME: 'Ana' });
    mc.member(LIST, 'gone@example.org', 'unsubscribed');
    addContact(rt, { first_name: 'Gone', email: 'gone@example.org', ...consent });
    addContact(rt, { first_name: 'Bea', email: 'bea@example.org', ...consent });
    addContact(rt, { first_name: 'Twin A', email: 'twin@example.org', ...consent });
    addContact(rt, { first_name: 'Twin B', email: 'TWIN@example.org', ...consent });
    addContact(rt, { first_name: 'No consent', email: 'quiet@example.org' });
    const before = rowsOf(rt, 'Contacts');
    const { report, preview } = sync(true);
    expect(preview).toBe(true);
    expect(report).toMatchObject({ created_in_crm: 1, opted_out_in_crm: 1, created_in_mailer: 1, unsubscribed_in_mailer: 0 });
    expect(report.conflicts.map((c) => [c.kind, c.email])).toEqual(expect.arrayContaining([['shared_address', 'twin@example.org']]));
    expect(rowsOf(rt, 'Contacts')).toEqual(before);
    expect(rowsOf(rt, 'NewsletterMembers')).toHaveLength(0);
    expect(mc.requests.every((r) => r.startsWith('GET'))).toBe(true);
  });

  it('brings subscribers in once, sends consented contacts out, and a second sync changes nothing', () => {
    const { rt, mc, sync, clock } = setUp();
    mc.member(LIST, 'ana@example.org', 'subscribed', { FNAME: 'Ana', LNAME: 'Souza', BIRTHDAY: '07/14' }, 'pt');
    addContact(rt, { first_name: 'Bea', last_name: 'Martin', email: 'bea@example.org', birthday: '1990-03-02', ...consent });
    addContact(rt, { first_name: 'Quiet', email: 'quiet@example.org' });
    const first = sync();
    expect(first.report).toMatchObject({ created_in_crm: 1, created_in_mailer: 1, errors: [] });
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({
      first_name: 'Ana',
      last_name: 'Souza',
      birthday: '--07-14',
      language: 'pt',
      source: 'Mailchimp',
      newsletter_status: 'subscribed',
      consent_source: 'Mailchimp',
    });
    expect(mc.find(LIST, 'bea@example.org')).toMatchObject({ status: 'subscribed', merge_fields: expect.objectContaining({ FNAME: 'Bea', LNAME: 'Martin', BIRTHDAY: '03/02' }) });
    expect(mc.find(LIST, 'quiet@example.org')).toBeUndefined();

    clock.advance(3600_000);
    const contactsBefore = rowsOf(rt, 'Contacts');
    const writesBefore = mc.requests.filter((r) => !r.startsWith('GET')).length;
    const second = sync();
    expect(second.report).toMatchObject({ created_in_crm: 0, updated_in_crm: 0, created_in_mailer: 0, updated_in_mailer: 0, unsubscribed_in_mailer: 0, opted_out_in_crm: 0 });
    expect(rowsOf(rt, 'Contacts')).toEqual(contactsBefore);
    expect(mc.requests.filter((r) => !r.startsWith('GET')).length).toBe(writesBefore);
    expect(mc.resubscribeAttempts).toEqual([]);
  });

  it('makes an unsubscribe, a bounce or a spam report on Mailchimp the CRM’s sticky opt-out, and an opt-out here an unsubscribe there', () => {
    const { rt, mc, sync, clock } = setUp();
    for (const e of ['a@example.org', 'b@example.org', 'c@example.org', 'd@example.org']) mc.member(LIST, e);
    sync();
    clock.advance(60_000);
    mc.unsubscribe(LIST, 'a@example.org');
    mc.clean(LIST, 'b@example.org');
    mc.unsubscribe(LIST, 'c@example.org', 'abuse');
    editContact(rt, 'd@example.org', { email_opt_out: true, opt_out_source: 'phone call', opt_out_at: clock.now().toISOString(), newsletter_status: 'unsubscribed' });
    clock.advance(60_000);
    const { report } = sync();
    expect(report).toMatchObject({ opted_out_in_crm: 2, cleaned_in_crm: 1, unsubscribed_in_mailer: 1 });
    expect(contactBy(rt, 'a@example.org')).toMatchObject({ email_opt_out: true, newsletter_status: 'unsubscribed', opt_out_source: 'Mailchimp: unsubscribed' });
    expect(contactBy(rt, 'b@example.org')).toMatchObject({ email_opt_out: true, newsletter_status: 'cleaned' });
    expect(contactBy(rt, 'c@example.org')).toMatchObject({ email_opt_out: true, opt_out_source: 'Mailchimp: abuse' });
    expect(mc.find(LIST, 'd@example.org')?.status).toBe('unsubscribed');

    // Consent given again in the CRM (a website form): pending, never subscribed, here or there.
    editContact(rt, 'a@example.org', { newsletter_status: 'pending', consent_source: 'website form', consent_at: clock.now().toISOString() });
    clock.advance(60_000);
    const third = sync();
    expect(mc.find(LIST, 'a@example.org')?.status).toBe('unsubscribed');
    expect(third.report.conflicts).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'needs_confirmation', email: 'a@example.org' })]));
    expect(mc.resubscribeAttempts).toEqual([]);
  });
});

describe('syncing with Mailchimp: addresses, pages, cut-offs and engagement', () => {
  it('follows a changed address both ways without a second member or contact', () => {
    const { rt, mc, sync, clock } = setUp();
    mc.member(LIST, 'old@example.org', 'subscribed', { FNAME: 'Olga' });
    addContact(rt, { first_name: 'Paul', email: 'paul@example.org', ...consent });
    sync();
    clock.advance(60_000);
    mc.changeEmail(LIST, 'old@example.org', 'new@example.org');
    editContact(rt, 'paul@example.org', { email: 'paul.b@example.org' });
    clock.advance(60_000);
    const { report } = sync();
    expect(report).toMatchObject({ created_in_crm: 0, created_in_mailer: 0, updated_in_mailer: 1 });
    expect(contactBy(rt, 'new@example.org')).toMatchObject({ first_name: 'Olga', email_2: 'old@example.org' });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(2);
    expect(
      mc.lists
        .get(LIST)!
        .members.map((m) => m.email_address)
        .sort(),
    ).toEqual(['new@example.org', 'paul.b@example.org']);
    expect(rowsOf(rt, 'Interactions').map((i) => i.subject)).toContain('Mailchimp: old@example.org → new@example.org');
  });

  it('takes the most recent change of a field, and keeps the year of a birthday Mailchimp does not know', () => {
    const { rt, mc, sync, clock } = setUp();
    mc.member(LIST, 'ana@example.org', 'subscribed', { FNAME: 'Ana', PHONE: '0600000000' });
    addContact(rt, { first_name: 'Ana', email: 'ana@example.org', birthday: '1980-01-05', ...consent });
    sync();
    expect(mc.find(LIST, 'ana@example.org')?.merge_fields.BIRTHDAY).toBe('01/05');
    clock.advance(60_000);
    mc.edit(LIST, 'ana@example.org', { FNAME: 'Ana Maria', BIRTHDAY: '01/06' });
    clock.advance(60_000);
    editContact(rt, 'ana@example.org', { phone: '0611111111' });
    clock.advance(60_000);
    sync();
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({ first_name: 'Ana Maria', birthday: '1980-01-06', phone: '0611111111' });
    expect(mc.find(LIST, 'ana@example.org')?.merge_fields).toMatchObject({ FNAME: 'Ana Maria', PHONE: '0611111111', BIRTHDAY: '01/06' });
  });

  it('never loses a subscriber for an odd value typed on a sign-up form', () => {
    const { rt, mc, sync } = setUp();
    mc.member(LIST, 'odd@example.org', 'subscribed', { FNAME: '=HYPERLINK("x")', PHONE: 'call me after 6', BIRTHDAY: '' });
    mc.member(LIST, 'fine@example.org', 'subscribed', { FNAME: 'Fine', PHONE: '+33 6 12 34 56 78' });
    expect(sync().report).toMatchObject({ created_in_crm: 2, errors: [] });
    expect(contactBy(rt, 'odd@example.org')).toMatchObject({ first_name: '=HYPERLINK("x")', phone: '' });
    expect(contactBy(rt, 'fine@example.org')).toMatchObject({ phone: '+33 6 12 34 56 78' });
  });

  it('reads an audience past 1,000 members page by page, adds more than 500 in batches, within 10 requests in flight', () => {
    const { rt, mc, sync } = setUp();
    for (let k = 0; k < 2300; k++) mc.member(LIST, `reader${k}@example.org`);
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    wb.table(Contacts).insert(Array.from({ length: 1200 }, (_, k) => ({ kind: 'person' as const, first_name: `Member ${k}`, email: `member${k}@example.org`, ...consent }) as never));
    wb.commit('test');
    const { report } = sync();
    expect(report).toMatchObject({ created_in_crm: 2300, created_in_mailer: 1200, errors: [] });
    expect(mc.requests.filter((r) => r.startsWith('GET /lists/a1b2c3/members'))).toHaveLength(3);
    expect(mc.requests.filter((r) => r === 'POST /lists/a1b2c3')).toHaveLength(3);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(3500);
    expect(mc.lists.get(LIST)!.members).toHaveLength(3500);
  });

  it('resumes a sync cut off mid-way where it stopped, creating nobody twice', () => {
    const { rt, mc, clock } = setUp();
    for (let k = 0; k < 2500; k++) mc.member(LIST, `reader${k}@example.org`);
    // Cut off by time: each page takes a minute; a 90-second budget ends after the second page.
    const slow = mc.service;
    rt.http.serve('us21.api.mailchimp.com', (request, sent) => {
      clock.advance(60_000);
      return slow(request, sent);
    });
    const connection: Connection = { platform: 'mailchimp', key: mc.key, list: LIST };
    const cut = runSync(rt, connection, { actor: 'sync', budgetMs: 90_000 });
    expect(cut.finished).toBe(false);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(2000);
    // The tab says how far it came, and that it goes on.
    rt.properties.set('sync.connection', JSON.stringify(connection));
    expect(ok<{ connection: { progress: unknown; resuming: boolean } }>(call(rt, 'newsletterSettings', {})).connection).toMatchObject({
      progress: { phase: 'pull', done: 2000, total: 2500, working: false },
      resuming: true,
    });
    const rest = runSync(rt, connection, { actor: 'sync', budgetMs: 10 * 60_000 });
    expect(rest.finished).toBe(true);
    expect(rest.report.created_in_crm).toBe(2500);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(2500);
    expect(new Set(rowsOf(rt, 'Contacts').map((c) => c.email)).size).toBe(2500);
  });

  it('lets one execution at a time work on a run: a second one is told a sync is under way', () => {
    const { rt, mc } = setUp();
    mc.member(LIST, 'ana@example.org');
    const connection: Connection = { platform: 'mailchimp', key: mc.key, list: LIST };
    let second: unknown = null;
    rt.http.serve('us21.api.mailchimp.com', (request, sent) => {
      if (second === null) {
        second = 'asked';
        try {
          runSync(rt, connection, { actor: 'sync', budgetMs: 60_000 });
        } catch (error) {
          second = error;
        }
      }
      return mc.service(request, sent);
    });
    expect(runSync(rt, connection, { actor: 'admin@example.org', budgetMs: 60_000 }).finished).toBe(true);
    expect(String(second)).toMatch(/sync\.error\.running/);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(1);
  });

  it('keeps one row per engaged recipient per campaign, adding later opens and clicks to it', () => {
    const { rt, mc, sync, clock } = setUp();
    mc.member(LIST, 'ana@example.org');
    mc.member(LIST, 'bea@example.org');
    mc.member(LIST, 'quiet@example.org');
    mc.campaign('cmp1', LIST, 'November letter', '2026-11-20T09:00:00+00:00');
    mc.open('cmp1', 'ana@example.org', '2026-11-20T10:00:00+00:00');
    mc.open('cmp1', 'ana@example.org', '2026-11-20T11:00:00+00:00');
    mc.click('cmp1', 'ana@example.org', '2026-11-20T11:01:00+00:00', 'https://example.org/give');
    mc.open('cmp1', 'bea@example.org', '2026-11-21T08:00:00+00:00');
    const first = sync();
    expect(first.report.activity).toEqual({ campaigns: 1, recipients: 2, opens: 3, clicks: 1 });
    clock.advance(60_000);
    mc.click('cmp1', 'ana@example.org', '2026-11-22T09:30:00+00:00', 'https://example.org/agm');
    sync();
    const rows = rowsOf(rt, 'CampaignActivity');
    expect(rows).toHaveLength(2);
    const ana = rows.find((r) => r.email === 'ana@example.org')!;
    expect(ana).toMatchObject({ campaign: 'November letter', opens: 2, clicks: 2, links: 'https://example.org/give\nhttps://example.org/agm' });
    expect(String(ana.first_at)).toMatch(/^2026-11-20T10:00/);
    expect(String(ana.last_at)).toMatch(/^2026-11-22T09:30/);

    // The query language reads them: campaign:, opens, clicks, and the engagement score.
    const emails = (query: string) =>
      ok<{ items: { email: string }[] }>(call(rt, 'queryContacts', { query }))
        .items.map((i) => i.email)
        .sort();
    expect(emails('campaign:"november letter"')).toEqual(['ana@example.org', 'bea@example.org']);
    expect(emails('campaign!="November letter"')).toEqual(['quiet@example.org']);
    expect(emails('clicks>=2')).toEqual(['ana@example.org']);
    expect(emails('opens>=1 within:30d')).toEqual(['ana@example.org', 'bea@example.org']);
    expect(emails('engagement>0')).toEqual(['ana@example.org', 'bea@example.org']);
    expect(emails('campaign:cmp1 AND clicks=0')).toEqual(['bea@example.org']);
  });

  it('sets a follow-up for the owner of whoever clicked this week, through the default trigger point', () => {
    const { rt, mc, sync } = setUp();
    const owned = addContact(rt, { first_name: 'Ana', email: 'ana@example.org', owner: 'fundraiser@example.org', ...consent });
    addStaff(rt, 'fundraiser@example.org', 'editor');
    mc.member(LIST, 'bea@example.org');
    mc.campaign('cmp9', LIST, 'Appeal', '2026-11-20T09:00:00+00:00');
    sync();
    mc.click('cmp9', 'ana@example.org', '2026-11-21T09:00:00+00:00', 'https://example.org/give');
    mc.open('cmp9', 'bea@example.org', '2026-11-21T09:00:00+00:00');
    sync();
    const run = ok<{ rules: { name: string; fired: number }[] }>(call(rt, 'runTriggerPoints', {}));
    expect(run.rules.find((r) => r.name === 'Clicked a newsletter')?.fired).toBe(1);
    const theirs = as(rt, 'fundraiser@example.org', () => ok<{ items: { contact_id: string; date: string }[] }>(call(rt, 'followUps', { scope: 'mine' })).items);
    expect(theirs.map((f) => f.contact_id)).toEqual([owned.id]);
  });

  it('lets only admins connect, preview or sync, and keeps the key out of every sheet', () => {
    const { rt, mc } = setUp();
    mc.member(LIST, 'ana@example.org');
    addStaff(rt, 'editor@example.org', 'editor');
    for (const action of ['connectNewsletter', 'previewSync', 'syncNewsletter', 'newsletterSettings'])
      expect(as(rt, 'editor@example.org', () => refused(call(rt, action, action === 'connectNewsletter' ? { platform: 'mailchimp', key: mc.key } : {}))).code).toBe('forbidden');
    expect(refused(call(rt, 'connectNewsletter', { platform: 'mailchimp', key: 'no-data-centre' })).message).toMatch(/ends with its data centre/);
    expect(refused(call(rt, 'syncNewsletter', {})).message).toMatch(/No newsletter platform is connected/);
    ok(call(rt, 'connectNewsletter', { platform: 'mailchimp', key: mc.key }));
    expect(refused(call(rt, 'chooseNewsletterList', { list: 'nope' })).message).toMatch(/no audience or list with the id "nope"/);
    ok(call(rt, 'chooseNewsletterList', { list: LIST }));
    expect(ok(call(rt, 'syncNewsletter', {}))).toMatchObject({ finished: true, report: { created_in_crm: 1 } });
    expect(rt.scheduler.hourly.has('hourlyNewsletterSync')).toBe(true);
    for (const [name, rows] of rt.grid.sheets) expect(`${name}: ${JSON.stringify(rows)}`).not.toContain(mc.key);
    // Connecting and choosing the list are in the AuditLog, the key masked.
    const audit = rowsOf(rt, 'AuditLog').filter((r) => r.table === '(properties)');
    expect(audit.map((r) => [r.action, r.record_id, r.who])).toEqual([
      ['sync.connect', 'newsletter connection', 'admin@example.org'],
      ['sync.choose_list', 'newsletter list', 'admin@example.org'],
    ]);
    expect(JSON.parse(String(audit[0].after))).toEqual({ platform: 'mailchimp', key: `…${mc.key.slice(-6)}` });
  });

  it('refuses a wrong key with Mailchimp’s own words, changing nothing', () => {
    const { rt, mc } = setUp();
    mc.member(LIST, 'ana@example.org');
    expect(() => runSync(rt, { platform: 'mailchimp', key: 'wrong-us21', list: LIST }, { actor: 'admin@example.org' })).toThrow(/key_refused.*API Key Invalid/);
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
  });
});

describe('the fields a sync carries', () => {
  it('carries the address and the extra fields an admin maps, both ways', () => {
    const { rt, mc, clock } = setUp();
    mc.mergeField(LIST, 'CITY').mergeField(LIST, 'MEMBERNO');
    mc.member(LIST, 'ana@example.org', 'subscribed', { FNAME: 'Ana', ADDRESS: { addr1: '3 rue Neuve', addr2: '', city: 'Lyon', state: '', zip: '69001', country: 'FR' }, MEMBERNO: 'A-17' });
    addContact(rt, { first_name: 'Bea', email: 'bea@example.org', street: '1 Main St', postal_code: '4000-123', city: 'Porto', country: 'PT', ...consent });
    addContact(rt, { first_name: 'Half', email: 'half@example.org', city: 'Nantes', ...consent });
    const connection: Connection = {
      platform: 'mailchimp',
      key: mc.key,
      list: LIST,
      fields: [
        { crm: 'organisation_name', platform: 'CITY' },
        { crm: 'custom.Member number', platform: 'MEMBERNO' },
      ],
    };
    const sync = () => runSync(rt, connection, { actor: 'admin@example.org' });
    // A preview writes nothing, not even the custom column the extra field will fill.
    const header = () => rowsOf(rt, 'Contacts').length && Object.keys(rowsOf(rt, 'Contacts')[0]);
    const before = header();
    expect(runSync(rt, connection, { actor: 'admin@example.org', dryRun: true }).report).toMatchObject({ created_in_crm: 1, created_in_mailer: 2 });
    expect(header()).toEqual(before);
    expect(sync().report.errors).toEqual([]);
    expect(contactBy(rt, 'ana@example.org')).toMatchObject({ street: '3 rue Neuve', postal_code: '69001', city: 'Lyon', country: 'FR', 'Member number': 'A-17' });
    expect(mc.find(LIST, 'bea@example.org')?.merge_fields.ADDRESS).toEqual({ addr1: '1 Main St', addr2: '', city: 'Porto', state: '', zip: '4000-123', country: 'PT' });
    // An address without its street is not one Mailchimp takes: the member is added without it.
    expect(mc.find(LIST, 'half@example.org')?.merge_fields.ADDRESS).toBeUndefined();

    clock.advance(60_000);
    editContact(rt, 'bea@example.org', { organisation_name: 'Porto Readers', custom: { 'Member number': 'B-2' } });
    clock.advance(60_000);
    expect(sync().report).toMatchObject({ updated_in_mailer: 1, errors: [] });
    expect(mc.find(LIST, 'bea@example.org')?.merge_fields).toMatchObject({ CITY: 'Porto Readers', MEMBERNO: 'B-2' });
  });

  it('refuses a wrong extra field by its line, in the person’s language, and keeps the one saved', () => {
    const { rt, mc } = setUp();
    ok(call(rt, 'connectNewsletter', { platform: 'mailchimp', key: mc.key }));
    ok(call(rt, 'chooseNewsletterList', { list: LIST, fields: 'job_title = TITLE' }));
    ok(call(rt, 'setLanguage', { language: 'fr' }));
    expect(refused(call(rt, 'chooseNewsletterList', { list: LIST, fields: 'job_title = TITLE\nshoe_size = SHOES' })).message).toBe(
      'Ligne 2 des champs en plus : le CRM n’a pas de colonne « shoe_size » qu’il puisse envoyer (une colonne ajoutée s’écrit custom.NOM).',
    );
    expect(refused(call(rt, 'chooseNewsletterList', { list: LIST, fields: 'job_title = town name' })).message).toMatch(/^Ligne 1 des champs en plus : « town name » n’est pas un champ Mailchimp/);
    expect(refused(call(rt, 'chooseNewsletterList', { list: LIST, fields: 'first_name = FIRST' })).message).toMatch(/« first_name » est déjà synchronisé/);
    expect(refused(call(rt, 'chooseNewsletterList', { list: LIST, fields: 'email = MAIL' })).message).toMatch(/pas de colonne « email »/);
    expect(refused(call(rt, 'chooseNewsletterList', { list: LIST, fields: 'job_title' })).message).toMatch(/^Ligne 1 des champs en plus : écrivez une colonne du CRM/);
    expect(ok<{ connection: { fields: string } }>(call(rt, 'newsletterSettings', {})).connection.fields).toBe('job_title = TITLE');
  });
});

describe('a person erased on Mailchimp (GDPR)', () => {
  it('is the CRM’s opt-out when Mailchimp refuses to add them back, and a member gone there is left alone', () => {
    const { rt, mc, clock, sync } = setUp();
    mc.member(LIST, 'ana@example.org');
    mc.member(LIST, 'eve@example.org');
    mc.forget(LIST, 'eve@example.org');
    addContact(rt, { first_name: 'Eve', email: 'eve@example.org', ...consent });
    const first = sync();
    expect(first.report).toMatchObject({ opted_out_in_crm: 1, created_in_mailer: 0, errors: [] });
    expect(contactBy(rt, 'eve@example.org')).toMatchObject({ email_opt_out: true, opt_out_source: 'Mailchimp: erased (GDPR)' });

    // Ana is deleted there after the CRM linked her: her next change finds nobody, and she is left alone.
    mc.forget(LIST, 'ana@example.org');
    clock.advance(60_000);
    editContact(rt, 'ana@example.org', { first_name: 'Ana' });
    clock.advance(60_000);
    const second = sync();
    expect(second.report.conflicts).toEqual([expect.objectContaining({ kind: 'gone_there', email: 'ana@example.org' })]);
    clock.advance(60_000);
    const writes = mc.requests.filter((r) => !r.startsWith('GET')).length;
    sync();
    expect(mc.requests.filter((r) => !r.startsWith('GET')).length).toBe(writes);
    expect(mc.lists.get(LIST)!.members).toHaveLength(0);
    expect(mc.resubscribeAttempts).toEqual([]);
  });
});

describe('contacts deleted here, members archived there', () => {
  it('never makes a deleted contact again, yet records an opt-out on it; an archived member changes nothing', () => {
    const { rt, mc, clock, sync } = setUp();
    mc.member(LIST, 'gone@example.org', 'subscribed', { FNAME: 'Gone' });
    mc.member(LIST, 'kept@example.org', 'subscribed', { FNAME: 'Kept' });
    sync();
    const gone = contactBy(rt, 'gone@example.org')!;
    ok(call(rt, 'deleteContact', { id: gone.id }));
    clock.advance(60_000);
    mc.edit(LIST, 'gone@example.org', { LNAME: 'Changed' });
    mc.archive(LIST, 'kept@example.org');
    clock.advance(60_000);
    const second = sync();
    expect(second.report).toMatchObject({ created_in_crm: 0, opted_out_in_crm: 0, updated_in_mailer: 0, unsubscribed_in_mailer: 0 });
    expect(rowsOf(rt, 'Contacts').filter((c) => c.email === 'gone@example.org')).toHaveLength(1);
    expect(contactBy(rt, 'kept@example.org')).toMatchObject({ newsletter_status: 'subscribed', email_opt_out: '' });
    clock.advance(60_000);
    mc.unsubscribe(LIST, 'gone@example.org');
    clock.advance(60_000);
    sync();
    expect(contactBy(rt, 'gone@example.org')).toMatchObject({ deleted: true, email_opt_out: true, newsletter_status: 'unsubscribed' });
    expect(mc.resubscribeAttempts).toEqual([]);
  });
});

describe('a subscriber the CRM knows by another address', () => {
  it('is matched by the de-duplication rules (an email read as they read it, a phone), and keeps the address they subscribed with', () => {
    const { rt, mc, clock, sync } = setUp();
    addContact(rt, { first_name: 'Zoé', email: 'zoe.martin@example.org', phone: '+33 6 12 34 56 78', ...consent });
    mc.member(LIST, 'zoe.perso@example.net', 'subscribed', { FNAME: 'Zoé', PHONE: '06 12 34 56 78' });
    const first = sync();
    expect(first.report).toMatchObject({ created_in_crm: 0 });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(1);
    // The CRM's contact is on the audience once, under the address the person subscribed with.
    expect(mc.lists.get(LIST)!.members.map((m) => m.email_address)).toEqual(['zoe.perso@example.net']);
    clock.advance(60_000);
    const second = sync();
    expect(second.report).toMatchObject({ created_in_mailer: 0, updated_in_mailer: 0, created_in_crm: 0 });
  });
});
