/** Staff (admins only): who may use the CRM, with which role; add a person, change a role, deactivate
 *  or give access again. The server refuses to leave the CRM without an active admin, and says so. */
import type { StaffView } from '../../src/services/staff/staff-admin';
import { fill, h } from '../dom';
import { errorText, t } from '../i18n';
import { call, type InputOf } from '../server';
import type { Session, View } from '../session';

const ROLES = ['viewer', 'editor', 'admin'] as const;

export interface StaffScreen extends View {
  refresh(notice?: string): void;
}

export function staffView(host: HTMLElement, _session: Session): StaffScreen {
  const root = h('div', { class: 'staff' });
  let staff: StaffView[] | null = null;
  let error = '';
  let notice = '';
  let busy = '';
  const draft = { email: '', name: '', role: 'editor' as (typeof ROLES)[number] };

  async function load(): Promise<void> {
    try {
      staff = (await call('listStaff', {})).staff;
    } catch (e) {
      error = errorText(e);
    }
    paint();
  }

  async function act<K extends 'addStaff' | 'setStaffRole' | 'deactivateStaff'>(key: string, action: K, input: InputOf<K>, done: string): Promise<void> {
    busy = key;
    error = '';
    notice = '';
    paint();
    try {
      await call(action, input);
      notice = done;
      if (action === 'addStaff') Object.assign(draft, { email: '', name: '' });
    } catch (e) {
      error = errorText(e);
    }
    busy = '';
    await load();
  }

  function roleSelect(person: StaffView): HTMLElement {
    return h(
      'select',
      {
        'data-testid': 'staff-role',
        'data-email': person.email,
        'aria-label': `${t('staff.role')}: ${person.email}`,
        disabled: busy !== '',
        onchange: (e) => void act(person.email, 'setStaffRole', { email: person.email, role: (e.target as HTMLSelectElement).value as InputOf<'setStaffRole'>['role'] }, t('staff.saved')),
      },
      !person.role && h('option', { value: '', selected: true }, person.typed_role || '—'),
      ROLES.map((r) => h('option', { value: r, selected: r === person.role }, t(`role.${r}`))),
    );
  }

  function personRow(person: StaffView): HTMLElement {
    return h(
      'li',
      { 'data-testid': 'staff-row', 'data-email': person.email, 'data-active': String(person.active), class: person.active ? '' : 'muted' },
      h(
        'div',
        { class: 'row-main' },
        h('span', { class: 'name' }, person.email),
        person.me && h('span', { class: 'badge' }, t('staff.you')),
        !person.active && h('span', { class: 'badge warn' }, t('staff.inactive')),
      ),
      person.name && h('div', { class: 'muted small' }, person.name),
      !person.role && h('p', { class: 'error small', 'data-testid': 'staff-no-role' }, t('staff.no_role', { typed: person.typed_role })),
      h(
        'div',
        { class: 'buttons' },
        roleSelect(person),
        person.active
          ? h(
              'button',
              {
                type: 'button',
                class: 'danger-button',
                'data-testid': 'staff-deactivate',
                disabled: busy !== '',
                onclick: () => void act(person.email, 'deactivateStaff', { email: person.email }, t('staff.deactivated', { email: person.email })),
              },
              t('staff.deactivate'),
            )
          : h(
              'button',
              {
                type: 'button',
                'data-testid': 'staff-reactivate',
                disabled: busy !== '',
                onclick: () => void act(person.email, 'addStaff', { email: person.email, role: person.role || 'viewer' }, t('staff.added', { email: person.email })),
              },
              t('staff.reactivate'),
            ),
      ),
    );
  }

  function addForm(): HTMLElement {
    const input = (name: 'email' | 'name', type: string) =>
      h('input', { id: `staff-${name}`, type, 'data-testid': `staff-new-${name}`, value: draft[name], autocomplete: 'off', oninput: (e) => (draft[name] = (e.target as HTMLInputElement).value) });
    return h(
      'form',
      {
        class: 'panel-section',
        'data-testid': 'staff-add',
        onsubmit: (e) => {
          e.preventDefault();
          void act('add', 'addStaff', { email: draft.email.trim(), role: draft.role, ...(draft.name.trim() ? { name: draft.name.trim() } : {}) }, t('staff.added', { email: draft.email.trim() }));
        },
      },
      h('div', { class: 'field' }, h('label', { for: 'staff-email' }, t('staff.email')), input('email', 'email')),
      h('div', { class: 'field' }, h('label', { for: 'staff-name' }, t('staff.name')), input('name', 'text')),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'staff-new-role' }, t('staff.role')),
        h(
          'select',
          { id: 'staff-new-role', 'data-testid': 'staff-new-role', onchange: (e) => (draft.role = (e.target as HTMLSelectElement).value as (typeof ROLES)[number]) },
          ROLES.map((r) => h('option', { value: r, selected: r === draft.role }, t(`role.${r}`))),
        ),
      ),
      h('button', { type: 'submit', class: 'action', 'data-testid': 'staff-add-button', disabled: busy !== '' }, t('staff.add')),
    );
  }

  function paint(): void {
    fill(
      root,
      h('h1', null, t('staff.title')),
      h('p', { class: 'muted small' }, t('staff.help')),
      notice && h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, notice),
      error && h('p', { class: 'error', role: 'alert', 'data-testid': 'staff-error' }, error),
      staff && h('ul', { class: 'card-list', 'data-testid': 'staff-list' }, staff.map(personRow)),
      addForm(),
    );
  }

  return {
    render() {
      fill(host, root);
      paint();
    },
    refresh(message?: string) {
      notice = message ?? '';
      error = '';
      void load();
    },
  };
}
