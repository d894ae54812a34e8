/** "Add these results to a list": every contact the search and its filters find goes into a static
 *  segment chosen here (the lists are asked for when the control is first shown). A Preact component
 *  (see sidebar/components). */
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { call, type InputOf } from '../server';
import { useAct, useRead } from '../components/server-hooks';
import { Failed } from '../components/said';

type Search = Omit<InputOf<'addSearchToSegment'>, 'id'>;

/** `search`: what the search asks for, read when the button is pressed. */
export function AddToList({ search }: { search(): Search }) {
  const lists = useRead(() => call('listSegments', {}).then((answer) => answer.segments.filter((s) => s.kind === 'static')));
  const act = useAct();
  const [picked, setPicked] = useState('');
  const statics = lists.data;
  if (statics && !statics.length) return null;
  const chosen = statics?.some((s) => s.id === picked) ? picked : (statics?.[0]?.id ?? '');
  const add = () =>
    act.run('add', async () => {
      const answer = await call('addSearchToSegment', { id: chosen, ...search() });
      const name = statics?.find((s) => s.id === chosen)?.name ?? '';
      return t('builder.added_to', { added: answer.added, already: answer.already, name });
    });
  const error = act.error || lists.error;
  return (
    <div class="add-to-list">
      <div class="inline-controls">
        <select aria-label={t('builder.list_to_add')} data-testid="add-to-list-choice" value={chosen} onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}>
          {(statics ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
        <button type="button" data-testid="add-to-list" disabled={act.busy !== '' || !chosen} onClick={() => void add()}>
          {t('builder.add_results')}
        </button>
      </div>
      {act.notice && (
        <p class="small" role="status" data-testid="add-to-list-done">
          {act.notice}
        </p>
      )}
      <Failed error={error} />
    </div>
  );
}
