/** The screens between the others: loading, and a call that failed (with Try again). */
import { t } from '../i18n';
import type { View } from '../session';
import { componentView } from '../components/mount';
import { Failed } from '../components/said';

export function Loading() {
  return (
    <p class="muted panel" role="status" data-testid="loading">
      {t('common.loading')}
    </p>
  );
}

/** The CRM's name at the top of a screen that is not the CRM yet (Set up, a refusal). */
export function AppTitle() {
  return (
    <header class="view-header">
      <h1>{t('app.name')}</h1>
    </header>
  );
}

export function loadingView(host: HTMLElement): View {
  return componentView(host, () => <Loading />);
}

/** `message` is already in words for people (the server's sentence, or errorText's). */
export function problemView(host: HTMLElement, message: string, onRetry: () => void): View {
  return componentView(host, () => (
    <>
      <AppTitle />
      <div class="panel">
        <Failed error={message} onRetry={onRetry} />
      </div>
    </>
  ));
}
