import { inCrmCurrency, moneyTotals, parseRates } from '../../src/core/money';

describe('rates typed in Settings', () => {
  it('reads them as people write them, and skips what does not read', () => {
    expect([...parseRates('BRL 0.17; USD=0,92, gbp: 1.15 ; XYZ nope; CHF 0')]).toEqual([
      ['BRL', 0.17],
      ['USD', 0.92],
      ['GBP', 1.15],
    ]);
    expect(parseRates('').size).toBe(0);
  });
});

describe('totals of gifts in several currencies', () => {
  const twelveReais = Array.from({ length: 12 }, () => ({ amount: 79.16, currency: 'BRL' }));

  it('never adds reais to euros: a total per currency, the CRM’s first', () => {
    const { byCurrency, converted } = moneyTotals([...twelveReais, { amount: 20, currency: '' }, { amount: 5, currency: 'eur' }], 'EUR', new Map());
    expect(byCurrency).toEqual([
      { currency: 'EUR', total: 25, count: 2 },
      { currency: 'BRL', total: 949.92, count: 12 },
    ]);
    expect(converted).toBeNull();
  });

  it('a donor who gives only in reais shows reais, not €0.00', () => {
    expect(moneyTotals(twelveReais, 'EUR', new Map()).byCurrency).toEqual([{ currency: 'BRL', total: 949.92, count: 12 }]);
  });

  it('converts at the team’s rates, and names the currencies it could not convert', () => {
    const gifts = [...twelveReais, { amount: 20, currency: 'EUR' }, { amount: 10, currency: 'JPY' }];
    expect(moneyTotals(gifts, 'EUR', parseRates('BRL 0.17')).converted).toEqual({ total: 181.49, currency: 'EUR', missing: ['JPY'] });
    expect(inCrmCurrency(100, 'USD', 'EUR', parseRates('USD 0.9'))).toBeCloseTo(90);
    expect(inCrmCurrency(100, 'USD', 'EUR', new Map())).toBeNull();
  });
});
