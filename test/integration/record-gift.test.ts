/** A gift recorded from the card: the card's totals follow; what cannot be a gift is refused and
 *  names what is wrong; nothing is read whole to write it. */
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';
import { giftInput, emptyGiftForm } from '../../sidebar/views/card-donations';

describe('Recording a gift', () => {
  it('adds it to the card at once, in the CRM’s currency unless told, dated today unless told', () => {
    const rt = setUpRuntime();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })).id;
    const reads: string[] = [];
    const read = rt.grid.read.bind(rt.grid);
    rt.grid.read = (sheet: string) => (reads.push(sheet), read(sheet));
    const gift = ok(call(rt, 'recordGift', { contact_id: id, amount: 25.5, fund: ' Annual appeal ', method: 'cheque', recurring: true, note: 'Thanks!' }));
    expect(gift).toMatchObject({ amount: 25.5, currency: 'EUR', date: '2026-11-22', fund: 'Annual appeal', method: 'cheque', recurring: true });
    expect(reads).not.toContain('Donations');
    ok(call(rt, 'recordGift', { contact_id: id, amount: 100, currency: 'brl', date: '2026-03-01' }));
    const card = ok(call(rt, 'getContactCard', { id }));
    expect(card.donations.count).toBe(2);
    expect(card.donations.totals).toHaveLength(2);
    expect(card.donations.totals).toEqual(
      expect.arrayContaining([
        { currency: 'BRL', total: 100, count: 1 },
        { currency: 'EUR', total: 25.5, count: 1 },
      ]),
    );
    expect(card.donations.last).toMatchObject({ amount: 25.5, date: '2026-11-22' });
    expect(rowsOf(rt, 'Donations').find((d) => d.id === gift.id)).toMatchObject({ note: 'Thanks!', recurring: true });
    expect(rowsOf(rt, 'AuditLog').some((r) => r.action === 'donation.record')).toBe(true);
  });

  it('refuses what cannot be a gift, saying what is wrong, and writes nothing', () => {
    const rt = setUpRuntime();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })).id;
    expect(refused(call(rt, 'recordGift', { contact_id: id, amount: 0 })).message).toContain('amount');
    expect(refused(call(rt, 'recordGift', { contact_id: id, amount: -5 })).message).toContain('amount');
    expect(refused(call(rt, 'recordGift', { contact_id: id, amount: 10, currency: 'E1' })).message).toBe('"E1" is not a currency: use its three-letter code (EUR, USD, BRL…).');
    expect(refused(call(rt, 'recordGift', { contact_id: id, amount: 10, date: '31/12/2026' })).message).toContain('is not a date');
    expect(refused(call(rt, 'recordGift', { contact_id: 'con_GHOST', amount: 10 })).code).toBe('not_found');
    addStaff(rt, 'viewer@example.org', 'viewer');
    expect(as(rt, 'viewer@example.org', () => refused(call(rt, 'recordGift', { contact_id: id, amount: 10 }))).code).toBe('forbidden');
    ok(call(rt, 'deleteContact', { id }));
    expect(refused(call(rt, 'recordGift', { contact_id: id, amount: 10 })).code).toBe('deleted');
    expect(rowsOf(rt, 'Donations')).toEqual([]);
  });

  it('records a renewal’s payment on the membership in the same step', () => {
    const rt = setUpRuntime();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })).id;
    const m = ok(call(rt, 'addMembership', { membership: { contact_id: id, start_date: '2025-12-01', frequency: 'yearly', level: 'standard' } }));
    const renewed = ok(call(rt, 'renewMembership', { id: m.id, payment: { amount: 30 } }));
    expect(renewed.end_date > m.end_date).toBe(true);
    expect(rowsOf(rt, 'Memberships')[0]).toMatchObject({ amount: 30, currency: 'EUR', paid: true });
    expect(refused(call(rt, 'renewMembership', { id: m.id, payment: { amount: 30, currency: '€' } })).message).toContain('is not a currency');
  });
});

describe('Renewing', () => {
  it('adds one term for a double click: the second request saw the end date the first one changed', () => {
    const rt = setUpRuntime();
    const id = ok(call(rt, 'createContact', { contact: { first_name: 'Ana' } })).id;
    const m = ok(call(rt, 'addMembership', { membership: { contact_id: id, start_date: '2025-12-01', frequency: 'yearly' } }));
    const first = ok(call(rt, 'renewMembership', { id: m.id, from_end_date: m.end_date }));
    const second = ok(call(rt, 'renewMembership', { id: m.id, from_end_date: m.end_date }));
    expect(second.end_date).toBe(first.end_date);
    expect(first.end_date > m.end_date).toBe(true);
    // Asked again from what is shown now: one more term.
    expect(ok(call(rt, 'renewMembership', { id: m.id, from_end_date: first.end_date })).end_date > first.end_date).toBe(true);
    expect(rowsOf(rt, 'AuditLog').filter((r) => r.action === 'membership.renew')).toHaveLength(2);
  });
});

describe('The card’s gift form', () => {
  const form = (amount: string, extra = {}) => ({ ...emptyGiftForm(), open: true, amount, ...extra });
  it('reads the amount as typed, with a comma or a point, and refuses what is not one', () => {
    expect(giftInput(form('25,50'), 'con_1')).toEqual({ contact_id: 'con_1', amount: 25.5 });
    expect(giftInput(form(' 1 200.5 ', { currency: 'usd', fund: ' Gala ', recurring: true }), 'con_1')).toEqual({
      contact_id: 'con_1',
      amount: 1200.5,
      currency: 'USD',
      fund: 'Gala',
      recurring: true,
    });
    for (const bad of ['', '0', '-3', 'abc', '1e3', '12.345', '12,3,4']) expect(giftInput(form(bad), 'con_1')).toEqual({ problem: 'record.gift.amount_invalid' });
  });
});
