import * as z from 'zod/mini';
import { defineAction } from './action';
import { webAddress } from './web-address';
import { applyInbox } from '../services/intake/apply-inbox';
import { inboxPage, retryDelivery } from '../services/intake/inbox-list';
import { intakeToken, koFiToken, rotateIntakeToken, setKoFiToken } from '../services/intake/intake-token';
import { APPLY_AFTER_MS, APPLY_INTAKE_JOB } from '../services/intake/receive-delivery';
import { INBOX_STATUSES } from '../core/schema/tables';
import { INTAKE_SOURCES } from '../core/intake/sources';
import { setPayPalChecking, takesPayPalSandbox } from '../services/intake/paypal-check';
import { maskedKey, pollStripe, setStripeKey, stripeKey } from '../services/intake/stripe-poll';
import { webAppUrl } from '../services/mail/unsubscribe';

/** An execution's time for applying, within Google's 6 minutes. */
const APPLY_DEADLINE_MS = 4 * 60 * 1000;

/** Deliveries from other services, for admins: the Inbox, its secrets, and applying it now. */
export const INTAKE_ACTIONS = {
  inbox: defineAction({
    access: 'admin',
    mutates: false,
    input: () =>
      z.optional(
        z.strictObject({
          status: z.optional(z.union([z.literal(''), z.enum(INBOX_STATUSES)])),
          offset: z.optional(z.number().check(z.int(), z.minimum(0))),
          limit: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(200))),
        }),
      ),
    run: ({ workbook }, input) => inboxPage(workbook, input?.status ?? '', input?.offset ?? 0, input?.limit ?? 50),
  }),

  retryDelivery: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'intake.retry',
    input: () => z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(100)) }),
    run: ({ workbook, runtime }, input) => {
      const item = retryDelivery(workbook, input.id);
      runtime.scheduler.runSoon(APPLY_INTAKE_JOB, APPLY_AFTER_MS);
      return item;
    },
  }),

  /** Applies the queued deliveries now (the trigger does it a minute after each; the nightly too).
   *  Each delivery takes the lock and commits on its own. */
  applyInbox: defineAction({
    access: 'admin',
    mutates: true,
    locksItself: true,
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime }) => applyInbox(runtime, { deadlineMs: APPLY_DEADLINE_MS }),
  }),

  /** The intake's address pieces: the token every sender's URL carries, the sources, and whether
   *  Ko-fi's verification token is set. Secrets, for admins only. */
  intakeSettings: defineAction({
    access: 'admin',
    mutates: false,
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime }) => ({
      token: intakeToken(runtime.properties, runtime.secrets),
      sources: [...INTAKE_SOURCES],
      kofi_token_set: koFiToken(runtime.properties) !== '',
      stripe_key: maskedKey(stripeKey(runtime)),
      web_app_url: webAppUrl(runtime),
      paypal_sandbox: takesPayPalSandbox(runtime.properties),
    }),
  }),

  rotateIntakeToken: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'intake.rotate_token',
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime, workbook }) => {
      workbook.auditOutside('intake token', { rotated: true });
      return { token: rotateIntakeToken(runtime.properties, runtime.secrets) };
    },
  }),

  /** PayPal's sandbox (test) messages taken or not; where messages are checked (a test double, or ''
   *  for PayPal's own address). */
  setPayPalChecking: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'intake.paypal',
    input: () => z.strictObject({ sandbox: z.optional(z.boolean()), verify_url: z.optional(z.union([z.literal(''), webAddress()])) }),
    run: ({ runtime, workbook }, input) => {
      setPayPalChecking(runtime.properties, { sandbox: input.sandbox, verifyUrl: input.verify_url });
      workbook.auditOutside('paypal checking', { sandbox: takesPayPalSandbox(runtime.properties), ...(input.verify_url !== undefined ? { verify_url: input.verify_url } : {}) });
      return { sandbox: takesPayPalSandbox(runtime.properties) };
    },
  }),

  /** Connects Stripe (the key checked with Stripe first) or, with '', disconnects it. */
  setStripeKey: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'intake.stripe_key',
    input: () => z.strictObject({ key: z.string().check(z.maxLength(300)), api_url: z.optional(z.union([z.literal(''), webAddress()])) }),
    run: ({ runtime, workbook }, input) => {
      const answer = setStripeKey(runtime, input.key, input.api_url);
      workbook.auditOutside('stripe key', answer);
      return answer;
    },
  }),

  /** Asks Stripe for its new events now (the hourly trigger, `pollStripe`, does it too). */
  askStripe: defineAction({
    access: 'admin',
    mutates: true,
    locksItself: true,
    input: () => z.optional(z.strictObject({})),
    run: ({ runtime }) => pollStripe(runtime),
  }),

  setKoFiToken: defineAction({
    access: 'admin',
    mutates: true,
    audit: 'intake.kofi_token',
    input: () => z.strictObject({ token: z.string().check(z.maxLength(200)) }),
    run: ({ runtime, workbook }, input) => {
      setKoFiToken(runtime.properties, input.token);
      workbook.auditOutside('ko-fi token', { set: input.token.trim() !== '' });
      return { kofi_token_set: input.token.trim() !== '' };
    },
  }),
};
