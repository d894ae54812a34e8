/** The hot list on the dashboard: the contacts most engaged lately (clicks, replies, events and
 *  gifts count more than opens), best first; a name opens the card, the title opens them all as a
 *  segment (`hot`). */
import { day, moment, t, uiLocale } from '../i18n';
import { wholeNumber } from '../format';
import { call } from '../server';
import { useRead } from '../components/server-hooks';

const SHOWN = 10;

/** `fresh`: worked out now, not read from the night's scores (the dashboard's "Work them out now"). */
export function HotList({ asked, fresh = false, onOpen, onQuery }: { asked: number; fresh?: boolean; onOpen(id: string): void; onQuery(query: string, title: string): void }) {
  const hot = useRead(() => call('hotList', { limit: SHOWN, ...(fresh ? { fresh } : {}) }), `${asked} ${fresh}`);
  const items = hot.data?.items;
  const title = t('builder.hot.title');
  return (
    <section class="card-section dashboard-hot" data-testid="hot-list">
      <h2>{title}</h2>
      <p class="muted small">{t('builder.hot.hint')}</p>
      {hot.data?.scored_at && (
        <p class="muted small" data-testid="hot-scored-at">
          {t('dashboard.scored_at', { moment: moment(hot.data.scored_at) })}
        </p>
      )}
      {hot.error && (
        <p class="error" role="alert">
          {hot.error}
        </p>
      )}
      {items && (
        <ol class="card-list compact" data-testid="hot-items">
          {items.length ? (
            items.map((c) => (
              <li key={c.id} data-testid="hot-item" data-id={c.id}>
                <div class="row-main">
                  <button type="button" class="link-button name" onClick={() => onOpen(c.id)}>
                    {c.name || c.email || c.id}
                  </button>
                  <span class="badge" title={t('builder.hot.score')}>
                    {wholeNumber(c.engagement, uiLocale())}
                  </span>
                </div>
                {c.last_engaged && <div class="small muted">{t('builder.hot.last', { date: day(c.last_engaged.slice(0, 10)) })}</div>}
              </li>
            ))
          ) : (
            <li class="muted">{t('builder.hot.none')}</li>
          )}
        </ol>
      )}
      {items && items.length > 0 && (
        <button type="button" class="link-button" data-testid="hot-open-segment" onClick={() => onQuery('hot', title)}>
          {t('builder.hot.all')}
        </button>
      )}
    </section>
  );
}
