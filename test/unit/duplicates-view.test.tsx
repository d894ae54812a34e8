/**
 * @jest-environment jsdom
 */
/** The Duplicates tab (a Preact component) in jsdom's page, its calls answered by the real CRM in
 *  memory: the pairs with their names, a pair compared field by field, the survivor changed, a value
 *  picked, the merge sending what the radios show, its Undo, "not the same person", and a viewer who
 *  sees it all read-only. */
import { render } from 'preact';
import { Workbook } from '../../src/store/workbook';
import { Contacts } from '../../src/core/schema/tables';
import type { MemoryRuntime } from '../../src/memory/services';
import { CompareTable, compareRows, defaultPicks } from '../../sidebar/views/duplicates-compare';
import { duplicatesView } from '../../sidebar/views/duplicates';
import { setLanguage } from '../../sidebar/i18n';
import { addStaff, setUpRuntime } from '../support/crm';
import { IDS, LEFT, RIGHT } from '../support/duplicate-cards';
import { HOSTILE_TEXT } from '../support/hostile';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();
afterEach(() => setLanguage('en'));


function crm(): { rt: MemoryRuntime; ids: string[] } {
  const rt = setUpRuntime();
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
  const rows = wb.table(Contacts).insert([
    { kind: 'person', first_name: 'Éloïse', last_name: 'Fontaine', phone: '+33 6 12 34 56 78', city: 'Besançon' },
    { kind: 'person', first_name: 'Eloise', last_name: 'Fontaine', phone: '06 12 34 56 78', city: 'Dijon', email: 'e@exemple.fr' },
    { kind: 'person', first_name: HOSTILE_TEXT[1], last_name: 'Zed', email: 'z@exemple.fr' },
    { kind: 'person', first_name: HOSTILE_TEXT[1], last_name: 'Zed', email: 'z@exemple.fr' },
  ]);
  wb.commit('test');
  return { rt, ids: rows.map((r) => r.id) };
}

function open(rt: MemoryRuntime, role: string, email = 'admin@example.org') {
  const page = serveFrom(rt);
  const host = document.createElement('div');
  document.body.appendChild(host);
  const view = duplicatesView(host, { email, role, setUp: true, language: 'en' }, { onOpen: () => {} });
  view.render();
  return { page, host, view };
}

describe('the compare table', () => {
  it('gives an editor a radio per differing field and the survivor choice, a viewer none', () => {
    const table = (editable: boolean) => {
      const host = document.createElement('div');
      const picks = defaultPicks(compareRows(LEFT.contact, RIGHT.contact), IDS, 'left');
      render(<CompareTable left={LEFT} right={RIGHT} keep="left" picks={picks} editable={editable} busy={false} onKeep={() => {}} onPick={() => {}} onOpen={() => {}} />, host);
      return host;
    };
    const editor = table(true);
    const radios = byTestid(editor, 'pick-value') as HTMLInputElement[];
    expect(radios).toHaveLength(2 * 6);
    const checked = Object.fromEntries(radios.filter((r) => r.checked).map((r) => [r.getAttribute('data-field'), r.value]));
    expect(checked).toEqual({ first_name: 'con_a', email: 'con_b', phone: 'con_a', city: 'con_a', birthday: 'con_b', Remarque: 'con_b' });
    expect((one(editor, 'keep-left') as HTMLInputElement).checked).toBe(true);
    expect((one(editor, 'keep-right') as HTMLInputElement).checked).toBe(false);
    expect(byTestid(editor, 'compare-row').map((r) => r.getAttribute('data-differs'))).toEqual(['false', 'true', 'false', 'true', 'true', 'true', 'true', 'false', 'true']);
    const viewer = table(false);
    expect(byTestid(viewer, 'pick-value')).toHaveLength(0);
    expect(byTestid(viewer, 'keep-left')).toHaveLength(0);
    expect(viewer.textContent).toContain('Dijon');
  });
});

describe('the Duplicates tab', () => {
  it('lists the pairs with their names as text, merges with the values picked, and undoes it', async () => {
    const { rt, ids } = crm();
    const { page, host, view } = open(rt, 'admin');
    one(host, 'find-duplicates').click();
    await page.settle();
    const pairs = byTestid(host, 'duplicate-pair');
    expect(pairs.length).toBe(2);
    expect(host.textContent).toContain(HOSTILE_TEXT[1]);
    expect(host.querySelectorAll('img')).toHaveLength(0);
    const eloise = pairs.find((p) => [p.getAttribute('data-a'), p.getAttribute('data-b')].sort().join() === [ids[0], ids[1]].sort().join())!;
    eloise.click();
    await page.settle();
    expect(document.activeElement?.textContent).toBe('Compare');
    // The survivor changes: the fields the person did not touch follow it; a field they chose stays.
    const left = eloise.getAttribute('data-a')!;
    const right = eloise.getAttribute('data-b')!;
    const city = (side: string) => host.querySelector<HTMLInputElement>(`[data-testid="pick-value"][data-field="city"][value="${side}"]`)!;
    city(right).click();
    await page.settle();
    expect(view.hasUnsavedEdits?.()).toBe(true);
    one(host, 'keep-right').click();
    await page.settle();
    expect(city(right).checked).toBe(true);
    expect(host.querySelector<HTMLInputElement>(`[data-testid="pick-value"][data-field="first_name"][value="${right}"]`)!.checked).toBe(true);
    one(host, 'keep-left').click();
    await page.settle();
    one(host, 'merge-pair').click();
    await page.settle();
    expect(one(host, 'notice').textContent).toContain('was merged into');
    expect(document.activeElement?.getAttribute('data-testid')).toBe('merge-undo');
    const wb = () => new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    // The survivor took the other one's city, the one picked.
    expect(wb().table(Contacts).get(left)!.city).toBe(right === ids[0] ? 'Besançon' : 'Dijon');
    expect(wb().table(Contacts).get(right)!.merged_into).toBe(left);
    expect(byTestid(host, 'duplicate-pair')).toHaveLength(1);
    one(host, 'merge-undo').click();
    await page.settle();
    expect(one(host, 'notice').textContent).toBe('The merge was undone.');
    expect(wb().table(Contacts).get(right)!.merged_into).toBe('');
    expect(byTestid(host, 'duplicate-pair')).toHaveLength(2);
  });

  it('says when the server sent only the most alike pairs', async () => {
    const { rt } = crm();
    const page = serveFrom(rt, (action, answer) => (action === 'findDuplicates' ? { ...answer, data: { ...answer.data, total_pairs: 48213 } } : answer));
    const host = document.createElement('div');
    duplicatesView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' }, { onOpen: () => {} }).render();
    one(host, 'find-duplicates').click();
    await page.settle();
    expect(one(host, 'pairs-truncated').textContent).toContain('48213');
    expect(one(host, 'count').textContent).toBe('2 likely pairs');
  });

  it('takes a pair off the list for good when they are not the same person', async () => {
    const { rt } = crm();
    const { page, host } = open(rt, 'admin');
    one(host, 'find-duplicates').click();
    await page.settle();
    byTestid(host, 'duplicate-pair')[0].click();
    await page.settle();
    one(host, 'not-duplicate').click();
    await page.settle();
    expect(byTestid(host, 'duplicate-pair')).toHaveLength(1);
    expect(document.activeElement?.getAttribute('data-testid')).toBe('notice');
    one(host, 'find-duplicates').click();
    await page.settle();
    expect(byTestid(host, 'duplicate-pair')).toHaveLength(1);
  });

  it('shows a viewer the pairs and the comparison, with nothing to change, in French', async () => {
    const { rt } = crm();
    addStaff(rt, 'vi@example.org', 'viewer');
    rt.identity.user = 'vi@example.org';
    setLanguage('fr');
    const { page, host } = open(rt, 'viewer', 'vi@example.org');
    one(host, 'find-duplicates').click();
    await page.settle();
    byTestid(host, 'duplicate-pair')[0].click();
    await page.settle();
    expect(one(host, 'read-only')).toBeDefined();
    expect(byTestid(host, 'pick-value')).toHaveLength(0);
    expect(byTestid(host, 'merge-pair')).toHaveLength(0);
    expect(host.textContent).toContain('Comparer');
    one(host, 'compare-back').click();
    await page.settle();
    expect(document.activeElement?.getAttribute('data-testid')).toBe('duplicate-pair');
  });
});
