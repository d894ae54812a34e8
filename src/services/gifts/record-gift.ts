/** A gift recorded from the contact's card: amount, currency (the CRM's unless said), date (today
 *  unless said), fund, campaign, method, recurring, note. Written without reading the Donations table
 *  (see Table.insert); the card's totals are worked out again when it is read. */
import { Donations, Donation } from '../../core/schema/tables';
import { isIsoDate } from '../../core/dates';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { requireLiveContact } from '../record/contacts';
import { settingsOf, todayOf } from '../today';
import type { DonationView } from '../views';

export interface NewGift {
  contact_id: string;
  amount: number;
  currency?: string;
  date?: string;
  fund?: string;
  campaign?: string;
  method?: string;
  recurring?: boolean;
  note?: string;
}

export function recordGift(workbook: Workbook, input: NewGift): DonationView {
  requireLiveContact(workbook, input.contact_id);
  const currency = checkedCurrency(input.currency ?? '', settingsOf(workbook).currency);
  const date = checkedDate(input.date ?? '', todayOf(workbook));
  const text = (value: string | undefined) => (value ?? '').trim();
  const [gift] = workbook.table(Donations).insert([
    {
      contact_id: input.contact_id,
      amount: input.amount,
      currency,
      date,
      fund: text(input.fund),
      campaign: text(input.campaign),
      method: text(input.method),
      recurring: input.recurring === true,
      note: (input.note ?? '').replace(/\s+$/, ''),
    },
  ]);
  return giftView(gift);
}

/** A currency code as typed (`eur` reads EUR), the CRM's when left empty. */
export function checkedCurrency(typed: string, fallback: string): string {
  const currency = typed.trim().toUpperCase() || fallback;
  if (!/^[A-Z]{3}$/.test(currency)) throw new UserError('invalid', 'error.gift_currency', { currency: typed, field: 'currency' });
  return currency;
}

/** A gift's date (YYYY-MM-DD), `fallback` when left empty. */
export function checkedDate(typed: string, fallback: string): string {
  const date = typed.trim() || fallback;
  if (!isIsoDate(date)) throw new UserError('invalid', 'error.gift_date', { date, field: 'date' });
  return date;
}

export function giftView(d: Donation): DonationView {
  return { id: d.id, date: d.date, amount: d.amount, currency: d.currency, fund: d.fund, campaign: d.campaign, method: d.method, recurring: d.recurring, note: d.note, refunded_at: d.refunded_at };
}
