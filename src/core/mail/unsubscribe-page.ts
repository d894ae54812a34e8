/** The small page an unsubscribe link opens, in the contact's language. */
import { translate } from '../i18n';
import { escapeHtml } from './template';

export function unsubscribePage(language: string, outcome: 'done' | 'already' | 'bad'): string {
  const title = outcome === 'bad' ? translate(language, 'mail.unsubscribe_question') : translate(language, 'mail.unsubscribed_title');
  const text =
    outcome === 'bad' ? translate(language, 'mail.unsubscribe_bad') : outcome === 'already' ? translate(language, 'mail.already_unsubscribed') : translate(language, 'mail.unsubscribed_text');
  return `<!DOCTYPE html><html lang="${escapeHtml(language || 'en')}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32em;margin:3em auto;padding:0 1em;color:#202124}h1{font-size:1.3em}</style></head>
<body><h1 data-testid="unsubscribe-title">${escapeHtml(title)}</h1><p data-testid="unsubscribe-text">${escapeHtml(text)}</p></body></html>`;
}
