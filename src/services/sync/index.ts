export { runSync, SYNC_JOB, SYNC_CONTINUE_JOB, type SyncOutcome } from './sync-run';
export { connectNewsletter, chooseNewsletterList, disconnectNewsletter, newsletterLists, newsletterView, connectedList } from './newsletter-settings';
export { savedConnection } from './connection';
