/** To recontact: the people whose next contact date or follow-up date has come or comes this week,
 *  mine or everyone's, in groups (overdue, today, this week), a page at a time. Done or Snooze takes
 *  an item off the list, with Undo. A Preact component (see sidebar/components). */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { FollowUp, FollowUpList } from '../../src/services/views';
import { day, errorText, plural, t } from '../i18n';
import { addDaysTo } from '../format';
import { call, change, type Changed } from '../server';
import { canEdit, Session, View } from '../session';
import { componentView } from '../components/mount';
import { useChange, useRead } from '../components/server-hooks';
import { Failed, Notice } from '../components/said';

export type FollowUpScope = 'mine' | 'all';

export const SNOOZE_DAYS = [1, 3, 7, 14, 30] as const;
const DEFAULT_SNOOZE = 7;
export const FOLLOW_UP_PAGE = 25;
const GROUPS = ['overdue', 'today', 'week'] as const;

export interface FollowUpsView extends View {
  /** Asks for the list again, with an optional message. */
  refresh(notice?: string): void;
}

/** The day a follow-up comes back after a snooze of `days` from `today` ('YYYY-MM-DD'). */
export function snoozeUntil(today: string, days: number): string {
  return addDaysTo(today, days);
}

/** Whether it is due today, how late, or in how many days. */
export function lateness(item: Pick<FollowUp, 'overdue_days'>): string {
  if (item.overdue_days < 0) return plural('record.followups.due_in', -item.overdue_days);
  return item.overdue_days > 0 ? plural('record.followups.late', item.overdue_days) : t('record.followups.due_today');
}

const keyOf = (item: FollowUp) => `${item.contact_id}|${item.interaction_id}`;

export function followUpsView(host: HTMLElement, session: Session, handlers: { onOpen(id: string): void }): FollowUpsView {
  // Each refresh (the tab shown again) asks the list again; a message from elsewhere shows on top.
  let asked = 0;
  let notice = '';
  const view = componentView(host, () => <FollowUps key="followups" session={session} onOpen={handlers.onOpen} asked={asked} notice={notice} />);
  return {
    render: () => view.render(),
    refresh(message?: string) {
      if (message !== undefined) notice = message;
      asked++;
    },
  };
}

function FollowUps({ session, onOpen, asked, notice }: { session: Session; onOpen(id: string): void; asked: number; notice: string }) {
  const [scope, setScope] = useState<FollowUpScope>('mine');
  const [snooze, setSnooze] = useState<Record<string, number>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [more, setMore] = useState({ loading: false, error: '' });
  // What was shown stays shown (Done and Snooze took some off): the pages so far, asked again.
  const shownCount = useRef(0);
  const list = useRead<FollowUpList>(() => call('followUps', { scope, limit: Math.max(FOLLOW_UP_PAGE, shownCount.current) }));
  const acting = useChange();
  const editable = canEdit(session.role);
  const items = list.data?.items ?? [];
  shownCount.current = items.length;

  // Asked again when the tab is shown again or the scope changes (the first drawing has asked already).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) first.current = false;
    else void list.reload();
  }, [asked, scope]);

  const loadMore = async () => {
    const shown = list.data;
    if (!shown || more.loading) return;
    setMore({ loading: true, error: '' });
    try {
      const next = await call('followUps', { scope, offset: shown.items.length, limit: FOLLOW_UP_PAGE });
      const seen = new Set(shown.items.map(keyOf));
      list.set({ ...next, offset: 0, items: [...shown.items, ...next.items.filter((i) => !seen.has(keyOf(i)))] });
      setMore({ loading: false, error: '' });
    } catch (e) {
      setMore({ loading: false, error: errorText(e) });
    }
  };

  const act = (item: FollowUp, run: () => Promise<Changed<unknown>>, message: string) => {
    const key = keyOf(item);
    setProblems(({ [key]: _gone, ...rest }) => rest);
    return acting
      .run<unknown>(
        key,
        run,
        () => message,
        () => {
          const shown = list.data;
          if (shown)
            list.set({ ...shown, total: shown.total - 1, counts: { ...shown.counts, [item.group]: shown.counts[item.group] - 1 }, items: shown.items.filter((i: FollowUp) => keyOf(i) !== key) });
        },
        // Undo puts the follow-up back: the list is asked again.
        () => void list.reload(),
      )
      .then((problem) => {
        if (problem) setProblems((now) => ({ ...now, [key]: problem }));
      });
  };

  const done = (item: FollowUp) => {
    const input = { contact_id: item.contact_id, ...(item.interaction_id ? { interaction_id: item.interaction_id } : {}) };
    void act(item, () => change('completeFollowUp', input), t('record.followups.done_notice', { name: item.name || t('contact.no_name') }));
  };

  const postpone = (item: FollowUp) => {
    const until = snoozeUntil(list.data?.today ?? '', snooze[keyOf(item)] ?? DEFAULT_SNOOZE);
    const input = { contact_id: item.contact_id, until, ...(item.interaction_id ? { interaction_id: item.interaction_id } : {}) };
    void act(item, () => change('snoozeFollowUp', input), t('record.followups.snoozed_notice', { name: item.name || t('contact.no_name'), date: day(until) }));
  };

  // A refusal of Done or Snooze shows on its item; what else fails, at the top.
  const error = list.error || more.error;
  const loading = list.loading || more.loading;
  const row = (f: FollowUp) => {
    const key = keyOf(f);
    const reason = f.reason === 'next_contact' ? t('record.followups.next_contact') : f.subject ? t('record.followups.interaction', { subject: f.subject }) : t('record.followups.interaction_plain');
    const problem = problems[key];
    return (
      <li key={key} class={f.overdue_days > 0 ? 'followup late' : 'followup'} data-testid="followup" data-contact={f.contact_id} data-interaction={f.interaction_id || undefined}>
        <div class="row-main">
          <button type="button" class="link-button name" data-testid="followup-name" data-id={f.contact_id} onClick={() => onOpen(f.contact_id)}>
            {f.name || t('contact.no_name')}
          </button>
          {scope === 'all' && f.owner && <span class={f.mine ? 'badge member' : 'badge'}>{f.mine ? t('record.followups.yours') : f.owner}</span>}
        </div>
        <div class="small" data-testid="followup-reason">
          {reason}
        </div>
        <div class="small">
          <span data-testid="followup-due">{day(f.due)}</span>
          {' · '}
          <span class={f.overdue_days > 0 ? 'late-text' : 'muted'} data-testid="followup-late">
            {lateness(f)}
          </span>
        </div>
        {editable && (
          <div class="inline-controls">
            <button type="button" class="action" data-testid="followup-done" disabled={acting.busy !== ''} onClick={() => done(f)}>
              {t('record.followups.done')}
            </button>
            <select
              aria-label={t('record.followups.snooze_for')}
              data-testid="snooze-days"
              value={String(snooze[key] ?? DEFAULT_SNOOZE)}
              onChange={(e) => setSnooze({ ...snooze, [key]: Number((e.target as HTMLSelectElement).value) })}
            >
              {SNOOZE_DAYS.map((n) => (
                <option key={n} value={String(n)}>
                  {plural('record.followups.days', n)}
                </option>
              ))}
            </select>
            <button type="button" data-testid="followup-snooze" disabled={acting.busy !== ''} onClick={() => postpone(f)}>
              {t('record.followups.snooze')}
            </button>
          </div>
        )}
        <Failed error={problem} />
      </li>
    );
  };

  return (
    <div class="followups">
      <header class="view-header">
        <h1>{t('record.followups.title')}</h1>
      </header>
      <div class="segmented" role="group" aria-label={t('record.followups.whose')}>
        {(['mine', 'all'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={scope === value} data-testid={value === 'mine' ? 'followups-mine' : 'followups-all'} onClick={() => scope !== value && setScope(value)}>
            {t(value === 'mine' ? 'record.followups.mine' : 'record.followups.all')}
          </button>
        ))}
      </div>
      <Notice text={notice} />
      <Failed error={error} onRetry={() => void list.reload()} />
      <div class="status" aria-live="polite">
        <span data-testid="count">{list.data ? t('record.followups.count', { count: list.data.total }) : ''}</span>
        {loading && <span data-testid="loading">{t('common.loading')}</span>}
      </div>
      {list.data && !items.length && (
        <p class="muted empty" data-testid="empty">
          {t('record.followups.none')}
        </p>
      )}
      {list.data &&
        GROUPS.map((group) => {
          const inGroup = items.filter((f) => f.group === group);
          if (!inGroup.length) return null;
          return (
            <section key={group} class="followup-group" data-testid={`followups-${group}`} aria-label={t(`record.followups.group_${group}`)}>
              <h2>
                {t(`record.followups.group_${group}`)}{' '}
                <span class="muted small" data-testid="group-count">
                  ({list.data!.counts[group]})
                </span>
              </h2>
              <ul class="card-list followup-list" aria-busy={loading} data-testid="followups">
                {inGroup.map(row)}
              </ul>
            </section>
          );
        })}
      {list.data && items.length < list.data.total && (
        <div class="buttons">
          <button type="button" data-testid="followups-more" disabled={loading} onClick={() => void loadMore()}>
            {t('record.followups.more', { count: list.data.total - items.length })}
          </button>
        </div>
      )}
    </div>
  );
}
