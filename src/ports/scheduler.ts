/** Recurring work (statuses recomputed every night, later syncs). In Google: time-driven triggers,
 *  which an add-on may run at most hourly and of which a user may own 20, so each job has exactly one
 *  trigger, made once. Locally: the server runs the job when it starts and every day after. */
export interface Scheduler {
  /** Makes sure `job` (the name of a top-level function) runs once a day around `hour` (0–23, in the
   *  spreadsheet's time zone). Returns true when it had to create the trigger. A job has one owner per
   *  spreadsheet: another person's trigger is left alone, unless `takeOver` (its owner is no longer an
   *  active admin), when this person's trigger replaces it. */
  ensureDaily(job: string, hour: number, takeOver?: boolean): boolean;
  /** Makes sure `job` runs every hour (the most often an add-on's trigger may run). */
  ensureHourly(job: string): boolean;
  /** Who owns `job`'s trigger (lower case), or '' when nobody does or owners are not kept (locally). */
  ownerOf(job: string): string;
  /** Makes sure `job` runs when the spreadsheet's structure is changed by hand (rows or columns
   *  inserted or deleted, sheets added or removed, a sort): what the simple onEdit trigger never sees.
   *  Locally nothing but the CRM changes the workbook, so the job is only recorded. */
  ensureOnChange(job: string, takeOver?: boolean): boolean;
  /** Makes sure `job` runs on every edit made by hand, as an installable trigger (which runs as the
   *  person who made it and may write: the audit of hand edits). Locally, only recorded. */
  ensureOnEdit(job: string, takeOver?: boolean): boolean;
  /** Makes sure `job` runs once, about `afterMs` from now, unless a run is already due (the web app
   *  queues a delivery and asks for it to be applied soon: one one-off trigger, not one per delivery).
   *  Locally the server applies the queue itself within seconds. */
  runSoon(job: string, afterMs: number): void;
  /** Deletes `job`'s trigger (an hourly import trigger once no import is left running). */
  removeJob(job: string): void;
}
