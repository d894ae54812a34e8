/** The Scores sheet rewritten each night in one write, the cells of the columns people added staying
 *  where they are (a sheet's rows; in the database they stay with their row's id: postgres.test.ts). */
import { call, ok, rowsOf } from '../support/crm';
import { scoredCrm } from './scores-fixture';

describe('The Scores sheet, each night', () => {
  it('rewrites the whole sheet in one write the next night, leaving the columns people added alone', () => {
    const { rt, ids } = scoredCrm();
    ok(call(rt, 'refreshScores', {}));
    const sheet = rt.grid.sheets.get('Scores')!;
    sheet[0].push('Note');
    sheet.slice(1).forEach((row, k) => (row[sheet[0].length - 1] = `=ROW()*${k}`));
    ok(call(rt, 'deleteContact', { id: ids.carla }));
    rt.clock.advance(86_400_000);
    const write = jest.spyOn(rt.grid, 'write');
    const append = jest.spyOn(rt.grid, 'append');
    const deleteRows = jest.spyOn(rt.grid, 'deleteRows');
    ok(call(rt, 'refreshScores', {}));
    expect(write.mock.calls.filter(([sheet]) => sheet === 'Scores').map(([, blocks]) => blocks.length)).toEqual([1]);
    expect(deleteRows.mock.calls.filter(([sheet]) => sheet === 'Scores')).toEqual([['Scores', 7, 1]]);
    expect(append.mock.calls.filter(([sheet]) => sheet === 'Scores')).toEqual([]);
    const rows = rowsOf(rt, 'Scores');
    expect(rows.map((r) => [r.contact_id, r.recency_days])).toEqual([
      [ids.ana, 22],
      [ids.ben, 357],
      [ids.dan, 3],
      [ids.eve, ''],
      [ids.fay, ''],
    ]);
    expect(rows.map((r) => r.Note)).toEqual(['=ROW()*0', '=ROW()*1', '=ROW()*2', '=ROW()*3', '=ROW()*4']);
    expect(rows.every((r) => r.scored_at === '2026-11-23T10:00:00.000Z')).toBe(true);
  });
});
