/**
 * @jest-environment jsdom
 */
/** The trigger points under the Segments tab (Preact components) in jsdom's page, their calls answered
 *  by the real CRM in memory: rules in words with hostile names as text, a rule whose segment is gone
 *  kept and marked in its form, a change refused in words, Run now reading the log and the rules again,
 *  and a viewer who sees the rules with nothing to change. */
import { callAction } from '../../src/api/call';
import { Workbook } from '../../src/store/workbook';
import { TriggerPoints } from '../../src/core/schema/tables';
import { render } from 'preact';
import { TriggerLog } from '../../sidebar/views/trigger-log';
import { canEdit } from '../../sidebar/session';
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
  ok('saveSegment', { name: 'Lyon', kind: 'dynamic', query: 'city = Lyon' });
  ok('createContact', { contact: { first_name: 'Ana', city: 'Lyon' } });
  const hostile = ok('saveTriggerPoint', { name: HOSTILE_TEXT[0], segment: 'Lyon', action: 'add_tag', argument: HOSTILE_TEXT[2], active: true });
  // A rule typed in the sheet, naming a segment nobody has (any more).
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
  const [orphan] = wb.table(TriggerPoints).insert([{ name: 'Parisians', segment: 'Gone soon', action: 'follow_up', argument: '3', active: true }]);
  wb.commit('test');
  return { rt, hostile, orphan };
}

function show(rt: ReturnType<typeof setUpRuntime>, role: string) {
  const page = serveFrom(rt);
  const host = document.createElement('div');
  document.body.appendChild(host);
  render(<TriggerLog editable={canEdit(role)} onOpen={() => {}} />, host);
  return { page, host };
}

describe('the trigger points under the Segments tab', () => {
  it('lists the rules in words, hostile text as text, and keeps a gone segment marked in the form', async () => {
    const { rt, orphan } = crm();
    const { page, host } = show(rt, 'admin');
    await page.settle();
    // Set up's own rules, and these two.
    const rules = byTestid(host, 'rule');
    expect(rules).toHaveLength(11);
    expect(host.textContent).toContain(HOSTILE_TEXT[0]);
    expect(host.textContent).toContain(HOSTILE_TEXT[2]);
    expect(host.querySelectorAll('img')).toHaveLength(0);
    const parisians = rules.find((r) => r.getAttribute('data-id') === orphan.id)!;
    expect(one(parisians, 'rule-when').textContent).toBe('When a contact enters "Gone soon": a follow-up 3 days later');
    expect(byTestid(parisians, 'rule-problem').length).toBeGreaterThan(0);
    one(parisians, 'rule-edit').click();
    await page.settle();
    const segment = one(host, 'rule-segment') as HTMLSelectElement;
    expect(segment.value).toBe('Gone soon');
    expect(segment.selectedOptions[0].textContent).toContain('Gone soon');
    expect((one(host, 'rule-argument') as HTMLInputElement).inputMode).toBe('numeric');
    // Saved as it is: the server says what is wrong, and the form keeps what was typed.
    const name = one(host, 'rule-name') as HTMLInputElement;
    name.value = 'Parisiens';
    name.dispatchEvent(new Event('input'));
    await page.settle();
    (one(host, 'rule-form') as HTMLFormElement).requestSubmit();
    await page.settle();
    expect(one(host, 'rule-error').textContent).toContain('Gone soon');
    expect((one(host, 'rule-name') as HTMLInputElement).value).toBe('Parisiens');
    // Another segment picked: saved, said, the list read again.
    segment.value = 'Lyon';
    segment.dispatchEvent(new Event('change'));
    await page.settle();
    (one(host, 'rule-form') as HTMLFormElement).requestSubmit();
    await page.settle();
    expect(byTestid(host, 'rule-form')).toHaveLength(0);
    expect(one(host, 'rule-notice').textContent).toContain('Parisiens');
    expect(one(host, 'rules').textContent).toContain('When a contact enters "Lyon": a follow-up 3 days later');
  });

  it('runs the rules now and shows who entered, then the log', async () => {
    const { rt } = crm();
    const { page, host } = show(rt, 'editor');
    await page.settle();
    expect(one(host, 'trigger-entries').textContent).toBe('No rule has fired yet.');
    one(host, 'trigger-run').click();
    await page.settle();
    expect(one(host, 'trigger-report').textContent).toMatch(/\d/);
    expect(byTestid(host, 'trigger-entry').map((e) => e.textContent)).toContainEqual(expect.stringContaining(`Ana · ${HOSTILE_TEXT[0]}`));
  });

  it('shows a viewer the rules with nothing to change, in Portuguese', async () => {
    const { rt } = crm();
    addStaff(rt, 'vi@example.org', 'viewer');
    rt.identity.user = 'vi@example.org';
    setLanguage('pt');
    const { page, host } = show(rt, 'viewer');
    await page.settle();
    expect(byTestid(host, 'rule')).toHaveLength(11);
    expect(byTestid(host, 'rule-edit')).toHaveLength(0);
    expect(byTestid(host, 'rule-new')).toHaveLength(0);
    expect(byTestid(host, 'trigger-run')).toHaveLength(0);
    expect((byTestid(host, 'rule-active') as HTMLInputElement[]).every((box) => box.disabled)).toBe(true);
    expect(one(host, 'trigger-log').querySelector('h2')!.textContent).not.toBe('Trigger points');
  });
});
