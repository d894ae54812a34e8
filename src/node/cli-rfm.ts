import { CrmTarget, openCrm } from './open-crm';
import { flag, intFlag, Args } from './args';
import type { RfmReport } from '../services/dashboard/scores';

/** `crm rfm --workbook PATH [--segment GROUP] [--limit N] [--offset N] [--json]`: the RFM groups with
 *  their counts, then the donors best first with recency, frequency, monetary, r/f/m, score and group
 *  (the rfmScores action; --json prints its answer). */
export async function rfmCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const segment = flag(args, 'segment');
  const answer = await crm.call('rfmScores', {
    ...(segment
      ? {
          segment: segment
            .trim()
            .toLowerCase()
            .replace(/[\s-]+/g, '_'),
        }
      : {}),
    offset: intFlag(args, 'offset', 0),
    // Worked out now, as `crm dashboard` is, never the night's Scores table the sidebar may read.
    fresh: true,
    limit: Math.min(1000, intFlag(args, 'limit', 1000)) || 1,
  });
  if (!answer.ok) throw new Error(answer.error.message);
  const report = answer.data as RfmReport;
  if (args.flags.json) {
    console.log(JSON.stringify(report, null, 2));
    return 0;
  }
  const donors = Object.values(report.groups).reduce((a, b) => a + b, 0);
  console.log(`RFM groups: ${donors} donor${donors === 1 ? '' : 's'} (gifts of the last ${report.window_months} months)`);
  console.log(table([['group', 'donors'], ...Object.entries(report.groups).map(([group, n]) => [group, String(n)])], [false, true]));
  console.log('');
  const header = ['id', 'name', 'recency_days', 'frequency', 'monetary', 'r', 'f', 'm', 'score', 'group'];
  const rows = report.donors.map((d) => [
    d.id,
    d.name || '(no name)',
    String(d.recency_days),
    String(d.frequency),
    String(d.monetary),
    String(d.r),
    String(d.f),
    String(d.m),
    String(d.rfm_score),
    d.rfm_segment,
  ]);
  console.log(table([header, ...rows], [false, false, true, true, true, true, true, true, true, false]));
  const shown = report.donors.length ? `${intFlag(args, 'offset', 0) + 1}–${intFlag(args, 'offset', 0) + report.donors.length} of ${report.total}` : `0 of ${report.total}`;
  console.error(`${shown} donors${segment ? ` in ${segment}` : ''}, best first.`);
  return 0;
}

/** Rows as columns padded to their widest cell (numbers to the right). */
function table(rows: string[][], numeric: boolean[]): string {
  const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => [...r[k]].length)));
  return rows
    .map((r) =>
      r
        .map((cell, k) => (numeric[k] ? cell.padStart(widths[k]) : cell.padEnd(widths[k])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
