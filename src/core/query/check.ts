import type { QueryMessage } from './messages';
import { fold } from '../text';
import { isIsoDate } from '../dates';
import { FIELD_ALIASES, QUERY_FIELDS, QueryField } from './tree';
import { isQueryDate } from './relative-dates';

/** The checks the parser makes on words and values, kept apart so that the builder can run the same ones
 *  on what a person picks in its dropdowns. */

export type Keyword = 'and' | 'or' | 'not';

/** AND / OR / NOT as people write them in the languages the add-on speaks, compared without case or
 *  accents: English AND OR NOT, French ET OU NON, Spanish Y O NO, Portuguese E OU NÃO (or NAO). */
const KEYWORDS: Readonly<Record<string, Keyword>> = {
  and: 'and',
  et: 'and',
  y: 'and',
  e: 'and',
  or: 'or',
  ou: 'or',
  o: 'or',
  not: 'not',
  non: 'not',
  no: 'not',
  nao: 'not',
};

/** The operator a word stands for, or null when it is not one. */
export function keywordOf(word: string): Keyword | null {
  return KEYWORDS[fold(word)] ?? null;
}

export const EXPECTED_DATE = ['a date (YYYY-MM-DD)', 'a relative date (30d, 2w, 12m, 1y, today, yesterday)'];
export const EXPECTED_NUMBER = ['a number'];

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export interface ValueProblem {
  detail: QueryMessage;
  expected: string[];
}

/** The value as the tree keeps it (enum values in their canonical spelling), or what is wrong with it. */
export function checkValue(field: QueryField, value: string): { value: string } | ValueProblem {
  switch (field.type) {
    case 'enum': {
      const key = fold(value)
        .trim()
        .replace(/[\s-]+/g, '_');
      const found = field.values!.find((v) => v === key);
      if (found !== undefined) return { value: found };
      return { detail: { key: 'query.not_a_value', params: { value, field: field.field, values: field.values!.join(', ') } }, expected: [...field.values!] };
    }
    case 'number':
      return NUMBER.test(value) ? { value } : { detail: { key: 'query.not_a_number', params: { field: field.field, value } }, expected: EXPECTED_NUMBER };
    case 'date':
      if (isQueryDate(value)) return { value };
      return { detail: { key: looksLikeIsoDate(value) ? 'query.not_a_day' : 'query.not_a_date', params: { field: field.field, value } }, expected: EXPECTED_DATE };
    default:
      return { value };
  }
}

/** A window's date (since:, within:, before:) or what is wrong with it. */
export function checkWindowDate(key: string, value: string): ValueProblem | null {
  if (isQueryDate(value)) return null;
  return { detail: { key: looksLikeIsoDate(value) ? 'query.window_not_a_day' : 'query.window_not_a_date', params: { key, value } }, expected: EXPECTED_DATE };
}

/** over:'s amount or what is wrong with it. */
export function checkOverAmount(value: string): ValueProblem | null {
  if (NUMBER.test(value)) return null;
  return { detail: { key: 'query.over_not_a_number', params: { value } }, expected: EXPECTED_NUMBER };
}

function looksLikeIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !isIsoDate(value);
}

/** Edit distance between two short words (insert, delete, replace, and swap of neighbours count one). */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        rows[0].push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i].push(best);
    }
  }
  return rows[a.length][b.length];
}

const SUGGESTION_LIMIT = 5;

/** Field names close to a mistyped one, closest first: one or two typos (one for short words), or the
 *  beginning of longer names ('donations' → donations.total, donations.count, …). */
export function suggestFields(typed: string): string[] {
  const word = fold(typed);
  const names = [...QUERY_FIELDS.map((f) => f.field), ...Object.keys(FIELD_ALIASES)];
  const limit = word.length <= 4 ? 1 : 2;
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const distance = editDistance(word, name);
    if (distance <= limit) scored.push({ name, score: distance });
    else if (word.length >= 3 && name.startsWith(word)) scored.push({ name, score: limit + 1 });
  }
  scored.sort((x, y) => x.score - y.score || names.indexOf(x.name) - names.indexOf(y.name));
  return scored
    .slice(0, SUGGESTION_LIMIT)
    .map((s) => FIELD_ALIASES[s.name] ?? s.name)
    .filter((n, i, all) => all.indexOf(n) === i);
}
