/** Money in several currencies: gifts are never added across currencies. Either they are summed per
 *  currency, or converted into the CRM's currency with the rates the team sets in Settings
 *  (`currency_rates`: "BRL 0.17; USD 0.92" = one real is 0.17 of the CRM's currency), and then labelled
 *  as converted. A gift in a currency with no rate is left out of converted sums, and said. */

/** Currency → value of one unit in the CRM's currency. */
export type Rates = ReadonlyMap<string, number>;

/** 'BRL 0.17; USD=0,92, GBP: 1.15' → {BRL: 0.17, USD: 0.92, GBP: 1.15}. Anything unreadable is skipped. */
export function parseRates(text: string): Rates {
  const rates = new Map<string, number>();
  for (const m of String(text ?? '').matchAll(/\b([A-Za-z]{3})\s*[=:]?\s*(\d+(?:[.,]\d+)?)/g)) {
    const rate = Number(m[2].replace(',', '.'));
    if (Number.isFinite(rate) && rate > 0) rates.set(m[1].toUpperCase(), rate);
  }
  return rates;
}

/** A gift's currency as written ('brl ', '') → its code, '' meaning the CRM's own. */
export function currencyOf(written: unknown, crmCurrency: string): string {
  const code = String(written ?? '')
    .trim()
    .toUpperCase();
  return code === '' || code === crmCurrency ? crmCurrency : code;
}

/** `amount` of `currency` in the CRM's currency, or null when there is no rate for it. */
export function inCrmCurrency(amount: number, currency: string, crmCurrency: string, rates: Rates): number | null {
  if (currency === crmCurrency) return amount;
  const rate = rates.get(currency);
  return rate === undefined ? null : amount * rate;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export interface MoneyTotals {
  /** One line per currency, the CRM's first, then by amount. */
  byCurrency: { currency: string; total: number; count: number }[];
  /** Everything in the CRM's currency, when gifts came in more than one currency and rates exist; null
   *  otherwise. `missing` names the currencies with no rate (left out). */
  converted: { total: number; currency: string; missing: string[] } | null;
}

/** Totals of gifts per currency, and converted when it means something. */
export function moneyTotals(gifts: { amount: unknown; currency?: unknown }[], crmCurrency: string, rates: Rates): MoneyTotals {
  const sums = new Map<string, { total: number; count: number }>();
  for (const g of gifts) {
    if (typeof g.amount !== 'number' || !Number.isFinite(g.amount)) continue;
    const currency = currencyOf(g.currency, crmCurrency);
    const sum = sums.get(currency) ?? { total: 0, count: 0 };
    sum.total += g.amount;
    sum.count++;
    sums.set(currency, sum);
  }
  const byCurrency = [...sums]
    .map(([currency, s]) => ({ currency, total: cents(s.total), count: s.count }))
    .sort((a, b) => Number(b.currency === crmCurrency) - Number(a.currency === crmCurrency) || b.total - a.total);
  let converted: MoneyTotals['converted'] = null;
  if (byCurrency.length > 1 && rates.size > 0) {
    let total = 0;
    const missing: string[] = [];
    for (const line of byCurrency) {
      const value = inCrmCurrency(line.total, line.currency, crmCurrency, rates);
      if (value === null) missing.push(line.currency);
      else total += value;
    }
    converted = { total: cents(total), currency: crmCurrency, missing };
  }
  return { byCurrency, converted };
}
