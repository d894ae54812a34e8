import { IntakeProblem } from './delivery';

/** The most a delivery may hold: it is kept whole in one Inbox cell, and a Sheets cell holds 50,000
 *  characters. Real notifications are a few kilobytes (a HelloAsso order with ten items is ~8 KB). */
export const MAX_BODY_CHARS = 45000;

/** A delivery's body as fields: JSON (HelloAsso, Stripe, a form posting JSON) or a form's
 *  `application/x-www-form-urlencoded` (Ko-fi, PayPal's IPN, website forms). The content type decides
 *  when it says; otherwise a body that starts with `{` is JSON. */
export function readBody(text: string, contentType: string): Record<string, unknown> {
  const type = contentType.toLowerCase();
  const json = type.includes('json') || (!type.includes('form') && text.trimStart().startsWith('{'));
  if (!text.trim()) throw new IntakeProblem('intake.empty_body');
  if (json) return readJson(text);
  if (type.includes('multipart')) throw new IntakeProblem('intake.unsupported_type', { type: contentType });
  return readForm(text);
}

export function readJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IntakeProblem('intake.broken_json', { details: error instanceof Error ? error.message.slice(0, 200) : '' });
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new IntakeProblem('intake.broken_json', { details: 'not an object' });
  return value as Record<string, unknown>;
}

/** `a=1&b=x+y%C3%A9` → { a: '1', b: 'x yé' }. A field given twice keeps its last value, as PHP and
 *  Apps Script's e.parameter do. */
export function readForm(text: string): Record<string, string> {
  const fields: Record<string, string> = Object.create(null);
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    fields[decodePart(name)] = decodePart(value);
  }
  return fields;
}

function decodePart(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new IntakeProblem('intake.broken_form', { part: text.slice(0, 80) });
  }
}
