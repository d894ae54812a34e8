/** What the CRM exports, it imports back unchanged: the CSV's formula escape is recognised, so that
 *  '+33 …' does not come back as "'+33 …". */
import { toCsv, unescapeFormula } from '../../src/core/csv';
import { HOSTILE_TEXT } from '../support/hostile';
import { call, ok, rowsOf, setUpRuntime } from '../support/crm';

// Not the phone: a phone must be a number (and is refused otherwise); the street holds the same texts.
const FIELDS = ['last_name', 'street', 'city', 'notes', 'job_title'] as const;

describe('export, then import into another CRM', () => {
  it('gives back every hostile text exactly as typed', () => {
    const texts = [...HOSTILE_TEXT, "''=already escaped", "'=looks escaped", '\ttab first', "'tis", '@', "'"].filter((t) => t.length <= 5000 && !/[\r\n]/.test(t) && t.trim() === t);
    const from = setUpRuntime();
    for (const [i, text] of texts.entries()) {
      const contact: Record<string, string> = { first_name: `P${i}` };
      for (const f of FIELDS) contact[f] = text;
      ok(call(from, 'createContact', { contact }));
    }
    const exported = ok(call(from, 'exportRows', { table: 'Contacts' }));
    const csv = '\ufeff' + toCsv(exported.rows);
    expect(csv).toContain(",'=1+1,");

    const to = setUpRuntime();
    const report = ok(call(to, 'importFile', { file_name: 'contacts.csv', content_base64: Buffer.from(csv, 'utf8').toString('base64'), mode: 'none' }));
    expect(report).toMatchObject({ created: texts.length, errors: [], warnings: [] });
    const back = new Map(rowsOf(to, 'Contacts').map((r) => [r.first_name, r]));
    for (const [i, text] of texts.entries()) {
      const row = back.get(`P${i}`)!;
      for (const f of FIELDS) expect([f, row[f]]).toEqual([f, text]);
    }
  });

  it.each([
    ["'+33 6 12 34 56 78", '+33 6 12 34 56 78'],
    ["'=1+1", '=1+1'],
    ["''=x", "'=x"],
    ["'tis", "'tis"],
    ["'", "'"],
    ['plain', 'plain'],
  ])('reads %j back as %j', (cell, typed) => {
    expect(unescapeFormula(cell)).toBe(typed);
  });
});
