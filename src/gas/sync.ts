import { syncSavedList, SYNC_CONTINUE_JOB } from '../api/sync-actions';
import { gasRuntime, soonRunStarted } from './services';

/** The hourly trigger that choosing a newsletter list makes: the list synced, from its cursor. */
export function hourlyNewsletterSync(): void {
  console.log(`hourlyNewsletterSync: ${JSON.stringify(syncSavedList(gasRuntime({ trigger: true })))}`);
}

/** The one-off trigger a sync cut off at its time budget asks for: it goes on where it stopped. */
export function continueNewsletterSync(): void {
  soonRunStarted(SYNC_CONTINUE_JOB);
  console.log(`continueNewsletterSync: ${JSON.stringify(syncSavedList(gasRuntime({ trigger: true })))}`);
}
