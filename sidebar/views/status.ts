/** The screens between the others: loading, and a call that failed (with Try again). */
import { fill, h } from '../dom';
import { t } from '../i18n';
import type { View } from '../session';

export function loadingView(host: HTMLElement): View {
  return {
    render: () => fill(host, h('p', { class: 'muted panel', role: 'status', 'data-testid': 'loading' }, t('common.loading'))),
  };
}

/** `message` is already in words for people (the server's sentence, or errorText's). */
export function problemView(host: HTMLElement, message: string, onRetry: () => void): View {
  return {
    render: () =>
      fill(
        host,
        h('header', { class: 'view-header' }, h('h1', null, t('app.name'))),
        h('div', { class: 'error panel', role: 'alert' }, h('p', { 'data-testid': 'error' }, message), h('button', { type: 'button', 'data-testid': 'retry', onclick: onRetry }, t('common.retry'))),
      ),
  };
}
