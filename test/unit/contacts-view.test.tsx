/**
 * @jest-environment jsdom
 */
/** The Contacts tab (Preact components) in jsdom's page, its calls answered by the real CRM in memory:
 *  a result row with hostile text and a coloured tag, the search after the pause or at Enter, the
 *  Members filter, and a new contact: a wrong email said under its field in French, someone already
 *  there offered, then created anyway. */
import { render } from 'preact';
import { callAction } from '../../src/api/call';
import type { SearchHit } from '../../src/services/views';
import { ContactRow } from '../../sidebar/views/search-parts';
import { contactsView, SEARCH_DELAY_MS } from '../../sidebar/views/contacts';
import { setLanguage } from '../../sidebar/i18n';
import { setUpRuntime } from '../support/crm';
import { HOSTILE_TEXT } from '../support/hostile';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();
afterEach(() => setLanguage('en'));

const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input'));
};
const pause = () => new Promise((resolve) => setTimeout(resolve, SEARCH_DELAY_MS + 1));
const names = (host: HTMLElement) => byTestid(host, 'contact-row').map((r) => r.querySelector('.name')!.textContent);

const hit = (name: string): SearchHit => ({
  id: 'con_1',
  kind: 'person',
  name,
  email: 'a@b.org',
  phone: '06 12 34 56 78',
  organisation: 'Les Amis',
  city: 'Lyon',
  member: true,
  membership_status: 'current',
  stage: 'member',
  tags: ['board', 'hand-typed'],
  row: 7,
});

describe('a search result', () => {
  it('shows every hostile name as text, the details on one line and the tags in their colours', () => {
    for (const name of HOSTILE_TEXT) {
      const host = document.createElement('ul');
      render(<ContactRow hit={hit(name)} selected={false} tags={[{ id: 't1', name: 'board', colour: '#123456' }]} onOpen={() => {}} />, host);
      expect(host.textContent).toContain(name);
      expect(host.querySelectorAll('img, script')).toHaveLength(0);
    }
    const host = document.createElement('ul');
    render(<ContactRow hit={hit('Zoë Martin')} selected tags={[{ id: 't1', name: 'board', colour: '#123456' }]} onOpen={() => {}} />, host);
    expect(host.textContent).toContain('a@b.org · 06 12 34 56 78 · Les Amis · Lyon');
    expect(one(host, 'contact-row').getAttribute('aria-pressed')).toBe('true');
    const [board, typed] = byTestid(host, 'row-tag');
    expect(board.textContent).toBe('board');
    expect(board.style.backgroundColor).toBe('rgb(18, 52, 86)');
    // A tag the Tags sheet does not know keeps the stylesheet's grey.
    expect(typed.getAttribute('style')).toBeNull();
  });
});

function crm() {
  const rt = setUpRuntime();
  for (const contact of [
    { first_name: 'Ana', last_name: 'Lima', city: 'Lyon', email: 'ana@example.org' },
    { first_name: 'Bruno', last_name: 'Costa', city: 'Porto' },
    { first_name: 'Chloé', last_name: 'Martin', city: 'Lyon' },
  ]) {
    const answer = callAction(rt, 'createContact', { contact });
    if (!answer.ok) throw new Error(answer.error.message);
  }
  return rt;
}

function show(role = 'admin') {
  const rt = crm();
  const page = serveFrom(rt);
  const host = document.createElement('div');
  document.body.appendChild(host);
  const opened: string[] = [];
  const view = contactsView(host, { email: 'admin@example.org', role, setUp: true, language: 'en' }, { onOpen: (h) => opened.push(h.id) });
  view.render();
  return { rt, page, host, view, opened };
}

describe('the Contacts tab', () => {
  it('searches after the pause, at once on Enter, and within a filter', async () => {
    const { page, host } = show();
    await page.settle();
    expect(names(host)).toHaveLength(3);
    type(one(host, 'search'), 'lyon');
    await page.settle();
    expect(names(host)).toHaveLength(3);
    await pause();
    await page.settle();
    expect(names(host).sort()).toEqual(['Ana Lima', 'Chloé Martin']);
    expect(one(host, 'count').textContent).toBe('1–2 of 2');
    const box = one(host, 'search');
    box.value = 'porto';
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    await page.settle();
    expect(names(host)).toEqual(['Bruno Costa']);
    one(host, 'filter-members').click();
    await page.settle();
    expect(one(host, 'filter-members').getAttribute('aria-pressed')).toBe('true');
    expect(byTestid(host, 'empty')).toHaveLength(1);
  });

  it('says a wrong email under its field in French, offers the one already there, then creates anyway', async () => {
    setLanguage('fr');
    const { page, host, view, opened } = show();
    await page.settle();
    one(host, 'new-contact').click();
    await page.settle();
    expect(document.activeElement?.id).toBe('new-contact-first_name');
    // Two fields filled in one go, as a browser's autofill does: both stay.
    type(one(host, 'form-first-name'), 'Ana');
    type(one(host, 'form-email'), 'pas un email');
    await page.settle();
    expect(one(host, 'form-first-name').value).toBe('Ana');
    expect(view.hasUnsavedEdits?.()).toBe(true);
    one(host, 'save').click();
    await page.settle();
    const problem = one(host, 'field-error');
    expect(problem.getAttribute('data-field')).toBe('email');
    expect(problem.textContent).not.toContain('contact.email');
    expect(document.activeElement?.id).toBe('new-contact-email');
    expect(one(host, 'form-email').getAttribute('aria-invalid')).toBe('true');
    expect(one(host, 'form-email').value).toBe('pas un email');
    // Someone has that email already: open them, or create the new one anyway.
    type(one(host, 'form-email'), 'ana@example.org');
    await page.settle();
    one(host, 'save').click();
    await page.settle();
    expect(byTestid(host, 'field-error')).toHaveLength(0);
    expect(one(host, 'open-existing')).toBeDefined();
    one(host, 'create-anyway').click();
    await page.settle();
    expect(one(host, 'notice').textContent).not.toBe('');
    expect(byTestid(host, 'contact-form')).toHaveLength(0);
    expect(view.hasUnsavedEdits?.()).toBe(false);
    expect(names(host).filter((n) => n === 'Ana')).toHaveLength(1);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('new-contact');
    expect(opened).toEqual([]);
  });

  it('opens the contact already there, closing the form', async () => {
    const { page, host, opened, rt } = show();
    await page.settle();
    one(host, 'new-contact').click();
    await page.settle();
    type(one(host, 'form-first-name'), 'Anna');
    type(one(host, 'form-email'), 'ana@example.org');
    await page.settle();
    one(host, 'save').click();
    await page.settle();
    one(host, 'open-existing').click();
    await page.settle();
    const ana = callAction(rt, 'searchContacts', { text: 'ana@example.org' });
    expect(opened).toEqual([(ana as any).data.items[0].id]);
    expect(byTestid(host, 'contact-form')).toHaveLength(0);
  });

  it('says "more than" when the database stopped counting, and pages on until a short page', async () => {
    const rt = crm();
    for (let n = 0; n < 30; n++) callAction(rt, 'createContact', { contact: { first_name: `Many${n}`, last_name: 'Lyon' } });
    // What the database answers past a thousand matches (search-sql.ts COUNTED): its count stops there.
    const page = serveFrom(rt, (action, answer) => (action === 'searchContacts' && answer.ok ? { ...answer, data: { ...answer.data, total: 1000, more: true } } : answer));
    const host = document.createElement('div');
    document.body.appendChild(host);
    contactsView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' }).render();
    await page.settle();
    expect(one(host, 'count').textContent).toBe('1–25 of more than 1,000');
    expect(one(host, 'next').disabled).toBe(false);
    one(host, 'next').click();
    await page.settle();
    // The last page is short: no page after it, and no jump back to "page 40".
    expect(one(host, 'count').textContent).toBe('26–33 of more than 1,000');
    expect(names(host)).toHaveLength(8);
    expect(one(host, 'next').disabled).toBe(true);
    setLanguage('fr');
    contactsView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'fr' }).render();
    await page.settle();
    expect(one(host, 'count').textContent).toMatch(/^1–25 sur plus de 1\s000$/);
  });

  it('gives a viewer the search and no New contact', async () => {
    const { page, host } = show('viewer');
    await page.settle();
    expect(byTestid(host, 'new-contact')).toHaveLength(0);
    expect(byTestid(host, 'add-to-list')).toHaveLength(0);
    expect(names(host)).toHaveLength(3);
  });
});
