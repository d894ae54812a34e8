/** The newsletter sync in the built script, under the Apps Script fakes: UrlFetchApp.fetch and
 *  fetchAll (at most 10 in flight), the key in document properties only, the hourly trigger. */
import { join } from 'node:path';
import vm from 'node:vm';
import { createAppsScriptFakes } from '../fakes';
import type { FakeService } from '../fakes/url-fetch';
import { projectFiles } from '../support/project-files';
import { MailchimpDouble } from '../doubles/mailchimp';

const gas = require('gas-local');
const DIST = join(__dirname, '..', '..', 'dist');

const rows = (fakes: ReturnType<typeof createAppsScriptFakes>, sheet: string) => {
  const [header, ...data] = fakes.spreadsheet.__dump(sheet) as unknown[][];
  return data.map((r) => Object.fromEntries((header as string[]).map((h, i) => [h, r[i]])));
};

describe('the newsletter sync in Google', () => {
  it('connects Mailchimp with a checked key, syncs through UrlFetchApp, and syncs every hour after', () => {
    const fakes = createAppsScriptFakes({ user: 'admin@example.org' });
    projectFiles(fakes.html);
    const script = gas.require(DIST, fakes.globals) as Record<string, any>;
    fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', script));
    script.runSetUp();
    const mc = new MailchimpDouble().list('aud1', 'Readers');
    for (let k = 0; k < 30; k++) mc.member('aud1', `reader${k}@example.org`, 'subscribed', { FNAME: `Reader ${k}` });
    const service: FakeService = (r, sent) =>
      mc.service({ method: r.method as 'GET', url: r.url, headers: { ...r.headers, 'Content-Type': r.contentType }, ...(r.payload ? { body: r.payload } : {}) }, sent);
    fakes.urlFetch.services.set('us21.api.mailchimp.com', service);

    expect(script.connectNewsletter({ platform: 'mailchimp', key: 'nope-us21' }).error.message).toMatch(/Mailchimp refused the API key \(API Key Invalid/);
    const connected = script.connectNewsletter({ platform: 'mailchimp', key: mc.key });
    expect(connected).toMatchObject({ ok: true, data: { lists: [{ id: 'aud1', name: 'Readers', members: 30 }] } });
    expect(script.chooseNewsletterList({ list: 'aud1' })).toMatchObject({ ok: true, data: { list_name: 'Readers' } });
    expect(fakes.triggers.filter((t) => t.functionName === 'hourlyNewsletterSync')).toEqual([expect.objectContaining({ schedule: { everyHours: 1 } })]);

    const preview = script.previewSync({});
    expect(preview).toMatchObject({ ok: true, data: { preview: true, report: { created_in_crm: 30 } } });
    expect(rows(fakes, 'Contacts')).toHaveLength(0);

    mc.unsubscribe('aud1', 'reader3@example.org');
    script.hourlyNewsletterSync();
    expect(rows(fakes, 'Contacts')).toHaveLength(29);
    expect(script.newsletterSettings({}).data.connection).toMatchObject({ platform: 'mailchimp', key: `…${mc.key.slice(-6)}`, list: 'aud1', last: { finished: true, report: { created_in_crm: 29 } } });
    // The key lives in the document's properties, never in a sheet.
    expect(JSON.stringify(fakes.spreadsheet.getSheets().map((s: any) => fakes.spreadsheet.__dump(s.getName())))).not.toContain(mc.key);
    expect(mc.resubscribeAttempts).toEqual([]);
  });
});
