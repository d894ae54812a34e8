/** Donations: how much, how often, the last gift, and the recent ones. */
import type { DonationView } from '../../src/services/views';
import { h } from '../dom';
import { day, money, t } from '../i18n';
import { CardContext, section } from './card-context';

export function donationsSection(ctx: CardContext): HTMLElement {
  const d = ctx.card.donations;
  const currency = d.currency || ctx.options?.currency || '';
  const last = d.last;
  return section(
    'donations',
    t('record.donations.title'),
    h(
      'dl',
      { class: 'details' },
      h('dt', null, t('record.donations.total')),
      // Never one sum across currencies: a line per currency, then the converted total if rates exist.
      h(
        'dd',
        { 'data-testid': 'donations-total' },
        (d.totals?.length ? d.totals : [{ currency, total: d.total }]).map((line, i) => [i > 0 ? ' · ' : '', h('span', { 'data-currency': line.currency }, money(line.total, line.currency))]),
      ),
      d.converted &&
        h(
          'dd',
          { class: 'muted small', 'data-testid': 'donations-converted' },
          t('record.donations.converted', { amount: money(d.converted.total, d.converted.currency) }),
          d.converted.missing.length ? ` ${t('record.donations.no_rate', { currencies: d.converted.missing.join(', ') })}` : '',
        ),
      h('dt', null, t('record.donations.count')),
      h('dd', { 'data-testid': 'donations-count' }, String(d.count)),
      h('dt', null, t('record.donations.last')),
      h('dd', { 'data-testid': 'last-gift' }, last ? t('record.donations.last_gift', { date: day(last.date), amount: money(last.amount, last.currency || currency) }) : t('record.donations.none')),
    ),
    d.recent.length > 0 && h('ul', { class: 'card-list compact', 'data-testid': 'gifts' }, d.recent.map((gift) => giftItem(gift, currency))),
  );
}

function giftItem(gift: DonationView, currency: string): HTMLElement {
  const about = [gift.fund, gift.campaign, gift.method, gift.recurring === true && t('record.donations.recurring')].filter(Boolean).join(' · ');
  return h(
    'li',
    { 'data-testid': 'gift', 'data-id': gift.id },
    h('div', { class: 'row-main' }, h('span', { class: 'name' }, day(gift.date)), h('span', { class: 'amount' }, money(gift.amount, gift.currency || currency))),
    about && h('div', { class: 'muted small' }, about),
  );
}
