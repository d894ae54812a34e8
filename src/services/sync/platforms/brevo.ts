/** Brevo's API v3 (https://developers.brevo.com/reference), as the sync uses it: a list's contacts
 *  read 500 a page (its limit for a list) since a time (`modifiedSince`); new contacts in one import
 *  (POST /contacts/import, which never lifts a blocklisting; the older /contacts/batch is retired);
 *  changes and unsubscribes one PUT each; at most 10 requests a second. Errors are `{code, message}`.
 *  The sync never sends `emailBlacklisted: false`: Brevo would let an API clear its blocklist. */
import type { Clock } from '../../../ports/clock';
import type { Http, HttpRequest, HttpResponse } from '../../../ports/http';
import { jsonOf, jsonRequest, refusal, Rest, text } from './rest';
import { platformFields } from './platform';
import type { Campaign, FieldLink, LabelChange, MemberChange, MemberResult, NewMember, NewsletterPlatform, Page, PlatformList, PlatformMember, SyncedValues } from './platform';

export const BREVO_API = 'https://api.brevo.com/v3';
export const BREVO_PAGE = 500;
export const BREVO_PER_SECOND = 10;
/** Contacts per import call (its JSON body stays far below Brevo's 10 MB). */
export const BREVO_IMPORT = 1000;
/** Contacts added to or removed from a list in one call, Brevo's limit. */
export const BREVO_LIST_BATCH = 150;

export interface BrevoConfirmation {
  templateId: number;
  redirectUrl: string;
}

/** Extra attributes a connection maps at most. */
export const BREVO_EXTRA_ATTRIBUTES = 50;

function attributesOf(fields: SyncedValues, extras: readonly FieldLink[], newEmail?: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (fields.first_name !== undefined) out.FIRSTNAME = fields.first_name;
  if (fields.last_name !== undefined) out.LASTNAME = fields.last_name;
  for (const e of extras) if (fields[e.crm] !== undefined) out[e.platform] = fields[e.crm];
  if (newEmail) out.EMAIL = newEmail;
  return out;
}

export class Brevo implements NewsletterPlatform {
  readonly name = 'brevo' as const;
  private readonly rest: Rest;
  private readonly base: string;

  readonly fields: readonly string[];

  constructor(
    http: Http,
    clock: Clock,
    private readonly key: string,
    baseUrl?: string,
    private readonly extras: readonly FieldLink[] = [],
    /** Brevo's double opt-in: the confirmation template (its id in Brevo) and where the link leads. */
    private readonly confirmation?: BrevoConfirmation,
  ) {
    this.fields = platformFields('brevo', extras);
    this.base = (baseUrl || BREVO_API).replace(/\/+$/, '');
    this.rest = new Rest(http, clock, { inFlight: BREVO_PER_SECOND, perSecond: BREVO_PER_SECOND }, 'Brevo');
  }

  get calls(): number {
    return this.rest.calls;
  }

  private request(method: HttpRequest['method'], path: string, body?: unknown): HttpRequest {
    return jsonRequest(method, `${this.base}${path}`, { 'api-key': this.key.trim(), Accept: 'application/json' }, body);
  }

  private static problem(answer: HttpResponse): string {
    const json = jsonOf(answer);
    return [text(json.code), text(json.message)].filter(Boolean).join(': ').slice(0, 300) || `HTTP ${answer.status}`;
  }

  private read(answer: HttpResponse): Record<string, unknown> {
    if (answer.status < 400) return jsonOf(answer);
    return refusal('Brevo', answer.status, Brevo.problem(answer));
  }

  private get(path: string): Record<string, unknown> {
    return this.read(this.rest.one(this.request('GET', path)));
  }

  ping(): void {
    this.get('/account');
  }

  lists(): PlatformList[] {
    const lists: PlatformList[] = [];
    for (let offset = 0; ; offset += 50) {
      const json = this.get(`/contacts/lists?limit=50&offset=${offset}`);
      const page = (json.lists ?? []) as Record<string, unknown>[];
      for (const l of page) lists.push({ id: text(l.id), name: text(l.name), members: Number(l.uniqueSubscribers ?? l.totalSubscribers ?? 0) });
      if (page.length < 50 || lists.length >= Number(json.count ?? 0)) return lists;
    }
  }

  members(list: string, since: string, offset: number): Page<PlatformMember> {
    const json = this.get(`/contacts/lists/${encodeURIComponent(list)}/contacts?limit=${BREVO_PAGE}&offset=${offset}${since ? `&modifiedSince=${encodeURIComponent(since)}` : ''}`);
    const contacts = (json.contacts ?? []) as Record<string, unknown>[];
    const total = Number(json.count ?? contacts.length);
    return {
      items: contacts.map((c) => {
        const attributes = (c.attributes ?? {}) as Record<string, unknown>;
        const leftList = Array.isArray(c.listUnsubscribed) && c.listUnsubscribed.map(String).includes(String(list));
        const blocked = c.emailBlacklisted === true;
        return {
          remoteId: text(c.id),
          email: text(c.email),
          status: blocked || leftList ? ('unsubscribed' as const) : ('subscribed' as const),
          ...(blocked ? { reason: 'blocklisted' } : leftList ? { reason: 'unsubscribed from the list' } : {}),
          fields: { first_name: text(attributes.FIRSTNAME), last_name: text(attributes.LASTNAME), ...Object.fromEntries(this.extras.map((e) => [e.crm, text(attributes[e.platform])])) },
          changedAt: text(c.modifiedAt),
        };
      }),
      next: offset + contacts.length < total && contacts.length ? offset + contacts.length : null,
      total,
    };
  }

  /** An import into the list; a contact Brevo already has is left as it is. A pending member (double
   *  opt-in) gets Brevo's confirmation email with the template an admin chose, and joins the list when
   *  they confirm; without a template they are reported, not added. */
  add(list: string, members: NewMember[]): MemberResult[] {
    const pending = members.filter((m) => m.status === 'pending');
    const confirmation = this.confirmation;
    const results: MemberResult[] = confirmation
      ? this.each(
          pending.map((m) =>
            this.request('POST', '/contacts/doubleOptinConfirmation', {
              email: m.email,
              attributes: attributesOf(m.fields, this.extras),
              includeListIds: [Number(list)],
              templateId: confirmation.templateId,
              redirectionUrl: confirmation.redirectUrl,
            }),
          ),
          pending.map((m) => m.email),
        )
      : pending.map((m) => ({ email: m.email, ok: false, error: 'double opt-in: choose the confirmation template in the Newsletter tab' }));
    const subscribed = members.filter((m) => m.status === 'subscribed');
    const requests: HttpRequest[] = [];
    for (let k = 0; k < subscribed.length; k += BREVO_IMPORT)
      requests.push(
        this.request('POST', '/contacts/import', {
          listIds: [Number(list)],
          jsonBody: subscribed.slice(k, k + BREVO_IMPORT).map((m) => ({ email: m.email, attributes: attributesOf(m.fields, this.extras) })),
          updateExistingContacts: false,
          emptyContactsAttributes: false,
          disableNotification: true,
        }),
      );
    this.rest.all(requests).forEach((answer, k) => {
      const chunk = subscribed.slice(k * BREVO_IMPORT, (k + 1) * BREVO_IMPORT);
      const error = answer.status < 400 ? '' : Brevo.problem(answer);
      for (const m of chunk) results.push(error ? { email: m.email, ok: false, error } : { email: m.email, ok: true });
    });
    return results;
  }

  private each(requests: HttpRequest[], emails: string[]): MemberResult[] {
    return this.rest.all(requests).map((answer, k) => (answer.status < 400 ? { email: emails[k], ok: true } : { email: emails[k], ok: false, error: Brevo.problem(answer) }));
  }

  change(_list: string, changes: MemberChange[]): MemberResult[] {
    return this.each(
      changes.map((c) => this.request('PUT', `/contacts/${encodeURIComponent(c.email)}?identifierType=email_id`, { attributes: attributesOf(c.fields, this.extras, c.newEmail) })),
      changes.map((c) => c.email),
    );
  }

  unsubscribe(_list: string, emails: string[]): MemberResult[] {
    return this.each(
      emails.map((email) => this.request('PUT', `/contacts/${encodeURIComponent(email)}?identifierType=email_id`, { emailBlacklisted: true })),
      emails,
    );
  }

  /** A CRM tag or segment is a Brevo list of the same name (made in the first folder when missing);
   *  contacts are added and removed 150 at a time, Brevo's limit. Adding to a list never lifts a
   *  blocklisting. */
  label(_list: string, changes: LabelChange[]): { label: string; error: string }[] {
    if (!changes.length) return [];
    const known = new Map(this.lists().map((l) => [l.name.toLowerCase(), l.id]));
    const failed: { label: string; error: string }[] = [];
    let folder = '';
    const requests: { label: string; request: HttpRequest }[] = [];
    for (const change of changes) {
      let id = known.get(change.label.toLowerCase());
      if (!id) {
        if (!folder) {
          const folders = (this.get('/contacts/folders?limit=10&offset=0').folders ?? []) as Record<string, unknown>[];
          folder = folders.length ? text(folders[0].id) : text(this.read(this.rest.one(this.request('POST', '/contacts/folders', { name: 'CRM' }))).id);
        }
        const made = this.rest.one(this.request('POST', '/contacts/lists', { name: change.label, folderId: Number(folder) }));
        if (made.status >= 400) {
          failed.push({ label: change.label, error: Brevo.problem(made) });
          continue;
        }
        id = text(jsonOf(made).id);
        known.set(change.label.toLowerCase(), id);
      }
      for (let k = 0; k < change.add.length; k += BREVO_LIST_BATCH)
        requests.push({ label: change.label, request: this.request('POST', `/contacts/lists/${id}/contacts/add`, { emails: change.add.slice(k, k + BREVO_LIST_BATCH) }) });
      for (let k = 0; k < change.remove.length; k += BREVO_LIST_BATCH)
        requests.push({ label: change.label, request: this.request('POST', `/contacts/lists/${id}/contacts/remove`, { emails: change.remove.slice(k, k + BREVO_LIST_BATCH) }) });
    }
    this.rest.all(requests.map((r) => r.request)).forEach((answer, k) => {
      if (answer.status >= 400) failed.push({ label: requests[k].label, error: Brevo.problem(answer) });
    });
    return failed;
  }

  campaigns(list: string, since: string): Campaign[] {
    const found: Campaign[] = [];
    for (let offset = 0; ; offset += 100) {
      const json = this.get(`/emailCampaigns?type=classic&status=sent&limit=100&offset=${offset}&sort=desc`);
      const page = (json.campaigns ?? []) as Record<string, unknown>[];
      let older = false;
      for (const c of page) {
        const sentAt = text(c.sentDate) || text(c.scheduledAt);
        if (since && sentAt && sentAt < since) older = true;
        const lists = ((c.recipients as { lists?: unknown[] } | undefined)?.lists ?? []).map(String);
        if (lists.includes(String(list)) && (!since || sentAt >= since)) found.push({ id: text(c.id), name: text(c.name) || text(c.subject), sentAt });
      }
      if (older || page.length < 100) return found;
    }
  }
}
