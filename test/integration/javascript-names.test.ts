/** Names that are JavaScript's own work as column headers, custom fields and values, and as action
 *  names get a clear refusal. */
import { call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';

const NAMES = ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype'];
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('JavaScript’s own names', () => {
  it('as the headers of an imported file: each becomes a custom column with its values, read back on the card', () => {
    const rt = setUpRuntime();
    const csv = `First name,${NAMES.join(',')}\nAna,${NAMES.map((n) => `v-${n}`).join(',')}\n`;
    const report = ok(call(rt, 'importFile', { file_name: 'odd.csv', content_base64: b64(csv), mode: 'skip' }));
    expect(report).toMatchObject({ created: 1, errors: [], warnings: [] });
    const header = Object.keys(rowsOf(rt, 'Contacts')[0]);
    for (const n of NAMES) expect(header).toContain(n);
    const card = ok(call(rt, 'getContactCard', { id: rowsOf(rt, 'Contacts')[0].id }));
    for (const n of NAMES) expect(Object.getOwnPropertyDescriptor(card.contact.custom, n)?.value).toBe(`v-${n}`);
    expect(ok(call(rt, 'searchContacts', { text: 'v-__proto__' })).total).toBe(1);
  });

  it('as custom fields edited and created through the API', () => {
    const rt = setUpRuntime();
    const csv = `First name,${NAMES.join(',')}\nAna,${NAMES.map(() => 'x').join(',')}\n`;
    ok(call(rt, 'importFile', { file_name: 'odd.csv', content_base64: b64(csv), mode: 'skip' }));
    const id = rowsOf(rt, 'Contacts')[0].id as string;
    const custom = JSON.parse(`{${NAMES.map((n) => `"${n}": "new-${n}"`).join(',')}}`);
    ok(call(rt, 'updateContact', { id, patch: { custom } }));
    const created = ok(call(rt, 'createContact', { contact: { first_name: 'Bo', custom } }));
    for (const row of [rowsOf(rt, 'Contacts').find((r) => r.id === id)!, rowsOf(rt, 'Contacts').find((r) => r.id === created.id)!]) {
      for (const n of NAMES) expect(Object.getOwnPropertyDescriptor(row, n)?.value).toBe(`new-${n}`);
    }
    // Nothing of ours was touched through a prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(typeof ({} as { toString: unknown }).toString).toBe('function');
  });

  it('as a value of an enum or a key people type: refused clearly, never read as one of ours', () => {
    const rt = setUpRuntime();
    expect(refused(call(rt, 'createContact', { contact: { first_name: 'X', kind: 'constructor' } })).code).toBe('invalid_input');
    expect(refused(call(rt, 'constructor', {})).code).toBe('unknown_action');
    expect(refused(call(rt, '__proto__', {})).code).toBe('unknown_action');
  });
});

describe('JavaScript’s own names in queries and segments', () => {
  it('a custom column called constructor or toString is a field of the query language like any other', () => {
    const rt = setUpRuntime();
    const csv = 'First name,constructor,toString\nAna,yes,blue\nBo,no,red\n';
    ok(call(rt, 'importFile', { file_name: 'odd.csv', content_base64: b64(csv), mode: 'skip' }));
    expect(ok(call(rt, 'queryContacts', { query: 'custom.constructor:yes' })).items.map((i: { name: string }) => i.name)).toEqual(['Ana']);
    expect(ok(call(rt, 'queryContacts', { query: 'custom.toString:red' })).items.map((i: { name: string }) => i.name)).toEqual(['Bo']);
    for (const name of ['constructor', 'hasOwnProperty', '__proto__', 'toString']) {
      expect(refused(call(rt, 'queryContacts', { query: `${name}:x` })).message).toMatch(/does not read|does not know/);
    }
  });
});
