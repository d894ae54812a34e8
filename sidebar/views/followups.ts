/** To recontact: the people whose next contact date or follow-up date has come or comes this week,
 *  mine or everyone's, in groups (overdue, today, this week), a page at a time. Done or Snooze takes
 *  an item off the list, with Undo. */
import type { FollowUp, FollowUpList } from '../../src/services/views';
import { fill, h } from '../dom';
import { day, errorText, plural, t } from '../i18n';
import { addDaysTo } from '../format';
import { call, change, type Changed } from '../server';
import { confirmChange } from '../undo-bar';
import { canEdit, Session, View } from '../session';

export type FollowUpScope = 'mine' | 'all';

export const SNOOZE_DAYS = [1, 3, 7, 14, 30] as const;
const DEFAULT_SNOOZE = 7;

export interface FollowUpsView extends View {
  /** Asks for the list again, with an optional message. */
  refresh(notice?: string): void;
}

/** The day a follow-up comes back after a snooze of `days` from `today` ('YYYY-MM-DD'). */
export function snoozeUntil(today: string, days: number): string {
  return addDaysTo(today, days);
}

/** Whether it is due today, or how late. */
export function lateness(item: Pick<FollowUp, 'overdue_days'>): string {
  if (item.overdue_days < 0) return plural('record.followups.due_in', -item.overdue_days);
  return item.overdue_days > 0 ? plural('record.followups.late', item.overdue_days) : t('record.followups.due_today');
}

export const FOLLOW_UP_PAGE = 25;
const GROUPS = ['overdue', 'today', 'week'] as const;

export function followUpsView(host: HTMLElement, session: Session, handlers: { onOpen(id: string): void }): FollowUpsView {
  const root = h('div', { class: 'followups' });
  let scope: FollowUpScope = 'mine';
  let list: FollowUpList | null = null;
  let loading = false;
  let error = '';
  let seq = 0;
  let started = false;
  /** Key of the item being saved, and the refusal per item. */
  let busy = '';
  const problems = new Map<string, string>();
  const snooze = new Map<string, number>();
  let notice = '';

  const keyOf = (item: FollowUp) => `${item.contact_id}|${item.interaction_id}`;

  async function load(): Promise<void> {
    const mine = ++seq;
    loading = true;
    paint();
    try {
      // What was shown stays shown (Done and Snooze took some off): the pages so far, asked again.
      const shown = Math.max(FOLLOW_UP_PAGE, list?.items.length ?? 0);
      const answer = await call('followUps', { scope, limit: shown });
      if (mine !== seq) return;
      list = answer;
      error = '';
    } catch (e) {
      if (mine !== seq) return;
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  async function act(item: FollowUp, run: () => Promise<Changed<unknown>>, message: string): Promise<void> {
    if (busy) return;
    const key = keyOf(item);
    busy = key;
    problems.delete(key);
    notice = '';
    paint();
    try {
      const answer = await run();
      if (list) list = { ...list, total: list.total - 1, counts: { ...list.counts, [item.group]: list.counts[item.group] - 1 }, items: list.items.filter((i) => keyOf(i) !== key) };
      // Undo puts the follow-up back: the list is asked again.
      confirmChange(message, answer.undo, () => void load());
    } catch (e) {
      problems.set(key, errorText(e));
    }
    busy = '';
    paint();
  }

  async function more(): Promise<void> {
    if (!list || loading) return;
    const mine = ++seq;
    loading = true;
    paint();
    try {
      const next = await call('followUps', { scope, offset: list.items.length, limit: FOLLOW_UP_PAGE });
      if (mine !== seq || !list) return;
      const seen = new Set(list.items.map(keyOf));
      list = { ...next, offset: 0, items: [...list.items, ...next.items.filter((i) => !seen.has(keyOf(i)))] };
      error = '';
    } catch (e) {
      if (mine !== seq) return;
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  function done(item: FollowUp): void {
    const input: { contact_id: string; interaction_id?: string } = { contact_id: item.contact_id };
    if (item.interaction_id) input.interaction_id = item.interaction_id;
    void act(item, () => change('completeFollowUp', input), t('record.followups.done_notice', { name: item.name || t('contact.no_name') }));
  }

  function postpone(item: FollowUp): void {
    const days = snooze.get(keyOf(item)) ?? DEFAULT_SNOOZE;
    const until = snoozeUntil(list?.today ?? '', days);
    const input: { contact_id: string; interaction_id?: string; until: string } = { contact_id: item.contact_id, until };
    if (item.interaction_id) input.interaction_id = item.interaction_id;
    void act(item, () => change('snoozeFollowUp', input), t('record.followups.snoozed_notice', { name: item.name || t('contact.no_name'), date: day(until) }));
  }

  function paint(): void {
    const scopes = (['mine', 'all'] as const).map((value) =>
      h(
        'button',
        {
          type: 'button',
          'aria-pressed': String(scope === value),
          'data-testid': value === 'mine' ? 'followups-mine' : 'followups-all',
          onclick: () => {
            if (scope === value) return;
            scope = value;
            notice = '';
            void load();
          },
        },
        t(value === 'mine' ? 'record.followups.mine' : 'record.followups.all'),
      ),
    );
    const items = list?.items ?? [];
    fill(
      root,
      h('header', { class: 'view-header' }, h('h1', null, t('record.followups.title'))),
      h('div', { class: 'segmented', role: 'group', 'aria-label': t('record.followups.whose') }, scopes),
      notice && h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, notice),
      error &&
        h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error), h('button', { type: 'button', 'data-testid': 'retry', onclick: () => void load() }, t('common.retry'))),
      h(
        'div',
        { class: 'status', 'aria-live': 'polite' },
        h('span', { 'data-testid': 'count' }, list ? t('record.followups.count', { count: list.total }) : ''),
        loading && h('span', { 'data-testid': 'loading' }, t('common.loading')),
      ),
      list && !items.length && h('p', { class: 'muted empty', 'data-testid': 'empty' }, t('record.followups.none')),
      GROUPS.map((group) => {
        const inGroup = items.filter((f) => f.group === group);
        if (!inGroup.length || !list) return null;
        return h(
          'section',
          { class: 'followup-group', 'data-testid': `followups-${group}`, 'aria-label': t(`record.followups.group_${group}`) },
          h('h2', null, t(`record.followups.group_${group}`), ' ', h('span', { class: 'muted small', 'data-testid': 'group-count' }, `(${list.counts[group]})`)),
          h('ul', { class: 'card-list followup-list', 'aria-busy': String(loading), 'data-testid': 'followups' }, inGroup.map(item)),
        );
      }),
      list &&
        items.length < list.total &&
        h(
          'div',
          { class: 'buttons' },
          h('button', { type: 'button', 'data-testid': 'followups-more', disabled: loading, onclick: () => void more() }, t('record.followups.more', { count: list.total - items.length })),
        ),
    );
  }

  function item(f: FollowUp): HTMLElement {
    const key = keyOf(f);
    const editable = canEdit(session.role);
    const reason = f.reason === 'next_contact' ? t('record.followups.next_contact') : f.subject ? t('record.followups.interaction', { subject: f.subject }) : t('record.followups.interaction_plain');
    const problem = problems.get(key);
    return h(
      'li',
      { class: f.overdue_days > 0 ? 'followup late' : 'followup', 'data-testid': 'followup', 'data-contact': f.contact_id, 'data-interaction': f.interaction_id || null },
      h(
        'div',
        { class: 'row-main' },
        h(
          'button',
          { type: 'button', class: 'link-button name', 'data-testid': 'followup-name', 'data-id': f.contact_id, onclick: () => handlers.onOpen(f.contact_id) },
          f.name || t('contact.no_name'),
        ),
        scope === 'all' && f.owner && h('span', { class: f.mine ? 'badge member' : 'badge' }, f.mine ? t('record.followups.yours') : f.owner),
      ),
      h('div', { class: 'small', 'data-testid': 'followup-reason' }, reason),
      h(
        'div',
        { class: 'small' },
        h('span', { 'data-testid': 'followup-due' }, day(f.due)),
        ' · ',
        h('span', { class: f.overdue_days > 0 ? 'late-text' : 'muted', 'data-testid': 'followup-late' }, lateness(f)),
      ),
      editable &&
        h(
          'div',
          { class: 'inline-controls' },
          h('button', { type: 'button', class: 'action', 'data-testid': 'followup-done', disabled: busy !== '', onclick: () => done(f) }, t('record.followups.done')),
          h(
            'select',
            {
              'aria-label': t('record.followups.snooze_for'),
              'data-testid': 'snooze-days',
              onchange: (e) => snooze.set(key, Number((e.target as HTMLSelectElement).value)),
            },
            SNOOZE_DAYS.map((n) => h('option', { value: n, selected: n === (snooze.get(key) ?? DEFAULT_SNOOZE) }, plural('record.followups.days', n))),
          ),
          h('button', { type: 'button', 'data-testid': 'followup-snooze', disabled: busy !== '', onclick: () => postpone(f) }, t('record.followups.snooze')),
        ),
      problem && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, problem)),
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
      if (started) void load();
    },
  };
}
