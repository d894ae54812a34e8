/** The bin (admins): contacts deleted from their card, the most recent first, each with Restore.
 *  Restoring brings the contact back whole (history, gifts, memberships never left) and offers Undo. */
import type { BinEntry } from '../../src/services/record/contact-bin';
import { fill, h } from '../dom';
import { day, errorText, t } from '../i18n';
import { call, change } from '../server';
import type { View } from '../session';
import { confirmChange } from '../undo-bar';

const PAGE = 50;

export interface BinHandlers {
  onBack(): void;
}

export function binView(host: HTMLElement, handlers: BinHandlers): View {
  let items: BinEntry[] = [];
  let total = 0;
  let loading = true;
  let error = '';
  let busy = '';
  let started = false;

  async function load(more = false): Promise<void> {
    loading = true;
    paint();
    try {
      const page = await call('deletedContacts', { offset: more ? items.length : 0, limit: PAGE });
      items = more ? [...items, ...page.items] : page.items;
      total = page.total;
      error = '';
    } catch (e) {
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  async function restore(entry: BinEntry): Promise<void> {
    if (busy) return;
    busy = entry.id;
    error = '';
    paint();
    try {
      const answer = await change('restoreContact', { id: entry.id });
      items = items.filter((i) => i.id !== entry.id);
      total -= 1;
      confirmChange(t('bin.restored', { name: entry.name || t('contact.no_name') }), answer.undo, () => void load());
    } catch (e) {
      error = errorText(e);
    }
    busy = '';
    paint();
  }

  function row(entry: BinEntry): HTMLElement {
    return h(
      'li',
      { 'data-testid': 'bin-item', 'data-id': entry.id },
      h(
        'div',
        { class: 'row-main' },
        h('span', { class: 'name' }, entry.name || t('contact.no_name')),
        h('button', { type: 'button', class: 'small-button', 'data-testid': 'restore-contact', 'data-id': entry.id, disabled: busy !== '', onclick: () => void restore(entry) }, t('bin.restore')),
      ),
      entry.email && h('div', { class: 'muted small email' }, entry.email),
      entry.deleted_at && h('div', { class: 'muted small' }, t('bin.deleted_on', { date: day(entry.deleted_at.slice(0, 10)) })),
    );
  }

  function paint(): void {
    fill(
      host,
      h('button', { type: 'button', class: 'back', 'data-testid': 'back', onclick: handlers.onBack }, '← ', t('record.card.back')),
      h('header', { class: 'view-header' }, h('h1', null, t('bin.title'))),
      h('p', { class: 'muted small' }, t('bin.intro')),
      error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error)),
      loading && h('p', { class: 'muted', role: 'status', 'data-testid': 'loading' }, t('common.loading')),
      !loading && !items.length && !error && h('p', { class: 'muted', 'data-testid': 'bin-empty' }, t('bin.empty')),
      items.length > 0 && h('ul', { class: 'card-list', 'data-testid': 'bin' }, items.map(row)),
      items.length < total && !loading && h('div', { class: 'buttons' }, h('button', { type: 'button', 'data-testid': 'bin-more', onclick: () => void load(true) }, t('bin.more'))),
    );
  }

  return {
    render() {
      paint();
      if (!started) {
        started = true;
        void load();
      }
    },
  };
}
