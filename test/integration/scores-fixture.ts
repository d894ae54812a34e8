import { ok, setUpRuntime, call } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { Donations, Interactions } from '../../src/core/schema/tables';

/** A CRM whose RFM and engagement were worked out by hand (today is 2026-11-22, window 24 months):
 *
 *  | donor | gifts in the window          | recency | freq | total | r f m | score | group              |
 *  | Ana   | 150 (11-01), 120, 80 (2026)  | 21      | 3    | 350   | 4 5 2 | 11    | champions          |
 *  | Carla | 500 (2024-12-01), 60         | 676     | 2    | 560   | 1 4 5 | 10    | at_risk            |
 *  | Ben   | 400 (2025-12-01)             | 356     | 1    | 400   | 2 2 4 | 8     | hibernating        |
 *  | Dan   | 20 (2026-11-20)              | 2       | 1    | 20    | 5 2 1 | 8     | potential_loyalist |
 *
 *  Quintiles over four donors: ranks 1-4 score 1, 2, 4, 5; Ben and Dan gave once each (tied: 2).
 *  Engagement: Ana an event and a click today and a gift 21 days ago, 5 + 3 + 4 × 0.5^(21/30) = 10.5
 *  (hot: the top 10% of four engaged contacts is one); Eve replied today, 4; Dan's gift 2 days ago,
 *  4 × 0.5^(2/30) = 3.8; Fay opened ten newsletters today, capped at 1.5. Eve gave only in 2023. */
export function scoredCrm(): { rt: MemoryRuntime; ids: Record<'ana' | 'ben' | 'carla' | 'dan' | 'eve' | 'fay', string> } {
  const rt = setUpRuntime();
  const create = (contact: Record<string, unknown>) => ok(call(rt, 'createContact', { contact })).id as string;
  const ids = {
    ana: create({ first_name: 'Ana', last_name: 'Lima', email: 'ana@example.org' }),
    ben: create({ first_name: 'Ben', last_name: 'Stone' }),
    carla: create({ first_name: 'Carla', last_name: 'Stone' }),
    dan: create({ first_name: '0042', last_name: '=1+1' }),
    eve: create({ first_name: 'Eve', last_name: 'Moreau', email: 'eve@example.fr' }),
    fay: create({ first_name: 'Fay', last_name: 'Okafor' }),
  };
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
  wb.table(Donations).insert([
    { contact_id: ids.ana, date: '2026-11-01', amount: 150 },
    { contact_id: ids.ana, date: '2026-06-01', amount: 120 },
    { contact_id: ids.ana, date: '2026-02-01', amount: 80 },
    { contact_id: ids.ben, date: '2025-12-01', amount: 400 },
    { contact_id: ids.carla, date: '2024-12-01', amount: 500 },
    { contact_id: ids.carla, date: '2025-01-15', amount: 60 },
    { contact_id: ids.dan, date: '2026-11-20', amount: 20 },
    { contact_id: ids.eve, date: '2023-01-01', amount: 70 },
  ]);
  wb.table(Interactions).insert([
    { contact_id: ids.ana, type: 'event', when: '2026-11-22T09:00:00Z', direction: 'inbound' },
    { contact_id: ids.ana, type: 'newsletter_click', when: '2026-11-22T08:00:00Z', direction: 'inbound' },
    { contact_id: ids.eve, type: 'email', when: '2026-11-22T07:00:00Z', direction: 'inbound' },
    { contact_id: ids.ben, type: 'email', when: '2026-11-21T07:00:00Z', direction: 'outbound' },
    ...Array.from({ length: 10 }, () => ({ contact_id: ids.fay, type: 'newsletter_open', when: '2026-11-22T06:00:00Z', direction: 'inbound' })),
  ]);
  wb.commit('test.setup');
  return { rt, ids };
}

/** Changes a setting as a person would in the Settings sheet. */
export { setSetting } from '../support/crm';
