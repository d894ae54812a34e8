/** Database (admins): where the big tables live. Connect a PostgreSQL database (the address checked by
 *  connecting, the database migrated, the rows moved), see which one holds them, disconnect. */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { call } from '../server';
import { tabScreen, type TabScreen } from '../components/mount';
import { useAct, useRead } from '../components/server-hooks';
import { Said } from '../components/said';

export type DatabaseScreen = TabScreen;

export function databaseView(host: HTMLElement): DatabaseScreen {
  return tabScreen(host, (shown) => <DatabaseTab key={shown} />);
}

function DatabaseTab() {
  const settings = useRead(() => call('databaseSettings', {}));
  const [url, setUrl] = useState('');
  const [user, setUser] = useState('');
  const [password, setPassword] = useState('');
  const { busy, notice, error, run: act } = useAct(() => settings.reload());
  const view = settings.data ?? null;

  const connect = (e: Event) => {
    e.preventDefault();
    void act('connect', async () => {
      const answer = await call('connectDatabase', { url: url.trim(), user: user.trim(), password });
      const rows = answer.moved.reduce((n, m) => n + m.added, 0);
      if (!answer.finished) return t('database.moving', { rows });
      setPassword('');
      return t('database.connected', { label: answer.label, rows });
    });
  };
  const disconnect = () => {
    if (!window.confirm(t('database.disconnect_warning'))) return;
    void act('disconnect', async () => {
      await call('disconnectDatabase', {});
      return t('database.disconnected');
    });
  };

  return (
    <div class="database">
      <header class="view-header">
        <h1>{t('database.title')}</h1>
      </header>
      <p class="muted small">{t('database.intro')}</p>
      <Said notice={notice} error={error || settings.error} errorId="database-error" />
      {settings.loading && !view && (
        <p class="muted" role="status" data-testid="loading">
          {t('common.loading')}
        </p>
      )}
      {view && (
        <p class="small" data-testid="database-state">
          {view.connected ? t('database.status_on', { label: view.label }) : t('database.status_off')}
        </p>
      )}
      {view?.connected ? (
        <div class="buttons">
          <button type="button" class="danger-button" data-testid="database-disconnect" disabled={busy !== ''} onClick={disconnect}>
            {t('database.disconnect')}
          </button>
        </div>
      ) : (
        <form class="panel-section" data-testid="database-connect" onSubmit={connect}>
          <div class="field">
            <label for="database-url">{t('database.url')}</label>
            <input id="database-url" data-testid="database-url" autocomplete="off" spellcheck={false} value={url} onInput={(e) => setUrl((e.target as HTMLInputElement).value)} />
            <p class="muted small">{t('database.url_help')}</p>
          </div>
          <div class="field">
            <label for="database-user">{t('database.user')}</label>
            <input id="database-user" data-testid="database-user" autocomplete="off" value={user} onInput={(e) => setUser((e.target as HTMLInputElement).value)} />
          </div>
          <div class="field">
            <label for="database-password">{t('database.password')}</label>
            <input id="database-password" type="password" data-testid="database-password" autocomplete="off" value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
          </div>
          <div class="buttons">
            <button type="submit" class="action" data-testid="database-connect-button" disabled={busy !== '' || !url.trim()}>
              {busy === 'connect' ? t('common.loading') : t('database.connect')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
