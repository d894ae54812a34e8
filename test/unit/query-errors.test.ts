import { parseQuery, QueryError } from '../../src/core/query/parse';
import { queryMessage } from '../../src/core/query/messages';
import { MEMBERSHIP_STATUSES } from '../../src/core/schema/tables';

function error(text: string): QueryError {
  const result = parseQuery(text);
  if (result.ok) throw new Error(`${text} parsed, but should not have`);
  return result.error;
}

const TERM = ['a field name', 'NOT', "'('"];
const NEXT = ['AND', 'OR', 'the end'];
const DATE = ['a date (YYYY-MM-DD)', 'a relative date (30d, 2w, 12m, 1y, today, yesterday)'];
const ORDERED = ["'='", "'!='", "'>'", "'>='", "'<'", "'<='"];

describe('parse errors point at the mistake and say what was expected', () => {
  const cases: [string, number, string[], RegExp][] = [
    ['tag:', 4, ["a value after ':'"], /^Expected a value after ':' at the end$/],
    ['tag: OR city:Lyon', 5, ["a value after ':'"], /found 'OR'/],
    ['donations.total>= ', 18, ["a value after '>='"], /at the end/],
    ['tag:volunteer AND', 17, TERM, /^Expected a field name, NOT or '\(' at the end$/],
    ['tag:a AND  AND tag:b', 11, TERM, /found 'AND'/],
    ['NOT', 3, TERM, /at the end/],
    ['()', 1, TERM, /found '\)'/],
    ['(tag:a OR (tag:b AND tag:c)', 27, ['AND', 'OR', "')'"], /^Missing '\)' to close the '\(' at character 1$/],
    ['(tag:a tag:b)', 7, ['AND', 'OR', "')'"], /^Expected AND, OR or '\)', found 'tag:b'$/],
    ['tag:a)', 5, NEXT, /closes nothing/],
    ['tag:a tag:b', 6, NEXT, /^Expected AND, OR or the end, found 'tag:b'$/],
    ['city:"Saint-Étienne AND tag:a', 5, [`a closing '"'`], /never closed/],
    ['tag:"say \\"hi\\"', 4, [`a closing '"'`], /never closed/],
    ['custom."T-shirt size:XL', 7, [`a closing '"'`], /never closed/],
    ['tag:a AND dontions.total>=100', 10, ['donations.total'], /^Unknown field 'dontions.total'\. Did you mean donations\.total\?$/],
    ['donations>=100', 0, ['donations.total', 'donations.count', 'donations.largest', 'donations.last'], /Did you mean donations.total, donations.count, .* or donations.last\?/],
    ['interactions.meting>0', 0, ['interactions.meeting'], /Did you mean interactions.meeting\?/],
    ['favourite_colour:blue', 0, ['a field name'], /custom\.<name>/],
    ['membership.status:curent', 18, [...MEMBERSHIP_STATUSES], /'curent' is not a value of membership.status: use one of pending, new, current/],
    ['newsletter:yes', 11, ['subscribed', 'unsubscribed', 'pending', 'cleaned', 'never'], /not a value of newsletter/],
    ['donations.total>=12,5', 17, ['a number'], /^donations.total is a number; '12,5' is not one$/],
    ['opens > lots', 8, ['a number'], /'lots' is not one/],
    ['donations.last<2026-13-01', 15, DATE, /not a day on the calendar/],
    ['created>=last week', 9, DATE, /'last' is not a date/],
    ['tag:volunteer since:30d', 14, NEXT, /^since: only narrows counts and totals .*not tag$/],
    ['donations.last>1y within:30d', 18, NEXT, /not donations.last/],
    ['opens>=3 within:90d since:30d', 20, NEXT, /one since: or within: window, not two/],
    ['opens>=3 before:today before:2026-01-01', 22, NEXT, /already has a before: window/],
    ['opens>=3 within:soon', 16, DATE, /^within: takes a date; 'soon' is not a date$/],
    ['opens>=3 since:', 15, ["a date after 'since:'"], /at the end/],
    ['(tag:a OR tag:b) since:30d', 17, NEXT, /^since: must follow the single condition it narrows, not a group$/],
    ['opens>=3 over:5', 9, NEXT, /^over: only keeps the gifts above an amount \(donations\.total, .*\), not opens$/],
    ['tag:a over:5', 6, NEXT, /not tag$/],
    ['donations.total>=100 over:lots', 26, ['a number'], /^over: takes an amount; 'lots' is not a number$/],
    ['donations.total>=100 over:1,5', 26, ['a number'], /'1,5' is not a number/],
    ['donations.count>=2 over:5 within:1y over:6', 36, NEXT, /^This condition already has an over: amount$/],
    ['donations.count>=2 over:', 24, ["an amount after 'over:'"], /at the end/],
    ['(donations.total>1) over:5', 20, NEXT, /^over: must follow the single condition it narrows, not a group$/],
    ['over:5 AND tag:a', 0, TERM, /must follow the condition it narrows/],
    ['hot:yes', 3, NEXT, /^hot takes no value/],
    ['engagement:3', 10, ORDERED, /engagement is compared with '=', /],
    ['since:30d AND tag:a', 0, TERM, /must follow the condition it narrows/],
    ['member:yes', 6, NEXT, /^member takes no value: write member, or NOT member$/],
    ['tag>3', 3, ["':'"], /^tag is compared with ':', not '>'$/],
    ['opens:3', 5, ORDERED, /opens is compared with '=', '!=', '>', '>=', '<' or '<=', not ':'/],
    ['opens', 5, ORDERED, /^Expected '=', '!=', '>', '>=', '<' or '<=' after opens at the end$/],
    ['custom.:x', 7, ['a column name'], /found ':x'/],
    ['>=3', 0, TERM, /found '>=3'/],
  ];

  it.each(cases)('%s', (text, position, expected, message) => {
    const e = error(text);
    expect({ position: e.position, expected: e.expected }).toStrictEqual({ position, expected });
    expect(e.message).toMatch(message);
  });

  it('answers broken fragments with an error rather than an exception', () => {
    for (const text of ['"', '(', ')', '\\', 'NOT NOT', 'AND', 'tag:"', 'custom."', 'custom.', ':', 'opens>=3 within:']) {
      expect(parseQuery(text).ok).toBe(false);
    }
  });
});

describe('parse errors in the reader’s language', () => {
  const detail = (text: string) => {
    const parsed = parseQuery(text);
    if (parsed.ok) throw new Error(`"${text}" parsed`);
    return parsed.error.detail;
  };

  it('says what was expected and what was found, in each language', () => {
    const d = detail('tag:volunteer AND');
    expect(queryMessage(d, 'en')).toBe("Expected a field name, NOT or '(' at the end");
    expect(queryMessage(d, 'fr')).toBe("Un nom de champ, NOT ou '(' est attendu à la fin");
    expect(queryMessage(d, 'es')).toBe("Se esperaba un nombre de campo, NOT o '(' al final");
    expect(queryMessage(d, 'pt')).toBe("Esperava-se um nome de campo, NOT ou '(' no final");
    expect(queryMessage(detail('tag:a tag:b'), 'fr')).toBe('AND, OR ou la fin est attendu : on trouve « tag:b »');
  });

  it('joins lists with the language’s "or"', () => {
    const d = detail('donations.total~3');
    expect(queryMessage(d, 'en')).toBe("Expected '=', '!=', '>', '>=', '<' or '<=' after donations.total, found '~3'");
    expect(queryMessage(d, 'es')).toContain("'<' o '<='");
    expect(queryMessage(detail('membreship.status:current'), 'pt')).toMatch(/^Campo desconhecido 'membreship\.status'\. Você quis dizer membership\.status/);
  });

  it('the English message is the English rendering of the detail', () => {
    for (const text of ['tag:', 'donations.total>=abc', 'opens>=3 within:someday', 'city:x over:10', '"open', 'x)', '(tag:a']) {
      const parsed = parseQuery(text);
      if (parsed.ok) throw new Error(`"${text}" parsed`);
      expect(parsed.error.message).toBe(queryMessage(parsed.error.detail, 'en'));
    }
  });
});
