import { CrmTarget, openCrm } from './open-crm';
import { Args } from './args';
import type { ArchiveReport } from '../services/nightly/archive';
import { translate } from '../core/i18n';

/** `crm archive --workbook PATH [--json]`: old AuditLog and TriggerLog rows (and old interactions when
 *  Settings ask) move to the archive workbook beside it (`crm.archive.xlsx`, made the first time). */
export async function archiveCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  try {
    const answer = await crm.call('archiveOldRows', { create: true });
    if (!answer.ok) throw new Error(answer.error.message);
    const report = answer.data as ArchiveReport;
    if (args.flags.json) console.log(JSON.stringify(report, null, 2));
    else console.log(archiveText(report));
    return 0;
  } finally {
    await crm.close();
  }
}

export function archiveText(report: ArchiveReport): string {
  const lines = report.moved.map((m) => translate('en', 'dashboard.archive.moved', { rows: m.rows.toLocaleString('en-US'), table: m.table, before: m.before }));
  if (!lines.length) lines.push(translate('en', 'dashboard.archive.nothing'));
  if (report.more) lines.push(translate('en', 'dashboard.archive.more'));
  if (report.archive) lines.push(translate('en', 'dashboard.archive.where', { url: report.archive.url }));
  return lines.join('\n');
}
