/** The donors' RFM scores on the dashboard (what `crm rfm` prints): one group or all, best first,
 *  with recency, frequency and monetary scored 1-5, paged. A name opens the card. */
import { RFM_SEGMENTS } from '../../src/core/query/tree';
import type { RfmReport } from '../../src/services/dashboard/scores';
import { fill, h } from '../dom';
import { errorText, money, plural, t, valueLabel } from '../i18n';
import { call, type InputOf } from '../server';

const PAGE = 20;

export function rfmList(currency: () => string, handlers: { onOpen(id: string): void }): { render(): HTMLElement; reload(): void } {
  const root = h('section', { class: 'card-section dashboard-rfm-donors', 'data-testid': 'rfm-donors' });
  let group = '';
  let offset = 0;
  let report: RfmReport | null = null;
  let error = '';
  let seq = 0;

  async function load(): Promise<void> {
    const mine = ++seq;
    try {
      const answer = await call('rfmScores', { ...(group ? { segment: group as InputOf<'rfmScores'>['segment'] } : {}), offset, limit: PAGE });
      if (mine !== seq) return;
      report = answer;
      error = '';
    } catch (e) {
      if (mine !== seq) return;
      error = errorText(e);
    }
    paint();
  }

  function paint(): void {
    const r = report;
    fill(
      root,
      h('h2', null, t('builder.rfm_list.title')),
      r && h('p', { class: 'muted small' }, plural('builder.rfm_list.hint', r.window_months)),
      h(
        'select',
        {
          'aria-label': t('builder.rfm_list.group'),
          'data-testid': 'rfm-group',
          onchange: (e) => {
            group = (e.target as HTMLSelectElement).value;
            offset = 0;
            void load();
          },
        },
        h('option', { value: '', selected: group === '' }, t('builder.rfm_list.all')),
        RFM_SEGMENTS.map((g) => h('option', { value: g, selected: g === group }, `${valueLabel('dashboard.rfm.group', g)}${r ? ` (${r.groups[g]})` : ''}`)),
      ),
      error && h('p', { class: 'error', role: 'alert' }, error),
      r &&
        h(
          'ol',
          { class: 'card-list compact', start: offset + 1, 'data-testid': 'rfm-donor-list' },
          r.donors.map((d) =>
            h(
              'li',
              { 'data-testid': 'rfm-donor', 'data-id': d.id },
              h(
                'div',
                { class: 'row-main' },
                h('button', { type: 'button', class: 'link-button name', onclick: () => handlers.onOpen(d.id) }, d.name || d.id),
                h('span', { class: 'badge', title: t('builder.rfm_list.score_title') }, `${d.r}-${d.f}-${d.m}`),
              ),
              h(
                'div',
                { class: 'small muted' },
                t('builder.rfm_list.line', {
                  group: valueLabel('dashboard.rfm.group', d.rfm_segment),
                  ago: plural('builder.rfm_list.ago', d.recency_days),
                  gifts: plural('builder.rfm_list.gifts', d.frequency),
                  amount: money(d.monetary, currency()),
                }),
              ),
            ),
          ),
        ),
      r &&
        r.total > PAGE &&
        h(
          'div',
          { class: 'pager' },
          h('button', { type: 'button', 'data-testid': 'rfm-previous', disabled: offset === 0, onclick: () => ((offset = Math.max(0, offset - PAGE)), void load()) }, t('builder.previous')),
          h('span', { class: 'small' }, t('builder.page', { from: offset + 1, to: Math.min(r.total, offset + PAGE), total: r.total })),
          h('button', { type: 'button', 'data-testid': 'rfm-next', disabled: offset + PAGE >= r.total, onclick: () => ((offset += PAGE), void load()) }, t('builder.next')),
        ),
    );
  }

  return {
    render() {
      if (!report && !error && seq === 0) void load();
      paint();
      return root;
    },
    reload: () => void load(),
  };
}
