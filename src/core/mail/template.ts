/** Email templates: a subject and a body with placeholders, written as plain text. The body's few marks
 *  make simple HTML: a blank line starts a paragraph, `**bold**`, `[words](https://…)` and bare
 *  addresses are links. Placeholders: `{{first_name}}`, `{{membership.end_date}}`, `{{gift.amount}}`…,
 *  with a fallback for an empty value (`{{first_name|Bonjour}}`). Values are what the contact's record
 *  holds, formatted for the template's language, and escaped in HTML: nothing a person typed in the
 *  CRM can add markup to a message. */

export interface Placeholder {
  name: string;
  fallback: string;
  /** Where it is, for a message naming it. */
  at: number;
}

const PLACEHOLDER = /\{\{\s*([^{}|]*?)\s*(?:\|([^{}]*))?\}\}/g;

export function placeholdersOf(text: string): Placeholder[] {
  const found: Placeholder[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) found.push({ name: m[1], fallback: (m[2] ?? '').trim(), at: m.index ?? 0 });
  return found;
}

/** The placeholder names of `text` that `known` does not have, each once, in order. */
export function unknownPlaceholders(text: string, known: (name: string) => boolean): string[] {
  return [...new Set(placeholdersOf(text).map((p) => p.name))].filter((name) => !known(name));
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** The text with each placeholder replaced by its value (or its fallback when the value is empty). */
export function fillText(text: string, value: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (_, name: string, fallback?: string) => value(name.trim()) || (fallback ?? '').trim());
}

/** A link only to the web or to an address: never javascript: or data:. */
const SAFE_URL = /^(https?:\/\/|mailto:)[^\s<>"']+$/i;

/** One line of the body as HTML: its text escaped, then bold and links marked. Placeholders are
 *  filled before, with their values escaped, so a value's `**` or `[x](y)` stays text. */
function inlineHtml(escaped: string): string {
  return escaped
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (whole, words: string, url: string) => (SAFE_URL.test(decodeEntities(url)) ? `<a href="${url}">${words}</a>` : whole))
    .replace(/(^|[\s(])((?:https?:\/\/)[^\s<]+[^\s<.,;:!?)])/g, (whole, before: string, url: string) => `${before}<a href="${url}">${url}</a>`);
}

const decodeEntities = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');

export interface Rendered {
  subject: string;
  text: string;
  html: string;
}

/** The message for one contact. `value` gives a placeholder's value (already formatted); a value is
 *  escaped, never read as marks. */
export function render(template: { subject: string; body: string }, value: (name: string) => string): Rendered {
  const subject = fillText(template.subject, value)
    .replace(/[\r\n]+/g, ' ')
    .trim();
  const text = fillText(template.body, value);
  // Placeholders are replaced by markers first, so that the marks are read in the template's own text
  // only; the escaped values go in last.
  const values: string[] = [];
  const marked = template.body.replace(PLACEHOLDER, (_, name: string, fallback?: string) => {
    values.push(value(name.trim()) || (fallback ?? '').trim());
    return `\u0000${values.length - 1}\u0000`;
  });
  const paragraphs = escapeHtml(marked)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${p.split('\n').map(inlineHtml).join('<br>\n')}</p>`);
  const html = paragraphs.join('\n').replace(/(href=")?\u0000(\d+)\u0000/g, (_, href: string | undefined, i: string) => {
    const v = values[Number(i)];
    if (href) return href + escapeHtml(v);
    // A value that is an address on its own (the unsubscribe link) is a link.
    return SAFE_URL.test(v) ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v).replace(/\n/g, '<br>');
  });
  return { subject, text, html };
}
