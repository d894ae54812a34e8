/** The Staff tab in a real browser: an admin adds a person, changes a role, deactivates them, and is
 *  told why the last admin cannot step down. */
import { sidebarSession, testid, until } from '../support/sidebar-session';

const session = sidebarSession({ demo: 20 });

describe('the Staff tab', () => {
  it('adds a person, changes their role, deactivates them, and keeps the last admin', async () => {
    const { page, api } = session;
    await page.locator(testid('nav-staff')).click();
    await page.locator(testid('staff-list')).waitFor();
    await page.locator(testid('staff-new-email')).fill('rosa@example.org');
    await page.locator(testid('staff-new-name')).fill('Rosa <b>Lima</b>');
    await page.locator(testid('staff-new-role')).selectOption('viewer');
    await page.locator(testid('staff-add-button')).click();
    const rosa = page.locator(`${testid('staff-row')}[data-email="rosa@example.org"]`);
    await rosa.waitFor();
    expect(await rosa.textContent()).toContain('Rosa <b>Lima</b>');
    expect(await rosa.locator(testid('staff-role')).inputValue()).toBe('viewer');

    await rosa.locator(testid('staff-role')).selectOption('editor');
    await until(async () => (await api<{ staff: { email: string; role: string }[] }>('listStaff', {})).staff.some((s) => s.email === 'rosa@example.org' && s.role === 'editor'));

    await rosa.locator(testid('staff-deactivate')).click();
    await until(async () => (await rosa.getAttribute('data-active')) === 'false');
    expect(await rosa.locator(testid('staff-reactivate')).count()).toBe(1);

    // The only admin cannot deactivate themselves: the refusal says why, and nothing changes.
    const me = page.locator(`${testid('staff-row')}[data-email="admin@crm.local"]`);
    await me.locator(testid('staff-deactivate')).click();
    await page.locator(testid('staff-error')).waitFor();
    expect(await page.locator(testid('staff-error')).textContent()).toContain('last active admin');
    expect(await me.getAttribute('data-active')).toBe('true');
  });
});
