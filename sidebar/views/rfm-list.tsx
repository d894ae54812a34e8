/** The donors' RFM scores on the dashboard (what `crm rfm` prints): one group or all, best first,
 *  with recency, frequency and monetary scored 1-5, paged. A name opens the card. */
import { useState } from 'preact/hooks';
import { RFM_SEGMENTS } from '../../src/core/query/tree';
import { moment, money, plural, t, valueLabel } from '../i18n';
import { call, type InputOf } from '../server';
import { useRead } from '../components/server-hooks';

const PAGE = 20;
type Group = NonNullable<InputOf<'rfmScores'>['segment']>;

/** `fresh`: worked out now, not read from the night's scores (the dashboard's "Work them out now"). */
export function RfmList({ asked, fresh = false, currency, onOpen }: { asked: number; fresh?: boolean; currency: string; onOpen(id: string): void }) {
  const [page, setPage] = useState<{ group: Group | ''; offset: number }>({ group: '', offset: 0 });
  const { group, offset } = page;
  const list = useRead(() => call('rfmScores', { ...(group ? { segment: group } : {}), offset, limit: PAGE, ...(fresh ? { fresh } : {}) }), `${asked} ${group} ${offset} ${fresh}`);
  const r = list.data;
  return (
    <section class="card-section dashboard-rfm-donors" data-testid="rfm-donors">
      <h2>{t('builder.rfm_list.title')}</h2>
      {r && <p class="muted small">{plural('builder.rfm_list.hint', r.window_months)}</p>}
      {r?.scored_at && (
        <p class="muted small" data-testid="rfm-scored-at">
          {t('dashboard.scored_at', { moment: moment(r.scored_at) })}
        </p>
      )}
      <select aria-label={t('builder.rfm_list.group')} data-testid="rfm-group" value={group} onChange={(e) => setPage({ group: (e.target as HTMLSelectElement).value as Group | '', offset: 0 })}>
        <option value="">{t('builder.rfm_list.all')}</option>
        {RFM_SEGMENTS.map((g) => (
          <option key={g} value={g}>
            {`${valueLabel('dashboard.rfm.group', g)}${r ? ` (${r.groups[g]})` : ''}`}
          </option>
        ))}
      </select>
      {list.error && (
        <p class="error" role="alert">
          {list.error}
        </p>
      )}
      {r && (
        <ol class="card-list compact" start={offset + 1} data-testid="rfm-donor-list">
          {r.donors.map((d) => (
            <li key={d.id} data-testid="rfm-donor" data-id={d.id}>
              <div class="row-main">
                <button type="button" class="link-button name" onClick={() => onOpen(d.id)}>
                  {d.name || d.id}
                </button>
                <span class="badge" title={t('builder.rfm_list.score_title')}>{`${d.r}-${d.f}-${d.m}`}</span>
              </div>
              <div class="small muted">
                {t('builder.rfm_list.line', {
                  group: valueLabel('dashboard.rfm.group', d.rfm_segment),
                  ago: plural('builder.rfm_list.ago', d.recency_days),
                  gifts: plural('builder.rfm_list.gifts', d.frequency),
                  amount: money(d.monetary, currency),
                })}
              </div>
            </li>
          ))}
        </ol>
      )}
      {r && r.total > PAGE && (
        <div class="pager">
          <button type="button" data-testid="rfm-previous" disabled={offset === 0} onClick={() => setPage({ group, offset: Math.max(0, offset - PAGE) })}>
            {t('builder.previous')}
          </button>
          <span class="small">{t('builder.page', { from: offset + 1, to: Math.min(r.total, offset + PAGE), total: r.total })}</span>
          <button type="button" data-testid="rfm-next" disabled={offset + PAGE >= r.total} onClick={() => setPage({ group, offset: offset + PAGE })}>
            {t('builder.next')}
          </button>
        </div>
      )}
    </section>
  );
}
