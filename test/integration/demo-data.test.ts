import { ContactTags, Contacts, Donations, Interactions, Memberships, Relationships, RelationshipTypes, TABLES, Tags } from '../../src/core/schema/tables';
import { isMemberStatus } from '../../src/core/membership';
import { memoryRuntime } from '../../src/memory/services';
import { addDemoData, DemoSummary, seededRandom } from '../../src/services/demo-data';
import { Workbook } from '../../src/store/workbook';

function demo(seed: number, count = 300) {
  const rt = memoryRuntime();
  for (const def of TABLES) rt.grid.createSheet(def.name, Object.keys(def.columns));
  const workbook = new Workbook(rt, rt.clock, 'admin@example.org');
  const summary = addDemoData(workbook, count, seededRandom(seed));
  workbook.commit('demo.create');
  // Read back from the grid, as the next execution would.
  const fresh = new Workbook(rt, rt.clock, 'admin@example.org');
  return { rt, summary, workbook: fresh, today: rt.clock.now().toISOString().slice(0, 10) };
}

describe('addDemoData', () => {
  const { summary, workbook, today } = demo(1);
  const contacts = workbook.table(Contacts).all();
  const ids = new Set(contacts.map((c) => c.id));
  const memberships = workbook.table(Memberships).all();
  const donations = workbook.table(Donations).all();
  const interactions = workbook.table(Interactions).all();
  const contactTags = workbook.table(ContactTags).all();
  const relationships = workbook.table(Relationships).all();

  it('adds the contacts asked for, about 8% of them organisations, and says how many rows of each', () => {
    expect(contacts).toHaveLength(300);
    const orgs = contacts.filter((c) => c.kind === 'organisation').length;
    expect(orgs).toBe(24);
    expect(summary).toEqual<DemoSummary>({
      Contacts: 300,
      Memberships: memberships.length,
      Donations: donations.length,
      Interactions: interactions.length,
      Tags: 10,
      ContactTags: contactTags.length,
      Relationships: relationships.length,
      RelationshipTypes: 3,
    });
    expect(interactions.length / 300).toBeGreaterThan(4);
    expect(interactions.length / 300).toBeLessThan(6.5);
  });

  it('has names in English, French, Spanish and Portuguese', () => {
    const names = contacts.map((c) => `${c.first_name} ${c.last_name} ${c.organisation_name}`).join('\n');
    expect(names).toMatch(/[éèêëàâçïîôûü]/); // French accents
    expect(names).toMatch(/ão|ç/); // Portuguese
    expect(names).toMatch(/ñ/); // Spanish
    expect(new Set(contacts.map((c) => c.language))).toEqual(new Set(['en', 'fr', 'es', 'pt']));
  });

  it('links every row to an existing contact', () => {
    for (const row of [...memberships, ...donations, ...interactions, ...contactTags]) expect(ids.has(row.contact_id)).toBe(true);
    for (const r of relationships) {
      expect(ids.has(r.contact_a)).toBe(true);
      expect(ids.has(r.contact_b)).toBe(true);
    }
    const tagIds = new Set(
      workbook
        .table(Tags)
        .all()
        .map((t) => t.id),
    );
    for (const ct of contactTags) expect(tagIds.has(ct.tag_id)).toBe(true);
    const typeIds = new Set(
      workbook
        .table(RelationshipTypes)
        .all()
        .map((t) => t.id),
    );
    for (const r of relationships) expect(typeIds.has(r.type_id)).toBe(true);
  });

  it('tells stories: a mix of membership statuses, dates that agree with them, people with several memberships', () => {
    const statuses = new Set(memberships.map((m) => m.status));
    for (const s of ['new', 'current', 'grace', 'expired', 'cancelled', 'pending']) expect(statuses).toContain(s);
    for (const m of memberships) {
      if (m.status === 'current' || m.status === 'new') expect(m.end_date >= today).toBe(true);
      if (m.status === 'grace' || m.status === 'expired') expect(m.end_date < today).toBe(true);
      if (m.status === 'pending') expect(m.start_date > today).toBe(true);
      expect(m.start_date <= m.end_date).toBe(true);
      // Cancelled is a person's decision, recorded as the override the rules read (the sheet and the
      // dashboard agree), and nothing else is overridden.
      expect(m.status_override).toBe(m.status === 'cancelled' ? 'cancelled' : '');
    }
    const perContact = new Map<string, number>();
    for (const m of memberships) perContact.set(m.contact_id, (perContact.get(m.contact_id) ?? 0) + 1);
    expect([...perContact.values()].filter((n) => n > 1).length).toBeGreaterThan(10);
    const members = new Set(memberships.filter((m) => isMemberStatus(m.status)).map((m) => m.contact_id));
    for (const c of contacts) expect(c.lifecycle_stage === 'member').toBe(members.has(c.id));
    expect([...new Set(memberships.map((m) => m.currency))]).toEqual(expect.arrayContaining(['EUR', 'USD', 'BRL']));
  });

  it('sets the organisation of employees and the opt-out of the unsubscribed', () => {
    const employees = relationships.filter((r) => workbook.table(RelationshipTypes).get(r.type_id)?.label_a_to_b === 'employee of');
    expect(employees.length).toBeGreaterThan(0);
    for (const r of employees) {
      const person = workbook.table(Contacts).get(r.contact_a)!;
      const org = workbook.table(Contacts).get(r.contact_b)!;
      expect(person.organisation_id).toBe(org.id);
      expect(person.organisation_name).toBe(org.organisation_name);
    }
    const unsubscribed = contacts.filter((c) => c.newsletter_status === 'unsubscribed');
    expect(unsubscribed.length).toBeGreaterThan(0);
    for (const c of unsubscribed) expect(c).toMatchObject({ email_opt_out: true, opt_out_source: expect.any(String), opt_out_at: expect.stringMatching(/^\d{4}-/) });
    expect(interactions.some((i) => i.follow_up_date && i.follow_up_date < today && !i.follow_up_done)).toBe(true);
    expect(interactions.some((i) => i.follow_up_date > today)).toBe(true);
  });

  it('keeps postal codes and phone numbers as text', () => {
    const codes = contacts.map((c) => c.postal_code);
    expect(codes.some((p) => /^0\d{4}$/.test(p))).toBe(true);
    for (const p of codes) expect(typeof p).toBe('string');
    expect(contacts.some((c) => c.mobile.startsWith('+'))).toBe(true);
    expect(contacts.some((c) => /^0\d /.test(c.mobile))).toBe(true);
  });

  it('is the same demo for the same seed, and a different one for another', () => {
    const names = (w: Workbook) =>
      w
        .table(Contacts)
        .all()
        .map((c) => [c.first_name, c.last_name, c.organisation_name, c.email, c.postal_code, c.mobile].join('|'));
    expect(names(demo(1).workbook)).toEqual(names(workbook));
    expect(names(demo(2).workbook)).not.toEqual(names(workbook));
  });

  it('reuses the relationship types and tags a CRM already has', () => {
    const rt = memoryRuntime();
    for (const def of TABLES) rt.grid.createSheet(def.name, Object.keys(def.columns));
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    wb.table(RelationshipTypes).insert([{ label_a_to_b: 'Spouse of', label_b_to_a: 'spouse of', symmetric: true, active: true }]);
    wb.table(Tags).insert([{ name: 'Volunteer', colour: '#000000' }]);
    wb.commit('setup');
    const again = new Workbook(rt, rt.clock, 'admin@example.org');
    const summary = addDemoData(again, 120, seededRandom(3));
    again.commit('demo.create');
    expect(summary.RelationshipTypes).toBe(0);
    expect(summary.Tags).toBe(9);
    const fresh = new Workbook(rt, rt.clock, 'admin@example.org');
    expect(fresh.table(RelationshipTypes).count()).toBe(1);
    expect(
      fresh
        .table(Tags)
        .all()
        .filter((t) => t.name.toLowerCase() === 'volunteer'),
    ).toHaveLength(1);
  });
});

describe('the audit of created records', () => {
  it('names them and keeps them out of the log’s text: a small share of the workbook, not most of it', () => {
    const { rt } = demo(3, 300);
    const chars = (sheet: string) => rt.grid.read(sheet).reduce((n, row) => n + row.reduce<number>((m, c) => m + String(c).length, 0), 0);
    const total = TABLES.reduce((n, def) => n + chars(def.name), 0);
    const audit = chars('AuditLog');
    expect(audit / total).toBeLessThan(0.25);
    // Every created id is still named.
    const named = rt.grid
      .read('AuditLog')
      .slice(1)
      .map((r) => String(r[rt.grid.read('AuditLog')[0].indexOf('record_id')]))
      .join(' ');
    for (const row of rt.grid.read('Contacts').slice(1)) expect(named).toContain(String(row[0]));
  });
});
