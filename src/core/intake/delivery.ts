import { isEmailAddress } from '../schema/columns';

/** What one delivery from another service asks of the CRM, whatever the service: who the person is,
 *  the gifts and memberships they paid for, refunds of earlier ones, and newsletter consent. Each
 *  source (helloasso.ts, kofi.ts, paypal.ts, form.ts) reads its own payload into this shape; applying
 *  it (src/services/intake) is the same for all. Keys (`key`) are the sender's own ids, so that a
 *  delivery applied twice changes nothing the second time. */
export interface IntakePerson {
  email: string;
  first_name?: string;
  last_name?: string;
  organisation_name?: string;
  phone?: string;
  street?: string;
  postal_code?: string;
  city?: string;
  country?: string;
  birthday?: string;
  language?: string;
}

export interface IntakeGift {
  /** The sender's id of this gift ('helloasso:item:20499', 'kofi:…', 'paypal:txn:…'): Donations.external_id. */
  key: string;
  amount: number;
  currency: string;
  /** YYYY-MM-DD as the sender dated it. */
  date: string;
  method?: string;
  recurring?: boolean;
  fund?: string;
  campaign?: string;
  note?: string;
}

export interface IntakeMembership {
  /** The sender's id of this payment for a membership: Memberships.external_id. */
  key: string;
  level: string;
  amount: number;
  currency: string;
  date: string;
}

/** An earlier gift or membership payment given back: the gift is updated, never a second one added. */
export interface IntakeRefund {
  key: string;
  date: string;
}

export interface IntakeRequest {
  /** Null when the delivery names nobody (a refund alone: the gift knows its contact). */
  person: IntakePerson | null;
  gifts: IntakeGift[];
  memberships: IntakeMembership[];
  refunds: IntakeRefund[];
  /** The person asked for the newsletter (a ticked box): consent with its source and time. */
  newsletter: boolean;
  /** A short line for the contact's history: 'HelloAsso order 20499 (faire un don humanitaire)'. */
  subject: string;
  /** Set when the delivery is sound but asks for nothing (a payment still pending, a form published):
   *  it is kept in the Inbox as ignored, with this reason (a dictionary key). */
  nothingToDo?: string;
}

/** A delivery that cannot be applied as it is: the key of its message (intake.* in the dictionaries)
 *  and what to fill in. Kept in the Inbox with the delivery, for an admin to see. */
export class IntakeProblem extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
    /** Worth trying again later (what it needs may arrive: the order a refund is about, PayPal
     *  answering again): the delivery stays queued for some days, then fails. */
    readonly retry = false,
  ) {
    super(key);
  }
}

/** An amount in cents as senders count them (HelloAsso): 2000 → 20. */
export function fromCents(cents: unknown, what: string): number {
  const n = typeof cents === 'number' ? cents : typeof cents === 'string' && /^\d+$/.test(cents.trim()) ? Number(cents) : NaN;
  if (!Number.isInteger(n) || n < 0) throw new IntakeProblem('intake.bad_amount', { field: what, value: String(cents ?? '') });
  return n / 100;
}

/** An amount written as text with a dot ('3.00', '12.5'), as Ko-fi and PayPal send them. */
export function decimalAmount(text: unknown, what: string): number {
  const t = String(text ?? '').trim();
  if (!/^-?\d+(\.\d+)?$/.test(t)) throw new IntakeProblem('intake.bad_amount', { field: what, value: t });
  return Math.round(Number(t) * 100) / 100;
}

/** The calendar day a sender's timestamp names, as written there ('2024-06-07T14:11:15+02:00' →
 *  '2024-06-07'): the day the person paid, in their own time. */
export function dayOf(stamp: unknown, what: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(String(stamp ?? '').trim());
  if (!m) throw new IntakeProblem('intake.bad_date', { field: what, value: String(stamp ?? '') });
  return m[1];
}

/** Text from a payload field: trimmed, '' when absent or not text. */
export function textOf(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/** A plain object, or null. */
export function objectOf(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** The email the delivery names, checked: a delivery with a person needs one. */
export function emailOf(value: unknown, what: string): string {
  const email = textOf(value).toLowerCase();
  if (!email) throw new IntakeProblem('intake.no_email', { field: what });
  if (!isEmailAddress(email)) throw new IntakeProblem('intake.bad_email', { field: what, value: email.slice(0, 200) });
  return email;
}

/** A field holding JSON inside a form post (Ko-fi's `data`). */
export function readJsonField(fields: Record<string, unknown>, name: string): Record<string, unknown> {
  const text = fields[name];
  if (typeof text !== 'string' || !text.trim()) throw new IntakeProblem('intake.missing_field', { field: name });
  try {
    const value = JSON.parse(text) as unknown;
    const object = objectOf(value);
    if (object) return object;
  } catch {
    // said below
  }
  throw new IntakeProblem('intake.broken_json', { details: name });
}
