/** The spreadsheet's size against Google's 10-million-cell limit, on the dashboard: the share used, the
 *  biggest sheets, and (for admins) a warning at 70% and a firmer one at 85%. */
import type { CellBudget } from '../../src/services/dashboard/budget';
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

export function BudgetSection({ budget, role, archive }: { budget: CellBudget; role: string; archive?: ArchiveControls }) {
  const warning = role === 'admin' && budget.level !== 'ok';
  return (
    <section class="panel-section" data-testid="cell-budget" data-level={budget.level} aria-labelledby="cell-budget-title">
      <h2 id="cell-budget-title">{t('dashboard.budget.title')}</h2>
      {warning && (
        <p class={budget.level === 'critical' ? 'error' : 'notice warn'} role="alert" data-testid="cell-budget-warning">
          {t(budget.level === 'critical' ? 'dashboard.budget.critical' : 'dashboard.budget.warn', { share: percent(budget.share) })}
        </p>
      )}
      <p class="small" data-testid="cell-budget-used">
        {t('dashboard.budget.used', { used: count(budget.used), limit: count(budget.limit), share: percent(budget.share) })}
      </p>
      {budget.forecast && (
        <p class="small" data-testid="cell-budget-forecast">
          {t('dashboard.budget.forecast', { per_day: count(budget.forecast.perDay), days: count(budget.forecast.fullInDays), date: formatDate(budget.forecast.fullOn, uiLocale()) })}
        </p>
      )}
      <ul class="card-list compact small">
        {budget.sheets.slice(0, 5).map((s) => (
          <li key={s.sheet}>{`${s.sheet}: ${count(s.cells)} (${percent(s.share)})`}</li>
        ))}
      </ul>
      {archive && role === 'admin' && <Archive {...archive} />}
    </section>
  );
}

function Archive({ archive, months, busy, said, onArchive }: ArchiveControls) {
  return (
    <div data-testid="archive">
      <p class="small muted">{t('dashboard.archive.explain', { months })}</p>
      {said.length > 0 && (
        <ul class="small" role="status" data-testid="archive-said">
          {said.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
      <div class="buttons">
        <button type="button" data-testid="archive-run" disabled={busy} aria-busy={busy} onClick={onArchive}>
          {busy ? t('dashboard.archive.running') : t('dashboard.archive.button')}
        </button>
        {archive && /^https?:\/\//.test(archive.url) && (
          <a href={archive.url} target="_blank" rel="noopener noreferrer" data-testid="archive-link">
            {t('dashboard.archive.open')}
          </a>
        )}
      </div>
    </div>
  );
}
