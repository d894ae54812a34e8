/**
 * @jest-environment jsdom
 */
/** The Staff tab (a Preact component) in jsdom's page, its calls answered by the real CRM in memory:
 *  a person added with their email and name filled in one go (as a browser's autofill does) keeps
 *  both, and the message a tab comes back with replaces what the last change said. */
import { callAction } from '../../src/api/call';
import { staffView } from '../../sidebar/views/staff';
import { setUpRuntime, ok } from '../support/crm';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();

const type = (input: HTMLInputElement, value: string) => {
  input.value = value;
  input.dispatchEvent(new Event('input'));
};

describe('the Staff tab', () => {
  it('adds a person with the email and name filled in one go, and says what a refresh brings instead', async () => {
    const rt = setUpRuntime();
    const page = serveFrom(rt);
    const host = document.createElement('div');
    // In the page: a form not in a document is never submitted.
    document.body.appendChild(host);
    const view = staffView(host, { email: 'admin@example.org', role: 'admin', setUp: true, language: 'en' });
    view.render();
    await page.settle();
    type(one(host, 'staff-new-email'), 'rosa@example.org');
    type(one(host, 'staff-new-name'), 'Rosa Lima');
    await page.settle();
    one<HTMLButtonElement>(host, 'staff-add-button').click();
    await page.settle();
    const rosa = ok<{ staff: { email: string; name: string }[] }>(callAction(rt, 'listStaff', {})).staff.find((s) => s.email === 'rosa@example.org');
    expect(rosa?.name).toBe('Rosa Lima');
    expect(one(host, 'notice').textContent).toContain('rosa@example.org');
    view.refresh('Welcome back.');
    view.render();
    await page.settle();
    expect(byTestid(host, 'notice').map((n) => n.textContent)).toEqual(['Welcome back.']);
  });
});
