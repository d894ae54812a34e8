/** Newsletter (admins): connect Mailchimp or Brevo (the key checked at once, shown masked), choose the
 *  audience or list and, if wanted, the segment whose consented contacts are added; preview what a sync
 *  would do on each side, with the conflicts listed; sync now; and what the last run did. */
import { useEffect, useState } from 'preact/hooks';
import type { SyncOutcome } from '../../src/services/sync/sync-run';
import type { SyncReport } from '../../src/services/sync/report';
import type { PlatformList } from '../../src/services/sync/platforms/platform';
import type { MessageKey } from '../i18n';
import { moment, t } from '../i18n';
import { call } from '../server';
import { tabScreen, type TabScreen } from '../components/mount';
import { useAct, useRead } from '../components/server-hooks';
import { SegmentOptions } from '../components/segment-options';
import { Said } from '../components/said';

const COUNTS = ['unsubscribed_in_mailer', 'created_in_mailer', 'updated_in_mailer', 'opted_out_in_crm', 'cleaned_in_crm', 'created_in_crm', 'updated_in_crm'] as const;
const PLATFORM_NAMES: Record<string, string> = { mailchimp: 'Mailchimp', brevo: 'Brevo' };

export type NewsletterScreen = TabScreen;

export function newsletterView(host: HTMLElement): NewsletterScreen {
  return tabScreen(host, (shown) => <Newsletter key={shown} />);
}

function Report({ report, testid }: { report: SyncReport; testid: string }) {
  const a = report.activity;
  return (
    <div data-testid={testid}>
      <ul class="plain small">
        {COUNTS.map((k) => (
          <li key={k} data-count={k}>
            <strong>{report[k]}</strong> {t(`newsletter.count.${k}` as MessageKey)}
          </li>
        ))}
      </ul>
      {a.campaigns > 0 && <p class="small">{t('newsletter.activity', { ...a })}</p>}
      {report.conflicts.length > 0 && (
        <>
          <h3>{t('newsletter.conflicts')}</h3>
          <ul class="plain small" data-testid="newsletter-conflicts">
            {report.conflicts.map((c) => (
              <li key={`${c.kind}:${c.email}`} data-kind={c.kind}>
                <span class="nowrap-address">{c.email}</span>: {t(`newsletter.conflict.${c.kind}` as MessageKey)}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.errors.length > 0 && (
        <>
          <h3>{t('newsletter.errors')}</h3>
          <ul class="plain small error" data-testid="newsletter-errors">
            {report.errors.map((e, k) => (
              <li key={k}>
                {e.email ? <span class="nowrap-address">{e.email}: </span> : ''}
                {e.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Newsletter() {
  const settings = useRead(() => call('newsletterSettings', {}));
  const segments = useRead(() => call('listSegments', {}));
  const [platform, setPlatform] = useState('mailchimp');
  const [key, setKey] = useState('');
  const [lists, setLists] = useState<PlatformList[] | null>(null);
  const [list, setList] = useState<string | null>(null);
  const [segment, setSegment] = useState<string | null>(null);
  const [labelled, setLabelled] = useState<string[] | null>(null);
  const [fields, setFields] = useState<string | null>(null);
  const [brevoTemplate, setBrevoTemplate] = useState<string | null>(null);
  const [brevoRedirect, setBrevoRedirect] = useState<string | null>(null);
  const [preview, setPreview] = useState<SyncOutcome | null>(null);
  const { busy, notice, error, run: act } = useAct(() => settings.reload());
  const connection = settings.data?.connection ?? null;
  // While a sync works (here or from the hourly trigger), how far it has come, asked every 2 seconds.
  const working = busy === 'sync' || connection?.progress?.working === true;
  useEffect(() => {
    if (!working) return;
    const timer = setInterval(() => void settings.reload(), 2000);
    return () => clearInterval(timer);
  }, [working]);
  const progress = connection?.progress ?? null;
  const progressText =
    progress && working
      ? progress.phase === 'pull'
        ? t('newsletter.progress.pull', { done: progress.done, total: progress.total })
        : progress.phase === 'push'
          ? t('newsletter.progress.push')
          : t('newsletter.progress.activity', { campaign: Math.min(progress.campaign + 1, progress.campaigns), campaigns: progress.campaigns })
      : '';

  const connect = (e: Event) => {
    e.preventDefault();
    void act('connect', async () => {
      const answer = await call('connectNewsletter', { platform: platform as 'mailchimp' | 'brevo', key: key.trim() });
      setKey('');
      setLists(answer.lists);
      return t('newsletter.connected', { platform: PLATFORM_NAMES[platform], key: '…' + key.trim().slice(-6) });
    });
  };
  const chooseList = (e: Event) => {
    e.preventDefault();
    const chosen = list ?? connection?.list ?? '';
    void act('list', async () => {
      const saved = await call('chooseNewsletterList', {
        list: chosen,
        segment: segment ?? connection?.segment ?? '',
        label_segments: labelled ?? connection?.label_segments ?? [],
        fields: fields ?? connection?.fields ?? '',
        ...(connection?.platform === 'brevo' ? brevoChoice() : {}),
      });
      setPreview(null);
      return t('newsletter.list_saved', { list: saved.list_name || saved.list });
    });
  };
  /** Brevo's double opt-in as typed: no template is none. */
  const brevoChoice = () => {
    const template = (brevoTemplate ?? connection?.brevo_template ?? '').trim();
    return { brevo_template: template ? Number(template) : null, brevo_redirect: (brevoRedirect ?? connection?.brevo_redirect ?? '').trim() };
  };
  const showLists = () =>
    act('lists', async () => {
      const answer = await call('newsletterLists', {});
      setLists(answer.lists);
      return '';
    });
  const runPreview = () =>
    act('preview', async () => {
      setPreview(await call('previewSync', {}));
      return '';
    });
  const syncNow = () =>
    act('sync', async () => {
      const outcome = await call('syncNewsletter', {});
      setPreview(null);
      return outcome.finished ? t('newsletter.synced') : t('newsletter.resuming');
    });
  const disconnect = () => {
    if (!window.confirm(t('newsletter.disconnect_confirm'))) return;
    void act('disconnect', async () => {
      await call('disconnectNewsletter', {});
      setLists(null);
      setPreview(null);
      return t('newsletter.disconnected');
    });
  };

  const shownError = error || settings.error;
  const last = connection?.last ?? null;
  return (
    <div class="newsletter">
      <header class="view-header">
        <h1>{t('newsletter.title')}</h1>
      </header>
      <p class="muted small">{t('newsletter.help')}</p>
      <Said notice={notice} error={shownError} errorId="newsletter-error" />
      {settings.loading && !settings.data && (
        <p class="muted" role="status" data-testid="loading">
          {t('common.loading')}
        </p>
      )}
      <p class="small" data-testid="newsletter-state">
        {connection ? t('newsletter.connected', { platform: PLATFORM_NAMES[connection.platform] ?? connection.platform, key: connection.key }) : t('newsletter.not_connected')}
      </p>
      <form class="panel-section" data-testid="newsletter-connect" onSubmit={connect}>
        <div class="field">
          <label for="newsletter-platform">{t('newsletter.platform')}</label>
          <select id="newsletter-platform" data-testid="newsletter-platform" value={platform} onChange={(e) => setPlatform((e.target as HTMLSelectElement).value)}>
            {(settings.data?.platforms ?? ['mailchimp', 'brevo']).map((p) => (
              <option key={p} value={p}>
                {PLATFORM_NAMES[p] ?? p}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="newsletter-key">{t('newsletter.key')}</label>
          <input id="newsletter-key" type="password" autocomplete="off" data-testid="newsletter-key" value={key} onInput={(e) => setKey((e.target as HTMLInputElement).value)} />
          <p class="muted small">{t('newsletter.key_help')}</p>
        </div>
        <div class="buttons">
          <button type="submit" class="action" data-testid="newsletter-connect-button" disabled={busy !== '' || !key.trim()}>
            {t('newsletter.connect')}
          </button>
          {connection && (
            <button type="button" class="danger-button" data-testid="newsletter-disconnect" disabled={busy !== ''} onClick={disconnect}>
              {t('newsletter.disconnect')}
            </button>
          )}
        </div>
      </form>
      {connection && (
        <form class="panel-section" data-testid="newsletter-list" onSubmit={chooseList}>
          {connection.list && <p class="small">{t('newsletter.syncing_list', { list: connection.list_name || connection.list })}</p>}
          <div class="field">
            <label for="newsletter-list-id">{t('newsletter.list')}</label>
            {lists ? (
              <select id="newsletter-list-id" data-testid="newsletter-list-id" value={list ?? connection.list} onChange={(e) => setList((e.target as HTMLSelectElement).value)}>
                <option value="">{t('newsletter.choose_list')}</option>
                {lists.map((l) => (
                  <option key={l.id} value={l.id}>
                    {`${l.name} (${l.members})`}
                  </option>
                ))}
              </select>
            ) : (
              <button type="button" data-testid="newsletter-show-lists" disabled={busy !== ''} onClick={() => void showLists()}>
                {t('newsletter.choose_list')}
              </button>
            )}
          </div>
          <div class="field">
            <label for="newsletter-segment">{t('newsletter.segment')}</label>
            <select id="newsletter-segment" data-testid="newsletter-segment" value={segment ?? connection.segment} onChange={(e) => setSegment((e.target as HTMLSelectElement).value)}>
              <SegmentOptions segments={segments.data?.segments ?? []} none={t('newsletter.any_segment')} />
            </select>
          </div>
          <div class="field">
            <label for="newsletter-fields">{t('newsletter.fields')}</label>
            <p class="muted small">{t('newsletter.fields_help')}</p>
            <textarea id="newsletter-fields" data-testid="newsletter-fields" rows={3} value={fields ?? connection.fields} onInput={(e) => setFields((e.target as HTMLTextAreaElement).value)} />
          </div>
          {connection.platform === 'brevo' && (
            <fieldset class="field" data-testid="newsletter-brevo-doi">
              <legend>{t('newsletter.brevo_doi')}</legend>
              <p class="muted small">{t('newsletter.brevo_doi_help')}</p>
              <label for="newsletter-brevo-template">{t('newsletter.brevo_template')}</label>
              <input
                id="newsletter-brevo-template"
                type="number"
                min="1"
                data-testid="newsletter-brevo-template"
                value={brevoTemplate ?? connection.brevo_template}
                onInput={(e) => setBrevoTemplate((e.target as HTMLInputElement).value)}
              />
              <label for="newsletter-brevo-redirect">{t('newsletter.brevo_redirect')}</label>
              <input
                id="newsletter-brevo-redirect"
                type="url"
                data-testid="newsletter-brevo-redirect"
                value={brevoRedirect ?? connection.brevo_redirect}
                onInput={(e) => setBrevoRedirect((e.target as HTMLInputElement).value)}
              />
            </fieldset>
          )}
          <fieldset class="field" data-testid="newsletter-label-segments">
            <legend>{t('newsletter.label_segments')}</legend>
            <p class="muted small">{t('newsletter.label_segments_help')}</p>
            {(segments.data?.segments ?? []).map((s) => {
              const chosen = labelled ?? connection.label_segments;
              return (
                <label class="check" key={s.id}>
                  <input
                    type="checkbox"
                    value={s.name}
                    checked={chosen.includes(s.name)}
                    onChange={(e) => setLabelled((e.target as HTMLInputElement).checked ? [...chosen, s.name] : chosen.filter((n) => n !== s.name))}
                  />
                  {s.name}
                </label>
              );
            })}
          </fieldset>
          <button type="submit" class="action" data-testid="newsletter-save-list" disabled={busy !== '' || !(list ?? connection.list)}>
            {t('newsletter.save_list')}
          </button>
        </form>
      )}
      {connection?.list && (
        <section class="panel-section" data-testid="newsletter-run">
          <p class="muted small">{t('newsletter.preview_help')}</p>
          <div class="buttons">
            <button type="button" data-testid="newsletter-preview" disabled={busy !== ''} onClick={() => void runPreview()}>
              {busy === 'preview' ? t('common.loading') : t('newsletter.preview')}
            </button>
            <button type="button" class="action" data-testid="newsletter-sync" disabled={busy !== ''} onClick={() => void syncNow()}>
              {busy === 'sync' ? t('common.loading') : t('newsletter.sync_now')}
            </button>
          </div>
          {preview && (
            <>
              <h2>{t('newsletter.preview_title')}</h2>
              <Report report={preview.report} testid="newsletter-preview-report" />
            </>
          )}
          {progressText && (
            <p class="small" role="status" data-testid="newsletter-progress">
              {progressText}
            </p>
          )}
          {connection.resuming && <p class="small">{t('newsletter.resuming')}</p>}
          <h2>{last ? t('newsletter.last_run', { when: moment(last.endedAt) }) : t('newsletter.never_run')}</h2>
          {last && (
            <>
              <Report report={last.report} testid="newsletter-last-report" />
              <p class="muted small">{t('newsletter.calls', { calls: last.calls })}</p>
              <p class="muted small" data-testid="newsletter-requests-today">
                {t('newsletter.requests_today', { count: connection.requests_today })}
              </p>
            </>
          )}
        </section>
      )}
    </div>
  );
}
