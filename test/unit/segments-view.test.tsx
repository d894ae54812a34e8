/**
 * @jest-environment jsdom
 */
/** The Segments tab (a Preact component around the hand-drawn builder) in jsdom's page, its calls
 *  answered by the real CRM in memory: a static list's members with hostile names as text, one removed
 *  and the list said so, a segment deleted after asking, a dashboard number opened in the builder before
 *  the tab was first drawn, and a viewer with nothing to change. */
import { callAction } from '../../src/api/call';
import { segmentsView } from '../../sidebar/views/segments';
import { setLanguage } from '../../sidebar/i18n';
import { addStaff, ok as succeeded, setUpRuntime } from '../support/crm';
import { HOSTILE_TEXT } from '../support/hostile';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();
afterEach(() => setLanguage('en'));


function crm() {
  const rt = setUpRuntime();
  const ok = (action: string, input: unknown) => succeeded(callAction(rt, action, input));
  const people = HOSTILE_TEXT.slice(0, 3).map((name) => ok('createContact', { contact: { first_name: name, email: `${Math.abs(hash(name))}@example.org` }, allow_duplicate: true }).id as string);
  const list = ok('saveSegment', { name: 'Gala 2026', kind: 'static' });
  ok('addToSegment', { id: list.id, contacts: people });
  return { rt, list, people };
}

const hash = (text: string) => [...text].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 7);

function show(rt: ReturnType<typeof setUpRuntime>, role: string, email = 'admin@example.org') {
  const page = serveFrom(rt);
  const host = document.createElement('div');
  document.body.appendChild(host);
  const view = segmentsView(host, { email, role, setUp: true, language: 'en' }, { onOpen: () => {} });
  return { page, host, view };
}

describe('the Segments tab', () => {
  it('shows a static list’s members as text, removes one, and deletes the list after asking', async () => {
    const { rt, list, people } = crm();
    const { page, host, view } = show(rt, 'editor');
    view.render();
    await page.settle();
    host.querySelector<HTMLElement>(`[data-testid="segment-item"][data-id="${list.id}"] [data-testid="segment-open"]`)!.click();
    await page.settle();
    expect(one(host, 'segment-title').textContent).toBe('Gala 2026');
    expect(byTestid(host, 'segment-member').map((m) => m.getAttribute('data-id')).sort()).toEqual([...people].sort());
    for (const name of HOSTILE_TEXT.slice(0, 3)) expect(host.textContent).toContain(name);
    expect(host.querySelectorAll('img')).toHaveLength(0);
    host.querySelector<HTMLElement>(`[data-testid="segment-member"][data-id="${people[0]}"] [data-testid="segment-member-remove"]`)!.click();
    await page.settle();
    expect(one(host, 'notice').textContent).toContain('removed from the list');
    expect(byTestid(host, 'segment-member')).toHaveLength(2);
    expect(one(host, 'segment-count').textContent).toBe('2 contacts');
    one(host, 'segment-delete').click();
    await page.settle();
    expect(host.querySelector('[role="alertdialog"]')!.textContent).toContain('Gala 2026');
    one(host, 'segment-delete-confirm').click();
    await page.settle();
    expect(one(host, 'notice').textContent).toBe('Segment "Gala 2026" deleted.');
    expect(byTestid(host, 'segment-item').map((i) => i.getAttribute('data-id'))).not.toContain(list.id);
  });

  it('opens a dashboard number in the builder, even before the tab was first drawn', async () => {
    const { rt } = crm();
    const { page, host, view } = show(rt, 'admin');
    view.refresh();
    view.openQuery('member', 'Members');
    await page.settle();
    expect(one(host, 'segment-builder')).toBeDefined();
    expect((host.querySelector('[data-testid="segment-builder"] input') as HTMLInputElement).value).toBe('Members');
    expect((one(host, 'segment-query') as HTMLTextAreaElement).value).toBe('member');
  });

  it('shows a viewer the lists and their members, with nothing to change, in French', async () => {
    const { rt, list } = crm();
    addStaff(rt, 'vi@example.org', 'viewer');
    rt.identity.user = 'vi@example.org';
    setLanguage('fr');
    const { page, host, view } = show(rt, 'viewer', 'vi@example.org');
    view.render();
    await page.settle();
    expect(byTestid(host, 'segment-new')).toHaveLength(0);
    host.querySelector<HTMLElement>(`[data-testid="segment-item"][data-id="${list.id}"] [data-testid="segment-open"]`)!.click();
    await page.settle();
    expect(byTestid(host, 'segment-member')).toHaveLength(3);
    expect(byTestid(host, 'segment-member-remove')).toHaveLength(0);
    expect(byTestid(host, 'segment-delete')).toHaveLength(0);
    expect(one(host, 'segment-count').textContent).toBe('3 contacts');
    one(host, 'segment-back').click();
    await page.settle();
    expect(one(host, 'segments')).toBeDefined();
  });
});
