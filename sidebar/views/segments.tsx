/** The Segments tab: the list (name, kind, count, last refresh), one segment (its query, its members,
 *  refresh, export, delete; for a static one, add the rows selected in the sheet or remove members) and
 *  the builder (segment-builder.tsx). The dashboard opens a number here as an unsaved
 *  segment. A Preact component (see sidebar/components). */
import { useEffect, useRef, useState } from 'preact/hooks';
import { day, errorText, money, moment, plural, t } from '../i18n';
import { parseQuery } from '../../src/core/query/parse';
import { rowsOf } from '../query-rows';
import { recordOptionsNow } from '../record-options';
import { queryInWords } from './query-in-words';
import { fieldLabel } from './query-words';
import { call } from '../server';
import { canEdit, Session, View } from '../session';
import { shownTab, type Shown } from '../components/mount';
import { useAgain } from '../components/server-hooks';
import { Exporter } from './export-parts';
import { TriggerLog } from './trigger-log';
import { SegmentBuilder, type SegmentBuilderOptions } from './segment-builder';
import type { SegmentDetail, SegmentView } from './segment-types';
import { Failed, Notice } from '../components/said';

export interface SegmentsView extends View {
  refresh(notice?: string): void;
  /** Opens the builder on a query (a dashboard number), as a segment not saved yet. */
  openQuery(query: string, title: string): void;
}

/** The builder's screen: what it starts from (`n` tells one opening from the next). */
type BuilderScreen = { kind: 'builder'; options: { segment?: SegmentView; query?: string; name?: string }; n: number; edited: SegmentBuilderOptions['edited'] };
type Screen = { kind: 'list' } | { kind: 'detail'; id: string } | BuilderScreen;

const PAGE = 50;

export function segmentsView(host: HTMLElement, session: Session, handlers: { onOpen(id: string): void }): SegmentsView {
  /** The last query a dashboard number opened here (`n` counts them). */
  let opened: { query: string; title: string; n: number } | null = null;
  const tab = shownTab(host, (shown) => <Segments {...shown} opened={opened} editable={canEdit(session.role)} onOpen={handlers.onOpen} />);
  return {
    ...tab,
    openQuery(query: string, title: string) {
      opened = { query, title, n: (opened?.n ?? 0) + 1 };
      tab.render();
    },
  };
}

/** `unsaved`: the builder holds a change not saved yet (the sidebar then stays on it). */
interface Props extends Shown {
  opened: { query: string; title: string; n: number } | null;
  editable: boolean;
  onOpen(id: string): void;
}

function Segments({ asked, notice: given, opened, editable, onOpen, unsaved }: Props) {
  const [screen, setScreen] = useState<Screen>({ kind: 'list' });
  const [list, setList] = useState<SegmentView[] | null>(null);
  const [detail, setDetail] = useState<SegmentDetail | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const seq = useRef(0);
  const openings = useRef(0);
  unsaved.now = screen.kind === 'builder' && screen.edited.now;

  /** The list, or one segment's page of members (`offset`). */
  async function load(target: Screen, offset = 0): Promise<void> {
    if (target.kind === 'builder') return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      if (target.kind === 'detail') {
        const answer = await call('getSegment', { id: target.id, offset, limit: PAGE });
        if (mine !== seq.current) return;
        setDetail(answer);
      } else {
        const answer = await call('listSegments', {});
        if (mine !== seq.current) return;
        setList(answer.segments);
      }
      setError('');
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e));
    }
    setLoading(false);
  }
  const reload = () => load(screen, screen.kind === 'detail' && detail?.id === screen.id ? detail.members.offset : 0);
  useEffect(() => {
    void load(screen);
  }, []);
  useAgain(asked, () => {
    if (given !== undefined) setNotice(given);
    void reload();
  });
  // A dashboard number opened here (before the tab was first drawn, too).
  useEffect(() => {
    if (opened) openBuilder({ query: opened.query, name: opened.title });
  }, [opened?.n]);

  function go(next: Screen, message = ''): void {
    setScreen(next);
    setNotice(message);
    setError('');
    setConfirmDelete(false);
    if (next.kind !== 'detail') setDetail(null);
    void load(next);
  }

  function openBuilder(options: BuilderScreen['options']): void {
    go({ kind: 'builder', options, n: ++openings.current, edited: { now: false } });
  }

  async function act(run: () => Promise<string>): Promise<void> {
    if (busy) return;
    setBusy(true);
    setError('');
    setNotice('');
    try {
      setNotice(await run());
    } catch (e) {
      setError(errorText(e));
    }
    setBusy(false);
    await reload();
  }

  async function remove(s: SegmentView): Promise<void> {
    setBusy(true);
    try {
      await call('deleteSegment', { id: s.id });
      setBusy(false);
      go({ kind: 'list' }, t('builder.deleted', { name: s.name }));
    } catch (e) {
      setBusy(false);
      setError(errorText(e));
      setConfirmDelete(false);
    }
  }

  if (screen.kind === 'builder') {
    const { options } = screen;
    return (
      <div class="segments">
        <SegmentBuilder
          key={screen.n}
          {...options}
          canSave={editable}
          edited={screen.edited}
          onSaved={(saved) => go({ kind: 'detail', id: saved.id }, t('builder.saved', { name: saved.name }))}
          onCancel={() => go(options.segment ? { kind: 'detail', id: options.segment.id } : { kind: 'list' })}
        />
      </div>
    );
  }
  return (
    <div class="segments">
      {screen.kind === 'list' ? (
        <SegmentList list={list} editable={editable} onNew={() => openBuilder({})} onOpenSegment={(id) => go({ kind: 'detail', id })} onOpen={onOpen} />
      ) : (
        <Detail
          s={detail}
          editable={editable}
          busy={busy}
          loading={loading}
          confirmDelete={confirmDelete}
          on={{
            back: () => go({ kind: 'list' }),
            edit: (s) => openBuilder({ segment: s }),
            act: (run) => void act(run),
            page: (offset) => detail && void load(screen, offset),
            open: onOpen,
            confirm: setConfirmDelete,
            remove: (s) => void remove(s),
          }}
        />
      )}
      <Notice text={notice} />
      <Failed error={error} onRetry={() => void reload()} />
      {loading && (
        <p class="muted" data-testid="loading">
          {t('common.loading')}
        </p>
      )}
    </div>
  );
}

function SegmentList({ list, editable, onNew, onOpenSegment, onOpen }: { list: SegmentView[] | null; editable: boolean; onNew(): void; onOpenSegment(id: string): void; onOpen(id: string): void }) {
  const items = list ?? [];
  return (
    <>
      <header class="view-header">
        <h1>{t('builder.list_title')}</h1>
        {editable && (
          <button type="button" class="action" data-testid="segment-new" onClick={onNew}>
            {t('builder.new')}
          </button>
        )}
      </header>
      <ul class="card-list" data-testid="segments">
        {list && !items.length ? (
          <li class="muted empty" data-testid="empty">
            {t('builder.none')}
          </li>
        ) : (
          items.map((s) => (
            <li key={s.id} data-testid="segment-item" data-id={s.id}>
              <div class="row-main">
                <button type="button" class="link-button name" data-testid="segment-open" onClick={() => onOpenSegment(s.id)}>
                  {s.name}
                </button>
                <span class="badge">{t(s.kind === 'static' ? 'builder.kind_static' : 'builder.kind_dynamic')}</span>
              </div>
              <div class="small muted">{countLine(s)}</div>
            </li>
          ))
        )}
      </ul>
      <TriggerLog editable={editable} onOpen={onOpen} />
    </>
  );
}

function countLine(s: SegmentView): string {
  const count = s.count === '' ? '' : plural('builder.preview', s.count);
  return s.kind === 'dynamic' && s.refreshed_at ? t('builder.count_refreshed', { count, when: moment(s.refreshed_at) }) : count;
}

interface DetailProps {
  s: SegmentDetail | null;
  editable: boolean;
  busy: boolean;
  loading: boolean;
  confirmDelete: boolean;
  on: {
    back(): void;
    edit(s: SegmentView): void;
    act(run: () => Promise<string>): void;
    page(offset: number): void;
    open(id: string): void;
    confirm(asking: boolean): void;
    remove(s: SegmentView): void;
  };
}

function Detail({ s, editable, busy, loading, confirmDelete, on }: DetailProps) {
  const back = (
    <button type="button" class="back" data-testid="segment-back" onClick={on.back}>
      {t('record.card.back')}
    </button>
  );
  if (!s) return back;
  const members = s.members;
  const column = members.column;
  const words = s.kind === 'dynamic' ? inWords(s.query) : null;
  return (
    <>
      {back}
      <header class="view-header">
        <h1 data-testid="segment-title">{s.name}</h1>
      </header>
      {s.description && <p class="muted">{s.description}</p>}
      {s.kind === 'dynamic' && (
        <pre class="query-text" data-testid="segment-query-text">
          {s.query || t('builder.everyone')}
        </pre>
      )}
      {words && (
        <p class="small" data-testid="segment-in-words">
          {words}
        </p>
      )}
      <p data-testid="segment-count">{plural('builder.preview', members.total)}</p>
      {s.kind === 'dynamic' && (
        <p class="small muted" data-testid="segment-refreshed">
          {s.refreshed_at ? t('builder.refreshed', { when: moment(s.refreshed_at) }) : t('builder.never_refreshed')}
        </p>
      )}
      {s.view_sheet && (
        <p class="small muted" data-testid="segment-view-sheet">
          {t('builder.view_sheet', { sheet: s.view_sheet })}
        </p>
      )}
      {editable && (
        <div class="inline-controls">
          <button type="button" data-testid="segment-edit" onClick={() => on.edit(s)}>
            {t('builder.edit')}
          </button>
          {s.kind === 'dynamic' && (
            <button type="button" data-testid="segment-refresh" disabled={busy} onClick={() => on.act(() => call('refreshSegments', { id: s.id }).then(() => t('builder.refreshed_notice')))}>
              {t('builder.refresh')}
            </button>
          )}
          {s.kind === 'static' && (
            <button
              type="button"
              data-testid="segment-add-selection"
              disabled={busy}
              onClick={() => on.act(() => call('addSelectionToSegment', { id: s.id }).then((r) => t('builder.added', { added: r.added, already: r.already })))}
            >
              {t('builder.add_selection')}
            </button>
          )}
        </div>
      )}
      <Exporter key={s.id} testid="segment-export" label={t('builder.export')} request={() => call('exportRows', { segment: s.id })} />
      {column !== undefined && (
        <p class="small muted" data-testid="segment-sorted-by">
          {t('builder.sorted_by', { field: fieldLabel(column.field) })}
        </p>
      )}
      <ul class="card-list" data-testid="segment-members">
        {members.items.map((m) => (
          <li key={m.id} data-testid="segment-member" data-id={m.id}>
            <div class="row-main">
              <button type="button" class="link-button name" onClick={() => on.open(m.id)}>
                {m.name || m.email || m.id}
              </button>
              {column && m.value !== undefined && m.value !== '' && (
                <span class="amount small" data-testid="member-value">
                  {columnValue(column.kind, m.value)}
                </span>
              )}
              {editable && s.kind === 'static' && (
                <button
                  type="button"
                  class="small-button"
                  data-testid="segment-member-remove"
                  aria-label={t('builder.remove_member', { name: m.name })}
                  disabled={busy}
                  onClick={() => on.act(() => call('removeFromSegment', { id: s.id, contacts: [m.id] }).then(() => t('builder.removed', { name: m.name })))}
                >
                  ×
                </button>
              )}
            </div>
            {m.email && <div class="small muted">{m.email}</div>}
          </li>
        ))}
      </ul>
      {members.total > PAGE && (
        <div class="pager">
          <button type="button" data-testid="segment-previous" disabled={members.offset === 0 || loading} onClick={() => on.page(Math.max(0, members.offset - PAGE))}>
            {t('builder.previous')}
          </button>
          <span class="small">{t('builder.page', { from: members.offset + 1, to: Math.min(members.total, members.offset + PAGE), total: members.total })}</span>
          <button type="button" data-testid="segment-next" disabled={members.offset + PAGE >= members.total || loading} onClick={() => on.page(members.offset + PAGE)}>
            {t('builder.next')}
          </button>
        </div>
      )}
      {editable &&
        (confirmDelete ? (
          <div class="confirm" role="alertdialog">
            <p>{t('builder.delete_confirm', { name: s.name })}</p>
            <button type="button" class="danger-button" data-testid="segment-delete-confirm" disabled={busy} onClick={() => on.remove(s)}>
              {t('builder.delete')}
            </button>
            <button type="button" onClick={() => on.confirm(false)}>
              {t('builder.cancel')}
            </button>
          </div>
        ) : (
          <button type="button" class="danger-button" data-testid="segment-delete" onClick={() => on.confirm(true)}>
            {t('builder.delete')}
          </button>
        ))}
    </>
  );
}

/** The query in words, when it fits the builder's rows. */
function inWords(query: string): string | null {
  const parsed = parseQuery(query);
  const model = parsed.ok ? rowsOf(parsed.tree) : null;
  return model && queryInWords(model);
}

function columnValue(kind: 'date' | 'amount' | 'count', value: string | number): string {
  if (kind === 'date') return day(String(value));
  if (kind === 'amount') return money(Number(value), recordOptionsNow()?.currency ?? '');
  return String(value);
}
