/** The contact record's pieces that need no browser: what each form sends, the relationship type
 *  choices, tag colours, and the words for every value of the data (the card in a page: card-view). */
import type { RelationshipTypeView } from '../../src/services/views';
import { DEFAULT_RELATIONSHIP_TYPES } from '../../src/core/defaults';
import { DIRECTIONS, FREQUENCIES, INTERACTION_TYPES, LIFECYCLE_STAGES, MEMBERSHIP_STATUSES } from '../../src/core/schema/tables';
import { LANGUAGES } from '../../src/core/i18n';
import { setLanguage, valueLabel } from '../../sidebar/i18n';
import { employeeType, parseTypeChoice, relationshipTypeChoices } from '../../sidebar/record-options';
import { emailProblem, looksLikeEmail, profilePatch, profileFields } from '../../sidebar/views/card-profile';
import { emptyLogForm, interactionInput, logUnsaved } from '../../sidebar/views/card-timeline';
import { membershipInput, emptyMembershipForm } from '../../sidebar/views/card-memberships';
import { parseAmount } from '../../sidebar/format';
import { relationshipLabel } from '../../sidebar/views/card-relationships';
import { tagSuggestions } from '../../sidebar/views/card-tags';
import { chipColours } from '../../sidebar/views/tag-chip';
import { searchInput } from '../../sidebar/views/contacts';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();

const TYPES: RelationshipTypeView[] = [
  { id: 'rty_parent', label_a_to_b: 'parent of', label_b_to_a: 'child of', symmetric: false, category: 'family' },
  { id: 'rty_spouse', label_a_to_b: 'spouse of', label_b_to_a: 'spouse of', symmetric: true, category: 'family' },
  { id: 'rty_job', label_a_to_b: 'employee of', label_b_to_a: 'employer of', symmetric: false, category: 'employment' },
  { id: 'rty_colleague', label_a_to_b: 'colleague of', label_b_to_a: 'colleague of', symmetric: true, category: 'employment' },
];

describe('relationship type choices, from the card’s side', () => {
  afterEach(() => setLanguage('en'));

  it('offers an asymmetric type from both sides and a symmetric one once', () => {
    expect(relationshipTypeChoices(TYPES)).toEqual([
      { value: 'rty_parent:a', label: 'parent of' },
      { value: 'rty_parent:b', label: 'child of' },
      { value: 'rty_spouse:a', label: 'spouse of' },
      { value: 'rty_job:a', label: 'employee of' },
      { value: 'rty_job:b', label: 'employer of' },
      { value: 'rty_colleague:a', label: 'colleague of' },
    ]);
  });

  it('leaves out a type marked inactive and labels in the sidebar’s language', () => {
    const inactive = { ...TYPES[0], id: 'rty_old', active: false } as RelationshipTypeView;
    setLanguage('fr');
    const choices = relationshipTypeChoices([inactive, TYPES[0], { ...TYPES[1], label_a_to_b: 'marraine de', label_b_to_a: 'filleul de', symmetric: false }], relationshipLabel);
    expect(choices.map((c) => c.label)).toEqual(['parent de', 'enfant de', 'marraine de', 'filleul de']);
    expect(choices.map((c) => c.value)).not.toContain('rty_old:a');
  });

  it('reads a choice back as type and side', () => {
    expect(parseTypeChoice('rty_parent:b')).toEqual({ type_id: 'rty_parent', side: 'b' });
    expect(parseTypeChoice('rty_x:y:a')).toEqual({ type_id: 'rty_x:y', side: 'a' });
    expect(parseTypeChoice('rty_parent')).toBeNull();
    expect(parseTypeChoice('')).toBeNull();
  });

  it('finds the employment type the card offers to record', () => {
    expect(employeeType(TYPES)?.id).toBe('rty_job');
    expect(employeeType(TYPES.filter((t) => t.id !== 'rty_job'))).toBeNull();
  });
});

describe('the Log form', () => {
  it('sends one interaction: the moment as ISO with its zone, trimmed text, empty fields left out', () => {
    const form = {
      ...emptyLogForm(),
      open: true,
      type: 'call',
      when: '2024-03-05T14:30',
      direction: 'outbound',
      subject: '  Renewal  ',
      details: 'Line one\nline two\n\n',
      outcome: '',
      follow_up_date: '2024-03-12',
    };
    expect(interactionInput(form, 'con_1')).toEqual({
      contact_id: 'con_1',
      type: 'call',
      when: new Date(2024, 2, 5, 14, 30).toISOString(),
      direction: 'outbound',
      subject: 'Renewal',
      details: 'Line one\nline two',
      follow_up_date: '2024-03-12',
    });
    expect(interactionInput(form, 'con_1').when).toMatch(/Z$/);
  });

  it('defaults to a call now, and sends only what is there', () => {
    const now = new Date(2024, 6, 1, 8, 5);
    const form = emptyLogForm(now);
    expect(form.type).toBe('call');
    expect(form.when).toBe('2024-07-01T08:05');
    expect(interactionInput(form, 'con_2')).toEqual({ contact_id: 'con_2', type: 'call', when: now.toISOString() });
    expect(interactionInput({ ...form, when: '' }, 'con_2')).toEqual({ contact_id: 'con_2', type: 'call' });
  });

  it('counts as unsaved only once something is typed', () => {
    const form = { ...emptyLogForm(new Date()), open: true };
    expect(logUnsaved(form)).toBe(false);
    expect(logUnsaved({ ...form, subject: 'Called back' })).toBe(true);
    expect(logUnsaved({ ...form, subject: 'Called back', open: false })).toBe(false);
  });
});

describe('the profile form', () => {
  const contact = { id: 'con_1', kind: 'person', first_name: 'Zoë', last_name: 'Martin', email: 'zoe@example.org', phone: '+33 6 12 34 56 78', city: 'Lyon ', birthday: '', notes: 'keep' };

  it('sends only the fields that changed, trimmed', () => {
    const values = { first_name: 'Zoë', last_name: 'Martin-Durand ', email: 'zoe@example.org', phone: '+33 6 12 34 56 78', city: 'Lyon', birthday: '1980-05-02', street: '' };
    expect(profilePatch(contact, values)).toEqual({ last_name: 'Martin-Durand', birthday: '1980-05-02' });
    expect(profilePatch(contact, { first_name: ' Zoë ' })).toEqual({});
  });

  it('clears a field that was emptied', () => {
    expect(profilePatch(contact, { phone: '  ' })).toEqual({ phone: '' });
  });

  it('never sends the person fields of an organisation', () => {
    const org = { id: 'con_2', kind: 'organisation', organisation_name: 'Les Amis', first_name: '' };
    expect(profileFields('organisation')).not.toContain('first_name');
    expect(profilePatch(org, { organisation_name: 'Les Amis du Quartier', first_name: 'Oops' })).toEqual({ organisation_name: 'Les Amis du Quartier' });
  });

  it('catches an email that cannot be one before sending', () => {
    expect(looksLikeEmail('zoe@example.org')).toBe(true);
    expect(looksLikeEmail('bad@')).toBe(false);
    expect(looksLikeEmail('a b@c.org')).toBe(false);
    expect(looksLikeEmail('x@localhost')).toBe(false);
    expect(emailProblem({ email: 'bad@' })).toBe('email');
    expect(emailProblem({ owner: 'me' })).toBe('owner');
    expect(emailProblem({ email: '' })).toBeNull();
    expect(emailProblem({ city: 'not@an email' })).toBeNull();
  });
});

describe('the membership form', () => {
  it('sends the level, dates and the amount as a number', () => {
    const form = { ...emptyMembershipForm('2024-03-05'), open: true, level: ' Soutien ', amount: '12,50', frequency: 'yearly' };
    expect(membershipInput(form, 'con_1')).toEqual({ contact_id: 'con_1', level: 'Soutien', start_date: '2024-03-05', amount: 12.5, frequency: 'yearly', paid: true });
    expect(membershipInput({ ...form, amount: '', frequency: '', end_date: '2025-03-04', paid: false }, 'con_1')).toEqual({
      contact_id: 'con_1',
      level: 'Soutien',
      start_date: '2024-03-05',
      end_date: '2025-03-04',
      paid: false,
    });
  });

  it('reads amounts as people type them', () => {
    expect(parseAmount('1 200')).toBe(1200);
    expect(parseAmount('1,200.50')).toBe(1200.5);
    expect(parseAmount('30')).toBe(30);
    expect(parseAmount('trente')).toBeUndefined();
    expect(parseAmount('')).toBeUndefined();
    // French and other European habits, and what no habit writes.
    expect(parseAmount('1.200,50')).toBe(1200.5);
    expect(parseAmount('12,5')).toBe(12.5);
    expect(parseAmount('1\u202f200,50')).toBe(1200.5);
    for (const bad of ['12,3,4', '1,20,000', '1.2.3', '--5', '5-']) expect(parseAmount(bad)).toBeUndefined();
  });
});

describe('search input and tags', () => {
  it('asks for a stage or a tag only when one is picked', () => {
    expect(searchInput({ text: 'ana', members: 'all', stage: '', tag: '', offset: 0 })).toEqual({ text: 'ana', members: 'all', offset: 0, limit: 25 });
    expect(searchInput({ text: '', members: 'members', stage: 'donor', tag: 'tag_1', offset: 25 })).toEqual({ text: '', members: 'members', stage: 'donor', tag: 'tag_1', offset: 25, limit: 25 });
  });

  it('suggests the tags the contact does not have yet', () => {
    const all = [
      { id: 't1', name: 'volunteer', colour: '' },
      { id: 't2', name: 'board', colour: '' },
      { id: 't3', name: 'Amis', colour: '' },
    ];
    expect(tagSuggestions(all, [all[0]])).toEqual(['Amis', 'board']);
  });

  it('colours a chip only with a colour, with readable text', () => {
    expect(chipColours('#1a73e8')).toEqual({ background: '#1a73e8', border: '#1a73e8', text: '#ffffff' });
    expect(chipColours('#FE0')).toEqual({ background: '#ffee00', border: '#ffee00', text: '#202124' });
    expect(chipColours('red; background-image: url(x)')).toBeNull();
    expect(chipColours('')).toBeNull();
    expect(chipColours(undefined)).toBeNull();
  });
});

describe('every value of the data has words in every language', () => {
  afterEach(() => setLanguage('en'));
  const lists: [string, readonly string[]][] = [
    ['record.stage', LIFECYCLE_STAGES],
    ['record.status', MEMBERSHIP_STATUSES],
    ['record.frequency', FREQUENCIES],
    ['record.type', INTERACTION_TYPES],
    ['record.direction', DIRECTIONS],
    ['record.rel', DEFAULT_RELATIONSHIP_TYPES.flatMap((t) => [t.label_a_to_b, t.label_b_to_a])],
  ];

  it.each(lists)('%s', (prefix, values) => {
    for (const code of ['en', 'fr', 'es', 'pt'] as const) {
      setLanguage(code);
      for (const value of values) {
        const key = `${prefix}.${value.replace(/\s+/g, '_')}`;
        expect({ key, code, known: key in LANGUAGES[code] }).toEqual({ key, code, known: true });
        expect(valueLabel(prefix, value)).toBe((LANGUAGES[code] as Record<string, string>)[key]);
      }
    }
  });

  it('shows a value someone added to the sheet as it is', () => {
    setLanguage('fr');
    expect(valueLabel('record.stage', 'vip')).toBe('vip');
    expect(relationshipLabel('godmother of')).toBe('godmother of');
    expect(relationshipLabel('child of')).toBe('enfant de');
  });
});
