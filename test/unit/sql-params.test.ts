import { SharedSqlParams } from '../../src/store/sql/sql-params';

describe('Parameters shared by several statements', () => {
  test('each statement holds only the values it uses, numbered from $1 in the order they appear', () => {
    const params = new SharedSqlParams();
    const [word, rank, again, page] = [params.add('%mar%'), params.add(80), params.add('%mar%'), params.add(50)];
    expect(again).toBe(word);
    expect(params.statement(`SELECT 1 WHERE x LIKE ${word} AND y = ${rank}`)).toEqual({ text: 'SELECT 1 WHERE x LIKE $1::text AND y = $2::float8', values: ['%mar%', 80] });
    // The page's size alone: the word and the rank left out, not sent as parameters the text lacks.
    expect(params.statement(`SELECT 2 LIMIT ${page} OFFSET ${page}`)).toEqual({ text: 'SELECT 2 LIMIT $1::float8 OFFSET $1::float8', values: [50] });
  });

  test('a text typed with a dollar sign or a marker-like number stays a value', () => {
    const params = new SharedSqlParams();
    const typed = params.add('$1 \u00000\u0000');
    expect(params.statement(`SELECT ${typed}`)).toEqual({ text: 'SELECT $1::text', values: ['$1 \u00000\u0000'] });
  });
});
