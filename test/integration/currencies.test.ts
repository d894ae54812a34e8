/** Gifts in several currencies are never added together: on the card, in queries and RFM, on the
 *  dashboard. With rates in Settings, totals are converted and say so. */
import { Donations, Settings } from '../../src/core/schema/tables';
import { Workbook } from '../../src/store/workbook';
import type { MemoryRuntime } from '../../src/memory/services';
import { call, ok, setUpRuntime } from '../support/crm';

function setting(rt: MemoryRuntime, key: string, value: string): void {
  const rows = rt.grid.sheets.get(Settings.name)!;
  const [k, v] = ['key', 'value'].map((h) => (rows[0] as string[]).indexOf(h));
  rows.find((r) => r[k] === key)![v] = value;
  rt.cache.clear();
}

/** A Brazilian donor: twelve monthly gifts of R$ 79.16 (R$ 949.92), and a European one: €20. */
function donors(rt: MemoryRuntime): { joao: string; eva: string } {
  const joao = ok(call(rt, 'createContact', { contact: { first_name: 'João', last_name: 'Silva' } })).id;
  const eva = ok(call(rt, 'createContact', { contact: { first_name: 'Eva', last_name: 'Roth' } })).id;
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  const gifts = Array.from({ length: 12 }, (_, i) => ({ contact_id: joao, amount: 79.16, currency: 'BRL', date: `2026-${String(i < 11 ? i + 1 : 11).padStart(2, '0')}-05` }));
  wb.table(Donations).insert([...gifts, { contact_id: eva, amount: 20, currency: 'EUR', date: '2026-10-01' }]);
  wb.commit('test');
  return { joao, eva };
}

describe('a donor who gives in reais', () => {
  it('shows reais on the card, never €0.00', () => {
    const rt = setUpRuntime();
    const { joao } = donors(rt);
    const card = ok(call(rt, 'getContactCard', { id: joao }));
    expect(card.donations).toMatchObject({ count: 12, totals: [{ currency: 'BRL', total: 949.92, count: 12 }], converted: null });
  });

  it('is not counted as €950 in queries, RFM or the dashboard without a rate', () => {
    const rt = setUpRuntime();
    donors(rt);
    expect(ok(call(rt, 'queryContacts', { query: 'donations.total>=100' })).total).toBe(0);
    // Frequency and recency still count his gifts: he is a donor.
    expect(ok(call(rt, 'queryContacts', { query: 'donations.count>=12' })).total).toBe(1);
    const months = ok(call(rt, 'dashboard', {})).donations_by_month;
    const november = months.find((m: { month: string }) => m.month === '2026-11');
    expect(november.total.value).toBe(0);
    expect(november.gifts.value).toBe(2);
  });

  it('with rates in Settings, totals are converted and labelled as such', () => {
    const rt = setUpRuntime();
    const { joao } = donors(rt);
    setting(rt, 'currency_rates', 'BRL 0.17');
    const card = ok(call(rt, 'getContactCard', { id: joao }));
    expect(card.donations.totals).toEqual([{ currency: 'BRL', total: 949.92, count: 12 }]);
    expect(ok(call(rt, 'queryContacts', { query: 'donations.total>=100' })).items.map((i: { name: string }) => i.name)).toEqual(['João Silva']);
    const dashboard = ok(call(rt, 'dashboard', {}));
    expect(dashboard.converted).toBe(true);
    const october = dashboard.donations_by_month.find((m: { month: string }) => m.month === '2026-10');
    expect(october.total.value).toBeCloseTo(20 + 79.16 * 0.17, 2);
  });
});
