/** `crm sync mailchimp|brevo` on a workbook file, through the built CLI, against loopback emulators of
 *  Mailchimp and Brevo (real HTTP, the CLI in its own process). */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MailchimpDouble } from '../doubles/mailchimp';
import { BrevoDouble } from '../doubles/brevo';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');

function crm(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

async function workbook(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'crm-sync-'));
  const path = join(dir, 'crm.xlsx');
  await crm({}, 'init', '--workbook', path);
  writeFileSync(join(dir, 'people.csv'), 'First name,Email,Newsletter\nBea,bea@example.org,yes\nCarl,carl@example.org,no\n', 'utf8');
  const imported = await crm({}, 'import', join(dir, 'people.csv'), '--workbook', path, '--mode', 'none', '--json');
  expect(imported.code).toBe(0);
  return path;
}

describe('crm sync', () => {
  it('previews, syncs both ways with Mailchimp, and a second run changes nothing', async () => {
    const mc = new MailchimpDouble().list('aud1');
    mc.member('aud1', 'ana@example.org', 'subscribed', { FNAME: 'Ana' });
    mc.member('aud1', 'carl@example.org', 'unsubscribed');
    const { url, close } = await mc.listen();
    try {
      const path = await workbook();
      const env = { MAILCHIMP_API_KEY: mc.key, MAILCHIMP_API_URL: `${url}/3.0` };
      const preview = await crm(env, 'sync', 'mailchimp', '--list', 'aud1', '--dry-run', '--json', '--workbook', path);
      expect(preview.code).toBe(0);
      expect(JSON.parse(preview.stdout)).toMatchObject({ created_in_crm: 1, opted_out_in_crm: 1, preview: true });
      expect(mc.requests.every((r) => r.startsWith('GET'))).toBe(true);

      const run = await crm(env, 'sync', 'mailchimp', '--list', 'aud1', '--json', '--workbook', path);
      expect(run.stderr).toBe('');
      const report = JSON.parse(run.stdout);
      expect(report).toMatchObject({ created_in_crm: 1, opted_out_in_crm: 1, errors: [], activity: { campaigns: 0 } });
      expect(Object.keys(report)).toEqual(
        expect.arrayContaining(['created_in_mailer', 'updated_in_mailer', 'unsubscribed_in_mailer', 'created_in_crm', 'updated_in_crm', 'opted_out_in_crm', 'cleaned_in_crm', 'activity', 'errors']),
      );
      const again = JSON.parse((await crm(env, 'sync', 'mailchimp', '--list', 'aud1', '--json', '--workbook', path)).stdout);
      expect(again).toMatchObject({ created_in_mailer: 0, updated_in_mailer: 0, unsubscribed_in_mailer: 0, created_in_crm: 0, updated_in_crm: 0, opted_out_in_crm: 0 });
      expect(mc.resubscribeAttempts).toEqual([]);
    } finally {
      await close();
    }
  });

  it('syncs with Brevo, and says what is missing in words', async () => {
    const bv = new BrevoDouble().list(3);
    bv.contact('ana@example.org', [3], { FIRSTNAME: 'Ana' });
    const { url, close } = await bv.listen();
    try {
      const path = await workbook();
      const noKey = await crm({ BREVO_API_KEY: '' }, 'sync', 'brevo', '--list', '3', '--workbook', path);
      expect(noKey.code).not.toBe(0);
      expect(noKey.stderr).toMatch(/BREVO_API_KEY/);
      const wrong = await crm({ BREVO_API_KEY: 'nope', BREVO_API_URL: `${url}/v3` }, 'sync', 'brevo', '--list', '3', '--workbook', path);
      expect(wrong.code).not.toBe(0);
      expect(wrong.stderr).toMatch(/Brevo refused the API key \(unauthorized: Key not found\)/);
      const run = await crm({ BREVO_API_KEY: bv.key, BREVO_API_URL: `${url}/v3` }, 'sync', 'brevo', '--list', '3', '--workbook', path);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/CRM: 1 new contacts/);
      expect(bv.resubscribeAttempts).toEqual([]);
    } finally {
      await close();
    }
  });
});
