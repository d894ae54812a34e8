/** The sidebar's parts in a real browser, under the local page's Content-Security-Policy (inline
 *  scripts yes, eval no): the page opens without them, asks for a tab's code the first time the tab
 *  is shown and never again, and a part that cannot come says why, with Try again that works. */
import type { Request } from 'playwright-core';
import { sidebarSession, testid, until } from '../support/sidebar-session';

const session = sidebarSession({ demo: 20 });

/** The parts the page asks for, in order, and what went wrong in it. */
function watch() {
  const parts: string[] = [];
  const errors: string[] = [];
  session.page.on('request', (request: Request) => {
    if (request.url().endsWith('/api/sidebarPart')) parts.push(JSON.parse(request.postData() ?? '{}').part);
  });
  session.page.on('pageerror', (error) => errors.push(error.message));
  session.page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return { parts, errors };
}

describe("the sidebar's parts", () => {
  it('asks for a tab’s code when it is first shown, once, and the tab works', async () => {
    const { page } = session;
    const seen = watch();
    // The contacts, a card and the follow-ups need none.
    await page.locator(testid('contact-row')).first().click();
    await page.locator(testid('back')).click();
    await page.locator(testid('nav-followups')).click();
    await page.locator(testid('nav-contacts')).click();
    await page.locator(testid('contact-row')).first().waitFor();
    expect(seen.parts).toEqual([]);

    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).waitFor();
    await page.locator(testid('nav-dashboard')).click();
    await page.locator(testid('dashboard-view')).waitFor();
    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).waitFor();
    await page.locator(testid('nav-dashboard')).click();
    await page.locator(testid('dashboard-view')).waitFor();
    expect(seen.parts).toEqual(['segments', 'dashboard']);
    await page.locator(testid('nav-segments')).click();
    await page.locator(testid('segment-new')).click();
    await page.locator(testid('segment-builder')).waitFor();
    // A part's modules are the page's own: its words, its calls, its Preact (the Staff tab's hooks
    // would throw on a second copy of Preact).
    await page.locator(testid('nav-staff')).click();
    await page.locator(testid('staff-list')).waitFor();
    expect(seen.parts).toEqual(['segments', 'dashboard', 'staff']);
    expect(seen.errors).toEqual([]);
  });

  it('says why a part could not come, and Try again brings it', async () => {
    const { page } = session;
    const seen = watch();
    let refused = 0;
    await page.route('**/api/sidebarPart', async (route) => {
      if (refused++ === 0) return route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' });
      return route.continue();
    });
    await page.locator(testid('nav-duplicates')).click();
    await page.locator(testid('error')).waitFor();
    expect(await page.locator(testid('error')).textContent()).toContain('Could not reach the CRM');
    // Another tab meanwhile, then back: still the refusal, and nothing half drawn.
    await page.locator(testid('nav-contacts')).click();
    await page.locator(testid('nav-duplicates')).click();
    await page.locator(testid('retry')).click();
    await page.locator(testid('duplicates-view')).waitFor();
    await until(async () => (await page.locator(testid('error')).count()) === 0);
    expect(seen.parts).toEqual(['duplicates', 'duplicates']);
  });
});
