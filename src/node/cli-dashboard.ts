import { CrmTarget, openCrm } from './open-crm';
import { Args } from './args';
import type { CellBudget } from '../services/dashboard/budget';
import type { Dashboard, DashboardNumber } from '../services/dashboard/dashboard';
import { translate } from '../core/i18n';
import { groupName } from '../services/dashboard/dashboard-sheet';

/** `crm dashboard --workbook PATH [--json]`: every number of the dashboard, each with the query of the
 *  contacts behind it (paste it into `crm search --query` or a segment). Worked out now, never the
 *  figures a database keeps for the sidebar. */
export async function dashboardCommand(args: Args, target: CrmTarget): Promise<number> {
  const crm = await openCrm(args, target);
  const answer = await crm.call('dashboard', { fresh: true });
  if (!answer.ok) throw new Error(answer.error.message);
  const d = answer.data as Dashboard;
  const size = await crm.call('cellBudget', {});
  const budget = size.ok ? (size.data as CellBudget) : null;
  if (args.flags.json) console.log(JSON.stringify(budget ? { ...d, cell_budget: budget } : d, null, 2));
  else {
    console.log(dashboardText(d));
    if (budget) console.log(`\n${words('dashboard.budget.used', { used: budget.used.toLocaleString('en-US'), limit: budget.limit.toLocaleString('en-US'), share: percent(budget.share) })}`);
    if (budget?.forecast)
      console.log(
        words('dashboard.budget.forecast', { per_day: budget.forecast.perDay.toLocaleString('en-US'), days: budget.forecast.fullInDays.toLocaleString('en-US'), date: budget.forecast.fullOn }),
      );
    if (budget && budget.level !== 'ok') console.log(words(budget.level === 'critical' ? 'dashboard.budget.critical' : 'dashboard.budget.warn', { share: percent(budget.share) }));
  }
  return 0;
}

const words = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

/** Two columns: the number with its label, then the query of its contacts. */
export function dashboardText(d: Dashboard): string {
  const lines: [string, string][] = [];
  const line = (label: string, shown: string, n: DashboardNumber) => lines.push([`${label}: ${shown}`, n.query]);
  const count = (key: string, n: DashboardNumber) => line(words(key), String(n.value), n);
  const share = (key: string, n: DashboardNumber) => line(words(key), percent(n.value), n);
  const title = (text: string) => lines.push(['', ''], [text, '']);

  lines.push([`Dashboard as of ${d.as_of}`, 'query']);
  count('dashboard.contacts', d.contacts);
  count('dashboard.members', d.members);
  share('dashboard.members_share', d.members_share);
  count('dashboard.subscribers', d.subscribers);
  share('dashboard.subscribers_share', d.subscribers_share);
  count('dashboard.subscribed_members', d.subscribed_members);
  share('dashboard.subscribed_members_share', d.subscribed_members_share);
  count('dashboard.renewals_due', d.renewals_due);
  count('dashboard.lapsed', d.lapsed);

  title(words('dashboard.funnel'));
  for (const s of d.funnel) {
    count(`dashboard.step.${s.step}`, s.reached);
    if (!s.conversion || !s.converted || !s.median_days) continue;
    const time = s.median_days.value === null ? 'no median time' : `median ${s.median_days.value} days over ${s.median_days.contacts}`;
    line('  also the step before', `${s.converted.value} (${percent(s.conversion.value)}), ${time}`, s.converted);
  }

  title(`${words('dashboard.donations')} (${d.currency})`);
  const counted = (key: string, n: number) => words(`${key}_${n === 1 ? 'one' : 'other'}`, { count: n });
  for (const m of d.donations_by_month)
    line(m.month, `${m.total.value} ${d.currency}, ${counted('dashboard.donations.gifts', m.gifts.value)}, ${counted('dashboard.donations.donors', m.donors.value)}`, m.donors);

  title(words('dashboard.rfm'));
  if (!d.rfm_groups.length) lines.push([words('dashboard.rfm.none'), '']);
  else for (const g of d.rfm_groups) line(groupName(g.group, words), String(g.contacts.value), g.contacts);

  const width = Math.max(...lines.map(([left]) => left.length));
  return lines.map(([left, right]) => (right ? `${left.padEnd(width)}  ${right}` : left).trimEnd()).join('\n');
}
