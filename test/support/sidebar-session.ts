/** The set-up of a browser test of the sidebar: `crm serve` over a new demo workbook and Chromium for
 *  the file, and for each test a fresh page on the sidebar with its contact list drawn. Call it at the
 *  top of a test file; read `session.page` and `session.server` inside the tests. */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { callServer, startLocalServer, RunningServer } from './local-server';
import { until as waitUntil } from './until';

export interface SidebarSession {
  server: RunningServer;
  page: Page;
  /** An action of the server, as the page calls it; a refusal throws. */
  api<T>(action: string, input: unknown): Promise<T>;
}

export const testid = (id: string) => `[data-testid="${id}"]`;
export const until = (condition: () => Promise<boolean>, timeoutMs = 10000) => waitUntil(condition, timeoutMs);

export function sidebarSession(options: { demo: number }): SidebarSession {
  let browser: Browser;
  const session = { api: <T>(action: string, input: unknown) => callServer<T>(session.server, action, input) } as SidebarSession;

  beforeAll(async () => {
    session.server = await startLocalServer({ demo: options.demo });
    browser = await launchBrowser();
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await session.server?.stop();
  });

  beforeEach(async () => {
    session.page = await browser.newPage({ viewport: { width: 360, height: 900 }, acceptDownloads: true });
    await session.page.goto(session.server.page('sidebar'));
    await session.page.locator(testid('contact-row')).first().waitFor();
  });

  afterEach(async () => {
    await session.page.close();
  });

  return session;
}
