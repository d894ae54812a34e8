/** A segment's members show the column its query is about, and sort by it: "membership ends within 30
 *  days" lists end dates, soonest first; "gave in the last year" lists last gifts, most recent first. */
import { call, ok, setUpRuntime } from '../support/crm';

describe('The column that matters for a segment', () => {
  it('shows each member’s end date, soonest first, for a renewal segment written in French', () => {
    const rt = setUpRuntime(); // today is 2026-11-22
    const person = (first: string, end: string) => {
      const id = ok(call(rt, 'createContact', { contact: { first_name: first, last_name: 'Renew' } })).id;
      ok(call(rt, 'addMembership', { membership: { contact_id: id, start_date: '2025-12-01', end_date: end } }));
      return id;
    };
    const late = person('Late', '2026-12-20');
    const soon = person('Soon', '2026-11-25');
    const mid = person('Mid', '2026-12-01');
    person('Outside', '2027-03-01');
    const seg = ok(call(rt, 'saveSegment', { name: 'Renouvellements', kind: 'dynamic', query: "membership.end>=aujourd'hui AND membership.end<=+30j" }));
    const page = ok(call(rt, 'getSegment', { id: seg.id }));
    expect(page.members.column).toEqual({ field: 'membership.end', kind: 'date', order: 'ascending' });
    expect(page.members.items.map((m: { id: string; value: string }) => [m.id, m.value])).toEqual([
      [soon, '2026-11-25'],
      [mid, '2026-12-01'],
      [late, '2026-12-20'],
    ]);
    // Pages follow the same order.
    expect(ok(call(rt, 'getSegment', { id: seg.id, offset: 1, limit: 1 })).members.items[0].id).toBe(mid);
  });

  it('shows the last gift, most recent first, those without one last', () => {
    const rt = setUpRuntime();
    const ids = ['A', 'B', 'C'].map((first) => ok(call(rt, 'createContact', { contact: { first_name: first, last_name: 'Donor' } })).id);
    ok(call(rt, 'recordGift', { contact_id: ids[0], amount: 10, date: '2026-01-05' }));
    ok(call(rt, 'recordGift', { contact_id: ids[1], amount: 10, date: '2026-10-01' }));
    ok(call(rt, 'recordGift', { contact_id: ids[1], amount: 10, date: '2025-10-01' }));
    const seg = ok(call(rt, 'saveSegment', { name: 'Donors or not', kind: 'dynamic', query: 'donations.last>=2y OR last_name:Donor' }));
    const items = ok(call(rt, 'getSegment', { id: seg.id })).members.items;
    expect(items.map((m: { id: string; value: string }) => [m.id, m.value])).toEqual([
      [ids[1], '2026-10-01'],
      [ids[0], '2026-01-05'],
      [ids[2], ''],
    ]);
  });

  it('keeps sheet order and no column when the query is not about a date or an amount', () => {
    const rt = setUpRuntime();
    ok(call(rt, 'createContact', { contact: { first_name: 'Tagged' } }));
    const seg = ok(call(rt, 'saveSegment', { name: 'Everyone', kind: 'dynamic', query: 'kind:person' }));
    const page = ok(call(rt, 'getSegment', { id: seg.id })).members;
    expect(page.column).toBeUndefined();
    expect(page.items[0].value).toBeUndefined();
  });
});
