/** How a view says what happened, the same way everywhere: what the last change did (`Notice`), what
 *  went wrong (`Failed`, with Try again when asking again may help), or both for a change (`Said`). */
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';

/** What the last change did, in the person's words ('' says nothing). */
export function Notice({ text }: { text: string | undefined }) {
  if (!text) return null;
  return (
    <p class="notice" role="status" data-testid="notice">
      {text}
    </p>
  );
}

/** What went wrong, in the person's words, under the view's test id ('error' unless said); with Try
 *  again when `onRetry` is given, and what else the person can do (`children`). '' says nothing. */
export function Failed({ error, testid = 'error', onRetry, children }: { error: string; testid?: string; onRetry?: () => void; children?: ComponentChildren }) {
  if (!error) return null;
  return (
    <div class="error" role="alert">
      <p data-testid={testid}>{error}</p>
      {onRetry && (
        <button type="button" data-testid="retry" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
      {children}
    </div>
  );
}

/** What a view's last change said: its confirmation, or what went wrong (under the view's own test
 *  id), in the person's words. */
export function Said({ notice, error, errorId }: { notice: string; error: string; errorId: string }) {
  return (
    <>
      <Notice text={notice} />
      {error && (
        <p class="error" role="alert" data-testid={errorId}>
          {error}
        </p>
      )}
    </>
  );
}
