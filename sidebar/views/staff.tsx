/** Staff (admins only): who may use the CRM, with which role; add a person, change a role, deactivate
 *  or give access again. The server refuses to leave the CRM without an active admin, and says so.
 *  A Preact component (see sidebar/components). */
import { useState } from 'preact/hooks';
import type { StaffView } from '../../src/services/staff/staff-admin';
import { t } from '../i18n';
import { call, type InputOf } from '../server';
import type { Session, View } from '../session';
import { shownTab, type Shown } from '../components/mount';
import { useAct, useAgain, useRead } from '../components/server-hooks';
import { Said } from '../components/said';

const ROLES = ['viewer', 'editor', 'admin'] as const;
type Role = (typeof ROLES)[number];

export interface StaffScreen extends View {
  refresh(notice?: string): void;
}

export function staffView(host: HTMLElement, _session: Session): StaffScreen {
  // Each refresh (the tab shown again) asks the list again, with the message it brings.
  return shownTab(host, (shown) => <Staff {...shown} />);
}

function Staff({ asked, notice: given = '' }: Shown) {
  const list = useRead(() => call('listStaff', {}), asked);
  const act = useAct(() => list.reload());
  const [draft, setDraft] = useState<{ email: string; name: string; role: Role }>({ email: '', name: '', role: 'editor' });
  // Shown again: the message it brings replaces what the last change said.
  useAgain(asked, act.reset);
  const busy = act.busy;

  // Staff changes have no Undo (access is an admin's deliberate act): they say what they did here.
  const change = <K extends 'addStaff' | 'setStaffRole' | 'deactivateStaff'>(key: string, action: K, input: InputOf<K>, done: string) =>
    act.run(key, async () => {
      await call(action, input);
      if (action === 'addStaff') setDraft((d) => ({ ...d, email: '', name: '' }));
      return done;
    });

  const row = (person: StaffView) => (
    <li key={person.email} data-testid="staff-row" data-email={person.email} data-active={String(person.active)} class={person.active ? '' : 'muted'}>
      <div class="row-main">
        <span class="name">{person.email}</span>
        {person.me && <span class="badge">{t('staff.you')}</span>}
        {!person.active && <span class="badge warn">{t('staff.inactive')}</span>}
      </div>
      {person.name && <div class="muted small">{person.name}</div>}
      {!person.role && (
        <p class="error small" data-testid="staff-no-role">
          {t('staff.no_role', { typed: person.typed_role })}
        </p>
      )}
      <div class="buttons">
        <select
          data-testid="staff-role"
          data-email={person.email}
          aria-label={`${t('staff.role')}: ${person.email}`}
          disabled={busy !== ''}
          value={person.role || ''}
          onChange={(e) => void change(person.email, 'setStaffRole', { email: person.email, role: (e.target as HTMLSelectElement).value as Role }, t('staff.saved'))}
        >
          {!person.role && <option value="">{person.typed_role || '—'}</option>}
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        {person.active ? (
          <button
            type="button"
            class="danger-button"
            data-testid="staff-deactivate"
            disabled={busy !== ''}
            onClick={() => void change(person.email, 'deactivateStaff', { email: person.email }, t('staff.deactivated', { email: person.email }))}
          >
            {t('staff.deactivate')}
          </button>
        ) : (
          <button
            type="button"
            data-testid="staff-reactivate"
            disabled={busy !== ''}
            onClick={() => void change(person.email, 'addStaff', { email: person.email, role: person.role || 'viewer' }, t('staff.added', { email: person.email }))}
          >
            {t('staff.reactivate')}
          </button>
        )}
      </div>
    </li>
  );

  const add = (e: Event) => {
    e.preventDefault();
    const email = draft.email.trim();
    void change('add', 'addStaff', { email, role: draft.role, ...(draft.name.trim() ? { name: draft.name.trim() } : {}) }, t('staff.added', { email }));
  };

  const notice = act.notice || (act.error ? '' : given);
  const shownError = act.error || list.error;
  return (
    <div class="staff">
      <h1>{t('staff.title')}</h1>
      <p class="muted small">{t('staff.help')}</p>
      <Said notice={notice} error={shownError} errorId="staff-error" />
      {list.data && (
        <ul class="card-list" data-testid="staff-list">
          {list.data.staff.map(row)}
        </ul>
      )}
      <form class="panel-section" data-testid="staff-add" onSubmit={add}>
        <div class="field">
          <label for="staff-email">{t('staff.email')}</label>
          <input
            id="staff-email"
            type="email"
            data-testid="staff-new-email"
            value={draft.email}
            autocomplete="off"
            onInput={(e) => setDraft((d) => ({ ...d, email: (e.target as HTMLInputElement).value }))}
          />
        </div>
        <div class="field">
          <label for="staff-name">{t('staff.name')}</label>
          <input
            id="staff-name"
            type="text"
            data-testid="staff-new-name"
            value={draft.name}
            autocomplete="off"
            onInput={(e) => setDraft((d) => ({ ...d, name: (e.target as HTMLInputElement).value }))}
          />
        </div>
        <div class="field">
          <label for="staff-new-role">{t('staff.role')}</label>
          <select id="staff-new-role" data-testid="staff-new-role" value={draft.role} onChange={(e) => setDraft((d) => ({ ...d, role: (e.target as HTMLSelectElement).value as Role }))}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="action" data-testid="staff-add-button" disabled={busy !== ''}>
          {t('staff.add')}
        </button>
      </form>
    </div>
  );
}
