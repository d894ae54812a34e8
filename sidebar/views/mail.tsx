/** Email (editors): templates written and previewed for a contact, and a mail merge to a segment: who
 *  gets it and who is skipped and why, then sent within the day's quota, the rest the next days; the
 *  mailings with their progress. A Preact component (see sidebar/components). */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { call } from '../server';
import type { View } from '../session';
import { componentView } from '../components/mount';
import { useAct, useRead } from '../components/server-hooks';
import { SegmentOptions } from '../components/segment-options';
import { LANGUAGE_CODES, LANGUAGE_NAMES } from '../i18n';
import { Said } from '../components/said';

const SKIP_REASONS = ['no_email', 'bad_email', 'opted_out', 'unsubscribed', 'cleaned', 'no_consent', 'same_email', 'already_in_mailing'] as const;
type Kind = 'newsletter' | 'members';

/** What the Contacts tab's search found, as a mailing's audience. */
export interface SearchAudience {
  text?: string;
  members?: 'all' | 'members' | 'non_members';
  stage?: string;
  tag?: string;
}

export interface MailScreen extends View {
  refresh(): void;
  /** Opens the tab with a search's results as the audience (the Contacts tab's "Email these"). */
  useSearch(search: SearchAudience): void;
}

export function mailView(host: HTMLElement): MailScreen {
  let asked = 0;
  let search: SearchAudience | null = null;
  const view = componentView(host, () => <Mail key={asked} search={search} onDropSearch={() => ((search = null), asked++, view.render())} />);
  return {
    render: () => view.render(),
    refresh() {
      asked++;
    },
    useSearch(found) {
      search = found;
      asked++;
    },
  };
}

const reasonWord = (reason: string) => ((SKIP_REASONS as readonly string[]).includes(reason) ? t(`mail.skip.${reason as (typeof SKIP_REASONS)[number]}`) : reason);

function Mail({ search, onDropSearch }: { search: SearchAudience | null; onDropSearch(): void }) {
  const templates = useRead(() => call('listTemplates', {}));
  const segments = useRead(() => call('listSegments', {}));
  const mailings = useRead(() => call('listMailings', {}));
  const [draft, setDraft] = useState({ name: '', language: '', subject: '', body: '' });
  const [send, setSend] = useState<{ template: string; segment: string; kind: Kind }>({ template: '', segment: '', kind: 'newsletter' });
  const [preview, setPreview] = useState<{ recipients: number; skipped: Record<string, number>; sample: { id: string; email: string }[] } | null>(null);
  const [message, setMessage] = useState<{ to: string; subject: string; text: string } | null>(null);
  const { busy, notice, error, run: act } = useAct();

  const open = (name: string) =>
    act('open', async () => {
      const found = await call('getTemplate', { name });
      setDraft({ name: found.name, language: found.language, subject: found.subject, body: found.body });
      return '';
    });
  const save = (e: Event) => {
    e.preventDefault();
    void act('save', async () => {
      await call('saveTemplate', { name: draft.name, language: draft.language as '' | (typeof LANGUAGE_CODES)[number], subject: draft.subject, body: draft.body });
      await templates.reload();
      return t('mail.ui.saved');
    });
  };
  const check = () =>
    act('preview', async () => {
      const found = await call('previewMailing', { template: send.template, kind: send.kind, ...audience });
      setPreview(found);
      return '';
    });
  const showMessage = () =>
    act('message', async () => {
      const found = await call('previewTemplate', { template: send.template, contact_id: preview!.sample[0].id });
      setMessage(found);
      return '';
    });
  const test = () =>
    act('test', async () => {
      const sent = await call('sendTestEmail', { template: draft.name });
      return t('mail.ui.test_sent', { to: sent.to });
    });
  const go = () =>
    act('send', async () => {
      const report = await call('sendMailing', { template: send.template, kind: send.kind, ...audience });
      setPreview(null);
      await mailings.reload();
      return t('mail.ui.sent', { sent: report.sent, queued: report.queued });
    });
  const sendQueued = () =>
    act('send-queued', async () => {
      const before = new Map((mailings.data?.mailings ?? []).map((m) => [m.mailing, m.sent]));
      const sent = (await call('continueMailings', {})).mailings.reduce((n, m) => n + m.sent - (before.get(m.mailing) ?? 0), 0);
      await mailings.reload();
      return t('mail.ui.sent_queued', { sent });
    });
  const cancel = (id: string, name: string) => {
    if (!window.confirm(t('mail.ui.cancel_confirm'))) return;
    void act('cancel', async () => {
      await call('cancelMailing', { id });
      await mailings.reload();
      return t('mail.ui.cancelled', { name });
    });
  };

  const audience = search ? { search } : { segment: send.segment };
  const hasAudience = search !== null || send.segment !== '';
  const shownError = error || templates.error || segments.error || mailings.error;
  const list = templates.data?.templates ?? [];
  return (
    <div class="mail">
      <header class="view-header">
        <h1>{t('mail.ui.title')}</h1>
      </header>
      <Said notice={notice} error={shownError} errorId="mail-error" />
      <section class="panel-section" data-testid="mail-send">
        <h2>{t('mail.ui.send_title')}</h2>
        <div class="field">
          <label for="mail-template">{t('mail.ui.template')}</label>
          <select
            id="mail-template"
            data-testid="mail-template"
            value={send.template}
            onChange={(e) => (setSend({ ...send, template: (e.target as HTMLSelectElement).value }), setPreview(null), setMessage(null))}
          >
            <option value="">—</option>
            {list.map((tpl) => (
              <option key={tpl.name} value={tpl.name}>
                {tpl.name}
              </option>
            ))}
          </select>
        </div>
        {search ? (
          <div class="field" data-testid="mail-search">
            <p class="small">{t('mail.ui.search_audience', { text: search.text || '—' })}</p>
            <button type="button" class="small-button" onClick={onDropSearch}>
              {t('mail.ui.choose_segment')}
            </button>
          </div>
        ) : (
          <div class="field">
            <label for="mail-segment">{t('mail.ui.segment')}</label>
            <select
              id="mail-segment"
              data-testid="mail-segment"
              value={send.segment}
              onChange={(e) => (setSend({ ...send, segment: (e.target as HTMLSelectElement).value }), setPreview(null), setMessage(null))}
            >
              <SegmentOptions segments={segments.data?.segments ?? []} none="—" />
            </select>
          </div>
        )}
        <div class="field">
          <label for="mail-kind">{t('mail.ui.kind')}</label>
          <select id="mail-kind" data-testid="mail-kind" value={send.kind} onChange={(e) => (setSend({ ...send, kind: (e.target as HTMLSelectElement).value as Kind }), setPreview(null))}>
            <option value="newsletter">{t('mail.ui.kind_newsletter')}</option>
            <option value="members">{t('mail.ui.kind_members')}</option>
          </select>
        </div>
        <div class="buttons">
          <button type="button" data-testid="mail-preview" disabled={busy !== '' || !send.template || !hasAudience} onClick={() => void check()}>
            {t('mail.ui.who')}
          </button>
        </div>
        {preview && (
          <div data-testid="mail-audience">
            <p class="strong">{t('mail.ui.recipients', { count: preview.recipients })}</p>
            {Object.keys(preview.skipped).length > 0 && (
              <ul class="card-list compact" data-testid="mail-skipped">
                {Object.entries(preview.skipped).map(([reason, count]) => (
                  <li key={reason} data-reason={reason}>
                    {t('mail.ui.skipped', { count, reason: reasonWord(reason) })}
                  </li>
                ))}
              </ul>
            )}
            <div class="buttons">
              {preview.sample.length > 0 && (
                <button type="button" data-testid="mail-message" disabled={busy !== ''} onClick={() => void showMessage()}>
                  {t('mail.ui.see_message', { email: preview.sample[0].email })}
                </button>
              )}
              <button type="button" class="action" data-testid="mail-go" disabled={busy !== '' || preview.recipients === 0} onClick={() => void go()}>
                {t('mail.ui.send', { count: preview.recipients })}
              </button>
            </div>
            {message && (
              <div class="card-form" data-testid="mail-message-shown">
                <p class="strong">{message.subject}</p>
                <p class="details-text small">{message.text}</p>
              </div>
            )}
          </div>
        )}
      </section>
      {(mailings.data?.mailings ?? []).length > 0 && (
        <section class="panel-section">
          <h2>{t('mail.ui.mailings')}</h2>
          <ul class="card-list" data-testid="mailings">
            {mailings.data!.mailings.map((m) => (
              <li key={m.mailing} data-testid="mailing" data-id={m.mailing}>
                <div class="row-main">
                  <span class="name">{m.name}</span>
                  <span class={m.status === 'cancelled' ? 'badge warn' : 'badge'} data-testid="mailing-status">
                    {t(`mail.ui.status.${m.status === 'done' || m.status === 'cancelled' ? m.status : 'sending'}`)}
                  </span>
                </div>
                <div class="small" data-testid="mailing-progress">
                  {t('mail.ui.progress', { sent: m.sent, recipients: m.recipients, queued: m.queued, failed: m.failed + m.interrupted })}
                </div>
                {m.status === 'sending' && m.queued > 0 && (
                  <div class="buttons">
                    <button type="button" class="small-button" data-testid="mailing-send-queued" disabled={busy !== ''} onClick={() => void sendQueued()}>
                      {t('mail.ui.send_queued')}
                    </button>
                    <button type="button" class="small-button danger-button" data-testid="mailing-cancel" disabled={busy !== ''} onClick={() => cancel(m.mailing, m.name)}>
                      {t('mail.ui.cancel')}
                    </button>
                  </div>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form class="panel-section" data-testid="template-form" onSubmit={save}>
        <h2>{t('mail.ui.templates')}</h2>
        {list.length > 0 && (
          <div class="buttons">
            {list.map((tpl) => (
              <button key={tpl.name} type="button" class="small-button" data-testid="template-open" onClick={() => void open(tpl.name)}>
                {tpl.name} ({tpl.languages.join(', ')})
              </button>
            ))}
          </div>
        )}
        <div class="field">
          <label for="template-name">{t('mail.ui.name')}</label>
          <input id="template-name" name="name" type="text" value={draft.name} onInput={(e) => setDraft((d) => ({ ...d, name: (e.target as HTMLInputElement).value }))} />
        </div>
        <div class="field">
          <label for="template-language">{t('common.language')}</label>
          <select id="template-language" name="language" value={draft.language} onChange={(e) => setDraft((d) => ({ ...d, language: (e.target as HTMLSelectElement).value }))}>
            <option value="">—</option>
            {LANGUAGE_CODES.map((code) => (
              <option key={code} value={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="template-subject">{t('mail.ui.subject')}</label>
          <input id="template-subject" name="subject" type="text" value={draft.subject} onInput={(e) => setDraft((d) => ({ ...d, subject: (e.target as HTMLInputElement).value }))} />
        </div>
        <div class="field">
          <label for="template-body">{t('mail.ui.body')}</label>
          <textarea id="template-body" name="body" rows={8} value={draft.body} onInput={(e) => setDraft((d) => ({ ...d, body: (e.target as HTMLTextAreaElement).value }))} />
          <p class="muted small">{t('mail.ui.body_help')}</p>
        </div>
        <div class="buttons">
          <button type="submit" class="action" data-testid="template-save" disabled={busy !== '' || !draft.name.trim()}>
            {t('mail.ui.save')}
          </button>
          <button type="button" data-testid="template-test" disabled={busy !== '' || !draft.name.trim()} onClick={() => void test()}>
            {t('mail.ui.test')}
          </button>
        </div>
      </form>
    </div>
  );
}
