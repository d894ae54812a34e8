/** The contact search: one box over names, organisation, email, phone, city, tags and custom columns
 *  (the server matches), Everyone / Members / Non-members, a stage and a tag, pages of 25, New
 *  contact. A result opens the contact card. */
import type { SearchHit, SearchInput, SearchPage } from '../../src/services/views';
import { whatTellsApart } from './similar';
import { fill, h, setText, show } from '../dom';
import { errorText, roleName, t } from '../i18n';
import type { MessageKey } from '../i18n';
import { loadRecordOptions, onRecordOptions, recordOptionsNow } from '../record-options';
import { call, ServerError, type InputOf } from '../server';
import { canEdit, Session, View } from '../session';
import { contactForm, contactInput, ContactForm, emptyContact, NewContact } from './contact-form';
import { contactRow, pickerSelect, stageOptions, tagOptions } from './search-parts';
import { exporter } from './export-parts';
import { addToList } from './add-to-list';

export const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 250;
/** searchContacts accepts at most this much search text. */
const MAX_SEARCH = 200;

type MembersFilter = 'all' | 'members' | 'non_members';

const FILTERS: { value: MembersFilter; label: MessageKey; testid: string }[] = [
  { value: 'all', label: 'contacts.all', testid: 'filter-all' },
  { value: 'members', label: 'contacts.members', testid: 'filter-members' },
  { value: 'non_members', label: 'contacts.non_members', testid: 'filter-non-members' },
];

interface State {
  /** What the search asks for; `typed` is what the box holds (ahead of `text` until the pause). */
  text: string;
  typed: string;
  members: MembersFilter;
  /** A lifecycle stage, '' for any. */
  stage: string;
  /** A tag id, '' for any. */
  tag: string;
  offset: number;
  page: SearchPage | null;
  loading: boolean;
  /** Number of the latest searchContacts request: older answers are dropped. */
  seq: number;
  selectedId: string;
  notice: string;
  error: string;
  /** Saving found someone with that email or phone already: open them, or make the new one anyway. */
  duplicateOf: string;
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
  stage: HTMLSelectElement;
  tag: HTMLSelectElement;
  formSlot: HTMLElement;
  form: ContactForm | null;
  messages: HTMLElement;
  count: HTMLElement;
  loading: HTMLElement;
  list: HTMLUListElement;
  prev: HTMLButtonElement;
  next: HTMLButtonElement;
}

export interface ContactsView extends View {
  /** Asks for the current page again (after a change elsewhere), with an optional message. */
  refresh(notice?: string): void;
}

/** The search input: only the filters that are set. */
export function searchInput(state: Pick<State, 'text' | 'members' | 'stage' | 'tag' | 'offset'>, limit = PAGE_SIZE): SearchInput {
  const input: SearchInput = { text: state.text, members: state.members, offset: state.offset, limit };
  if (state.stage) input.stage = state.stage;
  if (state.tag) input.tag = state.tag;
  return input;
}

export function contactsView(
  host: HTMLElement,
  session: Session,
  options: {
    notice?: string;
    onOpen?: (hit: SearchHit) => void;
    onBin?: () => void;
    onEmail?: (search: { text?: string; members?: 'all' | 'members' | 'non_members'; stage?: string; tag?: string }) => void;
  } = {},
): ContactsView {
  const state: State = {
    text: '',
    typed: '',
    members: 'all',
    stage: '',
    tag: '',
    offset: 0,
    page: null,
    loading: false,
    seq: 0,
    selectedId: '',
    notice: options.notice ?? '',
    error: '',
    duplicateOf: '',
    listFailed: false,
    formOpen: false,
    form: emptyContact(),
    saving: false,
  };
  let parts: Parts | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let started = false;
  // Every contact the search and its filters find, as CSV.
  const exportResults = exporter({
    testid: 'export-search',
    label: () => t('lists.export.search'),
    request: () => {
      const { text, members, stage, tag } = searchInput(state);
      return call('exportRows', { search: text ?? '', members, stage: stage as InputOf<'exportRows'>['stage'], tag });
    },
  });

  // Every contact the search finds, into a static list (editors).
  const addResults = canEdit(session.role)
    ? addToList(() => {
        const { text, members, stage, tag } = searchInput(state);
        return { text: text ?? '', members, stage, tag };
      })
    : null;

  // ---- data ----

  // The search index was stale (something changed since it was built): have it rebuilt in a call of its
  // own, so that this search did not wait for it and the next ones read one sheet again.
  // The server rebuilds at most every few minutes (hand edits would otherwise have it rebuilt after
  // every search): until it said it may, searches scan without asking again.
  let rebuilding = false;
  let notBefore = 0;
  function rebuildIndex(): void {
    if (rebuilding || Date.now() < notBefore) return;
    rebuilding = true;
    call('refreshSearchIndex', {}).then(
      (answer) => {
        rebuilding = false;
        if (answer?.retry_in_s) notBefore = Date.now() + answer.retry_in_s * 1000;
      },
      () => (rebuilding = false),
    );
  }

  async function load(): Promise<void> {
    const seq = ++state.seq;
    state.loading = true;
    paintStatus();
    try {
      const page = await call('searchContacts', searchInput(state) as InputOf<'searchContacts'>);
      if (seq !== state.seq) return;
      if (page.total > 0 && page.offset >= page.total) {
        // The page we were on is gone (fewer matches now): go to the last one.
        state.offset = Math.floor((page.total - 1) / PAGE_SIZE) * PAGE_SIZE;
        void load();
        return;
      }
      state.page = page;
      if (page.stale_index) rebuildIndex();
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

  async function save(anyway = false): Promise<void> {
    if (state.saving) return;
    state.saving = true;
    state.error = '';
    state.notice = '';
    state.duplicateOf = '';
    parts?.form?.setSaving(true);
    parts?.form?.clearProblem();
    paintMessages();
    try {
      const created = await call('createContact', {
        contact: contactInput(state.form),
        ...(anyway ? { allow_duplicate: true } : {}),
        ...(state.form.consent ? { newsletter_consent: 'in_person' as const } : {}),
      });
      state.form = emptyContact();
      state.formOpen = false;
      state.selectedId = created.id;
      state.notice = t('contact.saved');
      state.listFailed = false;
      paintForm();
      parts?.newContact?.focus();
      void load();
    } catch (error) {
      // Keep what the person typed; the message names the field and the reason (or who is there already).
      state.error = errorText(error);
      if (error instanceof ServerError && error.code === 'duplicate' && error.id) state.duplicateOf = error.id;
      // About one field: said under it, where the person types.
      else if (error instanceof ServerError && error.field && parts?.form?.showProblem(error.field, state.error)) state.error = '';
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
    const signedIn = session.email ? (session.role ? t('common.signed_in_as', { email: session.email, role: roleName(session.role) }) : t('common.signed_in', { email: session.email })) : '';

    const search = h('input', {
      type: 'search',
      class: 'search',
      placeholder: t('record.search.placeholder'),
      'aria-label': t('contacts.search_label'),
      maxlength: MAX_SEARCH,
      autocomplete: 'off',
      spellcheck: 'false',
      value: state.typed,
      'data-testid': 'search',
      oninput: (e) => {
        const text = (e.target as HTMLInputElement).value;
        state.typed = text;
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
        clearTimeout(timer);
        state.text = state.typed = (e.target as HTMLInputElement).value;
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

    const stage = pickerSelect('filter-stage', t('record.search.stage'), stageOptions(recordOptionsNow(), state.stage), (value) => {
      state.stage = value;
      requery();
    });
    const tag = pickerSelect('filter-tag', t('record.search.tag'), tagOptions(recordOptionsNow(), state.tag), (value) => {
      state.tag = value;
      requery();
    });

    const page = (delta: number) => () => {
      state.offset = Math.max(0, state.offset + delta * PAGE_SIZE);
      state.notice = '';
      void load();
    };

    parts = {
      search,
      newContact,
      filters,
      stage,
      tag,
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
      h('div', { class: 'filter-row' }, stage, tag),
      parts.formSlot,
      parts.messages,
      h('div', { class: 'status', 'aria-live': 'polite' }, parts.count, parts.loading),
      parts.list,
      h('nav', { class: 'pager', 'aria-label': t('contacts.paging') }, parts.prev, parts.next),
      // No exports or bulk actions on the phone page.
      !session.phone &&
        h(
          'div',
          { class: 'list-export' },
          exportResults.render(),
          addResults?.render(),
          // Everyone the search found, as a mailing's audience (the Email tab).
          editable &&
            options.onEmail &&
            h(
              'button',
              {
                type: 'button',
                class: 'link-button',
                'data-testid': 'email-search',
                onclick: () => {
                  const { text, members, stage, tag } = searchInput(state);
                  options.onEmail!({ text: text ?? '', members, stage, tag });
                },
              },
              t('mail.ui.email_these'),
            ),
        ),
      !session.phone &&
        session.role === 'admin' &&
        options.onBin &&
        h('div', { class: 'buttons' }, h('button', { type: 'button', class: 'link-button', 'data-testid': 'open-bin', onclick: options.onBin }, t('bin.open'))),
    );
    paintFilters();
    paintForm();
    paint();
    if (!started) {
      started = true;
      void load();
      onRecordOptions(() => paintPickers());
      void loadRecordOptions();
    }
  }

  /** The stage and tag pickers, once the options are there (keeping what is picked). */
  function paintPickers(): void {
    if (!parts) return;
    fill(parts.stage, stageOptions(recordOptionsNow(), state.stage));
    fill(parts.tag, tagOptions(recordOptionsNow(), state.tag));
    parts.stage.value = state.stage;
    parts.tag.value = state.tag;
  }

  function paint(): void {
    paintMessages();
    paintStatus();
    paintList();
    if (!session.phone) exportResults.render();
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
          state.duplicateOf &&
            h(
              'div',
              { class: 'buttons' },
              h('button', { type: 'button', class: 'action', 'data-testid': 'open-existing', onclick: () => openExisting(state.duplicateOf) }, t('contact.open_existing')),
              h('button', { type: 'button', 'data-testid': 'create-anyway', onclick: () => void save(true) }, t('contact.create_anyway')),
            ),
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
    const apart = whatTellsApart(page.items);
    fill(
      parts.list,
      page.items.map((hit) => row(hit, apart.get(hit.id))),
    );
  }

  function row(hit: SearchHit, distinct?: string): HTMLLIElement {
    return contactRow(hit, { selected: hit.id === state.selectedId, tags: recordOptionsNow()?.tags ?? [], onOpen: () => open(hit), distinct });
  }

  /** The contact already there: its card, the form closed (what was typed is not a new contact). */
  function openExisting(id: string): void {
    state.duplicateOf = '';
    state.error = '';
    state.form = emptyContact();
    state.formOpen = false;
    paintForm();
    paintMessages();
    options.onOpen?.({ id, row: 0 } as SearchHit);
  }

  /** Highlights the row and opens the card. */
  function open(hit: SearchHit): void {
    state.selectedId = hit.id;
    for (const button of Array.from(parts?.list.querySelectorAll<HTMLButtonElement>('[data-testid="contact-row"]') ?? [])) {
      const selected = button.dataset.id === hit.id;
      button.classList.toggle('selected', selected);
      button.setAttribute('aria-pressed', String(selected));
    }
    options.onOpen?.(hit);
  }

  return {
    render,
    refresh(notice?: string) {
      if (notice !== undefined) state.notice = notice;
      if (!started) return;
      void load();
    },
    hasUnsavedEdits() {
      const f = state.form;
      return state.formOpen && [f.first_name, f.last_name, f.organisation_name, f.email, f.phone, f.city].some((v) => v.trim() !== '');
    },
  };
}
