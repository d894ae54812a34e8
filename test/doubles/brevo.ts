/** A strict stand-in for Brevo's API v3 (https://developers.brevo.com/reference): the `api-key`
 *  header; `{code, message}` errors; `limit` at most 500 for a list's contacts (50 for lists, 100 for
 *  campaigns); `duplicate_parameter` for a contact created twice without `updateEnabled`; 429 past 10
 *  requests a second; imports that never lift a blocklisting. Every attempt to bring back an address
 *  that is blocklisted or left the list is recorded (`resubscribeAttempts`). */
import type { HttpRequest, HttpResponse } from '../../src/ports/http';
import { headerOf, json, listenLoopback } from './loopback';

export interface BrevoContact {
  id: number;
  email: string;
  emailBlacklisted: boolean;
  listIds: number[];
  listUnsubscribed: number[];
  attributes: Record<string, unknown>;
  createdAt: string;
  modifiedAt: string;
}

const error = (status: number, code: string, message: string) => json(status, { code, message });
const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class BrevoDouble {
  readonly contacts: BrevoContact[] = [];
  readonly lists = new Map<number, string>();
  readonly folders = new Map<number, string>([[1, 'Your first folder']]);
  /** Double opt-in templates made in Brevo (by id), and the confirmations sent. */
  readonly doiTemplates = new Set<number>([7]);
  readonly confirmationsSent: { email: string; templateId: number; lists: number[] }[] = [];
  readonly campaigns: { id: number; name: string; sentDate: string; lists: number[] }[] = [];
  readonly requests: string[] = [];
  readonly resubscribeAttempts: string[] = [];
  /** Request times (ms) of the last second, for the rate limit. */
  private recent: number[] = [];
  private seq = 0;
  private process = 0;

  constructor(
    readonly key = 'xkeysib-0123456789abcdef-AbCdEf',
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(id: number, name = 'Newsletter'): this {
    this.lists.set(id, name);
    return this;
  }

  contact(email: string, lists: number[], attributes: Record<string, unknown> = {}, blocked = false): BrevoContact {
    const at = this.now().toISOString();
    const c: BrevoContact = { id: ++this.seq, email: email.toLowerCase(), emailBlacklisted: blocked, listIds: [...lists], listUnsubscribed: [], attributes, createdAt: at, modifiedAt: at };
    this.contacts.push(c);
    return c;
  }

  find(email: string): BrevoContact | undefined {
    return this.contacts.find((c) => c.email === email.toLowerCase());
  }

  block(email: string): void {
    Object.assign(this.find(email)!, { emailBlacklisted: true, modifiedAt: this.now().toISOString() });
  }

  leaveList(email: string, list: number): void {
    const c = this.find(email)!;
    c.listIds = c.listIds.filter((l) => l !== list);
    c.listUnsubscribed.push(list);
    c.modifiedAt = this.now().toISOString();
  }

  service = (request: HttpRequest): HttpResponse => {
    const url = new URL(request.url);
    const path = url.pathname.replace(/^\/v3/, '');
    this.requests.push(`${request.method} ${path}${url.search}`);
    const t = this.now().getTime();
    this.recent = this.recent.filter((r) => t - r < 1000);
    if (this.recent.length >= 10) return error(429, 'too_many_requests', 'The expected rate limit is exceeded.');
    this.recent.push(t);
    if (headerOf(request, 'api-key') !== this.key) return error(401, 'unauthorized', 'Key not found');
    const body = request.body ? (JSON.parse(request.body) as Record<string, any>) : {};
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const offset = Number(url.searchParams.get('offset') ?? 0);
    let m: RegExpExecArray | null;
    if (request.method === 'GET' && path === '/account') return json(200, { email: 'team@example.org', companyName: 'Example' });
    if (request.method === 'GET' && path === '/contacts/lists') {
      if (limit > 50) return error(400, 'out_of_range', 'limit should be between 0 and 50');
      const all = [...this.lists].map(([id, name]) => ({ id, name, uniqueSubscribers: this.contacts.filter((c) => c.listIds.includes(id)).length }));
      return json(200, { lists: all.slice(offset, offset + limit), count: all.length });
    }
    if ((m = /^\/contacts\/lists\/(\d+)\/contacts$/.exec(path)) && request.method === 'GET') {
      const id = Number(m[1]);
      if (!this.lists.has(id)) return error(404, 'document_not_found', 'List ID does not exist');
      if (limit > 500) return error(400, 'out_of_range', 'limit should be between 0 and 500');
      const since = url.searchParams.get('modifiedSince') ?? '';
      const all = this.contacts.filter((c) => (c.listIds.includes(id) || c.listUnsubscribed.includes(id)) && (!since || c.modifiedAt > since));
      return json(200, { contacts: all.slice(offset, offset + limit), count: all.length });
    }
    if (request.method === 'GET' && path === '/contacts/folders') return json(200, { folders: [...this.folders].map(([id, name]) => ({ id, name })), count: this.folders.size });
    if (request.method === 'POST' && path === '/contacts/lists') {
      if (!this.folders.has(Number(body.folderId))) return error(400, 'invalid_parameter', 'folderId: folder not found');
      const name = String(body.name ?? '').trim();
      if (!name) return error(400, 'missing_parameter', 'name is missing');
      const id = Math.max(0, ...this.lists.keys()) + 1;
      this.lists.set(id, name);
      return json(201, { id });
    }
    if ((m = /^\/contacts\/lists\/(\d+)\/contacts\/(add|remove)$/.exec(path)) && request.method === 'POST') {
      const id = Number(m[1]);
      if (!this.lists.has(id)) return error(404, 'document_not_found', 'List ID does not exist');
      const emails = ((body.emails ?? []) as string[]).map((e) => e.toLowerCase());
      if (emails.length > 150) return error(400, 'out_of_range', 'emails: at most 150 contacts at a time');
      const success: string[] = [];
      const failure: string[] = [];
      for (const email of emails) {
        const c = this.find(email);
        if (!c) {
          failure.push(email);
          continue;
        }
        if (m[2] === 'add') {
          if (c.listUnsubscribed.includes(id)) this.resubscribeAttempts.push(email);
          if (!c.listIds.includes(id)) c.listIds.push(id);
        } else c.listIds = c.listIds.filter((l) => l !== id);
        success.push(email);
      }
      return json(201, { contacts: { success, failure } });
    }
    if (request.method === 'POST' && path === '/contacts') {
      const email = String(body.email ?? '').toLowerCase();
      const existing = this.find(email);
      if (existing && !body.updateEnabled) return error(400, 'duplicate_parameter', 'Contact already exist');
      if (!ADDRESS.test(email)) return error(400, 'invalid_parameter', 'Invalid email address');
      const c = existing ?? this.contact(email, []);
      this.apply(c, body);
      return existing ? json(204, undefined) : json(201, { id: c.id });
    }
    if (request.method === 'POST' && path === '/contacts/doubleOptinConfirmation') {
      const email = String(body.email ?? '').toLowerCase();
      if (!ADDRESS.test(email)) return error(400, 'invalid_parameter', 'Invalid email address');
      if (!this.doiTemplates.has(Number(body.templateId))) return error(400, 'invalid_parameter', 'templateId: template not found or not a double opt-in template');
      if (!/^https?:\/\//.test(String(body.redirectionUrl ?? ''))) return error(400, 'missing_parameter', 'redirectionUrl is missing');
      const lists = (body.includeListIds ?? []) as number[];
      if (!lists.length) return error(400, 'missing_parameter', 'includeListIds is missing');
      const c = this.find(email);
      if (c && (c.emailBlacklisted || lists.some((l) => c.listUnsubscribed.includes(l)))) this.resubscribeAttempts.push(email);
      this.confirmationsSent.push({ email, templateId: Number(body.templateId), lists });
      return json(204, undefined);
    }
    if (request.method === 'POST' && path === '/contacts/import') {
      const lists = (body.listIds ?? []) as number[];
      if (!lists.length || lists.some((l) => !this.lists.has(l))) return error(400, 'invalid_parameter', 'listIds: list not found');
      for (const item of (body.jsonBody ?? []) as { email: string; attributes?: Record<string, unknown> }[]) {
        const email = String(item.email ?? '').toLowerCase();
        if (!ADDRESS.test(email)) continue; // Brevo skips an invalid row and reports it by email
        const existing = this.find(email);
        if (existing) {
          for (const l of lists) if (existing.emailBlacklisted || existing.listUnsubscribed.includes(l)) this.resubscribeAttempts.push(email);
          if (body.updateExistingContacts === false) continue;
          existing.attributes = { ...existing.attributes, ...(item.attributes ?? {}) };
          for (const l of lists) if (!existing.listIds.includes(l)) existing.listIds.push(l);
          existing.modifiedAt = this.now().toISOString();
        } else this.contact(email, lists, item.attributes ?? {}, body.emailBlacklist === true);
      }
      return json(202, { processId: ++this.process });
    }
    if ((m = /^\/contacts\/([^/]+)$/.exec(path)) && request.method === 'PUT') {
      const identifier = decodeURIComponent(m[1]);
      const c = this.find(identifier);
      if (!c) return error(404, 'document_not_found', 'Contact does not exist');
      const newEmail = body.attributes?.EMAIL ? String(body.attributes.EMAIL).toLowerCase() : '';
      if (newEmail && newEmail !== c.email && this.find(newEmail)) return error(400, 'duplicate_parameter', 'Unable to update contact, email is already associated with another Contact');
      this.apply(c, body);
      return json(204, undefined);
    }
    if (request.method === 'GET' && path === '/emailCampaigns') {
      if (limit > 100) return error(400, 'out_of_range', 'limit should be between 0 and 100');
      const all = this.campaigns.map((c) => ({ id: c.id, name: c.name, subject: c.name, status: 'sent', sentDate: c.sentDate, recipients: { lists: c.lists } }));
      return json(200, { campaigns: all.slice(offset, offset + limit), count: all.length });
    }
    return error(404, 'document_not_found', 'Not found');
  };

  private apply(c: BrevoContact, body: Record<string, any>): void {
    if (body.emailBlacklisted === false && c.emailBlacklisted) this.resubscribeAttempts.push(c.email);
    if (typeof body.emailBlacklisted === 'boolean') c.emailBlacklisted = body.emailBlacklisted;
    const { EMAIL, ...attributes } = (body.attributes ?? {}) as Record<string, unknown>;
    if (EMAIL) c.email = String(EMAIL).toLowerCase();
    c.attributes = { ...c.attributes, ...attributes };
    for (const l of (body.listIds ?? []) as number[]) {
      if (c.listUnsubscribed.includes(l)) this.resubscribeAttempts.push(c.email);
      if (!c.listIds.includes(l)) c.listIds.push(l);
    }
    c.modifiedAt = this.now().toISOString();
  }

  /** The person clicks the confirmation link: the contact joins the lists. */
  confirm(email: string): void {
    const sent = this.confirmationsSent.find((c) => c.email === email.toLowerCase());
    if (!sent) throw new Error(`no confirmation was sent to ${email}`);
    const c = this.find(email) ?? this.contact(email, []);
    for (const l of sent.lists) if (!c.listIds.includes(l)) c.listIds.push(l);
    c.modifiedAt = this.now().toISOString();
  }

  /** The names of the lists a contact is in. */
  listsOf(email: string): string[] {
    return (this.find(email)?.listIds ?? []).map((l) => this.lists.get(l) ?? String(l)).sort();
  }

  listen() {
    return listenLoopback(this.service);
  }
}
