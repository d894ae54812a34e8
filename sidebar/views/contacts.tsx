/** The contact search: one box over names, organisation, email, phone, city, tags and custom columns
 *  (the server matches), Everyone / Members / Non-members, a stage and a tag, pages of 25, New
 *  contact. A result opens the contact card. A Preact component (see sidebar/components). */
import type { SearchHit, SearchInput, SearchPage } from '../../src/services/views';
import { useEffect, useRef, useState } from 'preact/hooks';
import { whatTellsApart } from './similar';
import { errorText, roleName, t, uiLocale } from '../i18n';
import { wholeNumber } from '../format';
import type { MessageKey } from '../i18n';
import { loadRecordOptions, onRecordOptions, recordOptionsNow } from '../record-options';
import { call, ServerError, type InputOf } from '../server';
import { canEdit, Session, View } from '../session';
import { shownTab, type Shown } from '../components/mount';
import { useAgain } from '../components/server-hooks';
import { useFocusLater } from '../components/focus-later';
import { contactInput, ContactForm, emptyContact, formShows, NewContact } from './contact-form';
import { ContactRow, StageOptions, TagOptions } from './search-parts';
import { Exporter } from './export-parts';
import { AddToList } from './add-to-list';
import { Failed, Notice } from '../components/said';

export const PAGE_SIZE = 25;
/** The pause in typing after which the search is asked. */
export const SEARCH_DELAY_MS = 250;
/** searchContacts accepts at most this much search text. */
const MAX_SEARCH = 200;

type MembersFilter = 'all' | 'members' | 'non_members';

const FILTERS: { value: MembersFilter; label: MessageKey; testid: string }[] = [
  { value: 'all', label: 'contacts.all', testid: 'filter-all' },
  { value: 'members', label: 'contacts.members', testid: 'filter-members' },
  { value: 'non_members', label: 'contacts.non_members', testid: 'filter-non-members' },
];

/** What the search asks for. */
interface Query {
  text: string;
  members: MembersFilter;
  /** A lifecycle stage, '' for any. */
  stage: string;
  /** A tag id, '' for any. */
  tag: string;
  offset: number;
}

export interface ContactsView extends View {
  /** Asks for the current page again (after a change elsewhere), with an optional message. */
  refresh(notice?: string): void;
}

/** The search input: only the filters that are set. */
export function searchInput(state: Pick<Query, 'text' | 'members' | 'stage' | 'tag' | 'offset'>, limit = PAGE_SIZE): SearchInput {
  const input: SearchInput = { text: state.text, members: state.members, offset: state.offset, limit };
  if (state.stage) input.stage = state.stage;
  if (state.tag) input.tag = state.tag;
  return input;
}

interface Options {
  notice?: string;
  onOpen?: (hit: SearchHit) => void;
  onBin?: () => void;
  onEmail?: (search: { text?: string; members?: 'all' | 'members' | 'non_members'; stage?: string; tag?: string }) => void;
}

export function contactsView(host: HTMLElement, session: Session, options: Options = {}): ContactsView {
  return shownTab(host, (shown) => <Contacts session={session} options={options} {...shown} />);
}

/** `unsaved`: a new contact typed and not saved (the sidebar then does not follow the sheet away). */
interface Props extends Shown {
  session: Session;
  options: Options;
}

function Contacts({ session, options, asked, notice: given, unsaved }: Props) {
  const editable = canEdit(session.role);
  const root = useRef<HTMLDivElement>(null);
  const focusLater = useFocusLater(root);
  const [query, setQuery] = useState<Query>({ text: '', members: 'all', stage: '', tag: '', offset: 0 });
  /** What the box holds: ahead of the query's text until the pause. */
  const [typed, setTyped] = useState('');
  const [page, setPage] = useState<SearchPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [selectedId, setSelectedId] = useState('');
  const [notice, setNotice] = useState(options.notice ?? '');
  const [error, setError] = useState('');
  /** The error came from loading the list (so Retry makes sense), not from saving. */
  const [listFailed, setListFailed] = useState(false);
  /** Saving found someone with that email or phone already: open them, or make the new one anyway. */
  const [duplicateOf, setDuplicateOf] = useState('');
  const [formOpen, setFormOpen] = useState(false);
  const [form, setForm] = useState<NewContact>(emptyContact);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [recordOptions, setRecordOptions] = useState(recordOptionsNow);
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const current = useRef(query);
  current.current = query;
  unsaved.now = formOpen && [form.first_name, form.last_name, form.organisation_name, form.email, form.phone, form.city].some((v) => v.trim() !== '');

  /** What the search asks for, every page of it (an export, a list, a mailing's audience). */
  const whole = () => {
    const { text, members, stage, tag } = searchInput(current.current);
    return { text: text ?? '', members, stage: stage as InputOf<'exportRows'>['stage'], tag };
  };

  // The search index was stale (something changed since it was built): have it rebuilt in a call of
  // its own, so that this search did not wait for it and the next ones read one sheet again. The
  // server rebuilds at most every few minutes (hand edits would otherwise have it rebuilt after every
  // search): until it said it may, searches scan without asking again.
  const index = useRef({ rebuilding: false, notBefore: 0 });
  function rebuildIndex(): void {
    const i = index.current;
    if (i.rebuilding || Date.now() < i.notBefore) return;
    i.rebuilding = true;
    call('refreshSearchIndex', {}).then(
      (answer) => {
        i.rebuilding = false;
        if (answer?.retry_in_s) i.notBefore = Date.now() + answer.retry_in_s * 1000;
      },
      () => (i.rebuilding = false),
    );
  }

  async function load(q: Query): Promise<void> {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const found = await call('searchContacts', searchInput(q) as InputOf<'searchContacts'>);
      if (mine !== seq.current) return;
      if (found.total > 0 && found.offset >= found.total && !found.more) {
        // The page we were on is gone (fewer matches now): go to the last one.
        const last = { ...q, offset: Math.floor((found.total - 1) / PAGE_SIZE) * PAGE_SIZE };
        setQuery(last);
        void load(last);
        return;
      }
      setPage(found);
      if (found.stale_index) rebuildIndex();
      setListFailed((failed) => {
        if (failed) setError('');
        return false;
      });
    } catch (e) {
      if (mine !== seq.current) return;
      setError(errorText(e));
      setListFailed(true);
    }
    setLoading(false);
  }

  useEffect(() => {
    void load(query);
    void loadRecordOptions();
    const stop = onRecordOptions((next) => setRecordOptions(next));
    return () => {
      stop();
      clearTimeout(timer.current);
    };
  }, []);
  useAgain(asked, () => {
    if (given !== undefined) setNotice(given);
    void load(current.current);
  });

  /** A new question (search, filter): from the first page, the last message forgotten. */
  function requery(change: Partial<Query>): void {
    const next = { ...current.current, ...change, offset: 0 };
    setQuery(next);
    current.current = next;
    setNotice('');
    void load(next);
  }

  function turn(delta: number): void {
    const next = { ...query, offset: Math.max(0, query.offset + delta * PAGE_SIZE) };
    setQuery(next);
    setNotice('');
    void load(next);
  }

  async function save(anyway = false): Promise<void> {
    if (saving) return;
    setSaving(true);
    setError('');
    setNotice('');
    setDuplicateOf('');
    setProblem(null);
    try {
      const created = await call('createContact', {
        contact: contactInput(form),
        ...(anyway ? { allow_duplicate: true } : {}),
        ...(form.consent ? { newsletter_consent: 'in_person' as const } : {}),
      });
      setForm(emptyContact());
      setFormOpen(false);
      setSelectedId(created.id);
      setNotice(t('contact.saved'));
      setListFailed(false);
      focusLater('[data-testid="new-contact"]');
      void load(current.current);
    } catch (e) {
      // Keep what the person typed; the message names the field and the reason (or who is there already).
      const said = errorText(e);
      if (e instanceof ServerError && e.code === 'duplicate' && e.id) {
        setDuplicateOf(e.id);
        setError(said);
      } else if (e instanceof ServerError && e.field && formShows(form, e.field)) {
        // About one field: said under it, where the person types.
        setProblem({ field: e.field, message: said });
      } else setError(said);
      setListFailed(false);
    }
    setSaving(false);
  }

  function closeForm(): void {
    setFormOpen(false);
    setForm(emptyContact());
    setProblem(null);
    if (!listFailed) setError('');
    setDuplicateOf('');
    focusLater('[data-testid="new-contact"]');
  }

  /** The contact already there: its card, the form closed (what was typed is not a new contact). */
  function openExisting(id: string): void {
    setDuplicateOf('');
    setError('');
    setForm(emptyContact());
    setFormOpen(false);
    options.onOpen?.({ id, row: 0 } as SearchHit);
  }

  /** Highlights the row and opens the card. */
  function open(hit: SearchHit): void {
    setSelectedId(hit.id);
    options.onOpen?.(hit);
  }

  const signedIn = session.email ? (session.role ? t('common.signed_in_as', { email: session.email, role: roleName(session.role) }) : t('common.signed_in', { email: session.email })) : '';
  const apart = page ? whatTellsApart(page.items) : new Map<string, string>();
  const locale = uiLocale();
  const shown = page && { from: wholeNumber(page.offset + 1, locale), to: wholeNumber(page.offset + page.items.length, locale), count: wholeNumber(page.total, locale) };
  const count = !page || !shown ? '' : page.total === 0 ? t('contacts.count', { count: 0 }) : t(page.more ? 'contacts.showing_more' : 'contacts.showing', shown);
  // Past a thousand matches the database stops counting: a short page is the last one.
  const last = !page || (page.more ? page.items.length < PAGE_SIZE : page.offset + page.items.length >= page.total);
  return (
    <div class="contacts-view" ref={root}>
      <header class="view-header">
        <h1>{t('contacts.title')}</h1>
        {signedIn && (
          <p class="muted signed-in" data-testid="signed-in">
            {signedIn}
          </p>
        )}
      </header>
      <div class="toolbar">
        <input
          type="search"
          class="search"
          placeholder={t('record.search.placeholder')}
          aria-label={t('contacts.search_label')}
          maxLength={MAX_SEARCH}
          autocomplete="off"
          spellcheck={false}
          value={typed}
          data-testid="search"
          onInput={(e) => {
            const text = (e.target as HTMLInputElement).value;
            setTyped(text);
            clearTimeout(timer.current);
            timer.current = setTimeout(() => {
              if (text !== current.current.text) requery({ text });
            }, SEARCH_DELAY_MS);
          }}
          onKeyDown={(e) => {
            if (e.key !== 'Enter') return;
            e.preventDefault();
            clearTimeout(timer.current);
            const text = (e.target as HTMLInputElement).value;
            setTyped(text);
            requery({ text });
          }}
        />
        {editable && (
          <button
            type="button"
            class="action"
            aria-expanded={formOpen}
            aria-controls="new-contact-slot"
            data-testid="new-contact"
            onClick={() => {
              setFormOpen(!formOpen);
              setNotice('');
              setProblem(null);
              if (!listFailed) setError('');
            }}
          >
            {t('contacts.new')}
          </button>
        )}
      </div>
      <div class="segmented" role="group" aria-label={t('contacts.filter')}>
        {FILTERS.map((f) => (
          <button
            key={f.value}
            type="button"
            data-testid={f.testid}
            data-value={f.value}
            aria-pressed={query.members === f.value}
            onClick={() => query.members !== f.value && requery({ members: f.value })}
          >
            {t(f.label)}
          </button>
        ))}
      </div>
      <div class="filter-row">
        <select aria-label={t('record.search.stage')} data-testid="filter-stage" value={query.stage} onChange={(e) => requery({ stage: (e.target as HTMLSelectElement).value })}>
          <StageOptions options={recordOptions} selected={query.stage} />
        </select>
        <select aria-label={t('record.search.tag')} data-testid="filter-tag" value={query.tag} onChange={(e) => requery({ tag: (e.target as HTMLSelectElement).value })}>
          <TagOptions options={recordOptions} selected={query.tag} />
        </select>
      </div>
      <div id="new-contact-slot">
        {formOpen && <ContactForm values={form} onChange={(change) => setForm((f) => ({ ...f, ...change }))} saving={saving} problem={problem} onSave={() => void save()} onCancel={closeForm} />}
      </div>
      <div class="messages">
        <Notice text={notice} />
        <Failed error={error} onRetry={listFailed ? () => void load(query) : undefined}>
          {duplicateOf && (
            <div class="buttons">
              <button type="button" class="action" data-testid="open-existing" onClick={() => openExisting(duplicateOf)}>
                {t('contact.open_existing')}
              </button>
              <button type="button" data-testid="create-anyway" onClick={() => void save(true)}>
                {t('contact.create_anyway')}
              </button>
            </div>
          )}
        </Failed>
      </div>
      <div class="status" aria-live="polite">
        <span class="count" data-testid="count">
          {count}
        </span>
        <span class="loading" data-testid="loading" hidden={!loading}>
          {loading ? t('common.loading') : ''}
        </span>
      </div>
      <ul class="contacts" aria-label={t('contacts.title')} aria-busy={loading} data-testid="contact-list">
        {page && !page.items.length && (
          <li class="empty muted" data-testid="empty">
            {t('contacts.none')}
          </li>
        )}
        {page?.items.map((hit) => (
          <ContactRow key={hit.id} hit={hit} selected={hit.id === selectedId} tags={recordOptions?.tags ?? []} onOpen={() => open(hit)} distinct={apart.get(hit.id)} />
        ))}
      </ul>
      <nav class="pager" aria-label={t('contacts.paging')}>
        <button type="button" data-testid="prev" disabled={loading || !page || page.offset === 0} onClick={() => turn(-1)}>
          {t('contacts.prev')}
        </button>
        <button type="button" data-testid="next" disabled={loading || last} onClick={() => turn(1)}>
          {t('contacts.next')}
        </button>
      </nav>
      {/* No exports or bulk actions on the phone page. */}
      {!session.phone && (
        <div class="list-export">
          {/* Every contact the search and its filters find, as CSV; and into a static list (editors). */}
          <Exporter
            testid="export-search"
            label={t('lists.export.search')}
            request={() => {
              const { text, members, stage, tag } = whole();
              return call('exportRows', { search: text, members, stage, tag });
            }}
          />
          {editable && <AddToList search={whole} />}
          {/* Everyone the search found, as a mailing's audience (the Email tab). */}
          {editable && options.onEmail && (
            <button type="button" class="link-button" data-testid="email-search" onClick={() => options.onEmail!(whole())}>
              {t('mail.ui.email_these')}
            </button>
          )}
        </div>
      )}
      {!session.phone && session.role === 'admin' && options.onBin && (
        <div class="buttons">
          <button type="button" class="link-button" data-testid="open-bin" onClick={options.onBin}>
            {t('bin.open')}
          </button>
        </div>
      )}
    </div>
  );
}
