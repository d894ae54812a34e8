/** The bin (admins): contacts deleted from their card, the most recent first, each with Restore.
 *  Restoring brings the contact back whole (history, gifts, memberships never left) and offers Undo.
 *  A Preact component: the first view moved from hand-written DOM (see sidebar/components). */
import type { BinEntry, BinPage } from '../../src/services/record/contact-bin';
import { day, t } from '../i18n';
import { call, change } from '../server';
import type { View } from '../session';
import { componentView } from '../components/mount';
import { useChange, useRead } from '../components/server-hooks';
import { Failed } from '../components/said';

const PAGE = 50;

export interface BinHandlers {
  onBack(): void;
}

export function binView(host: HTMLElement, handlers: BinHandlers): View {
  return componentView(host, () => <Bin onBack={handlers.onBack} />);
}

function Bin({ onBack }: { onBack(): void }) {
  const page = useRead<BinPage>(() => call('deletedContacts', { offset: 0, limit: PAGE }));
  const restoring = useChange();
  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;

  const more = async () => {
    const next = await call('deletedContacts', { offset: items.length, limit: PAGE });
    page.set({ total: next.total, items: [...items, ...next.items] });
  };
  const restore = (entry: BinEntry) =>
    restoring.run(
      entry.id,
      () => change('restoreContact', { id: entry.id }),
      () => t('bin.restored', { name: entry.name || t('contact.no_name') }),
      () => page.set({ total: total - 1, items: items.filter((i) => i.id !== entry.id) }),
      () => void page.reload(),
    );
  const error = page.error || restoring.error;

  return (
    <div>
      <button type="button" class="back" data-testid="back" onClick={onBack}>
        ← {t('record.card.back')}
      </button>
      <header class="view-header">
        <h1>{t('bin.title')}</h1>
      </header>
      <p class="muted small">{t('bin.intro')}</p>
      <Failed error={error} />
      {page.loading && (
        <p class="muted" role="status" data-testid="loading">
          {t('common.loading')}
        </p>
      )}
      {!page.loading && !items.length && !error && (
        <p class="muted" data-testid="bin-empty">
          {t('bin.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul class="card-list" data-testid="bin">
          {items.map((entry) => (
            <li key={entry.id} data-testid="bin-item" data-id={entry.id}>
              <div class="row-main">
                <span class="name">{entry.name || t('contact.no_name')}</span>
                <button type="button" class="small-button" data-testid="restore-contact" data-id={entry.id} disabled={restoring.busy !== ''} onClick={() => void restore(entry)}>
                  {t('bin.restore')}
                </button>
              </div>
              {entry.email && (
                <div class="muted small email" title={entry.email}>
                  {entry.email}
                </div>
              )}
              {entry.deleted_at && <div class="muted small">{t('bin.deleted_on', { date: day(entry.deleted_at.slice(0, 10)) })}</div>}
            </li>
          ))}
        </ul>
      )}
      {items.length < total && !page.loading && (
        <div class="buttons">
          <button type="button" data-testid="bin-more" onClick={() => void more()}>
            {t('bin.more')}
          </button>
        </div>
      )}
    </div>
  );
}
