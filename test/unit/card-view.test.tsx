/**
 * @jest-environment jsdom
 */
/** The contact card (Preact components) in jsdom's page. A card of hostile text: an editor gets every
 *  control that changes the contact and a viewer none, and every text shows as text. Then the card
 *  served by the real CRM in memory: a gift whose amount is not one is said under its field and
 *  nothing typed is lost, then the totals follow; a form typed in holds the sidebar on the card; a
 *  refused delete is said in its section; a call corrected in place; a renewal's paid amount checked. */
import { render } from 'preact';
import type { ContactCard, RecordOptions, RelationshipTypeView } from '../../src/services/views';
import { DIRECTIONS, FREQUENCIES, INTERACTION_TYPES, LIFECYCLE_STAGES, MEMBERSHIP_STATUSES } from '../../src/core/schema/tables';
import { callAction } from '../../src/api/call';
import type { MemoryRuntime } from '../../src/memory/services';
import { CardBody, cardView } from '../../sidebar/views/card';
import type { CardContext } from '../../sidebar/views/card-context';
import { TagChip } from '../../sidebar/views/tag-chip';
import { setLanguage } from '../../sidebar/i18n';
import { setUpRuntime } from '../support/crm';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();
afterEach(() => {
  setLanguage('en');
  document.body.innerHTML = '';
});

const EVIL = '<img src=x onerror=alert(1)>';

const TYPES: RelationshipTypeView[] = [
  { id: 'rty_parent', label_a_to_b: 'parent of', label_b_to_a: 'child of', symmetric: false, category: 'family' },
  { id: 'rty_job', label_a_to_b: 'employee of', label_b_to_a: 'employer of', symmetric: false, category: 'employment' },
];

/** A card where every text people can type is hostile. */
function hostileCard(): ContactCard {
  const membership = {
    id: 'mem_1',
    level: EVIL,
    join_date: '2024-01-01',
    start_date: '2024-01-01',
    end_date: '2024-12-31',
    status: 'grace',
    computed_status: 'grace',
    status_override: '',
    amount: 30 as const,
    currency: 'EUR',
    frequency: 'yearly',
    paid: true as const,
    auto_renew: '' as const,
  };
  const gift = { id: 'don_1', date: '2024-02-01', amount: 50, currency: 'EUR', fund: EVIL, campaign: '', method: '', recurring: '' as const, note: EVIL, refunded_at: '' };
  return {
    contact: { id: 'con_1', kind: 'person', first_name: EVIL, last_name: 'Martin', email: 'zoe@example.org', phone: '+33 6 12 34 56 78', city: EVIL, notes: EVIL, next_contact_date: '2024-05-01', lifecycle_override: '' },
    name: `${EVIL} Martin`,
    row: 7,
    member: true,
    membership,
    memberships: [membership],
    stage: 'member',
    derived_stage: 'member',
    donations: { total: 50, currency: 'EUR', totals: [{ currency: 'EUR', total: 50, count: 1 }], converted: null, count: 1, last: gift, recent: [gift] },
    interactions: [
      {
        id: 'int_1',
        contact_id: 'con_1',
        when: '2024-03-05T13:30:00.000Z',
        type: 'call',
        direction: 'outbound',
        subject: EVIL,
        details: EVIL,
        outcome: EVIL,
        staff: 'a@b.org',
        follow_up_date: '2024-03-12',
        follow_up_done: '',
      },
    ],
    tags: [{ id: 'tag_1', name: EVIL, colour: 'red" onmouseover="alert(1)' }],
    relationships: [{ id: 'rel_1', type_id: 'rty_parent', label: EVIL, other_id: 'con_2', other_name: EVIL, other_kind: 'person', start_date: '', end_date: '', active: true, note: EVIL }],
    employer: { id: 'con_3', name: EVIL, label: '' },
    people: [],
    employment_offer: { organisation_id: 'con_3', organisation_name: EVIL },
    segments: [{ id: 'seg_1', name: EVIL }],
  };
}

const OPTIONS: RecordOptions = {
  tags: [],
  relationship_types: TYPES,
  interaction_types: [...INTERACTION_TYPES],
  directions: [...DIRECTIONS],
  lifecycle_stages: [...LIFECYCLE_STAGES],
  membership_statuses: [...MEMBERSHIP_STATUSES],
  frequencies: [...FREQUENCIES],
  currency: 'EUR',
  today: '2024-03-05',
};

function context(editable: boolean): CardContext {
  const nothing = async () => true;
  return {
    card: hostileCard(),
    options: OPTIONS,
    editable,
    loading: false,
    busy: '',
    errors: {},
    fieldError: null,
    editing: null,
    edit: () => {},
    change: nothing,
    undoable: nothing,
    refuse: () => {},
    clear: () => {},
    update: () => {},
    focus: () => {},
    unsaved: () => {},
    open: () => {},
    back: () => {},
  };
}

/** The controls that change something: an editor has them all, a viewer none. */
const EDITING = [
  'edit-profile',
  'employment-offer',
  'renew-membership',
  'renew-paid',
  'membership-status-override',
  'add-membership',
  'record-gift',
  'log-interaction',
  'remove-tag',
  'tag-input',
  'tag-colour',
  'add-tag',
  'save-notes',
  'save-next-contact',
  'add-relationship',
  'end-relationship',
  'stage-override',
  'delete-contact',
  'edit-interaction',
  'delete-interaction',
  'edit-gift',
  'delete-gift',
  'edit-membership',
  'delete-membership',
];

const drawn = (editable: boolean) => {
  const host = document.createElement('div');
  render(<CardBody ctx={context(editable)} />, host);
  return host;
};
const testids = (host: HTMLElement) => new Set(Array.from(host.querySelectorAll('[data-testid]')).map((e) => e.getAttribute('data-testid')));

describe('a card of hostile text', () => {
  it('gives an editor every control that changes the contact, and a viewer none', () => {
    const editor = testids(drawn(true));
    expect(EDITING.filter((id) => !editor.has(id))).toEqual([]);
    const viewer = drawn(false);
    expect(EDITING.filter((id) => testids(viewer).has(id))).toEqual([]);
    // The viewer still sees everything, read-only.
    const seen = testids(viewer);
    for (const id of ['card-name', 'member-badge', 'membership-status', 'donations-total', 'donations-count', 'last-gift', 'timeline', 'interaction', 'tag', 'notes', 'next-contact-date', 'relationship', 'relationship-contact', 'employer', 'segment'])
      expect({ id, shown: seen.has(id) }).toEqual({ id, shown: true });
    expect(one<HTMLTextAreaElement>(viewer, 'notes').readOnly).toBe(true);
    expect(one(viewer, 'next-contact-date').readOnly).toBe(true);
  });

  it('shows every hostile text as text and colours nothing with a non-colour', () => {
    const host = drawn(true);
    expect(host.querySelectorAll('img, script')).toHaveLength(0);
    expect(one(host, 'card-name').textContent).toBe(`${EVIL} Martin`);
    expect(one(host, 'interaction-subject').textContent).toBe(EVIL);
    expect(one(host, 'relationship-contact').textContent).toBe(EVIL);
    expect(one(host, 'employment-offer').textContent).toBe(`Record ${EVIL} Martin as employee of ${EVIL}`);
    expect(one(host, 'tag').textContent).toContain(EVIL);
    expect(one(host, 'tag').getAttribute('style')).toBeNull();
    expect(one<HTMLTextAreaElement>(host, 'notes').value).toBe(EVIL);
    expect(one(host, 'member-badge').textContent).toBe('Member');
    expect(one(host, 'membership-status').textContent).toBe(`Grace period · ${EVIL} · until Dec 31, 2024`);
  });

  it('puts a tag’s name and colour in as text and style, never markup', () => {
    const host = document.createElement('div');
    render(<TagChip tag={{ name: '<b onmouseover=alert(1)>x</b>', colour: '"><script>alert(1)</script>' }} />, host);
    expect(host.textContent).toBe('<b onmouseover=alert(1)>x</b>');
    expect(host.querySelectorAll('b, script')).toHaveLength(0);
    expect(host.querySelector('.tag')!.getAttribute('style')).toBeNull();
    render(<TagChip tag={{ name: 'board', colour: '#FE0' }} />, host);
    expect((host.querySelector('.tag') as HTMLElement).style.backgroundColor).toBe('rgb(255, 238, 0)');
  });
});

const type = (input: HTMLInputElement | HTMLTextAreaElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input'));
};

function ok<T>(answer: ReturnType<typeof callAction>): T {
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data as T;
}

/** A contact with a call and a membership, its card shown to an admin. */
function showCard(prepare?: (rt: MemoryRuntime, id: string) => void) {
  const rt = setUpRuntime();
  const { id } = ok<{ id: string }>(callAction(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Lima', email: 'ana@example.org' } }));
  ok(callAction(rt, 'logInteraction', { interaction: { contact_id: id, type: 'call', subject: 'First call' } }));
  ok(callAction(rt, 'addMembership', { membership: { contact_id: id, level: 'Friend', start_date: '2024-01-01', end_date: '2024-12-31' } }));
  prepare?.(rt, id);
  const page = serveFrom(rt);
  const host = document.createElement('div');
  document.body.appendChild(host);
  const back: (string | undefined)[] = [];
  const view = cardView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' }, id, { onBack: (notice) => back.push(notice), onOpen: () => {} });
  view.render();
  return { rt, id, page, host, view, back };
}

describe('the card, served by the CRM', () => {
  it('says under the amount that it is not one, keeping what was typed; then records the gift and the totals follow', async () => {
    const { page, host, view } = showCard();
    await page.settle();
    expect(one(host, 'donations-count').textContent).toBe('0');
    one(host, 'record-gift').click();
    await page.settle();
    expect(document.activeElement?.getAttribute('name')).toBe('amount');
    expect(view.hasUnsavedEdits()).toBe(false);
    const form = one<HTMLFormElement>(host, 'gift-form');
    // Two fields filled in one go, as a browser's autofill does: both stay.
    type(form.querySelector('[name="amount"]')!, 'douze');
    type(form.querySelector('[name="fund"]')!, 'Printemps');
    await page.settle();
    expect(view.hasUnsavedEdits()).toBe(true);
    one(host, 'gift-save').click();
    await page.settle();
    expect(page.calls).not.toContain('recordGift');
    const problem = one(host, 'field-error');
    expect(problem.getAttribute('data-field')).toBe('amount');
    expect(problem.textContent).toBe('Type the amount given, more than 0, with at most two decimals (25 or 25.50).');
    const amount = form.querySelector<HTMLInputElement>('[name="amount"]')!;
    expect(document.activeElement).toBe(amount);
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(form.querySelector<HTMLInputElement>('[name="fund"]')!.value).toBe('Printemps');
    // Said once, under its field.
    expect(byTestid(host, 'error')).toHaveLength(0);
    type(amount, '12,50');
    await page.settle();
    one(host, 'gift-save').click();
    await page.settle();
    expect(page.calls).toContain('recordGift');
    expect(byTestid(host, 'gift-form')).toHaveLength(0);
    expect(one(host, 'donations-count').textContent).toBe('1');
    expect(one(host, 'gift').textContent).toContain('Printemps');
    expect(view.hasUnsavedEdits()).toBe(false);
    expect(document.querySelector('[data-testid="undo-message"]')?.textContent).toMatch(/^Gift of .*12\.50 recorded/);
  });

  it('says in the timeline why a delete was refused, with no form open', async () => {
    const { rt, page, host } = showCard();
    await page.settle();
    const id = one(host, 'interaction').getAttribute('data-id')!;
    // Someone else deleted the call meanwhile.
    ok(callAction(rt, 'deleteInteraction', { id }));
    one(host, 'delete-interaction').click();
    await page.settle();
    const error = one(one(host, 'interactions'), 'error');
    expect(error.getAttribute('data-section')).toBe('timeline');
    expect(error.textContent).not.toBe('');
    expect(byTestid(host, 'error')).toHaveLength(1);
  });

  it('corrects a call in place: the stored values to start, Escape puts it back, Save shows the new subject', async () => {
    const { page, host, view } = showCard();
    await page.settle();
    one(host, 'edit-interaction').click();
    await page.settle();
    const form = one<HTMLFormElement>(host, 'edit-form');
    expect(form.querySelector<HTMLInputElement>('[name="subject"]')!.value).toBe('First call');
    expect(document.activeElement).toBe(form.querySelector('[name="type"]'));
    form.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await page.settle();
    expect(byTestid(host, 'edit-form')).toHaveLength(0);
    one(host, 'edit-interaction').click();
    await page.settle();
    type(one<HTMLFormElement>(host, 'edit-form').querySelector('[name="subject"]')!, 'First call, renewed');
    await page.settle();
    one(host, 'edit-save').click();
    await page.settle();
    expect(page.calls).toContain('editInteraction');
    expect(byTestid(host, 'edit-form')).toHaveLength(0);
    expect(one(host, 'interaction-subject').textContent).toBe('First call, renewed');
    expect(view.hasUnsavedEdits()).toBe(false);
  });

  it('checks a renewal’s paid amount before sending, in French, marking the box', async () => {
    setLanguage('fr');
    const { page, host } = showCard();
    await page.settle();
    const paid = one(host, 'renew-paid');
    type(paid, '1O €');
    await page.settle();
    one(host, 'renew-membership').click();
    await page.settle();
    expect(page.calls).not.toContain('renewMembership');
    expect(one(one(host, 'memberships'), 'error').textContent).toBe('Saisissez le montant donné, supérieur à 0, avec deux décimales au plus (25 ou 25,50).');
    expect(paid.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(paid);
    type(paid, '10');
    await page.settle();
    one(host, 'renew-membership').click();
    await page.settle();
    expect(page.calls).toContain('renewMembership');
    // A new term, paid: the old end date gone, the amount on it.
    expect(one(host, 'membership').textContent).not.toContain('31 déc. 2024');
    expect(one(host, 'membership').textContent).toMatch(/10,00\s€/);
    expect(one(host, 'renew-paid').value).toBe('');
  });

  it('says why a card cannot be read, and Try again asks again', async () => {
    const rt = setUpRuntime();
    const page = serveFrom(rt);
    const host = document.createElement('div');
    cardView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' }, 'con_gone', { onBack: () => {}, onOpen: () => {} }).render();
    expect(byTestid(host, 'loading')).toHaveLength(1);
    await page.settle();
    expect(one(host, 'error').textContent).not.toBe('');
    expect(byTestid(host, 'loading')).toHaveLength(0);
    one(host, 'retry').click();
    // Drawn at the end of this turn, before the answer (which comes at the next).
    await Promise.resolve();
    expect(byTestid(host, 'loading')).toHaveLength(1);
    expect(byTestid(host, 'error')).toHaveLength(0);
    await page.settle();
    expect(page.calls.filter((c) => c === 'getContactCard')).toHaveLength(2);
    expect(one(host, 'error').textContent).not.toBe('');
  });

  it('holds the sidebar on the card while a note or a new call is typed', async () => {
    const { page, host, view } = showCard();
    await page.settle();
    type(one<HTMLTextAreaElement>(host, 'notes'), 'Prefers calls');
    await page.settle();
    expect(view.hasUnsavedEdits()).toBe(true);
    one(host, 'save-notes').click();
    await page.settle();
    expect(view.hasUnsavedEdits()).toBe(false);
    expect(one<HTMLTextAreaElement>(host, 'notes').value).toBe('Prefers calls');
    one(host, 'log-interaction').click();
    await page.settle();
    expect(document.activeElement?.getAttribute('name')).toBe('subject');
    type(document.activeElement as HTMLInputElement, 'Asked about the AGM');
    await page.settle();
    expect(view.hasUnsavedEdits()).toBe(true);
  });
});
