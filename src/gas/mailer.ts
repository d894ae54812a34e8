import type { MailDocument, Mailer, OutgoingMail } from '../ports/mailer';

/** MailApp rather than GmailApp: it needs only the scope to send mail as the person
 *  (`script.send_mail`), not to read their Gmail, and the quota is the same. What it cannot do (send
 *  from an alias, set headers such as List-Unsubscribe) GmailApp cannot do without the wider scope
 *  either; the reply-to address and the sender's name are set. */
const escape = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** Google turns HTML into a PDF itself (Blob.getAs): the document's text as paragraphs. */
function pdfOf(doc: MailDocument): GoogleAppsScript.Base.Blob {
  const html = `<html><body style="font-family: Helvetica, Arial, sans-serif; font-size: 11pt"><h1 style="font-size: 14pt">${escape(doc.title)}</h1>${doc.text
    .split(/\n{2,}/)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('')}</body></html>`;
  return Utilities.newBlob(html, 'text/html', doc.name.replace(/\.pdf$/i, '.html'))
    .getAs('application/pdf')
    .setName(doc.name);
}

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
      ...(mail.attachments?.length ? { attachments: mail.attachments.map(pdfOf) } : {}),
    });
  }
}
