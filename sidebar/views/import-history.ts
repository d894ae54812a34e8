/** Past imports on the Import screen: file, who, when, what each did, and Undo while it can be undone. */
import type { PastImport } from '../../src/services/imports/import-history';
import { fill, h } from '../dom';
import { errorText, moment, t } from '../i18n';
import { call } from '../server';
import { canEdit } from '../session';

export interface ImportHistory {
  render(): HTMLElement;
  /** Asks for the list again (after an import or an undo). */
  reload(): void;
}

export function importHistory(role: string): ImportHistory {
  const root = h('section', { class: 'panel-section import-history', 'data-testid': 'import-history', 'aria-labelledby': 'import-history-title' });
  let list: PastImport[] | null = null;
  let error = '';
  let busy = '';
  let said = '';

  async function load(): Promise<void> {
    try {
      list = (await call('listImports', {})).imports;
    } catch (e) {
      error = errorText(e);
    }
    paint();
  }

  async function undo(batch: string): Promise<void> {
    busy = batch;
    said = '';
    error = '';
    paint();
    try {
      const report = await call('undoImport', { batch });
      said = t('lists.history.undone', { batch, removed: report.removed, kept: report.kept.length });
    } catch (e) {
      error = errorText(e);
    }
    busy = '';
    await load();
  }

  function row(item: PastImport): HTMLElement {
    return h(
      'li',
      { 'data-testid': 'past-import', 'data-batch': item.batch, 'data-status': item.status },
      h('div', { class: 'row-main' }, h('span', { class: 'name' }, item.file), h('span', { class: 'muted small' }, item.started_at ? moment(item.started_at) : '')),
      h(
        'div',
        { class: 'muted small' },
        t('lists.history.counts', { who: item.who || '—', created: item.created, updated: item.updated, skipped: item.skipped, errors: item.errors, warnings: item.warnings }),
        item.undone_at ? ` · ${t('lists.history.was_undone', { when: moment(item.undone_at) })}` : '',
      ),
      item.can_undo &&
        canEdit(role) &&
        h(
          'button',
          { type: 'button', class: 'danger-button', 'data-testid': 'past-import-undo', disabled: busy !== '', onclick: () => void undo(item.batch) },
          busy === item.batch ? t('lists.import.undoing') : t('lists.import.undo'),
        ),
    );
  }

  function paint(): void {
    fill(
      root,
      h('h2', { id: 'import-history-title' }, t('lists.history.title')),
      said && h('p', { class: 'notice', role: 'status', 'data-testid': 'history-notice' }, said),
      error && h('p', { class: 'error', role: 'alert' }, error),
      list && !list.length && h('p', { class: 'muted small' }, t('lists.history.none')),
      list && list.length > 0 && h('ul', { class: 'card-list compact' }, list.map(row)),
    );
  }

  let started = false;
  return {
    render() {
      if (!started) {
        started = true;
        void load();
      }
      paint();
      return root;
    },
    reload() {
      error = '';
      void load();
    },
  };
}
