import { ok, refused, setUpRuntime, call } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { Donations, Interactions, Segments } from '../../src/core/schema/tables';

const create = (rt: MemoryRuntime, contact: Record<string, unknown>) => ok(call(rt, 'createContact', { contact })).id as string;
const names = (rt: MemoryRuntime, query: string) => ok(call(rt, 'queryContacts', { query })).items.map((i: any) => i.name);

/** Today is 2026-11-22. Ana: volunteer member, gave 150 this year. Ben: subscriber who opens but never
 *  clicks. Carla: lapsed donor (gift two years ago), parent of Ben, in Lyon. */
function crm() {
  const rt = setUpRuntime();
  const ana = create(rt, { first_name: 'Ana', last_name: 'Lima', city: 'Porto', newsletter_status: 'subscribed' });
  const ben = create(rt, { first_name: 'Ben', last_name: 'Stone', city: 'Leeds', newsletter_status: 'subscribed' });
  const carla = create(rt, { first_name: 'Carla', last_name: 'Stone', city: 'Lyon', newsletter_status: 'unsubscribed' });
  ok(call(rt, 'addTag', { contact_id: ana, name: 'Volunteer' }));
  ok(call(rt, 'addMembership', { membership: { contact_id: ana, level: 'Friend', start_date: '2026-02-01', frequency: 'yearly' } }));
  const parentOf = ok(call(rt, 'recordOptions', {})).relationship_types.find((t: any) => t.label_a_to_b === 'parent of').id;
  ok(call(rt, 'addRelationship', { contact_id: carla, other_id: ben, type_id: parentOf, side: 'a' }));
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
  wb.table(Donations).insert([
    { contact_id: ana, date: '2026-03-01', amount: 100 },
    { contact_id: ana, date: '2026-09-01', amount: 50 },
    { contact_id: carla, date: '2024-10-01', amount: 500 },
  ]);
  wb.table(Interactions).insert([
    { contact_id: ben, type: 'newsletter_open', when: '2026-11-01T08:00:00Z' },
    { contact_id: ben, type: 'newsletter_open', when: '2026-10-15T08:00:00Z' },
    { contact_id: ben, type: 'newsletter_open', when: '2026-09-30T08:00:00Z' },
    { contact_id: ana, type: 'newsletter_open', when: '2026-11-02T08:00:00Z' },
    { contact_id: ana, type: 'newsletter_click', when: '2026-11-02T08:05:00Z' },
    { contact_id: carla, type: 'newsletter_open', when: '2025-01-01T08:00:00Z' },
  ]);
  wb.table(Segments).insert([{ name: 'Volunteers', kind: 'dynamic', query: 'tag:volunteer' }]);
  wb.commit('test.setup');
  return rt;
}

describe('The query language over the CRM', () => {
  it('combines tags, membership, gifts in a window, opens and clicks', () => {
    const rt = crm();
    expect(names(rt, 'tag:volunteer AND membership.status:current AND donations.total>=100 since:365d')).toEqual(['Ana Lima']);
    expect(names(rt, 'newsletter:subscribed AND NOT member AND opens>=3 within:90d AND clicks=0')).toEqual(['Ben Stone']);
    expect(names(rt, 'donations.total>=100')).toEqual(['Ana Lima', 'Carla Stone']);
    expect(names(rt, 'donations.total>=100 since:365d')).toEqual(['Ana Lima']);
    expect(names(rt, 'donations.count>1 since:12m AND donations.largest>=100')).toEqual(['Ana Lima']);
  });

  it('reads relationships, contact fields, other segments, and NOT/OR with parentheses', () => {
    const rt = crm();
    expect(names(rt, 'relationship:"parent of"')).toEqual(['Carla Stone']);
    expect(names(rt, 'relationship:"child of"')).toEqual(['Ben Stone']);
    expect(names(rt, 'city:lyon OR city:Porto')).toEqual(['Ana Lima', 'Carla Stone']);
    expect(names(rt, 'NOT (city:Lyon OR member)')).toEqual(['Ben Stone']);
    expect(names(rt, 'segment:Volunteers AND member')).toEqual(['Ana Lima']);
    // Ana's membership runs to 2027-01-31: it ends within the next 90 days, not within 30.
    expect(names(rt, 'membership.end<=+90d AND membership.end>=today')).toEqual(['Ana Lima']);
    expect(names(rt, 'membership.end<=+30d AND membership.end>=today')).toEqual([]);
    expect(names(rt, 'membership.join=2026-02-01')).toEqual(['Ana Lima']);
    expect(names(rt, 'membership.join>2026-02-01 OR membership.join<2026-02-01')).toEqual([]);
    expect(names(rt, 'opens>=1 before:2026-01-01')).toEqual(['Carla Stone']);
    expect(names(rt, 'city:Lyon OU city:Leeds')).toEqual(['Ben Stone', 'Carla Stone']);
  });

  it('says where a query stops making sense', () => {
    const rt = crm();
    const error = refused(call(rt, 'queryContacts', { query: 'tag:volunteer AND (member' }));
    expect(error.code).toBe('invalid');
    expect(error.message).toMatch(/^The query does not read at character \d+: /);
    expect(refused(call(rt, 'queryContacts', { query: 'segment:Nobody' })).message).toBe('There is no segment called "Nobody".');
  });
});

describe('a query that does not read', () => {
  it('is refused in the caller’s language, with the character and what was expected', () => {
    const rt = setUpRuntime('admin@example.org', 'fr');
    expect(refused(call(rt, 'queryContacts', { query: 'tag:a OR' })).message).toBe("La requête ne se lit pas au caractère 9 : Un nom de champ, NOT ou '(' est attendu à la fin.");
    ok(call(rt, 'saveSegment', { name: 'Bénévoles', kind: 'dynamic', query: 'tag:volunteer' }));
    expect(refused(call(rt, 'saveSegment', { name: 'Cassé', kind: 'dynamic', query: 'segment:Bénévoles AND donations.total>=beaucoup' })).message).toBe(
      'La requête ne se lit pas au caractère 40 : donations.total est un nombre ; « beaucoup » n’en est pas un.',
    );
  });
});
