import { toCsv } from '../../src/core/csv';

describe('CSV export', () => {
  it('quotes what needs quoting and escapes what a spreadsheet would run', () => {
    expect(
      toCsv([
        ['id', 'name', 'note'],
        ['con_1', 'Dupont, Marie', 'said "hi"\nthen left'],
        ['con_2', '=HYPERLINK("x")', '+33 6 12'],
        ['con_3', '@SUM(A1)', '-5'],
        ['con_4', 25.5, true],
      ]),
    ).toBe('id,name,note\r\ncon_1,"Dupont, Marie","said ""hi""\nthen left"\r\ncon_2,"\'=HYPERLINK(""x"")",\'+33 6 12\r\ncon_3,\'@SUM(A1),\'-5\r\ncon_4,25.5,TRUE\r\n');
  });

  it('uses the delimiter it is given', () => {
    expect(toCsv([['a;b', 'c']], ';')).toBe('"a;b";c\r\n');
  });
});
