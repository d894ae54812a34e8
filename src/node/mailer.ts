import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Mailer, OutgoingMail } from '../ports/mailer';
import { textPdf } from '../core/pdf';

/** nodemailer (its own MIME and SMTP, well kept) in a short-lived child process: it is asynchronous,
 *  and the CRM's services are not. With SMTP_URL (smtp://user:pass@host:587, smtps://…) messages go
 *  through that server; otherwise each becomes a .eml file in the outbox folder (CRM_OUTBOX, default
 *  `outbox/` beside the workbook), which any mail program opens and the tests read. Locally there is
 *  no provider quota: Settings' mail_daily_quota is the quota. */
const SEND_ONCE = `
let input = '';
process.stdin.on('data', (c) => (input += c)).on('end', async () => {
  const { mail, smtp, nodemailer } = JSON.parse(input);
  const transport = require(nodemailer).createTransport(smtp || { streamTransport: true, buffer: true, newline: 'unix' });
  try {
    const info = await transport.sendMail({ from: mail.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, replyTo: mail.replyTo, headers: mail.headers, attachments: mail.attachments });
    process.stdout.write(JSON.stringify({ ok: true, raw: info.message ? info.message.toString('utf8') : '' }));
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: String((e && e.message) || e) }));
  }
});`;

export class NodeMailer implements Mailer {
  private count = 0;
  constructor(
    private readonly workbookPath: string,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** Where .eml files go when there is no SMTP server. */
  get outbox(): string {
    return this.env.CRM_OUTBOX || join(dirname(this.workbookPath), 'outbox');
  }

  remainingQuota(): number {
    return Infinity;
  }

  send(mail: OutgoingMail): void {
    const smtp = this.env.SMTP_URL || '';
    const from = this.env.CRM_MAIL_FROM || 'crm@localhost';
    const headers = mail.unsubscribeUrl ? { 'List-Unsubscribe': `<${mail.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined;
    const attachments = mail.attachments?.map((doc) => ({
      filename: doc.name,
      contentType: 'application/pdf',
      encoding: 'base64',
      content: Buffer.from(textPdf(doc.title, doc.text)).toString('base64'),
    }));
    const message = {
      from: mail.fromName ? { name: mail.fromName, address: from } : from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      replyTo: mail.replyTo,
      headers,
      attachments,
    };
    const run = spawnSync(process.execPath, ['-e', SEND_ONCE], { input: JSON.stringify({ mail: message, smtp, nodemailer: require.resolve('nodemailer') }), encoding: 'utf8', timeout: 120000 });
    let answer: { ok: boolean; raw?: string; error?: string };
    try {
      answer = JSON.parse(run.stdout);
    } catch {
      throw new Error(`mail could not be sent: ${(run.error?.message ?? run.stderr).slice(0, 300)}`);
    }
    if (!answer.ok) throw new Error(answer.error ?? 'mail could not be sent');
    if (smtp) return;
    mkdirSync(this.outbox, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    writeFileSync(join(this.outbox, `${stamp}-${process.pid}-${++this.count}.eml`), answer.raw ?? '');
  }
}
