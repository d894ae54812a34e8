import { blockFormats, rangesByFormat, KEEP, PLAIN_TEXT } from '../../src/gas/formats';

describe('number formats written with values', () => {
  it('formats a text column as text, and leaves the format of a number column to the team', () => {
    const values = [
      ['Ana', 25, '', true],
      ['', '', '01000', false],
    ];
    expect(blockFormats(values)).toEqual([
      [PLAIN_TEXT, KEEP, PLAIN_TEXT, KEEP],
      [PLAIN_TEXT, KEEP, PLAIN_TEXT, KEEP],
    ]);
  });

  it('decides cell by cell in a column that mixes text and numbers', () => {
    expect(blockFormats([['x'], [3]])).toEqual([[PLAIN_TEXT], [KEEP]]);
  });

  it('groups many blocks into one list of A1 ranges per format', () => {
    const ranges = rangesByFormat([
      { row: 5, column: 2, values: [['Porto', 12, 'note']] },
      {
        row: 9,
        column: 27,
        values: [
          ['a', 'b'],
          ['c', 'd'],
        ],
      },
      { row: 12, column: 1, values: [['x'], [7]] },
    ]);
    expect(ranges.get(PLAIN_TEXT)).toEqual(['B5', 'D5', 'AA9:AB10', 'A12']);
    // Number cells get no format call at all: a currency format the team set on amounts stays.
    expect([...ranges.keys()]).toEqual([PLAIN_TEXT]);
  });
});
