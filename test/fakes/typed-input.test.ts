import { parseTypedInput, TypedValue } from './typed-input';

const TZ = 'Europe/Paris';
const parse = (s: string, plainText = false) => parseTypedInput(s, { timeZone: TZ, plainText, now: new Date('2025-06-15T12:00:00Z') });
/** Wall-clock time of a parsed date, in the spreadsheet zone, as yyyy-mm-dd hh:mm:ss. */
const wall = (v: TypedValue) => {
  if (v.kind !== 'date') throw new Error(`not a date: ${JSON.stringify(v)}`);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, dateStyle: 'short', timeStyle: 'medium' }).format(v.value);
};

describe('parseTypedInput (automatic format, en_US)', () => {
  test.each([
    ['00123', 123],
    ['01000', 1000],
    ['+33612345678', 33612345678],
    ['1,234.5', 1234.5],
    ['12%', 0.12],
    ['$5', 5],
    ['-$5', -5],
    ['1e3', 1000],
    ['-5', -5],
    [' 42 ', 42],
    ['.5', 0.5],
  ])('%j is a number', (input, expected) => {
    const v = parse(input);
    expect(v.kind).toBe('number');
    expect(v.kind === 'number' && v.value).toBe(expected);
  });

  test.each([
    ['=1+1', '=1+1'],
    ['+33 6 12 34 56 78', '=+33 6 12 34 56 78'],
    ['-abc', '=-abc'],
    ['--', '=--'],
    ['+1+1', '=+1+1'],
  ])('%j is a formula', (input, formula) => {
    expect(parse(input)).toEqual({ kind: 'formula', formula });
  });

  test.each([
    ['TRUE', true],
    ['false', false],
    ['True', true],
  ])('%j is a boolean', (input, expected) => {
    expect(parse(input)).toEqual({ kind: 'boolean', value: expected });
  });

  test.each([
    ['2024-01-31', '2024-01-31 00:00:00'],
    ['1/2/2024', '2024-01-02 00:00:00'],
    ['1/2', '2025-01-02 00:00:00'],
    ['12/31/99', '1999-12-31 00:00:00'],
    ['1/5/25', '2025-01-05 00:00:00'],
    ['Jan 5, 2024', '2024-01-05 00:00:00'],
    ['January 5 2024', '2024-01-05 00:00:00'],
    ['5 Jan 2024', '2024-01-05 00:00:00'],
    ['2024-01-31 10:30', '2024-01-31 10:30:00'],
    ['1/2/2024 3:04:05 pm', '2024-01-02 15:04:05'],
    ['10:30', '1899-12-30 10:30:00'],
    ['3:30 PM', '1899-12-30 15:30:00'],
  ])('%j is the date %s', (input, expected) => {
    expect(wall(parse(input))).toBe(expected);
  });

  test('dates are instants in the spreadsheet time zone', () => {
    const v = parse('2024-01-31');
    expect(v.kind === 'date' && v.value.toISOString()).toBe('2024-01-30T23:00:00.000Z');
  });

  test.each(['@handle', 'hello world', '2/30/2024', '13/1/2024', '25:00', '06 12 34 56 78', '1,23', '-', '+', 'abc-def', ' =1+1'])('%j stays text', (input) => {
    expect(parse(input)).toEqual({ kind: 'text', value: input });
  });

  test('a leading apostrophe forces text and is dropped', () => {
    expect(parse("'00123")).toEqual({ kind: 'text', value: '00123' });
    expect(parse("'=1+1")).toEqual({ kind: 'text', value: '=1+1' });
    expect(parse("'")).toEqual({ kind: 'empty' });
  });

  test('the empty string is an empty cell', () => {
    expect(parse('')).toEqual({ kind: 'empty' });
  });

  test('formats Sheets applies to typed values', () => {
    expect(parse('12%')).toMatchObject({ format: '0%' });
    expect(parse('12.5%')).toMatchObject({ format: '0.00%' });
    expect(parse('$5')).toMatchObject({ format: '"$"#,##0.00' });
    expect(parse('00123')).toEqual({ kind: 'number', value: 123 });
    expect(parse('2024-01-31')).toMatchObject({ format: 'yyyy-mm-dd' });
    expect(parse('1/2/2024')).toMatchObject({ format: 'M/d/yyyy' });
  });
});

describe('parseTypedInput in plain-text cells (@)', () => {
  test.each(['00123', '+33 6 12 34 56 78', '=1+1', '-abc', '@handle', 'TRUE', '1/2/2024', '2024-01-31', '01000', '10:30', '12%', '$5'])('%j is stored exactly', (input) => {
    expect(parse(input, true)).toEqual({ kind: 'text', value: input });
  });

  test('the leading apostrophe is still dropped', () => {
    expect(parse("'00123", true)).toEqual({ kind: 'text', value: '00123' });
  });
});
