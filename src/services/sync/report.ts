/** What one sync did (or, in a preview, would do), in the CLI's `--json` shape, with the conflicts a
 *  person should look at, each listed. */
export interface SyncConflict {
  kind: 'unsubscribed_there' | 'shared_address' | 'invalid_address' | 'needs_confirmation' | 'gone_there' | 'refused';
  email: string;
  contacts: string[];
  details?: string;
}

export interface SyncReport {
  created_in_mailer: number;
  updated_in_mailer: number;
  unsubscribed_in_mailer: number;
  created_in_crm: number;
  updated_in_crm: number;
  opted_out_in_crm: number;
  cleaned_in_crm: number;
  activity: { campaigns: number; recipients: number; opens: number; clicks: number };
  errors: { email?: string; message: string }[];
  conflicts: SyncConflict[];
}

export function emptyReport(): SyncReport {
  return {
    created_in_mailer: 0,
    updated_in_mailer: 0,
    unsubscribed_in_mailer: 0,
    created_in_crm: 0,
    updated_in_crm: 0,
    opted_out_in_crm: 0,
    cleaned_in_crm: 0,
    activity: { campaigns: 0, recipients: 0, opens: 0, clicks: 0 },
    errors: [],
    conflicts: [],
  };
}

/** Conflicts and errors listed at most this many each (a report is kept in a 9 KB property). */
export const LISTED = 50;

export function addConflict(report: SyncReport, conflict: SyncConflict): void {
  if (report.conflicts.length < LISTED) report.conflicts.push(conflict);
}

export function addError(report: SyncReport, error: { email?: string; message: string }): void {
  if (report.errors.length < LISTED) report.errors.push(error);
}
