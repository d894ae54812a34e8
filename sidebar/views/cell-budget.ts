/** The spreadsheet's size against Google's 10-million-cell limit, on the dashboard: the share used, the
 *  biggest sheets, and (for admins) a warning at 70% and a firmer one at 85%. */
import type { CellBudget } from '../../src/services/budget';
import { h } from '../dom';
import { t, uiLocale } from '../i18n';
import { formatDate } from '../format';

const count = (n: number) => n.toLocaleString(uiLocale());
const percent = (share: number) => `${(Math.round(share * 1000) / 10).toLocaleString(uiLocale())}%`;

export function budgetSection(budget: CellBudget, role: string): HTMLElement {
  const warning = role === 'admin' && budget.level !== 'ok';
  return h(
    'section',
    { class: 'panel-section', 'data-testid': 'cell-budget', 'data-level': budget.level, 'aria-labelledby': 'cell-budget-title' },
    h('h2', { id: 'cell-budget-title' }, t('dashboard.budget.title')),
    warning && h('p', { class: budget.level === 'critical' ? 'error' : 'notice warn', role: 'alert', 'data-testid': 'cell-budget-warning' }, t(budget.level === 'critical' ? 'dashboard.budget.critical' : 'dashboard.budget.warn', { share: percent(budget.share) })),
    h('p', { class: 'small', 'data-testid': 'cell-budget-used' }, t('dashboard.budget.used', { used: count(budget.used), limit: count(budget.limit), share: percent(budget.share) })),
    budget.forecast &&
      h('p', { class: 'small', 'data-testid': 'cell-budget-forecast' }, t('dashboard.budget.forecast', { per_day: count(budget.forecast.perDay), days: count(budget.forecast.fullInDays), date: formatDate(budget.forecast.fullOn, uiLocale()) })),
    h(
      'ul',
      { class: 'card-list compact small' },
      budget.sheets.slice(0, 5).map((s) => h('li', null, `${s.sheet}: ${count(s.cells)} (${percent(s.share)})`)),
    ),
  );
}
