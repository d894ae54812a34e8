/** Logging a call on a spreadsheet: the card's row hint spares reading the Contacts sheet (three
 *  spreadsheet calls in all), and the row it reads is decoded as the store does (a contact marked
 *  deleted by hand with x, oui or TRUE). About a sheet's rows: a database finds a contact by its id. */
import { ok, refused, setUpRuntime, call, rowsOf } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';

const create = (rt: MemoryRuntime, contact: Record<string, unknown>) => ok(call(rt, 'createContact', { contact })).id as string;
const card = (rt: MemoryRuntime, id: string) => ok(call(rt, 'getContactCard', { id }));

describe('A row hint on a sheet', () => {
  it('costs three spreadsheet calls: the contact’s row, the interaction, the audit row', () => {
    const rt = setUpRuntime();
    const id = create(rt, { first_name: 'Ana' });
    const row = card(rt, id).row;
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'note', subject: 'warm-up' }, row_hint: row }));
    rt.grid.resetCounters();
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Quick' }, row_hint: row }));
    expect(rt.grid.calls).toBe(3);
    // A stale row hint costs a lookup of the contact (found, then its row read), never a wrong contact.
    rt.grid.resetCounters();
    ok(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Moved' }, row_hint: 40 }));
    expect(rt.grid.calls).toBe(5);
    expect(card(rt, id).interactions).toHaveLength(3);
  });

  it('reads the hinted row as the store does: a contact marked deleted by hand with x, oui or TRUE takes no call', () => {
    for (const mark of ['x', 'oui', 'TRUE', 'Sí']) {
      const rt = setUpRuntime();
      const id = create(rt, { first_name: 'Ana' });
      const row = card(rt, id).row;
      const sheet = rt.grid.sheets.get('Contacts')!;
      sheet[row - 1][(sheet[0] as string[]).indexOf('deleted')] = mark;
      rt.cache.clear();
      expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'Hi' }, row_hint: row })).code).toBe('deleted');
      expect(rowsOf(rt, 'Interactions')).toHaveLength(0);
    }
    // Merged into another: the call belongs on the one kept, and the message says which.
    const rt = setUpRuntime();
    const kept = create(rt, { first_name: 'Ana', last_name: 'Kept' });
    const gone = create(rt, { first_name: 'Ana', last_name: 'Gone' });
    ok(call(rt, 'mergeContacts', { keep: kept, others: [gone] }));
    const row = rowsOf(rt, 'Contacts').findIndex((c) => c.id === gone) + 2;
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: gone, type: 'call', subject: 'Hi' }, row_hint: row })).message).toContain(`merged into ${kept}`);
    expect(refused(call(rt, 'logInteraction', { interaction: { contact_id: gone, type: 'call', subject: 'Hi' } })).message).toContain(`merged into ${kept}`);
  });
});
