/** Email sent from the CRM. In Google: MailApp, through the account of the person (or trigger) sending,
 *  within its daily recipients quota (100 on a free account, 1,500 on Workspace). Locally: SMTP when
 *  SMTP_URL is set, else one .eml file per message in an outbox folder. In tests: a double that keeps
 *  Google's limits. */
export interface OutgoingMail {
  to: string;
  subject: string;
  /** The plain text version. */
  text: string;
  html: string;
  /** The name the recipient sees as sender. */
  fromName?: string;
  replyTo?: string;
  /** The message's unsubscribe link, for the List-Unsubscribe headers where the provider lets us set
   *  them (SMTP; MailApp does not). */
  unsubscribeUrl?: string;
  /** Documents attached as PDF (a receipt): each adapter renders the text its way (Google from HTML,
   *  Node and the tests with core/pdf.ts). */
  attachments?: MailDocument[];
}

export interface MailDocument {
  /** The file name, ending in .pdf. */
  name: string;
  title: string;
  text: string;
}

export interface Mailer {
  /** Recipients the provider still takes today (Infinity where it sets no limit: then Settings'
   *  mail_daily_quota is the only one). */
  remainingQuota(): number;
  /** Sends one message to one recipient; throws when the provider refuses it. */
  send(mail: OutgoingMail): void;
}
