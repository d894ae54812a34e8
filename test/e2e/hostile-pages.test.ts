/** No other web page can use the local CRM: a page served from another origin (another port of this
 *  machine) tries every way a browser offers to write, and a script tries the raw requests a browser
 *  would never send. Nothing changes, and every refusal says why. */
import { createServer, request, Server } from 'node:http';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';

let server: RunningServer;
let browser: Browser;
let hostile: Server;
let hostileUrl: string;
let port: number;

const contactCount = async () => (await callServer<{ total: number }>(server, 'searchContacts', {})).total;

/** A raw request with exactly these headers (fetch would fix Host and Origin for us). */
function raw(path: string, method: string, headers: Record<string, string>, body = ''): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const CREATE = JSON.stringify({ contact: { first_name: 'Intruder' } });

beforeAll(async () => {
  server = await startLocalServer({ demo: 20 });
  port = Number(new URL(server.url).port);
  browser = await launchBrowser();
  // The other origin: a page that knows the CRM's address but not its key (it cannot read our pages).
  hostile = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!doctype html><body>
      <form id="f" method="POST" action="${server.url}api/createContact" enctype="text/plain" target="sink1">
        <input name='{"contact":{"first_name":"Form","x":"' value='"}}'>
      </form>
      <form id="g" method="POST" action="${server.url}api/createContact?key=${server.key}" target="sink2"><input name="contact" value="x"></form>
      <iframe name="sink1"></iframe><iframe name="sink2"></iframe>
      <iframe id="framed" src="${server.url}?key=${server.key}"></iframe>
    </body>`);
  });
  await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
  const address = hostile.address();
  hostileUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await new Promise((resolve) => hostile?.close(resolve));
});

describe('requests a browser page of another origin can make', () => {
  it('changes nothing, whatever the page tries', async () => {
    const before = await contactCount();
    const page = await browser.newPage();
    // Even a page that somehow had the key (here: it does) cannot frame the CRM (refused outright:
    // Sec-Fetch-Site) or post a form to it.
    const framedAnswer = page.waitForResponse((r) => r.url() === `${server.url}?key=${server.key}`);
    await page.goto(hostileUrl);
    expect((await framedAnswer).status()).toBe(403);
    const formsAnswered = Promise.all([0, 1].map(() => page.waitForResponse((r) => r.url().startsWith(`${server.url}api/createContact`) && r.request().method() === 'POST')));
    const tried = await page.evaluate(async (target) => {
      const outcomes: string[] = [];
      const attempt = async (label: string, init: RequestInit) => {
        try {
          const r = await fetch(target + 'api/createContact', init);
          outcomes.push(`${label}: ${r.status}`);
        } catch (e) {
          outcomes.push(`${label}: blocked`);
        }
      };
      const body = JSON.stringify({ contact: { first_name: 'Fetch' } });
      await attempt('text/plain', { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body });
      await attempt('no-cors text/plain', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body });
      await attempt('json', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
      await attempt('json with a guessed key', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CRM-Key': 'guess' }, body });
      await attempt('form-urlencoded', { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'contact=x' });
      (document.getElementById('f') as HTMLFormElement).submit();
      (document.getElementById('g') as HTMLFormElement).submit();
      return outcomes;
    }, server.url);
    const forms = await formsAnswered;
    expect(forms.map((r) => r.status())).toEqual([403, 403]);
    expect(tried.filter((t) => !/: (blocked|0|4\d\d)$/.test(t))).toEqual([]);
    expect(tried).toHaveLength(5);
    // The browser did not show the CRM inside the other site's page (frame-ancestors, X-Frame-Options).
    const framed = page.frames().filter((f) => f !== page.mainFrame());
    for (const frame of framed) expect(await frame.locator('#tabs').count()).toBe(0);
    await page.close();
    expect(await contactCount()).toBe(before);
  });
});

describe('raw requests', () => {
  const key = () => server.key;
  const json = (extra: Record<string, string> = {}) => ({ Host: `localhost:${port}`, 'Content-Type': 'application/json', 'X-CRM-Key': key(), ...extra });

  it('accepts the page’s own call', async () => {
    const answer = await raw('/api/searchContacts', 'POST', json(), '{}');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).ok).toBe(true);
    expect(answer.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(String(answer.headers['content-security-policy'])).toContain("frame-ancestors 'self'");
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it.each([
    ['no key', { 'X-CRM-Key': '' }, 401, 'bad_key'],
    ['a wrong key', { 'X-CRM-Key': 'x'.repeat(22) }, 401, 'bad_key'],
    ['text/plain', { 'Content-Type': 'text/plain' }, 415, 'not_json'],
    ['a form', { 'Content-Type': 'application/x-www-form-urlencoded' }, 415, 'not_json'],
    ['a multipart form', { 'Content-Type': 'multipart/form-data; boundary=x' }, 415, 'not_json'],
    ['another site’s Origin', { Origin: 'http://evil.example' }, 403, 'bad_origin'],
    ['another port’s Origin', { Origin: 'http://localhost:1' }, 403, 'bad_origin'],
    ['the null Origin', { Origin: 'null' }, 403, 'bad_origin'],
    ['a cross-site fetch', { 'Sec-Fetch-Site': 'cross-site' }, 403, 'bad_origin'],
    ['a foreign Host (DNS rebinding)', { Host: `evil.example:${port}` }, 421, 'bad_host'],
    ['a Host at another port', { Host: 'localhost:80' }, 421, 'bad_host'],
  ])('refuses a write with %s, says why, changes nothing', async (_label, headers, status, code) => {
    const before = await contactCount();
    const answer = await raw('/api/createContact', 'POST', json(headers as Record<string, string>), CREATE);
    expect(answer.status).toBe(status);
    const parsed = JSON.parse(answer.body);
    expect(parsed).toMatchObject({ ok: false, error: { code } });
    expect(parsed.error.message.length).toBeGreaterThan(20);
    expect(await contactCount()).toBe(before);
  });

  it('refuses the key in the address of a write (a form could put it there)', async () => {
    const before = await contactCount();
    const answer = await raw(`/api/createContact?key=${key()}`, 'POST', { ...json(), 'X-CRM-Key': '' }, CREATE);
    expect(answer.status).toBe(401);
    expect(await contactCount()).toBe(before);
  });

  it('gives no data to a foreign Host or a request without the key', async () => {
    for (const [path, headers] of [
      ['/local/sheets', { Host: `rebound.example:${port}`, 'X-CRM-Key': key() }],
      ['/local/sheets', { Host: `localhost:${port}` }],
      [`/?key=${key()}`, { Host: `rebound.example:${port}` }],
      ['/', { Host: `localhost:${port}` }],
      ['/sidebar', { Host: `127.0.0.1:${port}` }],
    ] as const) {
      const answer = await raw(path, 'GET', headers);
      expect([path, answer.status]).toEqual([path, expect.any(Number)]);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.body).not.toMatch(/first_name|Contacts/);
    }
    const good = await raw('/local/sheets', 'GET', { Host: `127.0.0.1:${port}`, 'X-CRM-Key': key() });
    expect(good.status).toBe(200);
    expect(good.body).toMatch(/first_name/);
  });

  it('speaks the browser’s language when it refuses', async () => {
    const answer = await raw('/api/createContact', 'POST', json({ 'Content-Type': 'text/plain', 'Accept-Language': 'fr-FR,fr;q=0.9' }), CREATE);
    expect(JSON.parse(answer.body).error.message).toMatch(/^Refusé/);
  });

  it.each(['constructor', 'toString', 'hasOwnProperty', '__proto__', 'valueOf'])('refuses the action name %s clearly', async (name) => {
    const answer = await raw(`/api/${name}`, 'POST', json(), '{}');
    if (name === '__proto__') expect(answer.status).toBe(404);
    else expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'unknown_action' } });
  });
});

describe('the page opened from the printed address', () => {
  it('opens from a link in another site’s page, in its own tab', async () => {
    const page = await browser.newPage();
    await page.goto(hostileUrl);
    await page.evaluate((href) => {
      const a = document.createElement('a');
      a.href = href;
      a.textContent = 'open the CRM';
      a.id = 'link';
      document.body.appendChild(a);
    }, server.page());
    await page.click('#link');
    await page.waitForURL((u) => u.href.startsWith(server.url));
    await page.locator('#tabs button').first().waitFor();
    await page.close();
  });

  it('works, and its sidebar calls carry the key', async () => {
    const page = await browser.newPage();
    await page.goto(server.page());
    const sidebar = page.frameLocator('#sidebar');
    await sidebar.locator('[data-testid="contact-row"]').first().waitFor();
    await until(async () => (await page.locator('#tabs button').count()) > 3);
    await page.close();
  });
});
