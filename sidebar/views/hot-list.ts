/** The hot list on the dashboard: the contacts most engaged lately (clicks, replies, events and
 *  gifts count more than opens), best first; a name opens the card, the title opens them all as a
 *  segment (`hot`). */
import { fill, h } from '../dom';
import { day, errorText, t, uiLocale } from '../i18n';
import { wholeNumber } from '../format';
import { call } from '../server';

interface HotContact {
  id: string;
  name: string;
  email: string;
  engagement: number;
  last_engaged: string;
}

const SHOWN = 10;

export function hotList(handlers: { onOpen(id: string): void; onQuery(query: string, title: string): void }): { render(): HTMLElement; reload(): void } {
  const root = h('section', { class: 'card-section dashboard-hot', 'data-testid': 'hot-list' });
  let items: HotContact[] | null = null;
  let error = '';
  let loading = false;

  async function load(): Promise<void> {
    if (loading) return;
    loading = true;
    try {
      items = (await call('hotList', { limit: SHOWN })).items;
      error = '';
    } catch (e) {
      error = errorText(e);
    }
    loading = false;
    paint();
  }

  function paint(): void {
    const title = t('builder.hot.title');
    fill(
      root,
      h('h2', null, title),
      h('p', { class: 'muted small' }, t('builder.hot.hint')),
      error && h('p', { class: 'error', role: 'alert' }, error),
      items &&
        h(
          'ol',
          { class: 'card-list compact', 'data-testid': 'hot-items' },
          items.length
            ? items.map((c) =>
                h(
                  'li',
                  { 'data-testid': 'hot-item', 'data-id': c.id },
                  h(
                    'div',
                    { class: 'row-main' },
                    h('button', { type: 'button', class: 'link-button name', onclick: () => handlers.onOpen(c.id) }, c.name || c.email || c.id),
                    h('span', { class: 'badge', title: t('builder.hot.score') }, wholeNumber(c.engagement, uiLocale())),
                  ),
                  c.last_engaged && h('div', { class: 'small muted' }, t('builder.hot.last', { date: day(c.last_engaged.slice(0, 10)) })),
                ),
              )
            : h('li', { class: 'muted' }, t('builder.hot.none')),
        ),
      items && items.length > 0 && h('button', { type: 'button', class: 'link-button', 'data-testid': 'hot-open-segment', onclick: () => handlers.onQuery('hot', title) }, t('builder.hot.all')),
    );
  }

  return {
    render() {
      if (items === null && !error && !loading) void load();
      paint();
      return root;
    },
    reload: () => void load(),
  };
}
