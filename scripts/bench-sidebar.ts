// npm run bench, sidebar part: each language's sidebar (its size, gzipped) and its time to interactive
// in Chromium against `crm serve` (from navigation to the first contact row shown), median of 5; then
// each part of the sidebar (a tab's code, asked for when the tab is first shown): its size, and the
// time from the click on its tab to the tab drawn, the part's code fetched and run on the way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startLocalServer } from '../test/support/local-server';
import { launchBrowser } from '../test/support/browser';
import { sidebarPartFile, type SidebarPart } from '../src/core/i18n/sidebar-file';

const FILES: [string, string][] = [
  ['en', 'Sidebar.html'],
  ['fr', 'Sidebar_fr.html'],
  ['es', 'Sidebar_es.html'],
  ['pt', 'Sidebar_pt.html'],
];
/** Parts timed: the part, its tab, and what shows the tab is drawn. */
const PART_TABS: [SidebarPart, string, string][] = [
  ['segments', 'segments', 'segment-new'],
  ['dashboard', 'dashboard', 'dashboard-view'],
  ['import', 'import', 'import-view'],
  ['duplicates', 'duplicates', 'duplicates-view'],
  ['staff', 'staff', 'staff-list'],
];
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

export async function benchSidebar(dist = join(__dirname, '..', '..', 'dist')): Promise<void> {
  const server = await startLocalServer({ demo: 300 });
  const browser = await launchBrowser();
  try {
    console.log('\n| language | sidebar KB | gzipped KB | time to interactive ms (median of 5) |');
    console.log('|---|---:|---:|---:|');
    for (const [language, file] of FILES) {
      const html = readFileSync(join(dist, file));
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
        const start = performance.now();
        await page.goto(server.page('sidebar', `lang=${language}`));
        await page.locator('[data-testid="contact-row"]').first().waitFor({ timeout: 60000 });
        times.push(performance.now() - start);
        await page.close();
      }
      times.sort((a, b) => a - b);
      console.log(`| ${language} | ${fmt(html.length / 1024)} | ${fmt(gzipSync(html, { level: 9 }).length / 1024)} | ${fmt(times[2])} |`);
    }
    console.log('\n| part (a tab first shown) | KB | gzipped KB | click to tab drawn ms (median of 5) |');
    console.log('|---|---:|---:|---:|');
    for (const [part, tab, drawn] of PART_TABS) {
      const code = readFileSync(join(dist, `${sidebarPartFile(part)}.html`));
      const times: number[] = [];
      for (let k = 0; k < 5; k++) {
        const page = await browser.newPage({ viewport: { width: 300, height: 800 } });
        await page.goto(server.page('sidebar', 'lang=en'));
        await page.locator('[data-testid="contact-row"]').first().waitFor({ timeout: 60000 });
        const start = performance.now();
        await page.locator(`[data-testid="nav-${tab}"]`).click();
        await page.locator(`[data-testid="${drawn}"]`).first().waitFor({ timeout: 60000 });
        times.push(performance.now() - start);
        await page.close();
      }
      times.sort((a, b) => a - b);
      console.log(`| ${part} | ${fmt(code.length / 1024)} | ${fmt(gzipSync(code, { level: 9 }).length / 1024)} | ${fmt(times[2])} |`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
}
