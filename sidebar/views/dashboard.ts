/** The dashboard: how many contacts, members and subscribers, the funnel from subscriber to member,
 *  renewals due, lapsed members, donations by month and RFM groups. Every number is a button that
 *  opens the contacts behind it (options.onQuery, with the number's query and its label). Editors can
 *  rebuild the Dashboard sheet (numbers and native charts) for people who work in plain Sheets. */
import { wholeNumber } from '../format';
import type { Dashboard, DashboardNumber, DonationMonth, FunnelStep } from '../../src/services/dashboard/dashboard';
import { fill, h } from '../dom';
import type { Child } from '../dom';
import { day, errorText, money, plural, t, uiLocale, valueLabel } from '../i18n';
import type { MessageKey } from '../i18n';
import { parseDay } from '../format';
import { call } from '../server';
import { canEdit, Session, View } from '../session';
import type { CellBudget } from '../../src/services/dashboard/budget';
import { budgetSection } from './cell-budget';
import { hotList } from './hot-list';
import { rfmList } from './rfm-list';

export interface DashboardView extends View {
  /** Asks for the numbers again. */
  refresh(notice?: string): void;
}

export interface DashboardOptions {
  onQuery(query: string, title: string): void;
  /** Opens a contact's card (the hot list); nothing when absent. */
  onOpen?(id: string): void;
}

export { wholeNumber };

/** 0.4545 → '45%' ('45 %' in French); one decimal under 10%. */
export function sharePercent(share: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: share > 0 && share < 0.1 ? 1 : 0 }).format(share);
}

/** '2026-11' → 'Nov 2026' ('nov. 2026' in French). */
export function monthName(month: string, locale: string): string {
  const first = parseDay(`${month}-01`);
  return first ? new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(first) : month;
}

/** A bar's width in percent of the largest value (a value above 0 always shows a sliver). */
export function barWidth(value: number, largest: number): number {
  if (!(largest > 0) || !(value > 0)) return 0;
  return Math.max(2, Math.round((value / largest) * 100));
}

export function dashboardView(host: HTMLElement, session: Session, options: DashboardOptions): DashboardView {
  const root = h('div', { class: 'dashboard', 'data-testid': 'dashboard-view' });
  let data: Dashboard | null = null;
  let loading = false;
  let refreshing = false;
  let error = '';
  let notice = '';
  let budget: (CellBudget & { archive?: { id: string; url: string } | null; archive_months?: number }) | null = null;
  let archiving = false;
  let archiveSaid: string[] = [];
  let seq = 0;
  let started = false;
  const hot = hotList({ onOpen: (id) => options.onOpen?.(id), onQuery: (query, title) => options.onQuery(query, title) });
  const donors = rfmList(() => data?.currency ?? '', { onOpen: (id) => options.onOpen?.(id) });

  /** Old rows to the archive (admins): what moved is said, and the sizes read again. */
  async function archive(): Promise<void> {
    if (archiving) return;
    archiving = true;
    archiveSaid = [];
    error = '';
    paint();
    try {
      const report = await call('archiveOldRows', { create: true });
      archiveSaid = report.moved.map((m) => t('dashboard.archive.moved', { rows: m.rows.toLocaleString(uiLocale()), table: m.table, before: day(m.before) }));
      if (!archiveSaid.length) archiveSaid.push(t('dashboard.archive.nothing'));
      if (report.more) archiveSaid.push(t('dashboard.archive.more'));
      budget = await call('cellBudget', {});
    } catch (e) {
      error = errorText(e);
    }
    archiving = false;
    paint();
  }

  async function load(): Promise<void> {
    const mine = ++seq;
    loading = true;
    paint();
    try {
      const [answer, size] = await Promise.all([call('dashboard', {}), call('cellBudget', {}).catch(() => null)]);
      if (mine !== seq) return;
      data = answer;
      budget = size;
      error = '';
    } catch (e) {
      if (mine !== seq) return;
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  async function refreshSheet(): Promise<void> {
    if (refreshing) return;
    refreshing = true;
    notice = '';
    error = '';
    paint();
    try {
      const report = await call('refreshDashboard', {});
      notice = plural('dashboard.refreshed', report.charts);
    } catch (e) {
      error = errorText(e);
    }
    refreshing = false;
    paint();
  }

  /** A number as a button that opens its contacts. */
  function numberButton(key: string, label: string, text: string, n: Pick<DashboardNumber, 'query'>): HTMLElement {
    return h(
      'button',
      {
        type: 'button',
        class: 'link-button dashboard-number',
        'data-testid': 'dashboard-number',
        'data-key': key,
        title: t('dashboard.open', { label }),
        onclick: () => options.onQuery(n.query, label),
      },
      text,
    );
  }

  function bar(value: number, largest: number): HTMLElement {
    const fillBar = h('span', { class: 'dashboard-bar-fill' });
    const track = h('span', { class: 'dashboard-bar', 'aria-hidden': 'true' }, fillBar);
    // Widths come from the data: set through element.style, never through markup.
    Object.assign(track.style, { display: 'block', height: '8px', margin: '2px 0 4px', borderRadius: '4px', background: 'var(--soft)' });
    Object.assign(fillBar.style, { display: 'block', height: '100%', borderRadius: '4px', background: 'var(--blue)', width: `${barWidth(value, largest)}%` });
    return track;
  }

  function headline(d: Dashboard): HTMLElement {
    const locale = uiLocale();
    const card = (key: keyof Dashboard & string, n: DashboardNumber, share?: { key: string; of: MessageKey; n: DashboardNumber }) => {
      const label = t(`dashboard.${key}` as MessageKey);
      return h(
        'li',
        { class: 'dashboard-card', 'data-card': key },
        h('div', { class: 'small muted' }, label),
        h('div', { class: 'dashboard-value' }, numberButton(key, label, wholeNumber(n.value, locale), n)),
        share && h('div', { class: 'small' }, numberButton(share.key, t(`dashboard.${share.key}` as MessageKey), t(share.of, { share: sharePercent(share.n.value, locale) }), share.n)),
      );
    };
    return h(
      'ul',
      { class: 'card-list dashboard-cards' },
      card('contacts', d.contacts),
      card('members', d.members, { key: 'members_share', of: 'dashboard.of_contacts', n: d.members_share }),
      card('subscribers', d.subscribers, { key: 'subscribers_share', of: 'dashboard.of_contacts', n: d.subscribers_share }),
      card('subscribed_members', d.subscribed_members, { key: 'subscribed_members_share', of: 'dashboard.of_members', n: d.subscribed_members_share }),
      card('renewals_due', d.renewals_due),
      card('lapsed', d.lapsed),
    );
  }

  function funnel(d: Dashboard): HTMLElement {
    const locale = uiLocale();
    const largest = Math.max(0, ...d.funnel.map((s) => s.reached.value));
    const stepLabel = (s: FunnelStep) => t(`dashboard.step.${s.step}` as MessageKey);
    const step = (s: FunnelStep, i: number): HTMLElement => {
      const label = stepLabel(s);
      const between = i > 0 ? `${stepLabel(d.funnel[i - 1])} → ${label}` : label;
      const median = s.median_days;
      return h(
        'li',
        { class: 'dashboard-step', 'data-step': s.step },
        h('div', { class: 'row-main' }, h('span', null, label), ' ', numberButton(`funnel.${s.step}`, label, wholeNumber(s.reached.value, locale), s.reached)),
        bar(s.reached.value, largest),
        s.conversion &&
          h(
            'div',
            { class: 'small' },
            // The share with the counts it is made of, so that the two can be checked against each other.
            numberButton(
              `funnel.${s.step}.conversion`,
              between,
              t('dashboard.funnel.conversion', {
                count: wholeNumber(s.converted?.value ?? 0, locale),
                total: wholeNumber(d.funnel[i - 1].reached.value, locale),
                share: sharePercent(s.conversion.value, locale),
              }),
              s.conversion,
            ),
            ' · ',
            median && median.value !== null
              ? numberButton(`funnel.${s.step}.median`, between, plural('dashboard.funnel.median', median.value, { count: wholeNumber(median.value, locale) }), median)
              : h('span', { class: 'muted' }, t('dashboard.funnel.no_median')),
          ),
      );
    };
    return h(
      'section',
      { class: 'card-section dashboard-funnel' },
      h('h2', null, t('dashboard.funnel')),
      h('p', { class: 'small muted' }, t('dashboard.funnel.help')),
      h('ol', { class: 'card-list' }, d.funnel.map(step)),
    );
  }

  function donations(d: Dashboard): HTMLElement {
    const locale = uiLocale();
    const largest = Math.max(0, ...d.donations_by_month.map((m) => m.total.value));
    const month = (m: DonationMonth): HTMLElement => {
      const name = monthName(m.month, locale);
      const title = `${t('dashboard.donations')} · ${name}`;
      return h(
        'li',
        { class: 'dashboard-month', 'data-month': m.month },
        h('div', { class: 'row-main' }, h('span', null, name), ' ', numberButton(`donations.${m.month}.total`, title, money(m.total.value, d.currency), m.total)),
        bar(m.total.value, largest),
        h(
          'div',
          { class: 'small' },
          numberButton(`donations.${m.month}.gifts`, title, plural('dashboard.donations.gifts', m.gifts.value, { count: wholeNumber(m.gifts.value, locale) }), m.gifts),
          ' · ',
          numberButton(`donations.${m.month}.donors`, title, plural('dashboard.donations.donors', m.donors.value, { count: wholeNumber(m.donors.value, locale) }), m.donors),
        ),
      );
    };
    return h('section', { class: 'card-section dashboard-donations' }, h('h2', null, t('dashboard.donations')), h('ul', { class: 'card-list compact' }, d.donations_by_month.map(month)));
  }

  function rfm(d: Dashboard): HTMLElement {
    const locale = uiLocale();
    const groups = d.rfm_groups;
    let body: Child;
    if (!groups.length) body = h('p', { class: 'muted' }, t('dashboard.rfm.none'));
    else {
      const largest = Math.max(0, ...groups.map((g) => g.contacts.value));
      body = h(
        'ul',
        { class: 'card-list compact' },
        groups.map((g) => {
          const label = valueLabel('dashboard.rfm.group', g.group);
          return h(
            'li',
            { class: 'dashboard-group', 'data-group': g.group },
            h('div', { class: 'row-main' }, h('span', null, label), ' ', numberButton(`rfm.${g.group}`, label, wholeNumber(g.contacts.value, locale), g.contacts)),
            bar(g.contacts.value, largest),
          );
        }),
      );
    }
    return h('section', { class: 'card-section dashboard-rfm' }, h('h2', null, t('dashboard.rfm')), body);
  }

  function paint(): void {
    const d = data;
    fill(
      root,
      h('header', { class: 'view-header' }, h('h1', null, t('dashboard.title')), d && h('p', { class: 'small muted', 'data-testid': 'dashboard-as-of' }, t('dashboard.as_of', { date: day(d.as_of) }))),
      notice && h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, notice),
      error &&
        h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error), h('button', { type: 'button', 'data-testid': 'retry', onclick: () => void load() }, t('common.retry'))),
      loading && h('p', { class: 'status', 'aria-live': 'polite' }, h('span', { 'data-testid': 'loading' }, t('common.loading'))),
      d && [headline(d), hot.render(), funnel(d), donations(d), rfm(d), donors.render()],
      budget && budgetSection(budget, session.role, { archive: budget.archive ?? null, months: budget.archive_months ?? 12, busy: archiving, said: archiveSaid, onArchive: () => void archive() }),
      canEdit(session.role) &&
        h(
          'div',
          { class: 'buttons' },
          h(
            'button',
            { type: 'button', 'data-testid': 'dashboard-refresh-sheet', disabled: refreshing, onclick: () => void refreshSheet() },
            refreshing ? t('dashboard.refreshing') : t('dashboard.refresh_sheet'),
          ),
        ),
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
      if (started) {
        void load();
        hot.reload();
        donors.reload();
      }
    },
  };
}
