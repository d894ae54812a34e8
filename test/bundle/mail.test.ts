/** Email through dist/Code.js: a mail merge sent with MailApp within its daily quota, the rest by the
 *  nightly run, and the unsubscribe link followed on the web app (no sign-in, no active spreadsheet). */
import { join } from 'node:path';
import vm from 'node:vm';
const gas = require('gas-local');
import { createAppsScriptFakes } from '../fakes';
import { projectFiles } from '../support/project-files';

const DIST = join(__dirname, '..', '..', 'dist');

function setUpCrm() {
  const fakes = createAppsScriptFakes({ user: 'admin@example.org', locale: 'fr_FR' });
  projectFiles(fakes.html);
  const script = gas.require(DIST, fakes.globals) as Record<string, any>;
  fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', script));
  script.runSetUp();
  const ok = (answer: any) => {
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.data;
  };
  const ids = [1, 2, 3].map((i) => ok(script.createContact({ contact: { first_name: `Membre${i}`, email: `m${i}@example.fr`, newsletter_status: 'subscribed' } })).id);
  ok(script.saveSegment({ name: 'Membres', kind: 'static' }));
  ok(script.addToSegment({ id: 'Membres', contacts: ids }));
  ok(script.saveTemplate({ name: 'Lettre', language: 'fr', subject: 'Bonjour {{first_name}}', body: 'Merci {{first_name}} !' }));
  ok(script.setWebAppUrl({ url: 'https://script.google.com/macros/s/INTAKE/exec' }));
  return { fakes, script, ok, ids };
}

describe('email in Google', () => {
  it('sends through MailApp within its quota, the rest from the nightly run, with the link at the foot', () => {
    const { fakes, script, ok } = setUpCrm();
    fakes.mail.quota = 2;
    expect(ok(script.sendMailing({ template: 'Lettre', kind: 'newsletter', segment: 'Membres' }))).toMatchObject({ sent: 2, queued: 1 });
    expect(fakes.mail.sent.map((m) => m.to)).toEqual(['m1@example.fr', 'm2@example.fr']);
    expect(fakes.mail.sent[0]).toMatchObject({ subject: 'Bonjour Membre1' });
    expect(fakes.mail.sent[0].body).toMatch(/Pour ne plus recevoir ces e-mails :\nhttps:\/\/script\.google\.com\/macros\/s\/INTAKE\/exec\?unsubscribe=/);
    expect(fakes.mail.sent[0].htmlBody).toContain('<a href="https://script.google.com/macros/s/INTAKE/exec?unsubscribe=');
    // The next day's quota, sent by the nightly run.
    fakes.mail.quota = 100;
    script.dailyMaintenance();
    expect(fakes.mail.sent.map((m) => m.to)).toEqual(['m1@example.fr', 'm2@example.fr', 'm3@example.fr']);
  });

  it('follows an unsubscribe link on the web app: the opt-out, and a page in the contact’s language', () => {
    const { fakes, script, ok, ids } = setUpCrm();
    ok(script.sendMailing({ template: 'Lettre', kind: 'newsletter', segment: 'Membres' }));
    const token = decodeURIComponent(/unsubscribe=([^\s"<]+)/.exec(fakes.mail.sent[0].body)![1]);
    fakes.setWebApp(true);
    fakes.setUser('');
    expect(script.doGet({ parameter: { unsubscribe: token + 'x' } }).getContent()).toContain('n’est pas valide');
    const page = script.doGet({ parameter: { unsubscribe: token } }).getContent();
    expect(page).toContain('Vous êtes désabonné·e');
    fakes.setWebApp(false);
    fakes.setUser('admin@example.org');
    expect(ok(script.getContactCard({ id: ids[0] })).contact).toMatchObject({ email_opt_out: true, newsletter_status: 'unsubscribed' });
  });

  it('attaches a receipt as a PDF that Google renders from HTML', () => {
    const { fakes, script, ok, ids } = setUpCrm();
    const rule = ok(script.listTriggerPoints({})).rules.find((r: { name: string }) => r.name === 'Thank-you email');
    ok(script.saveTriggerPoint({ id: rule.id, name: rule.name, segment: rule.segment, action: rule.action, argument: 'Thank you + Receipt', active: true }));
    ok(script.recordGift({ contact_id: ids[0], amount: 40, currency: 'EUR' }));
    script.dailyMaintenance();
    const thanks = fakes.mail.sent.find((m) => m.to === 'm1@example.fr')!;
    expect(thanks.attachments).toEqual([expect.objectContaining({ type: 'application/pdf', name: expect.stringMatching(/^Receipt for your gift of .*\.pdf$/) })]);
    expect(thanks.attachments[0].text).toMatch(/Amount: €40\.00/);
  });
});
