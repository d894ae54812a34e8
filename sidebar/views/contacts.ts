/** The contact list: search, Everyone / Members / Non-members, pages of 25, New contact. */
import type { Contact } from '../../src/core/schema/tables';
import type { ContactPage, ContactRow } from '../../src/services/contacts';
import { fill, h, setText, show } from '../dom';
import { errorText, roleName, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { call } from '../server';
import { canEdit, Session, View } from '../session';
import { contactForm, contactInput, ContactForm, emptyContact, NewContact } from './contact-form';

export const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;
/** listContacts accepts at most this much search text. */
const MAX_SEARCH = 200;

type MembersFilter = 'all' | 'members' | 'non_members';

const FILTERS: { value: MembersFilter; label: MessageKey; testid: string }[] = [
  { value: 'all', label: 'contacts.all', testid: 'filter-all' },
  { value: 'members', label: 'contacts.members', testid: 'filter-members' },
  { value: 'non_members', label: 'contacts.non_members', testid: 'filter-non-members' },
];

interface State {
  text: string;
  members: MembersFilter;
  offset: number;
  page: ContactPage | null;
  loading: boolean;
  /** Number of the latest listContacts request: older answers are dropped. */
  seq: number;
  selectedId: string;
  notice: string;
  error: string;
  /** The error came from loading the list (so Retry makes sense), not from saving. */
  listFailed: boolean;
  formOpen: boolean;
  form: NewContact;
  saving: boolean;
}

interface Parts {
  search: HTMLInputElement;
  newContact: HTMLButtonElement | null;
  filters: HTMLButtonElement[];
  formSlot: HTMLElement;
  form: ContactForm | null;
  messages: HTMLElement;
  count: HTMLElement;
  loading: HTMLElement;
  list: HTMLUListElement;
  prev: HTMLButtonElement;
  next: HTMLButtonElement;
}

export function contactsView(host: HTMLElement, session: Session, options: { notice?: string } = {}): View {
  const state: State = {
    text: '',
    members: 'all',
    offset: 0,
    page: null,
    loading: false,
    seq: 0,
    selectedId: '',
    notice: options.notice ?? '',
    error: '',
    listFailed: false,
    formOpen: false,
    form: emptyContact(),
    saving: false,
  };
  let parts: Parts | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;

  // ---- data ----

  async function load(): Promise<void> {
    const seq = ++state.seq;
    state.loading = true;
    paintStatus();
    try {
      const page = await call<ContactPage>('listContacts', { text: state.text, members: state.members, offset: state.offset, limit: PAGE_SIZE });
      if (seq !== state.seq) return;
      if (page.total > 0 && page.offset >= page.total) {
        // The page we were on is gone (fewer matches now): go to the last one.
        state.offset = Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE;
        void load();
        return;
      }
      state.page = page;
      if (state.listFailed) state.error = '';
      state.listFailed = false;
    } catch (error) {
      if (seq !== state.seq) return;
      state.error = errorText(error);
      state.listFailed = true;
    }
    state.loading = false;
    paint();
  }

  /** A new question (search, filter): start from the first page, forget the last message. */
  function requery(): void {
    state.offset = 0;
    state.notice = '';
    void load();
  }

  async function save(): Promise<void> {
    if (state.saving) return;
    state.saving = true;
    state.error = '';
    state.notice = '';
    parts?.form?.setSaving(true);
    paintMessages();
    try {
      const created = await call<Contact>('createContact', { contact: contactInput(state.form) });
      state.form = emptyContact();
      state.formOpen = false;
      state.selectedId = created.id;
      state.notice = t('contact.saved');
      state.listFailed = false;
      paintForm();
      parts?.newContact?.focus();
      void load();
    } catch (error) {
      // Keep what the person typed; the message names the field and the reason.
      state.error = errorText(error);
      state.listFailed = false;
      parts?.form?.setSaving(false);
    } finally {
      state.saving = false;
    }
    paintMessages();
  }

  // ---- drawing ----

  function render(): void {
    const editable = canEdit(session.role);
    const signedIn = session.email
      ? session.role
        ? t('common.signed_in_as', { email: session.email, role: roleName(session.role) })
        : t('common.signed_in', { email: session.email })
      : '';

    const search = h('input', {
      type: 'search',
      class: 'search',
      placeholder: t('contacts.search'),
      'aria-label': t('contacts.search_label'),
      maxlength: MAX_SEARCH,
      autocomplete: 'off',
      spellcheck: 'false',
      value: state.text,
      'data-testid': 'search',
      oninput: (e) => {
        const text = (e.target as HTMLInputElement).value;
        clearTimeout(timer);
        timer = setTimeout(() => {
          if (text === state.text) return;
          state.text = text;
          requery();
        }, SEARCH_DELAY_MS);
      },
      onkeydown: (e) => {
        if ((e as KeyboardEvent).key !== 'Enter') return;
        e.preventDefault();
        state.text = (e.target as HTMLInputElement).value;
        requery();
      },
    });

    const newContact = editable
      ? h(
          'button',
          {
            type: 'button',
            class: 'action',
            'aria-expanded': String(state.formOpen),
            'aria-controls': 'new-contact-slot',
            'data-testid': 'new-contact',
            onclick: () => {
              state.formOpen = !state.formOpen;
              state.notice = '';
              if (!state.listFailed) state.error = '';
              paintForm();
              paintMessages();
              if (state.formOpen) parts?.form?.focus();
            },
          },
          t('contacts.new'),
        )
      : null;

    const filters = FILTERS.map((f) =>
      h(
        'button',
        {
          type: 'button',
          'data-testid': f.testid,
          'data-value': f.value,
          onclick: () => {
            if (state.members === f.value) return;
            state.members = f.value;
            paintFilters();
            requery();
          },
        },
        t(f.label),
      ),
    );

    const page = (delta: number) => () => {
      state.offset = Math.max(0, state.offset + delta * PAGE_SIZE);
      state.notice = '';
      void load();
    };

    parts = {
      search,
      newContact,
      filters,
      formSlot: h('div', { id: 'new-contact-slot' }),
      form: null,
      messages: h('div', { class: 'messages' }),
      count: h('span', { class: 'count', 'data-testid': 'count' }),
      loading: h('span', { class: 'loading', 'data-testid': 'loading' }),
      list: h('ul', { class: 'contacts', 'aria-label': t('contacts.title'), 'data-testid': 'contact-list' }),
      prev: h('button', { type: 'button', 'data-testid': 'prev', onclick: page(-1) }, t('contacts.prev')),
      next: h('button', { type: 'button', 'data-testid': 'next', onclick: page(1) }, t('contacts.next')),
    };

    fill(
      host,
      h('header', { class: 'view-header' }, h('h1', null, t('contacts.title')), signedIn && h('p', { class: 'muted signed-in', 'data-testid': 'signed-in' }, signedIn)),
      h('div', { class: 'toolbar' }, search, newContact),
      h('div', { class: 'segmented', role: 'group', 'aria-label': t('contacts.filter') }, filters),
      parts.formSlot,
      parts.messages,
      h('div', { class: 'status', 'aria-live': 'polite' }, parts.count, parts.loading),
      parts.list,
      h('nav', { class: 'pager', 'aria-label': t('contacts.paging') }, parts.prev, parts.next),
    );
    paintFilters();
    paintForm();
    paint();
    if (!started) {
      started = true;
      void load();
    }
  }

  function paint(): void {
    paintMessages();
    paintStatus();
    paintList();
  }

  function paintFilters(): void {
    for (const button of parts?.filters ?? []) button.setAttribute('aria-pressed', String(button.dataset.value === state.members));
  }

  function paintForm(): void {
    if (!parts) return;
    parts.newContact?.setAttribute('aria-expanded', String(state.formOpen));
    parts.form = state.formOpen ? contactForm(state.form, { onSave: () => void save(), onCancel: closeForm }) : null;
    if (parts.form) parts.form.setSaving(state.saving);
    fill(parts.formSlot, parts.form?.element);
  }

  function closeForm(): void {
    state.formOpen = false;
    state.form = emptyContact();
    if (!state.listFailed) state.error = '';
    paintForm();
    paintMessages();
    parts?.newContact?.focus();
  }

  function paintMessages(): void {
    if (!parts) return;
    fill(
      parts.messages,
      state.notice && h('p', { class: 'notice', role: 'status', 'data-testid': 'notice' }, state.notice),
      state.error &&
        h(
          'div',
          { class: 'error', role: 'alert' },
          h('p', { 'data-testid': 'error' }, state.error),
          state.listFailed && h('button', { type: 'button', 'data-testid': 'retry', onclick: () => void load() }, t('common.retry')),
        ),
    );
  }

  function paintStatus(): void {
    if (!parts) return;
    const page = state.page;
    setText(parts.loading, state.loading ? t('common.loading') : '');
    show(parts.loading, state.loading);
    parts.list.setAttribute('aria-busy', String(state.loading));
    if (!page) {
      setText(parts.count, '');
    } else if (page.total === 0) {
      setText(parts.count, t('contacts.count', { count: 0 }));
    } else {
      setText(parts.count, t('contacts.showing', { from: page.offset + 1, to: page.offset + page.items.length, count: page.total }));
    }
    parts.prev.disabled = state.loading || !page || page.offset === 0;
    parts.next.disabled = state.loading || !page || page.offset + page.items.length >= page.total;
  }

  function paintList(): void {
    if (!parts) return;
    const page = state.page;
    if (!page) return fill(parts.list);
    if (!page.items.length) return fill(parts.list, h('li', { class: 'empty muted', 'data-testid': 'empty' }, t('contacts.none')));
    fill(parts.list, page.items.map(row));
  }

  function row(contact: ContactRow): HTMLLIElement {
    const selected = contact.id === state.selectedId;
    const organisation = contact.kind === 'organisation' ? '' : contact.organisation;
    const details = [contact.email, organisation, contact.city].filter(Boolean).join(' · ');
    return h(
      'li',
      null,
      h(
        'button',
        {
          type: 'button',
          class: selected ? 'row selected' : 'row',
          'aria-pressed': String(selected),
          'data-testid': 'contact-row',
          'data-id': contact.id,
          onclick: () => select(contact.id),
        },
        h(
          'span',
          { class: 'row-main' },
          h('span', { class: contact.name ? 'name' : 'name muted', title: contact.name || null }, contact.name || t('contact.no_name')),
          h('span', { class: contact.member ? 'badge member' : 'badge' }, t(contact.member ? 'contact.member' : 'contact.not_member')),
        ),
        details && h('span', { class: 'row-details muted', title: details }, details),
      ),
    );
  }

  /** Highlights a row. (The contact card comes later.) */
  function select(id: string): void {
    state.selectedId = id;
    for (const button of Array.from(parts?.list.querySelectorAll<HTMLButtonElement>('[data-testid="contact-row"]') ?? [])) {
      const selected = button.dataset.id === id;
      button.classList.toggle('selected', selected);
      button.setAttribute('aria-pressed', String(selected));
    }
  }

  return { render };
}
