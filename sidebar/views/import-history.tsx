/** Past imports on the Import screen: file, who, when, what each did, and Undo while it can be undone.
 *  A Preact component (see sidebar/components). */
import type { PastImport } from '../../src/services/imports/import-history';
import { moment, t } from '../i18n';
import { call } from '../server';
import { canEdit } from '../session';
import { useAct, useAgain, useRead } from '../components/server-hooks';

/** `asked`: changes when the list should be read again (after an import or an undo). */
export function ImportHistory({ role, asked }: { role: string; asked: number }) {
  const list = useRead(() => call('listImports', {}), asked);
  const act = useAct(() => list.reload());
  // Read again for another reason (an import, an undo above): the last undo's words are done with.
  useAgain(asked, act.reset);
  const undo = (batch: string) =>
    act.run(batch, async () => {
      const report = await call('undoImport', { batch });
      return t('lists.history.undone', { batch, removed: report.removed, kept: report.kept.length });
    });
  const imports = list.data?.imports;
  const error = act.error || list.error;

  const row = (item: PastImport) => (
    <li key={item.batch} data-testid="past-import" data-batch={item.batch} data-status={item.status}>
      <div class="row-main">
        <span class="name">{item.file}</span>
        <span class="muted small">{item.started_at ? moment(item.started_at) : ''}</span>
      </div>
      <div class="muted small">
        {t('lists.history.counts', { who: item.who || '—', created: item.created, updated: item.updated, skipped: item.skipped, errors: item.errors, warnings: item.warnings })}
        {item.undone_at ? ` · ${t('lists.history.was_undone', { when: moment(item.undone_at) })}` : ''}
      </div>
      {item.can_undo && canEdit(role) && (
        <button type="button" class="danger-button" data-testid="past-import-undo" disabled={act.busy !== ''} onClick={() => void undo(item.batch)}>
          {act.busy === item.batch ? t('lists.import.undoing') : t('lists.import.undo')}
        </button>
      )}
    </li>
  );

  return (
    <section class="panel-section import-history" data-testid="import-history" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t('lists.history.title')}</h2>
      {act.notice && (
        <p class="notice" role="status" data-testid="history-notice">
          {act.notice}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {imports && !imports.length && <p class="muted small">{t('lists.history.none')}</p>}
      {imports && imports.length > 0 && <ul class="card-list compact">{imports.map(row)}</ul>}
    </section>
  );
}
