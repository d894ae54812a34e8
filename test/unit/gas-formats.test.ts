import { blockFormats, rangesByFormat, AUTOMATIC, PLAIN_TEXT } from '../../src/gas/formats';

describe('number formats written with values', () => {
  it('formats a column by what it holds, empty cells following their column', () => {
    const values = [
      ['Ana', 25, '', true],
      ['', '', '01000', false],
    ];
    expect(blockFormats(values)).toEqual([
      [PLAIN_TEXT, AUTOMATIC, PLAIN_TEXT, AUTOMATIC],
      [PLAIN_TEXT, AUTOMATIC, PLAIN_TEXT, AUTOMATIC],
    ]);
  });

  it('decides cell by cell in a column that mixes text and numbers', () => {
    expect(blockFormats([['x'], [3]])).toEqual([[PLAIN_TEXT], [AUTOMATIC]]);
  });

  it('groups many blocks into one list of A1 ranges per format', () => {
    const ranges = rangesByFormat([
      { row: 5, column: 2, values: [['Porto', 12, 'note']] },
      { row: 9, column: 27, values: [['a', 'b'], ['c', 'd']] },
      { row: 12, column: 1, values: [['x'], [7]] },
    ]);
    expect(ranges.get(PLAIN_TEXT)).toEqual(['B5', 'D5', 'AA9:AB10', 'A12']);
    expect(ranges.get(AUTOMATIC)).toEqual(['C5', 'A13']);
  });
});
