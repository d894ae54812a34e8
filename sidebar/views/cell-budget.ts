/** The spreadsheet's size against Google's 10-million-cell limit, on the dashboard: the share used, the
 *  biggest sheets, and (for admins) a warning at 70% and a firmer one at 85%. */
import type { CellBudget } from '../../src/services/dashboard/budget';
import { h } from '../dom';
import { t, uiLocale } from '../i18n';
import { formatDate } from '../format';

const count = (n: number) => n.toLocaleString(uiLocale());
const percent = (share: number) => `${(Math.round(share * 1000) / 10).toLocaleString(uiLocale())}%`;

/** The archive, as cellBudget tells it, and what the admin's Archive button does. */
export interface ArchiveControls {
  archive: { id: string; url: string } | null;
  /** archive_log_months from Settings. */
  months: number;
  busy: boolean;
  /** What the last run moved, one line per table (or that nothing was old enough). */
  said: string[];
  onArchive(): void;
}

export function budgetSection(budget: CellBudget, role: string, archive?: ArchiveControls): HTMLElement {
  const warning = role === 'admin' && budget.level !== 'ok';
  return h(
    'section',
    { class: 'panel-section', 'data-testid': 'cell-budget', 'data-level': budget.level, 'aria-labelledby': 'cell-budget-title' },
    h('h2', { id: 'cell-budget-title' }, t('dashboard.budget.title')),
    warning &&
      h(
        'p',
        { class: budget.level === 'critical' ? 'error' : 'notice warn', role: 'alert', 'data-testid': 'cell-budget-warning' },
        t(budget.level === 'critical' ? 'dashboard.budget.critical' : 'dashboard.budget.warn', { share: percent(budget.share) }),
      ),
    h('p', { class: 'small', 'data-testid': 'cell-budget-used' }, t('dashboard.budget.used', { used: count(budget.used), limit: count(budget.limit), share: percent(budget.share) })),
    budget.forecast &&
      h(
        'p',
        { class: 'small', 'data-testid': 'cell-budget-forecast' },
        t('dashboard.budget.forecast', { per_day: count(budget.forecast.perDay), days: count(budget.forecast.fullInDays), date: formatDate(budget.forecast.fullOn, uiLocale()) }),
      ),
    h(
      'ul',
      { class: 'card-list compact small' },
      budget.sheets.slice(0, 5).map((s) => h('li', null, `${s.sheet}: ${count(s.cells)} (${percent(s.share)})`)),
    ),
    archive && role === 'admin' && archiveControls(archive),
  );
}

function archiveControls(archive: ArchiveControls): HTMLElement {
  return h(
    'div',
    { 'data-testid': 'archive' },
    h('p', { class: 'small muted' }, t('dashboard.archive.explain', { months: archive.months })),
    archive.said.length > 0 &&
      h(
        'ul',
        { class: 'small', role: 'status', 'data-testid': 'archive-said' },
        archive.said.map((line) => h('li', null, line)),
      ),
    h(
      'div',
      { class: 'buttons' },
      h(
        'button',
        { type: 'button', 'data-testid': 'archive-run', disabled: archive.busy, 'aria-busy': String(archive.busy), onclick: () => archive.onArchive() },
        archive.busy ? t('dashboard.archive.running') : t('dashboard.archive.button'),
      ),
      archive.archive &&
        /^https?:\/\//.test(archive.archive.url) &&
        h('a', { href: archive.archive.url, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'archive-link' }, t('dashboard.archive.open')),
    ),
  );
}
