/** No junk: a contact needs a name, an email or a phone; a phone must be a number; someone already
 *  there with that email or phone is offered before a second one is made; an empty call is refused. */
import { call, ok, refused, rowsOf, setUpRuntime, typeInto } from '../support/crm';

describe('A new or edited contact', () => {
  it('needs a name, an email or a phone, and says so in the person’s language', () => {
    const rt = setUpRuntime();
    expect(refused(call(rt, 'createContact', { contact: {} })).message).toBe('A contact needs a name, an email or a phone.');
    expect(refused(call(rt, 'createContact', { contact: { first_name: '   ', city: 'Lyon' } })).message).toBe('A contact needs a name, an email or a phone.');
    expect(refused(call(rt, 'createContact', { contact: { kind: 'organisation' } })).code).toBe('invalid');
    ok(call(rt, 'createContact', { contact: { email: 'only.email@example.org' } }));
    const id = ok(call(rt, 'createContact', { contact: { phone: '06 12 34 56 78' } })).id;
    // Emptying the last way to know them is refused too; other edits of them go through.
    expect(refused(call(rt, 'updateContact', { id, patch: { phone: '' } })).code).toBe('invalid');
    ok(call(rt, 'updateContact', { id, patch: { city: 'Lyon' } }));
    expect(rowsOf(rt, 'Contacts')).toHaveLength(2);
  });

  it('takes a phone only when it is a number, read in the CRM’s country, and keeps it as typed', () => {
    const rt = setUpRuntime();
    for (const bad of ['12', 'call me', '=1+1', '06 12'])
      expect(refused(call(rt, 'createContact', { contact: { first_name: 'Ana', phone: bad } })).message).toContain(`"${bad}" is not a phone number`);
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', phone: '06 12 34 56 78', mobile: '+351 912 345 678' } })).id;
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ phone: '06 12 34 56 78', mobile: '+351 912 345 678' });
    expect(refused(call(rt, 'updateContact', { id, patch: { mobile: '999' } })).message).toContain('"999" is not a phone number');
    // A phone typed by hand (in the sheet, or the database) that is no number does not block an edit of something else.
    typeInto(rt, 'Contacts', id, 'phone', 'ask reception');
    ok(call(rt, 'updateContact', { id, patch: { city: 'Porto' } }));
  });

  it('is not made twice: someone with that email or phone is named, and made anyway only when asked', () => {
    const rt = setUpRuntime();
    const ana = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima', email: 'Ana.Lima@example.pt', phone: '+33 6 12 34 56 78' } })).id;
    const byEmail = call(rt, 'createContact', { contact: { first_name: 'A.', email: ' ana.lima@EXAMPLE.pt ' } });
    expect(byEmail).toMatchObject({ ok: false, error: { code: 'duplicate', id: ana, message: 'Ana Lima already has this email or phone.' } });
    const byPhone = call(rt, 'createContact', { contact: { first_name: 'Ana', phone: '06.12.34.56.78' } });
    expect(byPhone).toMatchObject({ ok: false, error: { code: 'duplicate', id: ana } });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(1);
    ok(call(rt, 'createContact', { contact: { first_name: 'Ana', phone: '06.12.34.56.78' }, allow_duplicate: true }));
    expect(rowsOf(rt, 'Contacts')).toHaveLength(2);
    // Read as the de-duplication engine reads them: with Settings' Gmail rule, dots and +tags aside.
    ok(call(rt, 'createContact', { contact: { first_name: 'Bea', email: 'Bea.Santos+news@gmail.com' } }));
    expect(call(rt, 'createContact', { contact: { first_name: 'B', email: 'beasantos@gmail.com' } }).ok).toBe(true);
    const settings = rt.grid.sheets.get('Settings')!;
    const header = settings[0] as string[];
    settings.find((row) => row[header.indexOf('key')] === 'dedupe_rules')![header.indexOf('value')] = '{"gmailDots":true}';
    rt.cache.clear();
    expect(call(rt, 'createContact', { contact: { first_name: 'B', email: 'bea.santos@googlemail.com' } })).toMatchObject({ ok: false, error: { code: 'duplicate' } });
    // A deleted contact is no one to offer.
    ok(call(rt, 'deleteContact', { id: ana }));
    const other = call(rt, 'createContact', { contact: { first_name: 'Ana', email: 'ana.lima@example.pt' } });
    expect(other.ok).toBe(true);
  });
});

describe('Logging', () => {
  it('refuses an empty call, note or meeting, but not a newsletter open', () => {
    const rt = setUpRuntime();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })).id;
    for (const type of ['call', 'note', 'meeting', 'email', 'event'])
      expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: id, type, subject: '  ' } })).message).toBe('Say what it was about: a subject, details or an outcome.');
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', outcome: 'No answer' } }));
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'newsletter_open' } }));
    expect(rowsOf(rt, 'Interactions')).toHaveLength(2);
  });
});
