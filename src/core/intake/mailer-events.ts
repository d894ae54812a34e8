/** Webhooks of the newsletter platforms, read into one shape the sync applies (services/sync):
 *  - Mailchimp posts a form (`type=unsubscribe&fired_at=…&data[email]=…&data[list_id]=…`) for
 *    subscribe, unsubscribe, profile, upemail (data[old_email] → data[new_email]), cleaned and
 *    campaign; it checks the address with a GET first (the web app answers it).
 *  - Brevo posts JSON marketing events (`{"event": "unsubscribed", "email": …, "camp_id": …}`):
 *    unsubscribed, hard_bounce, spam, opened, click, list_addition…
 *  Each event's id is built from what it says (neither platform numbers its deliveries), so that the
 *  same event delivered twice is applied once. */
import { emailOf, IntakeProblem, textOf } from './delivery';
import { fingerprint } from './token';

export type MailerEventKind = 'subscribe' | 'unsubscribe' | 'cleaned' | 'profile' | 'upemail' | 'open' | 'click' | 'nothing';

export interface MailerEvent {
  platform: 'mailchimp' | 'brevo';
  kind: MailerEventKind;
  email: string;
  /** upemail: the address it became. */
  newEmail?: string;
  /** Why an address left ('hard', 'abuse', 'spam', 'manual'…). */
  reason?: string;
  listIds: string[];
  campaignId?: string;
  campaignName?: string;
  url?: string;
  /** When it happened (ISO). */
  at: string;
  fields?: { first_name?: string; last_name?: string };
  /** The platform's own words for an event the CRM has nothing to record for. */
  what: string;
}

/** '2026-11-20 10:00:00' (both platforms' style, UTC) → ISO. */
function isoOf(text: string, fallback: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text.trim());
  return m ? `${m[1]}T${m[2]}Z` : fallback;
}

export function mailchimpEventId(fields: Record<string, unknown>): string {
  const type = textOf(fields.type);
  if (!type) throw new IntakeProblem('intake.missing_field', { field: 'type' });
  return `${type}:${fingerprint([type, textOf(fields.fired_at), textOf(fields['data[id]']), textOf(fields['data[email]']), textOf(fields['data[new_email]'])].join('\u0000'))}`;
}

export function readMailchimpEvent(fields: Record<string, unknown>, now: string): MailerEvent {
  const type = textOf(fields.type);
  const at = isoOf(textOf(fields.fired_at), now);
  const listIds = textOf(fields['data[list_id]']) ? [textOf(fields['data[list_id]'])] : [];
  const base = { platform: 'mailchimp' as const, listIds, at, what: type };
  switch (type) {
    case 'unsubscribe':
      return {
        ...base,
        kind: 'unsubscribe',
        email: emailOf(fields['data[email]'], 'data[email]'),
        reason: textOf(fields['data[reason]']) || 'unsubscribed',
        ...(textOf(fields['data[campaign_id]']) ? { campaignId: textOf(fields['data[campaign_id]']) } : {}),
      };
    case 'cleaned':
      return { ...base, kind: 'cleaned', email: emailOf(fields['data[email]'], 'data[email]'), reason: textOf(fields['data[reason]']) || 'cleaned' };
    case 'upemail':
      return { ...base, kind: 'upemail', email: emailOf(fields['data[old_email]'], 'data[old_email]'), newEmail: emailOf(fields['data[new_email]'], 'data[new_email]') };
    case 'subscribe':
    case 'profile':
      return {
        ...base,
        kind: type,
        email: emailOf(fields['data[email]'], 'data[email]'),
        fields: { first_name: textOf(fields['data[merges][FNAME]']), last_name: textOf(fields['data[merges][LNAME]']) },
      };
    case 'campaign':
      return { ...base, kind: 'nothing', email: '' };
    default:
      throw new IntakeProblem('intake.unknown_event', { event: type.slice(0, 40) });
  }
}

const BREVO_KINDS: Record<string, MailerEventKind> = {
  unsubscribed: 'unsubscribe',
  spam: 'unsubscribe',
  hard_bounce: 'cleaned',
  invalid_email: 'cleaned',
  blocked: 'cleaned',
  opened: 'open',
  unique_opened: 'open',
  click: 'click',
  list_addition: 'nothing',
  delivered: 'nothing',
  request: 'nothing',
  soft_bounce: 'nothing',
  deferred: 'nothing',
  proxy_open: 'nothing',
};

export function brevoEventId(fields: Record<string, unknown>): string {
  const event = textOf(fields.event);
  if (!event) throw new IntakeProblem('intake.missing_field', { field: 'event' });
  return `${event}:${fingerprint([event, textOf(fields.email), textOf(fields.camp_id), textOf(fields.ts_event) || textOf(fields.date_event) || textOf(fields.ts) || textOf(fields.date), textOf(fields.URL)].join('\u0000'))}`;
}

export function readBrevoEvent(fields: Record<string, unknown>, now: string): MailerEvent {
  const event = textOf(fields.event);
  const kind = BREVO_KINDS[event];
  if (!kind) throw new IntakeProblem('intake.unknown_event', { event: event.slice(0, 40) });
  const seconds = Number(textOf(fields.ts_event) || textOf(fields.ts));
  const at = Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000).toISOString() : isoOf(textOf(fields.date_event) || textOf(fields.date), now);
  const lists = Array.isArray(fields.list_id) ? fields.list_id.map((l) => textOf(l)).filter(Boolean) : textOf(fields.list_id) ? [textOf(fields.list_id)] : [];
  return {
    platform: 'brevo',
    kind,
    email: kind === 'nothing' ? textOf(fields.email).toLowerCase() : emailOf(fields.email, 'email'),
    reason: event === 'spam' ? 'spam' : event,
    listIds: lists,
    ...(textOf(fields.camp_id) ? { campaignId: textOf(fields.camp_id) } : {}),
    ...(textOf(fields['campaign name']) ? { campaignName: textOf(fields['campaign name']) } : {}),
    ...(textOf(fields.URL) ? { url: textOf(fields.URL) } : {}),
    at,
    what: event,
  };
}
