/** Email in the local runtime, through the built CLI: templates and a mail merge with `crm template`
 *  and `crm mail`, messages written as .eml files in the outbox (no SMTP server here), and the
 *  unsubscribe link answered by `crm serve`. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callServer, startLocalServer } from '../support/local-server';
import { NodeMailer } from '../../src/node/mailer';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');

describe('crm template and crm mail', () => {
  it('saves a template, refuses a misspelt placeholder, previews and sends a mailing into the outbox', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-mail-'));
    const path = join(dir, 'crm.xlsx');
    const outbox = join(dir, 'sent');
    const crm = (...args: string[]) =>
      execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CRM_OUTBOX: outbox, SMTP_URL: '' } });
    crm('init', '--workbook', path);
    writeFileSync(join(dir, 'people.csv'), 'Prénom;Email;Newsletter\nInès;ines@example.fr;oui\nJoão;joao@example.pt;non\nLuc;luc@example.fr;oui\n');
    crm('import', join(dir, 'people.csv'), '--workbook', path, '--mode', 'none');
    crm('segment', 'save', 'Tous', '--query', 'NOT tag:nobody', '--workbook', path);
    writeFileSync(join(dir, 'bad.txt'), 'Bonjour {{prenom}}');
    expect(() => crm('template', 'save', 'Lettre', '--subject', 'Bonjour', '--body-file', join(dir, 'bad.txt'), '--workbook', path)).toThrow(/\{\{prenom\}\}/);
    writeFileSync(join(dir, 'body.txt'), 'Bonjour {{first_name}},\n\nMerci de **votre soutien**.');
    crm('template', 'save', 'Lettre', '--subject', 'Des nouvelles, {{first_name}}', '--body-file', join(dir, 'body.txt'), '--language', 'fr', '--workbook', path);
    expect(crm('template', 'list', '--workbook', path)).toContain('Lettre\tfr\tDes nouvelles, {{first_name}}');
    const preview = JSON.parse(crm('mail', 'send', '--segment', 'Tous', '--template', 'Lettre', '--dry-run', '--workbook', path));
    expect(preview).toMatchObject({ recipients: 2, skipped: { no_consent: 1 } });
    const sent = JSON.parse(crm('mail', 'send', '--segment', 'Tous', '--template', 'Lettre', '--limit', '1', '--workbook', path));
    expect(sent).toMatchObject({ recipients: 2, sent: 1, queued: 1 });
    expect(JSON.parse(crm('mail', 'continue', '--workbook', path))).toEqual([expect.objectContaining({ sent: 2, queued: 0 })]);
    // A second mailing, one sent, the rest cancelled: nothing more goes.
    const second = JSON.parse(crm('mail', 'send', '--segment', 'Tous', '--template', 'Lettre', '--name', 'Relance', '--limit', '1', '--workbook', path));
    expect(crm('mail', 'list', '--workbook', path)).toMatch(new RegExp(`^${second.mailing}\tsending\t1/2 sent, 1 queued\tRelance$`, 'm'));
    expect(JSON.parse(crm('mail', 'cancel', second.mailing, '--workbook', path))).toMatchObject({ status: 'cancelled', sent: 1, queued: 0, skipped: { cancelled: 1, no_consent: 1 } });
    expect(JSON.parse(crm('mail', 'continue', '--workbook', path))).toEqual([]);
    const files = readdirSync(outbox).filter((f) => f.endsWith('.eml'));
    expect(files).toHaveLength(3);
    const raw = files.map((f) => readFileSync(join(outbox, f), 'utf8')).join('\n');
    expect(raw).toMatch(/^To: ines@example\.fr$/m);
    // Headers may be folded on a second line.
    expect(raw).toMatch(/^List-Unsubscribe:\s+<http:\/\/localhost:\d+\/exec\?unsubscribe=/m);
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(raw).toContain('<strong>votre soutien</strong>');
    expect(raw).not.toContain('joao@example.pt');
  });
});

describe('crm serve and the unsubscribe link', () => {
  it('opts the contact out from the link in a message sent from the server', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-mail-serve-'));
    const outbox = join(dir, 'out');
    const server = await startLocalServer({ demo: 0, env: { CRM_OUTBOX: outbox, SMTP_URL: '' } });
    try {
      const { id } = await callServer<{ id: string }>(server, 'createContact', { contact: { first_name: 'Olga', email: 'olga@example.org', newsletter_status: 'subscribed' } });
      await callServer(server, 'saveSegment', { name: 'Olga', kind: 'static' });
      await callServer(server, 'addToSegment', { id: 'Olga', contacts: [id] });
      await callServer(server, 'saveTemplate', { name: 'Hello', subject: 'Hello {{first_name}}', body: 'News.' });
      expect(await callServer(server, 'sendMailing', { template: 'Hello', kind: 'newsletter', segment: 'Olga' })).toMatchObject({ sent: 1 });
      const raw = readFileSync(join(outbox, readdirSync(outbox)[0]), 'utf8');
      const link = /List-Unsubscribe:\s+<([^>]+)>/.exec(raw)![1];
      expect(link.startsWith(server.url + 'exec?unsubscribe=')).toBe(true);
      // Followed from a mail program, without the server's key.
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('You are unsubscribed');
      const card = await callServer<{ contact: Record<string, unknown> }>(server, 'getContactCard', { id });
      expect(card.contact).toMatchObject({ email_opt_out: true, newsletter_status: 'unsubscribed' });
      // A changed link changes nothing and says so.
      expect(await (await fetch(link.slice(0, -3) + 'zzz')).text()).toContain('not valid');
    } finally {
      await server.stop();
    }
  }, 60000);
});

describe('a receipt from the local runtime', () => {
  it('goes into the .eml as a PDF attachment that opens as one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-receipt-'));
    const mailer = new NodeMailer(join(dir, 'crm.xlsx'), { CRM_OUTBOX: join(dir, 'out') });
    mailer.send({ to: 'gil@example.pt', subject: 'Obrigado', text: 'Obrigado!', html: '<p>Obrigado!</p>', attachments: [{ name: 'Recibo.pdf', title: 'Recibo', text: 'Montante: 25,00 €' }] });
    const raw = readFileSync(join(dir, 'out', readdirSync(join(dir, 'out'))[0]), 'utf8');
    expect(raw).toMatch(/Content-Type: application\/pdf; name=Recibo\.pdf/);
    const part = /Content-Disposition: attachment; filename=Recibo\.pdf\n\n([A-Za-z0-9+/=\n]+)/.exec(raw)![1];
    const pdf = Buffer.from(part.replace(/\n/g, ''), 'base64').toString('latin1');
    expect(pdf.startsWith('%PDF-1.4')).toBe(true);
    expect(pdf).toContain('(Montante: 25,00 \x80) Tj');
  });
});
