import type { Mailer, OutgoingMail } from '../ports/mailer';

/** MailApp rather than GmailApp: it needs only the scope to send mail as the person
 *  (`script.send_mail`), not to read their Gmail, and the quota is the same. What it cannot do (send
 *  from an alias, set headers such as List-Unsubscribe) GmailApp cannot do without the wider scope
 *  either; the reply-to address and the sender's name are set. */
export class MailAppMailer implements Mailer {
  remainingQuota(): number {
    return MailApp.getRemainingDailyQuota();
  }

  send(mail: OutgoingMail): void {
    MailApp.sendEmail({
      to: mail.to,
      subject: mail.subject,
      body: mail.text,
      htmlBody: mail.html,
      ...(mail.fromName ? { name: mail.fromName } : {}),
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    });
  }
}
