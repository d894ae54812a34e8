/** The Inbox (admins): deliveries from donation platforms and website forms, the latest first, with
 *  what became of each; a failed one tried again once its cause is fixed; the waiting ones recorded
 *  now; and what senders need: the address's token (a new one on demand), Stripe's key (Stripe is
 *  asked, not delivering) and Ko-fi's verification token. A Preact component (see sidebar/components). */
import { useState } from 'preact/hooks';
import type { InboxItem, InboxPage } from '../../src/services/intake/inbox-list';
import { moment, t } from '../i18n';
import { call } from '../server';
import { tabScreen, type TabScreen } from '../components/mount';
import { useAct, useRead } from '../components/server-hooks';
import { Said } from '../components/said';

const PAGE = 50;
const STATUSES = ['', 'failed', 'queued', 'applied', 'ignored'] as const;
type Status = (typeof STATUSES)[number];

/** A status in words ('failed' → 'en échec'); one the CRM does not know (typed by hand) as written. */
const statusWord = (status: string) => (status && (STATUSES as readonly string[]).includes(status) ? t(`inbox.status.${status as Exclude<Status, ''>}`) : status);

export interface InboxHandlers {
  onOpen(contactId: string): void;
}

export type InboxScreen = TabScreen;

export function inboxView(host: HTMLElement, handlers: InboxHandlers): InboxScreen {
  return tabScreen(host, (shown) => <Inbox key={shown} onOpen={handlers.onOpen} />);
}

function Inbox({ onOpen }: { onOpen(contactId: string): void }) {
  const [status, setStatus] = useState<Status>('');
  const page = useRead<InboxPage>(() => call('inbox', { status, offset: 0, limit: PAGE }));
  const settings = useRead(() => call('intakeSettings', {}));
  const [kofi, setKofi] = useState('');
  const [stripe, setStripe] = useState('');
  const [webApp, setWebApp] = useState<string | null>(null);
  // What the admin ticked, shown at once (the settings are read again after it is saved).
  const [sandbox, setSandbox] = useState<boolean | null>(null);
  const items = page.data?.items ?? [];
  const counts = page.data?.counts ?? {};

  // One change at a time; it says what it did, or what went wrong, then the lists are read again.
  const { busy, notice, error, run: act } = useAct(() => Promise.all([page.reload(), settings.reload()]));

  const show = (next: Status) => {
    setStatus(next);
    // The read asks with the status of the next render.
    setTimeout(() => void page.reload());
  };
  const more = async () => {
    const next = await call('inbox', { status, offset: items.length, limit: PAGE });
    page.set({ ...next, items: [...items, ...next.items] });
  };
  const applyNow = () =>
    act('apply', async () => {
      const run = await call('applyInbox', {});
      return t('inbox.applied_now', { applied: run.applied, failed: run.failed, waiting: run.waiting + run.left });
    });
  const retry = (item: InboxItem) =>
    act(item.id, async () => {
      await call('retryDelivery', { id: item.id });
      return t('inbox.retried');
    });
  const rotate = () => {
    if (!window.confirm(t('inbox.rotate_confirm'))) return;
    void act('rotate', async () => {
      await call('rotateIntakeToken', {});
      return t('inbox.rotated');
    });
  };
  const saveKofi = (e: Event) => {
    e.preventDefault();
    void act('kofi', async () => {
      await call('setKoFiToken', { token: kofi });
      setKofi('');
      return t('inbox.kofi_saved');
    });
  };

  const connectStripe = (e: Event) => {
    e.preventDefault();
    void act('stripe', async () => {
      await call('setStripeKey', { key: stripe });
      setStripe('');
      return t('inbox.stripe_saved');
    });
  };
  const askStripe = () =>
    act('ask-stripe', async () => {
      const run = await call('askStripe', {});
      return t('inbox.stripe_polled', { queued: run.queued });
    });

  const saveWebApp = (e: Event) => {
    e.preventDefault();
    void act('web-app', async () => {
      await call('setWebAppUrl', { url: (webApp ?? '').trim() });
      return t('inbox.web_app_saved');
    });
  };

  const shownError = error || page.error || settings.error;
  const token = settings.data?.token ?? '';
  return (
    <div class="inbox">
      <header class="view-header">
        <h1>{t('inbox.title')}</h1>
      </header>
      <p class="muted small">{t('inbox.help')}</p>
      <Said notice={notice} error={shownError} errorId="inbox-error" />
      <div class="buttons">
        <label for="inbox-status">{t('inbox.filter')}</label>
        <select id="inbox-status" data-testid="inbox-status" value={status} onChange={(e) => show((e.target as HTMLSelectElement).value as Status)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {s ? `${statusWord(s)} (${counts[s] ?? 0})` : t('inbox.all')}
            </option>
          ))}
        </select>
        {(counts.queued ?? 0) > 0 && (
          <button type="button" data-testid="inbox-apply" disabled={busy !== ''} onClick={() => void applyNow()}>
            {t('inbox.apply_now')}
          </button>
        )}
      </div>
      {page.loading && (
        <p class="muted" role="status" data-testid="loading">
          {t('common.loading')}
        </p>
      )}
      {!page.loading && !items.length && !shownError && (
        <p class="muted" data-testid="inbox-empty">
          {t('inbox.empty')}
        </p>
      )}
      {items.length > 0 && (
        <ul class="card-list" data-testid="inbox">
          {items.map((item) => (
            <li key={item.id} data-testid="inbox-item" data-id={item.id} data-status={item.status}>
              <div class="row-main">
                <span class="name">{item.source}</span>
                <span class={item.status === 'failed' ? 'badge warn' : 'badge'}>{statusWord(item.status)}</span>
              </div>
              <div class="muted small">{item.received_at ? moment(item.received_at) : ''}</div>
              {item.error && <p class={item.status === 'failed' ? 'error small' : 'muted small'}>{item.error}</p>}
              {item.result && <div class="small">{item.result}</div>}
              <div class="buttons">
                {item.contact_id && (
                  <button type="button" class="small-button" data-testid="inbox-open" onClick={() => onOpen(item.contact_id)}>
                    {t('inbox.open_contact')}
                  </button>
                )}
                {item.status === 'failed' && (
                  <button type="button" class="small-button" data-testid="inbox-retry" disabled={busy !== ''} onClick={() => void retry(item)}>
                    {t('inbox.retry')}
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {items.length < (page.data?.total ?? 0) && !page.loading && (
        <div class="buttons">
          <button type="button" data-testid="inbox-more" onClick={() => void more()}>
            {t('inbox.more')}
          </button>
        </div>
      )}
      <section class="panel-section" data-testid="inbox-address">
        <h2>{t('inbox.address')}</h2>
        <p class="muted small">{t('inbox.address_help', { path: '/exec?source=helloasso|kofi|paypal|form|mailchimp|brevo&token=…' })}</p>
        <div class="field">
          <label for="inbox-token">{t('inbox.token')}</label>
          <input id="inbox-token" type="text" readOnly data-testid="inbox-token" value={token} onFocus={(e) => (e.target as HTMLInputElement).select()} />
        </div>
        <button type="button" class="danger-button" data-testid="inbox-rotate" disabled={busy !== '' || !token} onClick={rotate}>
          {t('inbox.rotate')}
        </button>
      </section>
      <form class="panel-section" data-testid="inbox-web-app" onSubmit={saveWebApp}>
        <h2>{t('inbox.web_app')}</h2>
        <p class="muted small">{t('inbox.web_app_help')}</p>
        <div class="field">
          <label for="inbox-web-app-url">{t('inbox.web_app')}</label>
          <input
            id="inbox-web-app-url"
            type="url"
            data-testid="inbox-web-app-url"
            value={webApp ?? settings.data?.web_app_url ?? ''}
            onInput={(e) => setWebApp((e.target as HTMLInputElement).value)}
          />
        </div>
        <button type="submit" class="action" disabled={busy !== '' || webApp === null}>
          {t('inbox.kofi_set')}
        </button>
      </form>
      <section class="panel-section" data-testid="inbox-paypal">
        <h2>{t('inbox.paypal')}</h2>
        <label class="check">
          <input
            type="checkbox"
            data-testid="inbox-paypal-sandbox"
            checked={sandbox ?? settings.data?.paypal_sandbox === true}
            disabled={busy !== '' || !settings.data}
            onChange={(e) => {
              const wanted = (e.target as HTMLInputElement).checked;
              setSandbox(wanted);
              void act('paypal', async () => {
                // A refusal puts the box back as the settings have it.
                const saved = await call('setPayPalChecking', { sandbox: wanted }).catch((e: unknown) => {
                  setSandbox(null);
                  throw e;
                });
                setSandbox(saved.sandbox);
                return saved.sandbox ? t('inbox.paypal_sandbox_on') : t('inbox.paypal_sandbox_off');
              });
            }}
          />
          {t('inbox.paypal_sandbox')}
        </label>
      </section>
      <form class="panel-section" data-testid="inbox-stripe" onSubmit={connectStripe}>
        <h2>{t('inbox.stripe')}</h2>
        <p class="muted small">{t('inbox.stripe_help')}</p>
        <p class="small" data-testid="inbox-stripe-state">
          {settings.data?.stripe_key ? t('inbox.stripe_connected', { key: settings.data.stripe_key }) : t('inbox.stripe_not_connected')}
        </p>
        <div class="field">
          <label for="inbox-stripe-key">{t('inbox.stripe_key')}</label>
          <input id="inbox-stripe-key" type="password" autocomplete="off" data-testid="inbox-stripe-key" value={stripe} onInput={(e) => setStripe((e.target as HTMLInputElement).value)} />
        </div>
        <div class="buttons">
          <button type="submit" class="action" disabled={busy !== '' || !stripe.trim()}>
            {t('inbox.stripe_set')}
          </button>
          {settings.data?.stripe_key && (
            <button type="button" data-testid="inbox-ask-stripe" disabled={busy !== ''} onClick={() => void askStripe()}>
              {t('inbox.stripe_poll')}
            </button>
          )}
        </div>
      </form>
      <form class="panel-section" data-testid="inbox-kofi" onSubmit={saveKofi}>
        <h2>{t('inbox.kofi')}</h2>
        <p class="muted small">{t('inbox.kofi_help')}</p>
        <p class="small" data-testid="inbox-kofi-state">
          {settings.data?.kofi_token_set ? t('inbox.kofi_is_set') : t('inbox.kofi_not_set')}
        </p>
        <div class="field">
          <label for="inbox-kofi-token">{t('inbox.kofi')}</label>
          <input id="inbox-kofi-token" type="password" autocomplete="off" data-testid="inbox-kofi-token" value={kofi} onInput={(e) => setKofi((e.target as HTMLInputElement).value)} />
        </div>
        <button type="submit" class="action" disabled={busy !== '' || !kofi.trim()}>
          {t('inbox.kofi_set')}
        </button>
      </form>
    </div>
  );
}
