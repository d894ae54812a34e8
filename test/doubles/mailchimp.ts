/** A strict stand-in for Mailchimp's Marketing API v3, as documented
 *  (https://mailchimp.com/developer/marketing/api/): Basic auth with the API key; problem JSON errors
 *  ({type, title, status, detail}); `count` at most 1,000; batch subscribe at most 500 members; a
 *  member's path is the MD5 of its lower-cased address; "Member Exists" on a second POST; an
 *  unsubscribed or cleaned member is never set back to subscribed ("Member In Compliance State"); an
 *  11th request in flight gets 429. Every attempt to resubscribe an opted-out address is recorded
 *  (`resubscribeAttempts`): the CRM's tests assert that list stays empty. */
import { createHash } from 'node:crypto';
import type { HttpRequest, HttpResponse } from '../../src/ports/http';
import { headerOf, json, listenLoopback } from './loopback';

export interface MailchimpMember {
  id: string;
  contact_id: string;
  email_address: string;
  status: 'subscribed' | 'unsubscribed' | 'cleaned' | 'pending' | 'transactional' | 'archived';
  merge_fields: Record<string, unknown>;
  language: string;
  last_changed: string;
  timestamp_opt: string;
  unsubscribe_reason?: string;
}

interface Activity {
  email: string;
  action: 'open' | 'click' | 'bounce';
  timestamp: string;
  url?: string;
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const problem = (status: number, title: string, detail: string) => json(status, { type: 'https://mailchimp.com/developer/marketing/docs/errors/', title, status, detail, instance: md5(detail) });
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class MailchimpDouble {
  readonly lists = new Map<string, { name: string; members: MailchimpMember[]; mergeFields: Set<string> }>();
  readonly campaigns: { id: string; list_id: string; title: string; send_time: string }[] = [];
  readonly activity = new Map<string, Activity[]>();
  /** Tags (static segments) by list: id, name and member addresses. */
  readonly tags = new Map<string, { id: number; name: string; members: Set<string> }[]>();
  /** Every request, as "METHOD path". */
  readonly requests: string[] = [];
  /** Addresses whose owner had them permanently deleted (GDPR): never added again. */
  readonly forgotten = new Set<string>();
  /** Every attempt to set an unsubscribed or cleaned address back to subscribed. */
  readonly resubscribeAttempts: string[] = [];
  private seq = 0;
  /** Requests answered before this one fails as cut off (to test a sync stopped mid-way). */
  failAfter = Infinity;

  constructor(
    readonly key = '0123456789abcdef0123456789abcdef-us21',
    private readonly now: () => string = () => new Date().toISOString(),
  ) {}

  list(id: string, name = 'Newsletter'): this {
    this.lists.set(id, { name, members: [], mergeFields: new Set(['FNAME', 'LNAME', 'ADDRESS', 'PHONE', 'BIRTHDAY']) });
    return this;
  }

  /** A merge field the audience's owner added (Audience › Settings › Audience fields). */
  mergeField(list: string, tag: string): this {
    this.lists.get(list)!.mergeFields.add(tag);
    return this;
  }

  /** A member as if signed up on Mailchimp's own form. */
  member(list: string, email: string, status: MailchimpMember['status'] = 'subscribed', fields: Record<string, unknown> = {}, language = ''): MailchimpMember {
    const m: MailchimpMember = {
      id: md5(email.toLowerCase()),
      contact_id: `mc${++this.seq}`,
      email_address: email,
      status,
      merge_fields: { FNAME: '', LNAME: '', PHONE: '', BIRTHDAY: '', ...fields },
      language,
      last_changed: this.now(),
      timestamp_opt: this.now(),
    };
    this.lists.get(list)!.members.push(m);
    return m;
  }

  find(list: string, email: string): MailchimpMember | undefined {
    return this.lists.get(list)?.members.find((m) => m.email_address.toLowerCase() === email.toLowerCase());
  }

  /** What a person does on Mailchimp: unsubscribe (reason 'abuse' for a spam report), bounce, change address. */
  unsubscribe(list: string, email: string, reason?: string): void {
    const m = this.find(list, email)!;
    Object.assign(m, { status: 'unsubscribed', last_changed: this.now(), ...(reason ? { unsubscribe_reason: reason } : {}) });
  }

  /** Permanently deleted at the person's request (GDPR): gone from the audience, never re-addable. */
  forget(list: string, email: string): void {
    const l = this.lists.get(list)!;
    l.members = l.members.filter((m) => m.email_address.toLowerCase() !== email.toLowerCase());
    this.forgotten.add(email.toLowerCase());
  }

  /** Archived by the audience's admin (not the person's choice). */
  archive(list: string, email: string): void {
    Object.assign(this.find(list, email)!, { status: 'archived', last_changed: this.now() });
  }

  clean(list: string, email: string): void {
    Object.assign(this.find(list, email)!, { status: 'cleaned', last_changed: this.now() });
  }

  changeEmail(list: string, from: string, to: string): void {
    const m = this.find(list, from)!;
    Object.assign(m, { email_address: to, id: md5(to.toLowerCase()), last_changed: this.now() });
  }

  edit(list: string, email: string, fields: Record<string, unknown>): void {
    const m = this.find(list, email)!;
    m.merge_fields = { ...m.merge_fields, ...fields };
    m.last_changed = this.now();
  }

  campaign(id: string, list: string, title: string, sendTime: string): void {
    this.campaigns.push({ id, list_id: list, title, send_time: sendTime });
  }

  open(campaign: string, email: string, timestamp: string): void {
    this.events(campaign).push({ email, action: 'open', timestamp });
  }

  click(campaign: string, email: string, timestamp: string, url: string): void {
    this.events(campaign).push({ email, action: 'click', timestamp, url });
  }

  private events(campaign: string): Activity[] {
    let list = this.activity.get(campaign);
    if (!list) this.activity.set(campaign, (list = []));
    return list;
  }

  service = (request: HttpRequest, sent: { inFlight: number } = { inFlight: 1 }): HttpResponse => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/3\.0/, '');
    this.requests.push(`${request.method} ${path}${url.search}`);
    if (this.requests.length > this.failAfter) return problem(503, 'Service Unavailable', 'cut off (test)');
    if (sent.inFlight > 10) return problem(429, 'Too Many Requests', 'You have exceeded the limit of 10 simultaneous connections.');
    const auth = headerOf(request, 'authorization');
    const basic = /^Basic (.+)$/.exec(auth);
    const password = basic ? Buffer.from(basic[1], 'base64').toString('utf8').split(':').slice(1).join(':') : '';
    if (password !== this.key) return problem(401, 'API Key Invalid', 'Your API key may be invalid, or you\u2019ve attempted to access the wrong datacenter.');
    const body = request.body ? (JSON.parse(request.body) as Record<string, any>) : {};
    const count = Number(url.searchParams.get('count') ?? 10);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    if (count > 1000) return problem(400, 'Invalid Resource', 'The count parameter may be at most 1000.');
    let m: RegExpExecArray | null;
    if (request.method === 'GET' && path === '/ping') return json(200, { health_status: "Everything's Chimpy!" });
    if (request.method === 'GET' && path === '/lists')
      return json(200, {
        lists: [...this.lists].map(([id, l]) => ({ id, name: l.name, stats: { member_count: l.members.filter((x) => x.status === 'subscribed').length } })),
        total_items: this.lists.size,
      });
    if ((m = /^\/lists\/([^/]+)(\/.*)?$/.exec(path))) {
      const list = this.lists.get(decodeURIComponent(m[1]));
      if (!list) return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
      const rest = m[2] ?? '';
      if (request.method === 'GET' && rest === '/members') {
        const since = url.searchParams.get('since_last_changed');
        const all = list.members.filter((x) => !since || x.last_changed > since);
        return json(200, { members: all.slice(offset, offset + count), total_items: all.length, list_id: m[1] });
      }
      if (request.method === 'POST' && rest === '') return this.batch(list.members, body, list.mergeFields);
      if (request.method === 'POST' && rest === '/members') {
        if (this.find(m[1], String(body.email_address ?? ''))) return problem(400, 'Member Exists', `${body.email_address} is already a list member. Use PUT to insert or update list members.`);
        return this.create(list.members, body, list.mergeFields);
      }
      if (rest === '/segments' || rest.startsWith('/segments/')) return this.segments(m[1], list.members, request.method, rest, body);
      const one = /^\/members\/([^/]+)$/.exec(rest);
      if (one && (request.method === 'PATCH' || request.method === 'PUT')) return this.write(list.members, one[1], body, request.method === 'PUT', list.mergeFields);
      return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
    }
    if (request.method === 'GET' && path === '/campaigns') {
      const since = url.searchParams.get('since_send_time') ?? '';
      const list = url.searchParams.get('list_id');
      const found = this.campaigns.filter((c) => (!list || c.list_id === list) && c.send_time >= since);
      return json(200, {
        campaigns: found.slice(offset, offset + count).map((c) => ({ id: c.id, send_time: c.send_time, settings: { title: c.title, subject_line: c.title } })),
        total_items: found.length,
      });
    }
    if ((m = /^\/reports\/([^/]+)\/email-activity$/.exec(path)) && request.method === 'GET') {
      const since = url.searchParams.get('since') ?? '';
      const events = (this.activity.get(m[1]) ?? []).filter((a) => !since || a.timestamp > since);
      const emails = [...new Set(events.map((e) => e.email))];
      return json(200, {
        emails: emails.slice(offset, offset + count).map((email) => ({
          campaign_id: m![1],
          email_address: email,
          email_id: md5(email.toLowerCase()),
          activity: events.filter((e) => e.email === email).map(({ action, timestamp, url }) => ({ action, timestamp, ...(url ? { url } : {}) })),
        })),
        total_items: emails.length,
      });
    }
    return problem(404, 'Resource Not Found', 'The requested resource could not be found.');
  };

  /** Tags: GET and POST /lists/{id}/segments (static), POST /lists/{id}/segments/{sid} with
   *  members_to_add / members_to_remove, 500 each at most, members of the list only. */
  private segments(list: string, members: MailchimpMember[], method: string, rest: string, body: Record<string, any>): HttpResponse {
    const tags = this.tags.get(list) ?? [];
    this.tags.set(list, tags);
    if (method === 'GET' && rest === '/segments') return json(200, { segments: tags.map((t) => ({ id: t.id, name: t.name, type: 'static', member_count: t.members.size })), total_items: tags.length });
    if (method === 'POST' && rest === '/segments') {
      const name = String(body.name ?? '').trim();
      if (!name || name.length > 100) return problem(400, 'Invalid Resource', 'The segment name must be 1 to 100 characters.');
      if (tags.some((t) => t.name.toLowerCase() === name.toLowerCase())) return problem(400, 'Invalid Resource', 'Sorry, that tag already exists.');
      const tag = { id: 1000 + ++this.seq, name, members: new Set<string>() };
      tags.push(tag);
      return json(200, { id: tag.id, name, type: 'static' });
    }
    const id = Number(/^\/segments\/(\d+)$/.exec(rest)?.[1]);
    const tag = tags.find((t) => t.id === id);
    if (!tag || method !== 'POST') return problem(404, 'Resource Not Found', 'The requested segment was not found.');
    const add = (body.members_to_add ?? []) as string[];
    const remove = (body.members_to_remove ?? []) as string[];
    if (add.length > 500 || remove.length > 500) return problem(400, 'Invalid Resource', 'You can add or remove at most 500 members at a time.');
    const errors: { email_addresses: string[]; error: string }[] = [];
    for (const e of add) {
      if (members.some((x) => x.email_address.toLowerCase() === e.toLowerCase())) tag.members.add(e.toLowerCase());
      else errors.push({ email_addresses: [e], error: 'Email address is not subscribed to the list' });
    }
    for (const e of remove) tag.members.delete(e.toLowerCase());
    return json(200, {
      members_added: add.length - errors.length,
      members_removed: remove.length,
      errors,
      total_added: add.length - errors.length,
      total_removed: remove.length,
      error_count: errors.length,
    });
  }

  /** The tags a member carries. */
  tagsOf(list: string, email: string): string[] {
    return (this.tags.get(list) ?? [])
      .filter((t) => t.members.has(email.toLowerCase()))
      .map((t) => t.name)
      .sort();
  }

  /** A status change the member's standing allows, or the refusal Mailchimp gives. */
  private refuse(member: MailchimpMember, status: unknown): HttpResponse | null {
    if (status === undefined || status === member.status) return null;
    if ((member.status === 'unsubscribed' || member.status === 'cleaned') && status === 'subscribed') {
      this.resubscribeAttempts.push(member.email_address);
      return problem(400, 'Member In Compliance State', `${member.email_address} is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed.`);
    }
    if (member.status === 'cleaned') return problem(400, 'Member In Compliance State', `${member.email_address} was cleaned and cannot be changed.`);
    return null;
  }

  private fields(body: Record<string, any>, known: Set<string>): string | null {
    const unknown = Object.keys(body.merge_fields ?? {}).filter((k) => !known.has(k));
    if (unknown.length) return `Your merge fields were invalid: ${unknown.join(', ')} does not exist in this audience.`;
    const address = body.merge_fields?.ADDRESS;
    if (address !== undefined && address !== '' && (typeof address !== 'object' || !address.addr1 || !address.city || !address.zip)) return 'ADDRESS: Please enter a complete address.';
    const birthday = body.merge_fields?.BIRTHDAY;
    if (birthday !== undefined && birthday !== '' && !/^(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])$/.test(String(birthday))) return 'BIRTHDAY: Please enter the date using the format MM/DD.';
    return null;
  }

  private create(members: MailchimpMember[], body: Record<string, any>, known: Set<string>): HttpResponse {
    const email = String(body.email_address ?? '');
    if (!ADDRESS.test(email)) return problem(400, 'Invalid Resource', `${email} looks fake or invalid, please enter a real email address.`);
    if (this.forgotten.has(email.toLowerCase()))
      return problem(400, 'Forgotten Email Not Subscribed', `${email} was permanently deleted and cannot be re-imported. The contact must re-subscribe to get back on the list.`);
    if (!['subscribed', 'pending', 'unsubscribed', 'cleaned', 'transactional'].includes(String(body.status ?? body.status_if_new)))
      return problem(400, 'Invalid Resource', 'The resource submitted could not be validated: status.');
    const bad = this.fields(body, known);
    if (bad) return problem(400, 'Invalid Resource', bad);
    const m: MailchimpMember = {
      id: md5(email.toLowerCase()),
      contact_id: `mc${++this.seq}`,
      email_address: email,
      status: (body.status ?? body.status_if_new) as MailchimpMember['status'],
      merge_fields: { FNAME: '', LNAME: '', PHONE: '', BIRTHDAY: '', ...(body.merge_fields ?? {}) },
      language: String(body.language ?? ''),
      last_changed: this.now(),
      timestamp_opt: this.now(),
    };
    members.push(m);
    return json(200, m);
  }

  private write(members: MailchimpMember[], hash: string, body: Record<string, any>, upsert: boolean, known: Set<string>): HttpResponse {
    if (!/^[0-9a-f]{32}$/.test(hash)) return problem(400, 'Invalid Resource', 'The subscriber hash must be the MD5 hash of the lowercase version of the list member\u2019s email address.');
    if (upsert && body.email_address && md5(String(body.email_address).toLowerCase()) !== hash) return problem(400, 'Invalid Resource', 'The subscriber hash does not match the email address.');
    const member = members.find((x) => x.id === hash);
    if (!member) return upsert ? this.create(members, body, known) : problem(404, 'Resource Not Found', 'The requested resource could not be found.');
    const refused = this.refuse(member, body.status);
    if (refused) return refused;
    const bad = this.fields(body, known);
    if (bad) return problem(400, 'Invalid Resource', bad);
    if (body.email_address && String(body.email_address).toLowerCase() !== member.email_address.toLowerCase()) {
      if (!ADDRESS.test(String(body.email_address))) return problem(400, 'Invalid Resource', `${body.email_address} looks fake or invalid, please enter a real email address.`);
      if (members.some((x) => x.email_address.toLowerCase() === String(body.email_address).toLowerCase())) return problem(400, 'Member Exists', `${body.email_address} is already a list member.`);
      member.email_address = String(body.email_address);
      member.id = md5(member.email_address.toLowerCase());
    }
    if (body.status) member.status = body.status;
    if (body.merge_fields) member.merge_fields = { ...member.merge_fields, ...body.merge_fields };
    if (body.language !== undefined) member.language = String(body.language);
    member.last_changed = this.now();
    return json(200, member);
  }

  private batch(members: MailchimpMember[], body: Record<string, any>, known: Set<string>): HttpResponse {
    const list = Array.isArray(body.members) ? (body.members as Record<string, any>[]) : [];
    if (list.length > 500) return problem(400, 'Invalid Resource', 'You can only subscribe or update up to 500 members per call.');
    const result = { new_members: [] as MailchimpMember[], updated_members: [] as MailchimpMember[], errors: [] as { email_address: string; error: string; error_code: string }[] };
    for (const item of list) {
      const email = String(item.email_address ?? '');
      const existing = members.find((x) => x.email_address.toLowerCase() === email.toLowerCase());
      if (existing && !body.update_existing) {
        result.errors.push({
          email_address: email,
          error: `${email} is already a list member, do you want to update? please provide update_existing:true in the request body`,
          error_code: 'ERROR_CONTACT_EXISTS',
        });
        continue;
      }
      const answer = existing ? this.write(members, existing.id, item, false, known) : this.create(members, item, known);
      const parsed = JSON.parse(answer.body);
      if (answer.status >= 400) result.errors.push({ email_address: email, error: parsed.detail, error_code: 'ERROR_GENERIC' });
      else (existing ? result.updated_members : result.new_members).push(parsed);
    }
    return json(200, { ...result, total_created: result.new_members.length, total_updated: result.updated_members.length, error_count: result.errors.length });
  }

  listen() {
    return listenLoopback(this.service);
  }
}
