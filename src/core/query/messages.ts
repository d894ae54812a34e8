import { translate } from '../i18n';

/** What the parser says about a query that does not read, as a message key and its parameters, so
 *  that each person reads it in their language (the dictionaries' `query.*` keys). A list parameter is
 *  joined with the language's "or"; `found` says what sits at the error ('' never: null is the end). */
export interface QueryMessage {
  key: string;
  params?: Record<string, string | string[]>;
  /** undefined: the message says nothing of what was found; null: the end of the text. */
  found?: string | null;
}

export function queryMessage(message: QueryMessage, locale = 'en'): string {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.params ?? {})) params[name] = Array.isArray(value) ? listOf(value, translate(locale, 'query.or')) : value;
  let text = translate(locale, message.key, params);
  if (message.found === null) text += translate(locale, 'query.found_end');
  else if (message.found !== undefined) text += translate(locale, 'query.found', { token: message.found });
  return text;
}

function listOf(items: string[], or: string): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} ${or} ${items[items.length - 1]}`;
}

/** The parameters of an `error.query` (or a message quoting it) for a query that does not read: the
 *  1-based position, the English message, and what the API needs to say it in the caller's language
 *  (see userMessage in src/api/call.ts). `segment`: the segment whose query it is. */
export function queryErrorParams(error: { message: string; detail: QueryMessage; position: number }, segment?: string): Record<string, string | number> {
  const params: Record<string, string | number> = { position: error.position + 1, message: segment ? `${segment}: ${error.message}` : error.message, queryDetail: JSON.stringify(error.detail) };
  if (segment) params.segment = segment;
  return params;
}
