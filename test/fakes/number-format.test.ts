import { displayValue, formatNumber, isDateFormat } from './number-format';

describe('number formats as displayed by getDisplayValues', () => {
  test.each([
    [3.14159, '0.00', '3.14'],
    [1234567.891, '#,##0', '1,234,568'],
    [1234567.891, '#,##0.00', '1,234,567.89'],
    [0.125, '0.00%', '12.50%'],
    [5, '"$"#,##0.00', '$5.00'],
    [-5, '"$"#,##0.00', '-$5.00'],
    [1000, '0.00E+00', '1.00E+03'],
    [-3, '0;(0)', '(3)'],
    [0, '0;-0;"zero"', 'zero'],
    [12, '000', '012'],
  ])('%d with %j is %j', (n, fmt, expected) => {
    expect(formatNumber(n, fmt)).toBe(expected);
  });

  test('date formats and automatic values', () => {
    const d = new Date('2024-01-31T09:30:00Z');
    expect(displayValue(d, 'dddd d mmmm yyyy h:mm am/pm', 'Europe/Paris')).toBe('Wednesday 31 January 2024 10:30 AM');
    expect(displayValue(d, 'yyyy-mm-dd', 'America/New_York')).toBe('2024-01-31');
    expect(displayValue(45322.5, 'yyyy-mm-dd hh:mm', 'Europe/Paris')).toBe('2024-01-31 12:00');
    expect(displayValue(0.1 + 0.2, '0.###############')).toBe('0.3');
    expect(displayValue(true, '0.###############')).toBe('TRUE');
    expect(displayValue(123, '@')).toBe('123');
  });

  test('which formats are dates', () => {
    expect(isDateFormat('yyyy-mm-dd')).toBe(true);
    expect(isDateFormat('h:mm:ss am/pm')).toBe(true);
    expect(isDateFormat('mmm')).toBe(true);
    expect(isDateFormat('0.###############')).toBe(false);
    expect(isDateFormat('"$"#,##0.00')).toBe(false);
    expect(isDateFormat('"day" 0')).toBe(false);
    expect(isDateFormat('@')).toBe(false);
  });
});
