import type { Mailer, OutgoingMail } from '../ports/mailer';

/** Mail of the tests, kept as Google's MailApp would take it (its quotas page): a daily quota of
 *  recipients (100 on a free account), one recipient per message here, a subject of at most 250
 *  characters, a body of at most 200 KB; past the quota it refuses as MailApp does. */
export class MemoryMailer implements Mailer {
  readonly sent: OutgoingMail[] = [];
  /** Recipients left today. */
  quota = 100;
  /** Set to make the next sends fail (a bad address, the provider down). */
  refuse: ((mail: OutgoingMail) => string | null) | null = null;

  remainingQuota(): number {
    return this.quota;
  }

  send(mail: OutgoingMail): void {
    if (this.quota <= 0) throw new Error('Service invoked too many times for one day: email.');
    if (!/^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/.test(mail.to)) throw new Error(`Invalid email: ${mail.to}`);
    if (mail.subject.length > 250) throw new Error('Subject too long');
    if (mail.html.length + mail.text.length > 200 * 1024) throw new Error('Body too large');
    // MailApp takes 250 attachments of 25 MB in all.
    if ((mail.attachments ?? []).reduce((n, d) => n + d.text.length, 0) > 25 * 1024 * 1024) throw new Error('Attachments too large');
    const refused = this.refuse?.(mail);
    if (refused) throw new Error(refused);
    this.quota--;
    this.sent.push(mail);
  }
}
