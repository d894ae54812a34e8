/** MailApp, as its reference and Google's quotas page describe it: sendEmail(message) with to,
 *  subject, body, htmlBody, name, replyTo, noReply; getRemainingDailyQuota(). Each recipient counts
 *  against a daily quota (100 for a consumer account, 1,500 for Workspace), past which it throws
 *  "Service invoked too many times for one day: email."; at most 50 recipients a message; a body of at
 *  most 200 KB; an invalid address throws "Invalid email". Sent messages are recorded. */
import { FakeContext, gasError, requireAuth } from './context';

export interface SentMail {
  to: string;
  subject: string;
  body: string;
  htmlBody: string;
  name?: string;
  replyTo?: string;
  from: string;
  attachments: { name: string; type: string; text: string }[];
}

export interface MailState {
  quota: number;
  sent: SentMail[];
}

const SEND_MAIL = 'https://www.googleapis.com/auth/script.send_mail';

export function createMailApp(ctx: FakeContext, state: MailState): any {
  return {
    getRemainingDailyQuota() {
      requireAuth(ctx, 'MailApp.getRemainingDailyQuota', SEND_MAIL);
      return state.quota;
    },
    sendEmail(message: any, ...rest: any[]) {
      requireAuth(ctx, 'MailApp.sendEmail', SEND_MAIL);
      if (rest.length || typeof message !== 'object') throw gasError(ctx, 'fake: only sendEmail(message) is modelled');
      const recipients = String(message.to ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      if (!recipients.length) throw gasError(ctx, 'Failed to send email: no recipient');
      if (recipients.length > 50) throw gasError(ctx, 'Limit Exceeded: Email Recipients Per Message.');
      for (const r of recipients) if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(r)) throw gasError(ctx, `Invalid email: ${r}`);
      if (String(message.body ?? '').length + String(message.htmlBody ?? '').length > 200 * 1024) throw gasError(ctx, 'Limit Exceeded: Email Body Size.');
      const attachments = (message.attachments ?? []) as any[];
      if (!Array.isArray(attachments) || attachments.some((a) => typeof a?.getBytes !== 'function')) throw gasError(ctx, 'Invalid argument: attachments');
      if (attachments.reduce((n, a) => n + a.getBytes().length, 0) > 25 * 1024 * 1024) throw gasError(ctx, 'Limit Exceeded: Email Total Attachments Size.');
      if (state.quota < recipients.length) throw gasError(ctx, 'Service invoked too many times for one day: email.');
      state.quota -= recipients.length;
      ctx.counters.calls++;
      state.sent.push({
        to: message.to,
        subject: String(message.subject ?? ''),
        body: String(message.body ?? ''),
        htmlBody: String(message.htmlBody ?? ''),
        name: message.name,
        replyTo: message.replyTo,
        from: ctx.user || ctx.owner,
        attachments: attachments.map((a) => ({ name: a.getName(), type: a.getContentType(), text: new TextDecoder().decode(Uint8Array.from(a.getBytes(), (b: number) => b & 255)) })),
      });
    },
  };
}
