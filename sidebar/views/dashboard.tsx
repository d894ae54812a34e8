/** The dashboard: how many contacts, members and subscribers, the funnel from subscriber to member,
 *  renewals due, lapsed members, donations by month and RFM groups. Every number is a button that
 *  opens the contacts behind it (options.onQuery, with the number's query and its label). Editors can
 *  rebuild the Dashboard sheet (numbers and native charts) for people who work in plain Sheets.
 *  A Preact component (see sidebar/components). */
import { useRef, useState } from 'preact/hooks';
import { wholeNumber } from '../format';
import type { Dashboard, DashboardNumber, DonationMonth, FunnelStep } from '../../src/services/dashboard/dashboard';
import { day, moment, money, plural, t, uiLocale, valueLabel } from '../i18n';
import type { MessageKey } from '../i18n';
import { parseDay } from '../format';
import { call } from '../server';
import { canEdit, Session, View } from '../session';
import { shownTab, type Shown } from '../components/mount';
import { useAct, useRead } from '../components/server-hooks';
import { BudgetSection } from './cell-budget';
import { HotList } from './hot-list';
import { RfmList } from './rfm-list';
import { Failed, Notice } from '../components/said';

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
  // Each refresh (the tab shown again) asks the numbers again, with the message it brings.
  return shownTab(host, (shown) => <DashboardTab {...shown} role={session.role} options={options} />);
}

function DashboardTab({ asked, notice, role, options }: Shown & { role: string; options: DashboardOptions }) {
  // Worked out now when asked (`fresh`), else perhaps the figures a database kept (their moment shown).
  // The lists too, until the tab is shown again (`freshAt`: the showing when it was asked).
  const fresh = useRef(false);
  const [freshAt, setFreshAt] = useState(-1);
  const numbers = useRead(() => call('dashboard', fresh.current ? { fresh: true } : {}), asked);
  const workOutNow = () => {
    fresh.current = true;
    setFreshAt(asked);
    void numbers.reload().finally(() => (fresh.current = false));
  };
  const budget = useRead(() => call('cellBudget', {}).catch(() => null), asked);
  const act = useAct();
  const [archiveSaid, setArchiveSaid] = useState<string[]>([]);
  const d = numbers.data;
  const open = (id: string) => options.onOpen?.(id);

  /** Old rows to the archive (admins): what moved is said, and the sizes read again. */
  const archive = () =>
    act.run('archive', async () => {
      setArchiveSaid([]);
      const report = await call('archiveOldRows', { create: true });
      const said = report.moved.map((m) => t('dashboard.archive.moved', { rows: m.rows.toLocaleString(uiLocale()), table: m.table, before: day(m.before) }));
      if (!said.length) said.push(t('dashboard.archive.nothing'));
      if (report.more) said.push(t('dashboard.archive.more'));
      setArchiveSaid(said);
      await budget.reload();
      return '';
    });
  const refreshSheet = () => act.run('sheet', async () => plural('dashboard.refreshed', (await call('refreshDashboard', {})).charts));

  const said = act.notice || notice;
  const b = budget.data;
  return (
    <div class="dashboard" data-testid="dashboard-view">
      <header class="view-header">
        <h1>{t('dashboard.title')}</h1>
        {d && (
          <p class="small muted" data-testid="dashboard-as-of">
            {t('dashboard.as_of', { date: day(d.as_of) })}
          </p>
        )}
        {d?.worked_out_at && (
          <p class="small" data-testid="dashboard-kept">
            {numbers.loading ? t('dashboard.working_out', { seconds: seconds(d.took_ms) }) : t('dashboard.kept', { moment: moment(d.worked_out_at), seconds: seconds(d.took_ms) })}{' '}
            {!numbers.loading && (
              <button type="button" class="link-button" data-testid="dashboard-work-out" onClick={workOutNow}>
                {t('dashboard.work_out_now')}
              </button>
            )}
          </p>
        )}
      </header>
      <Notice text={said} />
      <Failed error={numbers.error} onRetry={() => void numbers.reload()} />
      {act.error && (
        <p class="error" role="alert" data-testid="error">
          {act.error}
        </p>
      )}
      {numbers.loading && !d?.worked_out_at && (
        <p class="status" aria-live="polite">
          <span data-testid="loading">{t('common.loading')}</span>
        </p>
      )}
      {d && (
        <>
          <Headline d={d} onQuery={options.onQuery} />
          <HotList asked={asked} fresh={freshAt === asked} onOpen={open} onQuery={options.onQuery} />
          <Funnel d={d} onQuery={options.onQuery} />
          <Donations d={d} onQuery={options.onQuery} />
          <RfmGroups d={d} onQuery={options.onQuery} />
          <RfmList asked={asked} fresh={freshAt === asked} currency={d.currency} onOpen={open} />
        </>
      )}
      {b && (
        <BudgetSection
          budget={b}
          role={role}
          archive={{ archive: b.archive ?? null, months: b.archive_months ?? 12, busy: act.busy === 'archive', said: archiveSaid, onArchive: () => void archive() }}
        />
      )}
      {canEdit(role) && (
        <div class="buttons">
          <button type="button" data-testid="dashboard-refresh-sheet" disabled={act.busy === 'sheet'} onClick={() => void refreshSheet()}>
            {act.busy === 'sheet' ? t('dashboard.refreshing') : t('dashboard.refresh_sheet')}
          </button>
        </div>
      )}
    </div>
  );
}

type Query = DashboardOptions['onQuery'];

/** Milliseconds as whole seconds, at least 1. */
const seconds = (ms: number | undefined) => Math.max(1, Math.round((ms ?? 0) / 1000));

/** A number as a button that opens its contacts. */
function NumberButton({ id, label, text, n, onQuery }: { id: string; label: string; text: string; n: Pick<DashboardNumber, 'query'>; onQuery: Query }) {
  return (
    <button type="button" class="link-button dashboard-number" data-testid="dashboard-number" data-key={id} title={t('dashboard.open', { label })} onClick={() => onQuery(n.query, label)}>
      {text}
    </button>
  );
}

/** A bar, its width from the data (set as a style property, never through markup). */
function Bar({ value, largest }: { value: number; largest: number }) {
  return (
    <span class="dashboard-bar" aria-hidden="true" style={{ display: 'block', height: '8px', margin: '2px 0 4px', borderRadius: '4px', background: 'var(--soft)' }}>
      <span class="dashboard-bar-fill" style={{ display: 'block', height: '100%', borderRadius: '4px', background: 'var(--blue)', width: `${barWidth(value, largest)}%` }} />
    </span>
  );
}

function Headline({ d, onQuery }: { d: Dashboard; onQuery: Query }) {
  const locale = uiLocale();
  const card = (key: keyof Dashboard & string, n: DashboardNumber, share?: { key: string; of: MessageKey; n: DashboardNumber }) => {
    const label = t(`dashboard.${key}` as MessageKey);
    return (
      <li class="dashboard-card" data-card={key}>
        <div class="small muted">{label}</div>
        <div class="dashboard-value">
          <NumberButton id={key} label={label} text={wholeNumber(n.value, locale)} n={n} onQuery={onQuery} />
        </div>
        {share && (
          <div class="small">
            <NumberButton id={share.key} label={t(`dashboard.${share.key}` as MessageKey)} text={t(share.of, { share: sharePercent(share.n.value, locale) })} n={share.n} onQuery={onQuery} />
          </div>
        )}
      </li>
    );
  };
  return (
    <ul class="card-list dashboard-cards">
      {card('contacts', d.contacts)}
      {card('members', d.members, { key: 'members_share', of: 'dashboard.of_contacts', n: d.members_share })}
      {card('subscribers', d.subscribers, { key: 'subscribers_share', of: 'dashboard.of_contacts', n: d.subscribers_share })}
      {card('subscribed_members', d.subscribed_members, { key: 'subscribed_members_share', of: 'dashboard.of_members', n: d.subscribed_members_share })}
      {card('renewals_due', d.renewals_due)}
      {card('lapsed', d.lapsed)}
    </ul>
  );
}

function Funnel({ d, onQuery }: { d: Dashboard; onQuery: Query }) {
  const locale = uiLocale();
  const largest = Math.max(0, ...d.funnel.map((s) => s.reached.value));
  const stepLabel = (s: FunnelStep) => t(`dashboard.step.${s.step}` as MessageKey);
  const step = (s: FunnelStep, i: number) => {
    const label = stepLabel(s);
    const between = i > 0 ? `${stepLabel(d.funnel[i - 1])} → ${label}` : label;
    const median = s.median_days;
    return (
      <li key={s.step} class="dashboard-step" data-step={s.step}>
        <div class="row-main">
          <span>{label}</span> <NumberButton id={`funnel.${s.step}`} label={label} text={wholeNumber(s.reached.value, locale)} n={s.reached} onQuery={onQuery} />
        </div>
        <Bar value={s.reached.value} largest={largest} />
        {s.conversion && (
          <div class="small">
            {/* The share with the counts it is made of, so that the two can be checked against each other. */}
            <NumberButton
              id={`funnel.${s.step}.conversion`}
              label={between}
              text={t('dashboard.funnel.conversion', {
                count: wholeNumber(s.converted?.value ?? 0, locale),
                total: wholeNumber(d.funnel[i - 1].reached.value, locale),
                share: sharePercent(s.conversion.value, locale),
              })}
              n={s.conversion}
              onQuery={onQuery}
            />
            {' · '}
            {median && median.value !== null ? (
              <NumberButton
                id={`funnel.${s.step}.median`}
                label={between}
                text={plural('dashboard.funnel.median', median.value, { count: wholeNumber(median.value, locale) })}
                n={median}
                onQuery={onQuery}
              />
            ) : (
              <span class="muted">{t('dashboard.funnel.no_median')}</span>
            )}
          </div>
        )}
      </li>
    );
  };
  return (
    <section class="card-section dashboard-funnel">
      <h2>{t('dashboard.funnel')}</h2>
      <p class="small muted">{t('dashboard.funnel.help')}</p>
      <ol class="card-list">{d.funnel.map(step)}</ol>
    </section>
  );
}

function Donations({ d, onQuery }: { d: Dashboard; onQuery: Query }) {
  const locale = uiLocale();
  const largest = Math.max(0, ...d.donations_by_month.map((m) => m.total.value));
  const month = (m: DonationMonth) => {
    const name = monthName(m.month, locale);
    const title = `${t('dashboard.donations')} · ${name}`;
    return (
      <li key={m.month} class="dashboard-month" data-month={m.month}>
        <div class="row-main">
          <span>{name}</span> <NumberButton id={`donations.${m.month}.total`} label={title} text={money(m.total.value, d.currency)} n={m.total} onQuery={onQuery} />
        </div>
        <Bar value={m.total.value} largest={largest} />
        <div class="small">
          <NumberButton
            id={`donations.${m.month}.gifts`}
            label={title}
            text={plural('dashboard.donations.gifts', m.gifts.value, { count: wholeNumber(m.gifts.value, locale) })}
            n={m.gifts}
            onQuery={onQuery}
          />
          {' · '}
          <NumberButton
            id={`donations.${m.month}.donors`}
            label={title}
            text={plural('dashboard.donations.donors', m.donors.value, { count: wholeNumber(m.donors.value, locale) })}
            n={m.donors}
            onQuery={onQuery}
          />
        </div>
      </li>
    );
  };
  return (
    <section class="card-section dashboard-donations">
      <h2>{t('dashboard.donations')}</h2>
      <ul class="card-list compact">{d.donations_by_month.map(month)}</ul>
    </section>
  );
}

function RfmGroups({ d, onQuery }: { d: Dashboard; onQuery: Query }) {
  const locale = uiLocale();
  const groups = d.rfm_groups;
  const largest = Math.max(0, ...groups.map((g) => g.contacts.value));
  return (
    <section class="card-section dashboard-rfm">
      <h2>{t('dashboard.rfm')}</h2>
      {!groups.length ? (
        <p class="muted">{t('dashboard.rfm.none')}</p>
      ) : (
        <ul class="card-list compact">
          {groups.map((g) => {
            const label = valueLabel('dashboard.rfm.group', g.group);
            return (
              <li key={g.group} class="dashboard-group" data-group={g.group}>
                <div class="row-main">
                  <span>{label}</span> <NumberButton id={`rfm.${g.group}`} label={label} text={wholeNumber(g.contacts.value, locale)} n={g.contacts} onQuery={onQuery} />
                </div>
                <Bar value={g.contacts.value} largest={largest} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
