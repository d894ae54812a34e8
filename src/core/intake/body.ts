import { IntakeProblem } from './delivery';
import { decodeBytes, type Encoding } from '../import/encoding';

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
 *  Apps Script's e.parameter do. Escapes are UTF-8 bytes, unless the post names another charset
 *  (PayPal's IPN says `charset=windows-1252` by default): `%E9` is then é, not a broken post. */
export function readForm(text: string): Record<string, string> {
  const pairs = text
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const at = pair.indexOf('=');
      return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    });
  const named = pairs.find(([name]) => name === 'charset')?.[1].toLowerCase() ?? '';
  const encoding: Encoding = SINGLE_BYTE.has(named) ? (named === 'iso-8859-1' || named === 'latin1' ? 'iso-8859-1' : 'windows-1252') : 'utf-8';
  const fields: Record<string, string> = Object.create(null);
  for (const [name, value] of pairs) fields[decodePart(name, encoding)] = decodePart(value, encoding);
  return fields;
}

const SINGLE_BYTE = new Set(['windows-1252', 'cp1252', 'iso-8859-1', 'latin1']);

function decodePart(text: string, encoding: Encoding): string {
  const plain = text.replace(/\+/g, ' ');
  if (encoding === 'utf-8') {
    try {
      return decodeURIComponent(plain);
    } catch {
      throw new IntakeProblem('intake.broken_form', { part: text.slice(0, 80) });
    }
  }
  // Percent-escapes are bytes in that charset; other characters came as they are.
  return plain.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) =>
    decodeBytes(
      Uint8Array.from(
        run
          .slice(1)
          .split('%')
          .map((h) => parseInt(h, 16)),
      ),
      encoding,
    ),
  );
}
