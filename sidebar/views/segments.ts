/** The Segments tab: the list (name, kind, count, last refresh), one segment (its query, its members,
 *  refresh, export, delete; for a static one, add the rows selected in the sheet or remove members) and
 *  the builder. The dashboard opens a number here as an unsaved segment. */
import { fill, h } from '../dom';
import { day, errorText, money, moment, plural, t } from '../i18n';
import { parseQuery } from '../../src/core/query/parse';
import { rowsOf } from '../query-rows';
import { recordOptionsNow } from '../record-options';
import { queryInWords } from './query-in-words';
import { fieldLabel } from './query-words';
import { call } from '../server';
import { canEdit, Session, View } from '../session';
import { exporter } from './export-parts';
import { triggerLog } from './trigger-log';
import { segmentBuilder, SegmentBuilder } from './segment-builder';
import type { SegmentDetail, SegmentView } from './segment-types';

export interface SegmentsView extends View {
  refresh(notice?: string): void;
  /** Opens the builder on a query (a dashboard number), as a segment not saved yet. */
  openQuery(query: string, title: string): void;
}

type Screen = { kind: 'list' } | { kind: 'detail'; id: string } | { kind: 'builder'; builder: SegmentBuilder };

const PAGE = 50;

export function segmentsView(host: HTMLElement, session: Session, handlers: { onOpen(id: string): void }): SegmentsView {
  const root = h('div', { class: 'segments' });
  let screen: Screen = { kind: 'list' };
  let list: SegmentView[] | null = null;
  let detail: SegmentDetail | null = null;
  let loading = false;
  let error = '';
  let notice = '';
  let busy = false;
  let seq = 0;
  let started = false;
  let confirmDelete = false;
  const editable = canEdit(session.role);
  const points = triggerLog(session, handlers);

  async function load(): Promise<void> {
    const mine = ++seq;
    loading = true;
    paint();
    try {
      if (screen.kind === 'detail') {
        const answer = await call('getSegment', { id: screen.id, offset: detail?.id === screen.id ? detail.members.offset : 0, limit: PAGE });
        if (mine !== seq) return;
        detail = answer;
      } else {
        const answer = await call('listSegments', {});
        if (mine !== seq) return;
        list = answer.segments;
      }
      error = '';
    } catch (e) {
      if (mine !== seq) return;
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  async function page(offset: number): Promise<void> {
    if (!detail) return;
    detail = { ...detail, members: { ...detail.members, offset } };
    await load();
  }

  function go(next: Screen, message = ''): void {
    screen = next;
    notice = message;
    error = '';
    confirmDelete = false;
    if (next.kind !== 'detail') detail = null;
    if (next.kind !== 'builder') void load();
    paint();
  }

  function openBuilder(options: { segment?: SegmentView; query?: string; name?: string }): void {
    const builder = segmentBuilder({
      ...options,
      canSave: editable,
      onSaved: (saved) => go({ kind: 'detail', id: saved.id }, t('builder.saved', { name: saved.name })),
      onCancel: () => go(options.segment ? { kind: 'detail', id: options.segment.id } : { kind: 'list' }),
    });
    go({ kind: 'builder', builder });
  }

  async function act(run: () => Promise<string>): Promise<void> {
    if (busy) return;
    busy = true;
    error = '';
    notice = '';
    paint();
    try {
      notice = await run();
    } catch (e) {
      error = errorText(e);
    }
    busy = false;
    await load();
  }

  function paint(): void {
    if (screen.kind === 'builder') {
      fill(root, screen.builder.element);
      screen.builder.render();
      return;
    }
    fill(
      root,
      screen.kind === 'list' ? listScreen() : detailScreen(),
      notice && h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, notice),
      error &&
        h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error), h('button', { type: 'button', 'data-testid': 'retry', onclick: () => void load() }, t('common.retry'))),
      loading && h('p', { class: 'muted', 'data-testid': 'loading' }, t('common.loading')),
    );
  }

  function listScreen(): HTMLElement[] {
    const items = list ?? [];
    return [
      h(
        'header',
        { class: 'view-header' },
        h('h1', null, t('builder.list_title')),
        editable && h('button', { type: 'button', class: 'action', 'data-testid': 'segment-new', onclick: () => openBuilder({}) }, t('builder.new')),
      ),
      h('ul', { class: 'card-list', 'data-testid': 'segments' }, list && !items.length ? h('li', { class: 'muted empty', 'data-testid': 'empty' }, t('builder.none')) : items.map(segmentItem)),
      points.render(),
    ];
  }

  function segmentItem(s: SegmentView): HTMLElement {
    return h(
      'li',
      { 'data-testid': 'segment-item', 'data-id': s.id },
      h(
        'div',
        { class: 'row-main' },
        h('button', { type: 'button', class: 'link-button name', 'data-testid': 'segment-open', onclick: () => go({ kind: 'detail', id: s.id }) }, s.name),
        h('span', { class: 'badge' }, t(s.kind === 'static' ? 'builder.kind_static' : 'builder.kind_dynamic')),
      ),
      h('div', { class: 'small muted' }, countLine(s)),
    );
  }

  function countLine(s: SegmentView): string {
    const count = s.count === '' ? '' : plural('builder.preview', s.count);
    return s.kind === 'dynamic' && s.refreshed_at ? t('builder.count_refreshed', { count, when: moment(s.refreshed_at) }) : count;
  }

  function detailScreen(): (HTMLElement | false | null | '')[] {
    const s = detail;
    const back = h('button', { type: 'button', class: 'back', 'data-testid': 'segment-back', onclick: () => go({ kind: 'list' }) }, t('record.card.back'));
    if (!s) return [back];
    const members = s.members;
    const exporting = exporter({ testid: 'segment-export', label: () => t('builder.export'), request: () => call('exportRows', { segment: s.id }) });
    return [
      back,
      h('header', { class: 'view-header' }, h('h1', { 'data-testid': 'segment-title' }, s.name)),
      s.description && h('p', { class: 'muted' }, s.description),
      s.kind === 'dynamic' && h('pre', { class: 'query-text', 'data-testid': 'segment-query-text' }, s.query || t('builder.everyone')),
      s.kind === 'dynamic' && inWords(s.query),
      h('p', { 'data-testid': 'segment-count' }, plural('builder.preview', members.total)),
      s.kind === 'dynamic' &&
        h('p', { class: 'small muted', 'data-testid': 'segment-refreshed' }, s.refreshed_at ? t('builder.refreshed', { when: moment(s.refreshed_at) }) : t('builder.never_refreshed')),
      s.view_sheet && h('p', { class: 'small muted', 'data-testid': 'segment-view-sheet' }, t('builder.view_sheet', { sheet: s.view_sheet })),
      editable &&
        h(
          'div',
          { class: 'inline-controls' },
          h('button', { type: 'button', 'data-testid': 'segment-edit', onclick: () => openBuilder({ segment: s }) }, t('builder.edit')),
          s.kind === 'dynamic' &&
            h(
              'button',
              { type: 'button', 'data-testid': 'segment-refresh', disabled: busy, onclick: () => void act(() => call('refreshSegments', { id: s.id }).then(() => t('builder.refreshed_notice'))) },
              t('builder.refresh'),
            ),
          s.kind === 'static' &&
            h(
              'button',
              {
                type: 'button',
                'data-testid': 'segment-add-selection',
                disabled: busy,
                onclick: () => void act(() => call('addSelectionToSegment', { id: s.id }).then((r) => t('builder.added', { added: r.added, already: r.already }))),
              },
              t('builder.add_selection'),
            ),
        ),
      exporting.render(),
      members.column !== undefined && h('p', { class: 'small muted', 'data-testid': 'segment-sorted-by' }, t('builder.sorted_by', { field: fieldLabel(members.column.field) })),
      h(
        'ul',
        { class: 'card-list', 'data-testid': 'segment-members' },
        members.items.map((m) => memberItem(s, m)),
      ),
      pager(members.total, members.offset),
      editable && deleteControls(s),
    ];
  }

  function memberItem(s: SegmentDetail, m: SegmentDetail['members']['items'][number]): HTMLElement {
    return h(
      'li',
      { 'data-testid': 'segment-member', 'data-id': m.id },
      h(
        'div',
        { class: 'row-main' },
        h('button', { type: 'button', class: 'link-button name', onclick: () => handlers.onOpen(m.id) }, m.name || m.email || m.id),
        s.members.column && m.value !== undefined && m.value !== '' && h('span', { class: 'amount small', 'data-testid': 'member-value' }, columnValue(s.members.column.kind, m.value)),
        editable &&
          s.kind === 'static' &&
          h(
            'button',
            {
              type: 'button',
              class: 'small-button',
              'data-testid': 'segment-member-remove',
              'aria-label': t('builder.remove_member', { name: m.name }),
              disabled: busy,
              onclick: () => void act(() => call('removeFromSegment', { id: s.id, contacts: [m.id] }).then(() => t('builder.removed', { name: m.name }))),
            },
            '×',
          ),
      ),
      m.email && h('div', { class: 'small muted' }, m.email),
    );
  }

  /** The query in words, when it fits the builder's rows. */
  function inWords(query: string): HTMLElement | null {
    const parsed = parseQuery(query);
    const model = parsed.ok ? rowsOf(parsed.tree) : null;
    return model && h('p', { class: 'small', 'data-testid': 'segment-in-words' }, queryInWords(model));
  }

  function columnValue(kind: 'date' | 'amount' | 'count', value: string | number): string {
    if (kind === 'date') return day(String(value));
    if (kind === 'amount') return money(Number(value), recordOptionsNow()?.currency ?? '');
    return String(value);
  }

  function pager(total: number, offset: number): HTMLElement | null {
    if (total <= PAGE) return null;
    return h(
      'div',
      { class: 'pager' },
      h('button', { type: 'button', 'data-testid': 'segment-previous', disabled: offset === 0 || loading, onclick: () => void page(Math.max(0, offset - PAGE)) }, t('builder.previous')),
      h('span', { class: 'small' }, t('builder.page', { from: offset + 1, to: Math.min(total, offset + PAGE), total })),
      h('button', { type: 'button', 'data-testid': 'segment-next', disabled: offset + PAGE >= total || loading, onclick: () => void page(offset + PAGE) }, t('builder.next')),
    );
  }

  function deleteControls(s: SegmentView): HTMLElement {
    if (!confirmDelete) return h('button', { type: 'button', class: 'danger-button', 'data-testid': 'segment-delete', onclick: () => ((confirmDelete = true), paint()) }, t('builder.delete'));
    return h(
      'div',
      { class: 'confirm', role: 'alertdialog' },
      h('p', null, t('builder.delete_confirm', { name: s.name })),
      h(
        'button',
        {
          type: 'button',
          class: 'danger-button',
          'data-testid': 'segment-delete-confirm',
          disabled: busy,
          onclick: async () => {
            busy = true;
            try {
              await call('deleteSegment', { id: s.id });
              busy = false;
              go({ kind: 'list' }, t('builder.deleted', { name: s.name }));
            } catch (e) {
              busy = false;
              error = errorText(e);
              confirmDelete = false;
              paint();
            }
          },
        },
        t('builder.delete'),
      ),
      h('button', { type: 'button', onclick: () => ((confirmDelete = false), paint()) }, t('builder.cancel')),
    );
  }

  return {
    render() {
      fill(host, root);
      paint();
      if (!started) {
        started = true;
        void load();
      }
    },
    refresh(message?: string) {
      if (message !== undefined) notice = message;
      if (started && screen.kind !== 'builder') void load();
    },
    openQuery(query: string, title: string) {
      started = true;
      openBuilder({ query, name: title });
    },
    hasUnsavedEdits: () => screen.kind === 'builder' && screen.builder.hasUnsavedEdits(),
  };
}
