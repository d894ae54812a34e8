/** What the web app's entry points call of the intake (src/gas/web.ts): in Apps Script, a project file
 *  of its own, read by the calls that need it (scripts/build.mjs, FEATURES). */
export { receiveDelivery, APPLY_INTAKE_JOB, INTAKE_LOCK_MS } from './receive-delivery';
export { applyInbox } from './apply-inbox';
export { pollStripe, STRIPE_JOB } from './stripe-poll';
