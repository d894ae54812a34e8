/** References point at live rows of the right table, and amounts are sane. */
import { call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';
import { toCsv } from '../../src/core/csv';

function crmWithOrganisations() {
  const rt = setUpRuntime();
  const person = ok(call(rt, 'createContact', { contact: { first_name: 'Pia' } })).id as string;
  const org = ok(call(rt, 'createContact', { contact: { kind: 'organisation', organisation_name: 'Acme' } })).id as string;
  const gone = ok(call(rt, 'createContact', { contact: { kind: 'organisation', organisation_name: 'Gone' } })).id as string;
  ok(call(rt, 'deleteContact', { id: gone }));
  const twin = ok(call(rt, 'createContact', { contact: { kind: 'organisation', organisation_name: 'Acme Ltd' } })).id as string;
  ok(call(rt, 'mergeContacts', { keep: org, others: [twin] }));
  return { rt, person, org, gone, twin };
}

describe('an organisation_id', () => {
  it('must be a live organisation: a person, a deleted, a merged or a missing contact is refused, saying which', () => {
    const { rt, person, org, gone, twin } = crmWithOrganisations();
    const before = rowsOf(rt, 'Contacts').length;
    for (const [id, words] of [
      [person, 'a person, not an organisation'],
      [gone, 'deleted'],
      [twin, 'merged into another'],
      ['con_NOPE', 'no contact has that id'],
    ]) {
      const error = refused(call(rt, 'createContact', { contact: { first_name: 'X', organisation_id: id } }));
      expect(error.message).toContain(words);
      expect(refused(call(rt, 'updateContact', { id: person, patch: { organisation_id: id } })).code).toBe('invalid');
    }
    expect(rowsOf(rt, 'Contacts')).toHaveLength(before);
    ok(call(rt, 'createContact', { contact: { first_name: 'Y', organisation_id: org } }));
    expect(refused(call(rt, 'updateContact', { id: org, patch: { organisation_id: org } })).code).toBe('invalid');
  });

  it('imported from another CRM’s export that points at nobody here is kept as typed, and said', () => {
    const rt = setUpRuntime();
    const csv = toCsv([
      ['first_name', 'organisation_id'],
      ['Ana', 'con_FROM_ELSEWHERE'],
    ]);
    const report = ok(call(rt, 'importFile', { file_name: 'other.csv', content_base64: Buffer.from(csv).toString('base64'), mode: 'none' }));
    expect(report.created).toBe(1);
    expect(report.warnings.map((w: { column: string; value: string }) => [w.column, w.value])).toEqual([['organisation_id', 'con_FROM_ELSEWHERE']]);
    expect(rowsOf(rt, 'Contacts')[0]).toMatchObject({ organisation_id: '', 'organisation_id (import)': 'con_FROM_ELSEWHERE' });
  });
});

describe('amounts', () => {
  it.each([
    [-5, 'below 0'],
    [1e12, 'more than 100000000'],
    [12.345, 'more than two decimals'],
  ])('a membership fee of %d is refused (%s)', (amount, words) => {
    const { rt, person } = crmWithOrganisations();
    const error = refused(call(rt, 'addMembership', { membership: { contact_id: person, amount, frequency: 'yearly', paid: true } }));
    expect(error.message).toContain(words);
    expect(rowsOf(rt, 'Memberships')).toHaveLength(0);
  });

  it('a free membership (0) is fine; a gift of 0 or less is no gift', () => {
    const { rt, person } = crmWithOrganisations();
    ok(call(rt, 'addMembership', { membership: { contact_id: person, amount: 0, frequency: 'yearly', paid: true } }));
    const csv = 'Prénom;Don;Date du don\nAna;0;01/02/2026\nBo;-20;01/02/2026\nCy;25,50;01/02/2026\n';
    const report = ok(call(rt, 'importFile', { file_name: 'dons.csv', content_base64: Buffer.from(csv).toString('base64'), mode: 'none' }));
    expect(report.created).toBe(3);
    expect(report.warnings.map((w: { row: number; column: string }) => [w.row, w.column])).toEqual([
      [2, 'Don'],
      [3, 'Don'],
    ]);
    expect(rowsOf(rt, 'Donations').map((d) => d.amount)).toEqual([25.5]);
  });
});
