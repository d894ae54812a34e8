/** "Add these results to a list": every contact the search and its filters find goes into a static
 *  segment chosen here (the lists are asked for when the control is first shown). */
import { fill, h } from '../dom';
import { errorText, t } from '../i18n';
import { call } from '../server';
import type { SegmentView } from './segment-types';

export interface AddToList {
  render(): HTMLElement;
}

export function addToList(search: () => Record<string, unknown>): AddToList {
  const root = h('div', { class: 'add-to-list' });
  let lists: SegmentView[] | null = null;
  let chosen = '';
  let busy = false;
  let result = '';
  let error = '';

  async function loadLists(): Promise<void> {
    try {
      const answer = await call('listSegments', {});
      lists = answer.segments.filter((s) => s.kind === 'static');
      chosen = lists.some((s) => s.id === chosen) ? chosen : (lists[0]?.id ?? '');
    } catch (e) {
      error = errorText(e);
    }
    paint();
  }

  async function add(): Promise<void> {
    if (busy || !chosen) return;
    busy = true;
    error = '';
    result = '';
    paint();
    try {
      const answer = await call('addSearchToSegment', { id: chosen, ...search() });
      const name = lists?.find((s) => s.id === chosen)?.name ?? '';
      result = t('builder.added_to', { added: answer.added, already: answer.already, name });
    } catch (e) {
      error = errorText(e);
    }
    busy = false;
    paint();
  }

  function paint(): void {
    if (lists && !lists.length) return fill(root);
    fill(
      root,
      h(
        'div',
        { class: 'inline-controls' },
        h(
          'select',
          { 'aria-label': t('builder.list_to_add'), 'data-testid': 'add-to-list-choice', onchange: (e) => (chosen = (e.target as HTMLSelectElement).value) },
          (lists ?? []).map((s) => h('option', { value: s.id, selected: s.id === chosen }, s.name)),
        ),
        h('button', { type: 'button', 'data-testid': 'add-to-list', disabled: busy || !chosen, onclick: () => void add() }, t('builder.add_results')),
      ),
      result && h('p', { class: 'small', role: 'status', 'data-testid': 'add-to-list-done' }, result),
      error && h('div', { class: 'error', role: 'alert' }, h('p', { 'data-testid': 'error' }, error)),
    );
  }

  return {
    render() {
      if (lists === null) void loadLists();
      paint();
      return root;
    },
  };
}
