/** Mailchimp's Marketing API (https://mailchimp.com/developer/marketing/api/), as the sync uses it:
 *  members read 1,000 a page (`count` at most 1,000) since a time (`since_last_changed`); new members
 *  and unsubscribes in batches of at most 500 (POST /lists/{id}, never `/batches`, whose results come
 *  back later and out of order); other changes one PATCH each, at most 10 in flight; campaigns and
 *  their email activity gathered per recipient. The key's `-us21` suffix names the data centre.
 *  Errors are problem JSON, read by `title` and `detail`. */
import type { Clock } from '../../../ports/clock';
import type { Http, HttpRequest, HttpResponse } from '../../../ports/http';
import { subscriberHash } from '../../../core/md5';
import { toBase64 } from '../../../core/base64';
import { utf8 } from '../../../core/sha256';
import { UserError } from '../../../store/errors';
import { jsonOf, jsonRequest, refusal, Rest, text } from './rest';
import type {
  Campaign,
  Engagement,
  FieldLink,
  LabelChange,
  MemberChange,
  MemberResult,
  NewMember,
  NewsletterPlatform,
  Page,
  PlatformList,
  PlatformMember,
  PlatformStatus,
  SyncedValues,
} from './platform';
import { platformFields } from './platform';

export const MAILCHIMP_PAGE = 1000;
export const MAILCHIMP_BATCH = 500;
export const MAILCHIMP_IN_FLIGHT = 10;

/** Mailchimp's words for an address whose owner had it permanently deleted (GDPR): it cannot be added
 *  again ("Forgotten Email Not Subscribed"). */
const ERASED = /forgotten email|permanently deleted/i;

/** `abc123-us21` → https://us21.api.mailchimp.com/3.0 */
export function mailchimpBase(key: string): string {
  const dc = /-([a-z]+\d+)$/.exec(key.trim())?.[1];
  if (!dc) throw new UserError('invalid', 'sync.error.mailchimp_key_form', { field: 'key' });
  return `https://${dc}.api.mailchimp.com/3.0`;
}

const STATUSES: Record<string, PlatformStatus> = {
  subscribed: 'subscribed',
  pending: 'pending',
  unsubscribed: 'unsubscribed',
  cleaned: 'cleaned',
  transactional: 'transactional',
  archived: 'archived',
};

/** MM/DD (Mailchimp's birthday) ↔ the CRM's birthday, whose year Mailchimp does not keep. */
export function toMonthDay(birthday: string): string {
  const m = /^(?:\d{4}|-)-(\d{2})-(\d{2})/.exec(birthday.trim());
  return m ? `${m[1]}/${m[2]}` : '';
}

/** Merge fields an audience holds at most (its 5 default ones included). */
export const MAILCHIMP_MERGE_FIELDS = 30;

function fieldsOf(member: Record<string, unknown>, extras: readonly FieldLink[]): SyncedValues {
  const merge = (member.merge_fields ?? {}) as Record<string, unknown>;
  const birthday = /^(\d{2})\/(\d{2})$/.exec(text(merge.BIRTHDAY));
  const address = (merge.ADDRESS && typeof merge.ADDRESS === 'object' ? merge.ADDRESS : {}) as Record<string, unknown>;
  const values: SyncedValues = {
    first_name: text(merge.FNAME),
    last_name: text(merge.LNAME),
    phone: text(merge.PHONE),
    birthday: birthday ? `--${birthday[1]}-${birthday[2]}` : '',
    language: text(member.language),
    address: [[text(address.addr1), text(address.addr2)].filter(Boolean).join(', '), text(address.zip), text(address.city), text(address.state), text(address.country)].join('\n').replace(/\n+$/, ''),
  };
  for (const e of extras) values[e.crm] = text(merge[e.platform]);
  return values;
}

function mergeFields(fields: SyncedValues, extras: readonly FieldLink[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (fields.first_name !== undefined) out.FNAME = fields.first_name;
  if (fields.last_name !== undefined) out.LNAME = fields.last_name;
  if (fields.phone !== undefined) out.PHONE = fields.phone;
  if (fields.birthday !== undefined) out.BIRTHDAY = toMonthDay(fields.birthday);
  if (fields.address) {
    // Mailchimp takes an address only whole: a street, a city and a postal code at least.
    const [street = '', zip = '', city = '', state = '', country = ''] = fields.address.split('\n');
    if (street && zip && city) out.ADDRESS = { addr1: street, addr2: '', city, state, zip, country };
  }
  for (const e of extras) if (fields[e.crm] !== undefined) out[e.platform] = fields[e.crm];
  return out;
}

function bodyOf(fields: SyncedValues, extras: readonly FieldLink[]): Record<string, unknown> {
  const merge = mergeFields(fields, extras);
  return { ...(Object.keys(merge).length ? { merge_fields: merge } : {}), ...(fields.language ? { language: fields.language } : {}) };
}

export class Mailchimp implements NewsletterPlatform {
  readonly name = 'mailchimp' as const;
  private readonly rest: Rest;
  private readonly base: string;
  private readonly auth: string;

  readonly fields: readonly string[];

  constructor(
    http: Http,
    clock: Clock,
    key: string,
    baseUrl?: string,
    private readonly extras: readonly FieldLink[] = [],
  ) {
    this.fields = platformFields('mailchimp', extras);
    this.base = (baseUrl || mailchimpBase(key)).replace(/\/+$/, '');
    this.auth = `Basic ${toBase64(utf8(`crm:${key.trim()}`))}`;
    this.rest = new Rest(http, clock, { inFlight: MAILCHIMP_IN_FLIGHT, perSecond: 0 }, 'Mailchimp');
  }

  get calls(): number {
    return this.rest.calls;
  }

  private request(method: HttpRequest['method'], path: string, body?: unknown): HttpRequest {
    return jsonRequest(method, `${this.base}${path}`, { Authorization: this.auth }, body);
  }

  /** The answer's JSON; a refusal as a UserError in the person's language with Mailchimp's words. */
  private read(answer: HttpResponse): Record<string, unknown> {
    const json = jsonOf(answer);
    if (answer.status < 400) return json;
    return refusal('Mailchimp', answer.status, [text(json.title), text(json.detail)].filter(Boolean).join(': ').slice(0, 300) || `HTTP ${answer.status}`);
  }

  private get(path: string): Record<string, unknown> {
    return this.read(this.rest.one(this.request('GET', path)));
  }

  ping(): void {
    this.get('/ping');
  }

  lists(): PlatformList[] {
    const json = this.get('/lists?count=1000&fields=lists.id,lists.name,lists.stats.member_count,total_items');
    return ((json.lists ?? []) as Record<string, unknown>[]).map((l) => ({ id: text(l.id), name: text(l.name), members: Number((l.stats as { member_count?: number })?.member_count ?? 0) }));
  }

  members(list: string, since: string, offset: number): Page<PlatformMember> {
    const query = `count=${MAILCHIMP_PAGE}&offset=${offset}${since ? `&since_last_changed=${encodeURIComponent(since)}` : ''}`;
    const json = this.get(`/lists/${encodeURIComponent(list)}/members?${query}`);
    const members = (json.members ?? []) as Record<string, unknown>[];
    const total = Number(json.total_items ?? members.length);
    return {
      items: members.map((m) => ({
        remoteId: text(m.contact_id) || text(m.unique_email_id) || text(m.id),
        email: text(m.email_address),
        status: STATUSES[text(m.status)] ?? 'unsubscribed',
        ...(m.unsubscribe_reason ? { reason: text(m.unsubscribe_reason) } : {}),
        fields: fieldsOf(m, this.extras),
        changedAt: text(m.last_changed),
        ...(m.timestamp_opt ? { optedInAt: text(m.timestamp_opt) } : {}),
      })),
      next: offset + members.length < total && members.length ? offset + members.length : null,
      total,
    };
  }

  /** Batch subscribe, update_existing false: a member Mailchimp already has is left as it is. */
  private batch(list: string, members: Record<string, unknown>[], updateExisting: boolean): MemberResult[] {
    const results: MemberResult[] = [];
    const requests: HttpRequest[] = [];
    for (let k = 0; k < members.length; k += MAILCHIMP_BATCH)
      requests.push(this.request('POST', `/lists/${encodeURIComponent(list)}`, { members: members.slice(k, k + MAILCHIMP_BATCH), update_existing: updateExisting }));
    this.rest.all(requests).forEach((answer) => {
      const json = this.read(answer);
      for (const m of [...((json.new_members ?? []) as Record<string, unknown>[]), ...((json.updated_members ?? []) as Record<string, unknown>[])])
        results.push({ email: text(m.email_address), ok: true, remoteId: text(m.contact_id) || text(m.unique_email_id) || text(m.id) });
      for (const e of (json.errors ?? []) as Record<string, unknown>[]) {
        const error = text(e.error) || text(e.error_code);
        results.push({ email: text(e.email_address), ok: false, error, ...(ERASED.test(error) ? { erased: true } : {}) });
      }
    });
    return results;
  }

  add(list: string, members: NewMember[]): MemberResult[] {
    return this.batch(
      list,
      members.map((m) => ({ email_address: m.email, status: m.status, ...bodyOf(m.fields, this.extras) })),
      false,
    );
  }

  change(list: string, changes: MemberChange[]): MemberResult[] {
    const answers = this.rest.all(
      changes.map((c) =>
        this.request('PATCH', `/lists/${encodeURIComponent(list)}/members/${subscriberHash(c.email)}`, { ...(c.newEmail ? { email_address: c.newEmail } : {}), ...bodyOf(c.fields, this.extras) }),
      ),
    );
    return answers.map((answer, k) => {
      if (answer.status < 400) {
        const json = jsonOf(answer);
        return { email: changes[k].email, ok: true, remoteId: text(json.contact_id) || text(json.unique_email_id) };
      }
      const json = jsonOf(answer);
      const error = [text(json.title), text(json.detail)].filter(Boolean).join(': ') || `HTTP ${answer.status}`;
      return { email: changes[k].email, ok: false, error, ...(ERASED.test(error) ? { erased: true } : answer.status === 404 ? { gone: true } : {}) };
    });
  }

  unsubscribe(list: string, emails: string[]): MemberResult[] {
    return this.batch(
      list,
      emails.map((email) => ({ email_address: email, status: 'unsubscribed' })),
      true,
    );
  }

  /** Tags are Mailchimp's static segments: found by name (made when missing), then members added and
   *  removed 500 at a time (POST /lists/{id}/segments/{segment_id}). */
  label(list: string, changes: LabelChange[]): { label: string; error: string }[] {
    if (!changes.length) return [];
    const base = `/lists/${encodeURIComponent(list)}/segments`;
    const known = new Map(
      ((this.get(`${base}?type=static&count=1000&fields=segments.id,segments.name`).segments ?? []) as Record<string, unknown>[]).map((t) => [text(t.name).toLowerCase(), text(t.id)]),
    );
    const failed: { label: string; error: string }[] = [];
    const requests: { label: string; request: HttpRequest }[] = [];
    for (const change of changes) {
      let id = known.get(change.label.toLowerCase());
      if (!id) {
        const made = this.rest.one(this.request('POST', base, { name: change.label, static_segment: [] }));
        if (made.status >= 400) {
          failed.push({ label: change.label, error: text(jsonOf(made).detail) || `HTTP ${made.status}` });
          continue;
        }
        id = text(jsonOf(made).id);
        known.set(change.label.toLowerCase(), id);
      }
      for (let k = 0; k < Math.max(change.add.length, change.remove.length); k += MAILCHIMP_BATCH)
        requests.push({
          label: change.label,
          request: this.request('POST', `${base}/${id}`, { members_to_add: change.add.slice(k, k + MAILCHIMP_BATCH), members_to_remove: change.remove.slice(k, k + MAILCHIMP_BATCH) }),
        });
    }
    this.rest.all(requests.map((r) => r.request)).forEach((answer, k) => {
      if (answer.status >= 400) failed.push({ label: requests[k].label, error: text(jsonOf(answer).detail) || `HTTP ${answer.status}` });
    });
    return failed;
  }

  campaigns(list: string, since: string): Campaign[] {
    const json = this.get(
      `/campaigns?count=1000&status=sent&list_id=${encodeURIComponent(list)}${since ? `&since_send_time=${encodeURIComponent(since)}` : ''}&fields=campaigns.id,campaigns.settings.title,campaigns.settings.subject_line,campaigns.send_time`,
    );
    return ((json.campaigns ?? []) as Record<string, unknown>[]).map((c) => {
      const settings = (c.settings ?? {}) as Record<string, unknown>;
      return { id: text(c.id), name: text(settings.title) || text(settings.subject_line) || text(c.id), sentAt: text(c.send_time) };
    });
  }

  engagement(campaign: Campaign, since: string, offset: number): Page<Engagement> {
    const json = this.get(`/reports/${encodeURIComponent(campaign.id)}/email-activity?count=${MAILCHIMP_PAGE}&offset=${offset}${since ? `&since=${encodeURIComponent(since)}` : ''}`);
    const emails = (json.emails ?? []) as Record<string, unknown>[];
    const total = Number(json.total_items ?? emails.length);
    const items: Engagement[] = [];
    for (const e of emails) {
      const row: Engagement = { email: text(e.email_address), opens: 0, clicks: 0, firstAt: '', lastAt: '', links: [] };
      for (const a of (e.activity ?? []) as Record<string, unknown>[]) {
        const action = text(a.action);
        if (action !== 'open' && action !== 'click') continue;
        if (action === 'open') row.opens++;
        else {
          row.clicks++;
          const url = text(a.url);
          if (url && !row.links.includes(url)) row.links.push(url);
        }
        const at = text(a.timestamp);
        if (at && (!row.firstAt || at < row.firstAt)) row.firstAt = at;
        if (at && at > row.lastAt) row.lastAt = at;
      }
      if (row.opens || row.clicks) items.push(row);
    }
    return { items, next: offset + emails.length < total && emails.length ? offset + emails.length : null, total };
  }
}
