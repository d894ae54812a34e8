import { ok, refused, setUpRuntime, call, addStaff, as, addColumn } from '../support/crm';
import { markSearchIndexStale } from '../../src/services/search/search-index';

/** What the onEdit trigger does in Google after a person edits a sheet by hand. */
function handEdited(rt: ReturnType<typeof setUpRuntime>): void {
  rt.cache.clear();
  markSearchIndexStale(rt.properties);
}

function people(rt: ReturnType<typeof setUpRuntime>, list: Record<string, unknown>[]): string[] {
  return list.map((contact) => ok(call(rt, 'createContact', { contact })).id);
}

const names = (page: { items: { name: string }[] }) => page.items.map((i) => i.name);

describe('Search', () => {
  it('finds names whatever the accents and the case', () => {
    const rt = setUpRuntime();
    people(rt, [
      { first_name: 'José', last_name: 'Núñez' },
      { first_name: 'Hélène', last_name: 'Müller' },
      { first_name: 'João', last_name: 'Conceição' },
    ]);
    expect(names(ok(call(rt, 'searchContacts', { text: 'Jose' })))).toEqual(['José Núñez']);
    expect(names(ok(call(rt, 'searchContacts', { text: 'muller' })))).toEqual(['Hélène Müller']);
    expect(names(ok(call(rt, 'searchContacts', { text: 'CONCEICAO joao' })))).toEqual(['João Conceição']);
    expect(ok(call(rt, 'searchContacts', { text: 'nobody' })).total).toBe(0);
  });

  it('finds a phone number however it was typed', () => {
    const rt = setUpRuntime();
    people(rt, [
      { first_name: 'Ana', last_name: 'Typed', phone: '06 12 34 56 78' },
      { first_name: 'Ben', last_name: 'International', mobile: '+33 7 98 76 54 32' },
      { first_name: 'Carla', last_name: 'Other', phone: '+351 912 345 678' },
    ]);
    for (const text of ['+33612345678', '0612345678', '06.12.34.56.78', '+33 6 12 34 56 78', '06 12 34']) expect(names(ok(call(rt, 'searchContacts', { text })))).toEqual(['Ana Typed']);
    for (const text of ['07 98 76 54 32', '0033798765432']) expect(names(ok(call(rt, 'searchContacts', { text })))).toEqual(['Ben International']);
    expect(names(ok(call(rt, 'searchContacts', { text: '912 345 678' })))).toEqual(['Carla Other']);
    // And the number shows as it was typed.
    expect(ok(call(rt, 'searchContacts', { text: '+33612345678' })).items[0].phone).toBe('06 12 34 56 78');
  });

  it('looks for a number typed in groups as one number, not for each group anywhere', () => {
    const rt = setUpRuntime();
    const [, , noted] = people(rt, [
      { first_name: 'Ana', last_name: 'Typed', phone: '06 12 34 56 78' },
      // Each group of "06 12 34" is somewhere in her cells, never together.
      { first_name: 'Dora', last_name: 'Scattered', postal_code: '34120', email: 'dora06@example.org', job_title: 'Desk 12', phone: '01 06 99 12 34' },
      { first_name: 'Eli', last_name: 'Noted' },
    ]);
    addColumn(rt, 'Contacts', 'Old number', { [noted]: 'was 06 12 34 00 00 before' });
    handEdited(rt);
    expect(names(ok(call(rt, 'searchContacts', { text: '06 12 34' })))).toEqual(['Eli Noted', 'Ana Typed']);
    expect(names(ok(call(rt, 'searchContacts', { text: '06  12  34 56' })))).toEqual(['Ana Typed']);
    // Words that are not a number are each looked for anywhere, as before.
    expect(names(ok(call(rt, 'searchContacts', { text: 'desk dora 34120' })))).toEqual(['Dora Scattered']);
  });

  it('searches organisation, email, city, tags and custom columns', () => {
    const rt = setUpRuntime();
    const [ana, , carla] = people(rt, [
      { first_name: 'Ana', last_name: 'One', organisation_name: 'Rádio Liberdade', email: 'ana@radio.pt' },
      { first_name: 'Ben', last_name: 'Two', city: 'Évora' },
      { first_name: 'Carla', last_name: 'Three' },
    ]);
    ok(call(rt, 'addTag', { contact_id: carla, name: 'Bénévole', colour: '#00aa00' }));
    expect(names(ok(call(rt, 'searchContacts', { text: 'radio liberdade' })))).toEqual(['Ana One']);
    expect(names(ok(call(rt, 'searchContacts', { text: 'ana@radio' })))).toEqual(['Ana One']);
    expect(names(ok(call(rt, 'searchContacts', { text: 'evora' })))).toEqual(['Ben Two']);
    expect(names(ok(call(rt, 'searchContacts', { text: 'benevole' })))).toEqual(['Carla Three']);
    // A column people added (to the sheet, or the database) is searched too.
    addColumn(rt, 'Contacts', 'T-shirt', { [ana]: 'XXL violet' });
    handEdited(rt);
    expect(names(ok(call(rt, 'searchContacts', { text: 'violet' })))).toEqual(['Ana One']);
  });

  it('ranks name matches first, then the rest by name', () => {
    const rt = setUpRuntime();
    people(rt, [
      { first_name: 'Zoé', last_name: 'Martin', email: 'zoe@example.org' },
      { first_name: 'Marc', last_name: 'Alves', email: 'marc@example.org' },
      { first_name: 'Ana', last_name: 'Lopes', email: 'ana.martinez@example.org' },
      { kind: 'organisation', organisation_name: 'Martin & Fils' },
      { first_name: 'Martin', last_name: 'Bauer' },
    ]);
    expect(names(ok(call(rt, 'searchContacts', { text: 'martin' })))).toEqual(['Martin Bauer', 'Martin & Fils', 'Zoé Martin', 'Ana Lopes']);
    // Without text: everyone by last name then first name; organisations by their name ('martin & fils' < 'martin zoe').
    expect(names(ok(call(rt, 'searchContacts', {})))).toEqual(['Marc Alves', 'Martin Bauer', 'Ana Lopes', 'Martin & Fils', 'Zoé Martin']);
  });

  it('ranks a word of the name after a hyphen, an apostrophe or several spaces as a word', () => {
    const rt = setUpRuntime();
    people(rt, [
      { first_name: 'Amarc', last_name: 'Test' },
      { first_name: 'Jean-Marc', last_name: 'Dupont' },
      { first_name: 'Anne', last_name: "O'Marc" },
      { first_name: 'Marcel', last_name: 'Durand' },
      { first_name: 'Lia', last_name: 'Costa  marcos' },
      { first_name: 'Zed', last_name: 'Nomad', city: 'Marckolsheim' },
    ]);
    // The name's start; then a word of it, by name; then inside the name; then elsewhere.
    expect(names(ok(call(rt, 'searchContacts', { text: 'marc' })))).toEqual(['Marcel Durand', 'Lia Costa  marcos', 'Jean-Marc Dupont', "Anne O'Marc", 'Amarc Test', 'Zed Nomad']);
    // Every word must start a word of the name for that rank: 'jean dup' does, 'jean pont' does not.
    expect(names(ok(call(rt, 'searchContacts', { text: 'dup jean' })))).toEqual(['Jean-Marc Dupont']);
    expect(names(ok(call(rt, 'searchContacts', { text: 'pont jean marc' })))).toEqual(['Jean-Marc Dupont']);
    expect(names(ok(call(rt, 'searchContacts', { text: '-marc' })))).toEqual(['Jean-Marc Dupont']);
  });

  it('pages with a count, and the pages add up to the whole list', () => {
    const rt = setUpRuntime();
    people(
      rt,
      Array.from({ length: 23 }, (_, i) => ({ first_name: `P${String(i).padStart(2, '0')}`, last_name: 'Same' })),
    );
    const seen: string[] = [];
    for (let offset = 0; offset < 23; offset += 10) {
      const page = ok(call(rt, 'searchContacts', { offset, limit: 10 }));
      expect(page.total).toBe(23);
      expect(page.offset).toBe(offset);
      seen.push(...names(page));
    }
    expect(seen).toEqual(Array.from({ length: 23 }, (_, i) => `P${String(i).padStart(2, '0')} Same`));
  });

  it('filters members, non-members, lifecycle stage and tag', () => {
    const rt = setUpRuntime();
    const [member, lapsed, plain] = people(rt, [
      { first_name: 'Mia', last_name: 'Member' },
      { first_name: 'Leo', last_name: 'Lapsed', lifecycle_override: 'lapsed' },
      { first_name: 'Noa', last_name: 'None' },
    ]);
    ok(call(rt, 'addMembership', { membership: { contact_id: member, level: 'Friend', start_date: '2026-01-10', frequency: 'yearly' } }));
    ok(call(rt, 'addMembership', { membership: { contact_id: lapsed, level: 'Friend', start_date: '2024-01-10', frequency: 'yearly' } }));
    const tag = ok(call(rt, 'addTag', { contact_id: plain, name: 'Volunteer' }));
    expect(names(ok(call(rt, 'searchContacts', { members: 'members' })))).toEqual(['Mia Member']);
    expect(names(ok(call(rt, 'searchContacts', { members: 'non_members' })))).toEqual(['Leo Lapsed', 'Noa None']);
    expect(names(ok(call(rt, 'searchContacts', { stage: 'lapsed' })))).toEqual(['Leo Lapsed']);
    expect(names(ok(call(rt, 'searchContacts', { tag: tag.id })))).toEqual(['Noa None']);
    const hit = ok(call(rt, 'searchContacts', { text: 'mia' })).items[0];
    expect(hit).toMatchObject({ member: true, membership_status: 'current', tags: [] });
    expect(ok(call(rt, 'searchContacts', { text: 'noa' })).items[0].tags).toEqual(['Volunteer']);
  });

  it('combines text, tag and member filters, and shows each hit’s own tags and badge', () => {
    const rt = setUpRuntime();
    const [ana, anabel, bruno] = people(rt, [
      { first_name: 'Ana', last_name: 'Reis' },
      { first_name: 'Anabel', last_name: 'Reis' },
      { first_name: 'Bruno', last_name: 'Reis' },
    ]);
    const press = ok(call(rt, 'addTag', { contact_id: ana, name: 'Press' }));
    ok(call(rt, 'addTag', { contact_id: anabel, tag_id: press.id }));
    ok(call(rt, 'addTag', { contact_id: anabel, name: 'Board' }));
    ok(call(rt, 'addTag', { contact_id: bruno, tag_id: press.id }));
    ok(call(rt, 'addMembership', { membership: { contact_id: anabel, start_date: '2026-10-01', frequency: 'yearly' } }));
    const page = ok(call(rt, 'searchContacts', { text: 'ana reis', tag: press.id }));
    expect(page.items.map((h: any) => [h.name, h.tags, h.member, h.membership_status])).toEqual([
      ['Ana Reis', ['Press'], false, ''],
      ['Anabel Reis', ['Board', 'Press'], true, 'new'],
    ]);
    expect(names(ok(call(rt, 'searchContacts', { text: 'reis', tag: press.id, members: 'non_members' })))).toEqual(['Ana Reis', 'Bruno Reis']);
    // A word found only in a tag's name.
    expect(names(ok(call(rt, 'searchContacts', { text: 'board reis' })))).toEqual(['Anabel Reis']);
    // An export of the search keeps its filters.
    const exported = ok(call(rt, 'exportRows', { search: 'reis', tag: press.id, members: 'non_members' }));
    const first = (exported.rows[0] as string[]).indexOf('first_name');
    expect(exported.rows.slice(1).map((r: string[]) => r[first])).toEqual(['Ana', 'Bruno']);
  });

  it('leaves out deleted and merged contacts', () => {
    const rt = setUpRuntime();
    const [gone] = people(rt, [
      { first_name: 'Gone', last_name: 'Away' },
      { first_name: 'Still', last_name: 'Here' },
    ]);
    ok(call(rt, 'deleteContact', { id: gone }));
    expect(names(ok(call(rt, 'searchContacts', {})))).toEqual(['Still Here']);
  });

  it('is open to viewers and refuses people who are not staff', () => {
    const rt = setUpRuntime();
    people(rt, [{ first_name: 'Ana' }]);
    addStaff(rt, 'viewer@example.org', 'viewer');
    expect(as(rt, 'viewer@example.org', () => ok(call(rt, 'searchContacts', { text: 'ana' })).total)).toBe(1);
    expect(as(rt, 'stranger@example.org', () => refused(call(rt, 'searchContacts', {}))).code).toBe('not_staff');
  });
});
