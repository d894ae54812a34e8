import { translate } from '../core/i18n';
import { queryMessage, QueryMessage } from '../core/query/messages';
import type { UserError } from './errors';

/** A refusal in words, in `language`: its message with its parameters said there too (a role's name,
 *  a reason given by key, a query's parse error). */
export function userMessage(language: string, error: UserError): string {
  const params = { ...error.params };
  // A query that does not read: the parser's words in the caller's language.
  if (typeof params.queryDetail === 'string') {
    const said = queryMessage(JSON.parse(params.queryDetail) as QueryMessage, language);
    params.message = typeof params.segment === 'string' ? `${params.segment}: ${said}` : said;
  }
  if (typeof params.reasonKey === 'string') params.reason = translate(language, params.reasonKey, params);
  for (const key of ['role', 'required'] as const) if (typeof params[key] === 'string') params[key] = translate(language, `role.${params[key]}`);
  return translate(language, error.key, params);
}
