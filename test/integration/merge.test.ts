import { ok, refused, setUpRuntime, call, addStaff, as, rowsOf } from '../support/crm';
import type { MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { Contacts, Donations } from '../../src/core/schema/tables';
import { findContactDuplicates, MAX_PAIRS } from '../../src/services/dedupe/duplicates';
import { SameThread } from '../../src/memory/threads';
import type { PairsPart } from '../../src/core/dedupe/engine';

// Duplicates on purpose: the person was shown who is there already, and made another.
const create = (rt: MemoryRuntime, contact: Record<string, unknown>) => ok(call(rt, 'createContact', { contact, allow_duplicate: true })).id as string;
const typeId = (rt: MemoryRuntime, label: string) => ok(call(rt, 'recordOptions', {})).relationship_types.find((t: any) => t.label_a_to_b === label).id as string;

/** Two records of one person, each with its own history, plus a colleague and a spouse. */
function twoRecords() {
  const rt = setUpRuntime();
  const keep = create(rt, { first_name: 'Maria', last_name: 'Silva', email: 'maria.silva@example.pt', city: '', email_opt_out: false });
  const dup = create(rt, { first_name: 'María', last_name: 'Silva', email: 'msilva@work.example.pt', city: 'Porto', phone: '+351 912 345 678', email_opt_out: true });
  const spouse = create(rt, { first_name: 'Rui', last_name: 'Silva' });
  ok(call(rt, 'addMembership', { membership: { contact_id: dup, start_date: '2026-02-01', frequency: 'yearly' } }));
  ok(call(rt, 'logInteraction', { interaction: { contact_id: dup, type: 'call', subject: 'Old record call' } }));
  const press = ok(call(rt, 'addTag', { contact_id: keep, name: 'Press' }));
  ok(call(rt, 'addTag', { contact_id: dup, tag_id: press.id }));
  ok(call(rt, 'addTag', { contact_id: dup, name: 'Volunteer' }));
  ok(call(rt, 'addRelationship', { contact_id: dup, other_id: spouse, type_id: typeId(rt, 'spouse of'), side: 'a' }));
  ok(call(rt, 'addRelationship', { contact_id: keep, other_id: dup, type_id: typeId(rt, 'colleague of'), side: 'a' }));
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
  wb.table(Donations).insert([{ contact_id: dup, date: '2026-05-01', amount: 40 }]);
  wb.commit('test.gift');
  return { rt, keep, dup, spouse };
}

describe('Merging duplicates', () => {
  it('moves every linked row to the survivor and marks the other merged', () => {
    const { rt, keep, dup, spouse } = twoRecords();
    const report = ok(call(rt, 'mergeContacts', { keep, others: [dup] }));
    expect(report).toMatchObject({ merge: expect.stringMatching(/^mrg_/), survivor: keep, merged: [dup], moved: { Memberships: 1, Donations: 1, Interactions: 1, ContactTags: 2, Relationships: 2 } });
    for (const sheet of ['Memberships', 'Donations', 'Interactions', 'ContactTags']) expect(rowsOf(rt, sheet).every((r) => r.contact_id === keep)).toBe(true);
    // The tag both had is linked once.
    expect(rowsOf(rt, 'ContactTags')).toHaveLength(2);
    const card = ok(call(rt, 'getContactCard', { id: keep }));
    expect(card.tags.map((t: any) => t.name)).toEqual(['Press', 'Volunteer']);
    expect(card.member).toBe(true);
    expect(card.donations.count).toBe(1);
    expect(card.relationships).toEqual([
      expect.objectContaining({ label: 'spouse of', other_id: spouse, active: true }),
      expect.objectContaining({ label: 'colleague of', other_id: keep, active: false }),
    ]);
    expect(rowsOf(rt, 'Contacts').find((c) => c.id === dup)).toMatchObject({ merged_into: keep });
    expect(ok(call(rt, 'searchContacts', { text: 'silva' })).items.map((i: any) => i.id)).toEqual([keep, spouse].sort((a) => (a === keep ? -1 : 1)));
  });

  it('fills the survivor’s empty fields, keeps the second address, and lets the unsubscribe win', () => {
    const { rt, keep, dup } = twoRecords();
    ok(call(rt, 'mergeContacts', { keep, others: [dup] }));
    expect(rowsOf(rt, 'Contacts').find((c) => c.id === keep)).toMatchObject({
      first_name: 'Maria',
      city: 'Porto',
      phone: '+351 912 345 678',
      email: 'maria.silva@example.pt',
      email_2: 'msilva@work.example.pt',
      email_opt_out: true,
    });
  });

  it('takes the value chosen field by field', () => {
    const { rt, keep, dup } = twoRecords();
    ok(call(rt, 'mergeContacts', { keep, others: [dup], choices: { first_name: dup, email: dup } }));
    expect(rowsOf(rt, 'Contacts').find((c) => c.id === keep)).toMatchObject({ first_name: 'María', email: 'msilva@work.example.pt', email_2: 'maria.silva@example.pt' });
    expect(refused(call(rt, 'mergeContacts', { keep, others: [dup], choices: { city: 'con_NOPE' } })).code).toBe('merged');
  });

  it('can be undone: every row goes back where it was, but the opt-out the survivor took stays', () => {
    const { rt, keep, dup } = twoRecords();
    const optedOut = (rows: Record<string, unknown>[]) =>
      rows.map((r) => (r.id === keep ? { ...r, email_opt_out: true, newsletter_status: rowsOf(rt, 'Contacts').find((c) => c.id === dup)!.newsletter_status } : r));
    const before = ['Contacts', 'Memberships', 'Donations', 'Interactions', 'ContactTags', 'Relationships'].map((s) =>
      (s === 'Contacts' ? optedOut(rowsOf(rt, s)) : rowsOf(rt, s)).map(({ updated_at, id, ...rest }) => rest),
    );
    const { merge } = ok(call(rt, 'mergeContacts', { keep, others: [dup] }));
    const undone = ok(call(rt, 'undoMerge', { merge }));
    expect(undone.kept).toEqual([]);
    expect(rowsOf(rt, 'Contacts').find((c) => c.id === keep)).toMatchObject({ email_opt_out: true });
    const after = ['Contacts', 'Memberships', 'Donations', 'Interactions', 'ContactTags', 'Relationships'].map((s) => rowsOf(rt, s).map(({ updated_at, id, ...rest }) => rest));
    const sortRows = (tables: Record<string, unknown>[][]) => tables.map((rows) => rows.map((r) => JSON.stringify(r)).sort());
    expect(sortRows(after)).toEqual(sortRows(before));
    expect(rowsOf(rt, 'Merges')[0]).toMatchObject({ status: 'undone' });
    expect(refused(call(rt, 'undoMerge', { merge })).code).toBe('invalid');
  });

  it('refuses merging a contact into itself, a deleted one, and a viewer', () => {
    const { rt, keep, dup } = twoRecords();
    expect(refused(call(rt, 'mergeContacts', { keep, others: [keep] })).message).toBe('Choose at least one other contact to merge into this one.');
    addStaff(rt, 'v@example.org', 'viewer');
    expect(as(rt, 'v@example.org', () => refused(call(rt, 'mergeContacts', { keep, others: [dup] }))).code).toBe('forbidden');
    ok(call(rt, 'deleteContact', { id: dup }));
    expect(refused(call(rt, 'mergeContacts', { keep, others: [dup] })).code).toBe('deleted');
  });
});

describe('Finding duplicates', () => {
  it('proposes the same person typed twice, not a family sharing an address, and remembers "not a duplicate"', () => {
    const rt = setUpRuntime();
    const a = create(rt, { first_name: 'José', last_name: 'Núñez García', email: 'jose.nunez@example.es', phone: '612 345 678', postal_code: '28013' });
    const b = create(rt, { first_name: 'Jose', last_name: 'Nunez Garcia', email: 'JOSE.NUNEZ@example.es', phone: '+34 612345678', postal_code: '28013' });
    create(rt, { first_name: 'Lucía', last_name: 'Núñez García', email: 'jose.nunez@example.es', postal_code: '28013' });
    // A third copy in the bin is nobody's duplicate.
    const binned = create(rt, { first_name: 'José', last_name: 'Núñez García', email: 'jose.nunez@example.es', phone: '612 345 678', postal_code: '28013' });
    ok(call(rt, 'deleteContact', { id: binned }));
    const found = ok(call(rt, 'findDuplicates', {}));
    expect(found.pairs.map((p: any) => [p.a, p.b].sort())).toEqual([[a, b].sort()]);
    expect(found.clusters).toEqual([[a, b].sort()]);
    expect(found.names).toEqual({ [a]: 'José Núñez García', [b]: 'Jose Nunez Garcia' });
    ok(call(rt, 'markNotDuplicate', { a, b }));
    expect(ok(call(rt, 'findDuplicates', {})).pairs).toEqual([]);
  });

  it('answers with the most alike pairs first, at most MAX_PAIRS of them, and says how many there are', () => {
    const rt = setUpRuntime();
    // A file imported ten times over: 116 people, ten records each, 45 pairs a person.
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    const people = Array.from({ length: 116 }, (_, k) => ({ first_name: `Person${k}`, last_name: 'Copy', email: `person${k}@example.org` }));
    wb.table(Contacts).insert(people.flatMap((p) => Array.from({ length: 10 }, () => ({ kind: 'person', ...p }))));
    // And one pair told apart only by a typo, less alike than the copies.
    wb.table(Contacts).insert([
      { kind: 'person', first_name: 'Joanna', last_name: 'Kowalska', email: 'joanna@example.pl' },
      { kind: 'person', first_name: 'Joana', last_name: 'Kowalska', email: 'joanna@example.pl' },
    ]);
    wb.commit('import');
    const found = ok(call(rt, 'findDuplicates', {}));
    expect(found.total_pairs).toBe(116 * 45 + 1);
    expect(found.pairs).toHaveLength(MAX_PAIRS);
    expect(found.pairs.every((p: { score: number }, i: number) => i === 0 || p.score <= found.pairs[i - 1].score)).toBe(true);
    expect(found.clusters.flat().every((id: string) => found.names[id] !== undefined)).toBe(true);
    // The pair with a typo is the least alike: it is the one left out.
    expect(Object.values(found.names)).not.toContain('Joana Kowalska');
  });

  it('reads every live contact whatever its texts hold, however the reading is cut', () => {
    const rt = setUpRuntime();
    const odd = { first_name: 'Zoë "Zo"', last_name: "O'Brien \\ {Smith} [x]", email: 'zoe@example.ie', postal_code: '00123', phone: '+353 1 234 5678' };
    const a = create(rt, odd);
    create(rt, { first_name: 'Ana', last_name: 'Lima' });
    ok(call(rt, 'deleteContact', { id: create(rt, odd) }));
    const b = create(rt, { ...odd, email: 'ZOE@example.ie' });
    create(rt, { first_name: 'Rui', last_name: 'Costa', postal_code: '00123' });
    // Control characters pasted into names, among them those that separate what a database reads at once.
    const pasted = new Workbook(rt, rt.clock, 'admin@example.org');
    pasted.table(Contacts).insert([1, 2].map(() => ({ kind: 'person', first_name: 'Inês\x1f', last_name: 'Paz\x1fDias', email: 'ines@example.es' })));
    // Separators placed so that each piece of the row has as many fields as a whole row.
    const fooling = `${'a\x1f'.repeat(9)}\x1eb\x1fb\x1fb`;
    pasted.table(Contacts).insert([1, 2].map(() => ({ kind: 'person', first_name: fooling, last_name: 'Rey', email: 'rey@example.es' })));
    pasted.commit('test.paste');
    const whole = findContactDuplicates(new Workbook(rt, rt.clock, 'admin@example.org'));
    expect(whole.pairs).toHaveLength(3);
    expect(whole.pairs.map((p) => [p.a, p.b].sort())).toContainEqual([a, b].sort());
    expect(whole.names[a]).toBe(`Zoë "Zo" O'Brien \\ {Smith} [x]`);
    expect(Object.values(whole.names)).toContain('Inês\x1f Paz\x1fDias');
    expect(Object.values(whole.names)).toContain(`${fooling} Rey`);
    // Read one, two, three contacts at a time (on a database; a sheet is read whole): the same answer.
    for (const readChunk of [1, 2, 3]) expect(findContactDuplicates(new Workbook(rt, rt.clock, 'admin@example.org'), {}, { readChunk })).toEqual(whole);
    // Shared with another thread, which is sent what was read (the texts, some read again as JSON) and
    // finds its part of the pairs from it.
    const threads = new SameThread(1);
    const answered: PairsPart[] = [];
    const start = threads.start.bind(threads);
    threads.start = (task, input) => {
      const work = start(task, input);
      return { ...work, wait: () => (answered.push(work.wait() as PairsPart), answered[answered.length - 1]) };
    };
    for (const readChunk of [1, 3, 100]) expect(findContactDuplicates(new Workbook(rt, rt.clock, 'admin@example.org'), {}, { readChunk, threads, sharedFrom: 0 })).toEqual(whole);
    // It answered each time: it could read what it was sent (a thread that could not would leave its
    // part to this one, unanswered).
    expect(answered).toHaveLength(3);
  });
});
