/** The CRM once it is set up: a bar with Contacts, To recontact, Segments, Dashboard, Import (editors)
 *  and Duplicates, the screen of the tab, and the contact card over it (Back returns to the tab as it
 *  was left). The card also follows the row selected in the Contacts sheet; a dashboard number opens
 *  its contacts in the segment builder. */
import type { SearchHit } from '../src/services/views';
import { h, render as draw } from 'preact';
import { loadRecordOptions } from './record-options';
import { call } from './server';
import { canEdit, Session, View } from './session';
import { followSelection, SelectionFollower } from './sheet-selection';
import { cardView, CardView } from './views/card';
import { contactsView, ContactsView } from './views/contacts';
import { followUpsView, FollowUpsView } from './views/followups';
import { lazyScreen, LazyScreen, TabView } from './lazy-screen';
import { loadPart } from './parts';
import { TabBar } from './tab-bar';
import type { SegmentsView } from './views/segments';
import type { MailScreen } from './views/mail';

export type Tab = 'contacts' | 'followups' | 'segments' | 'dashboard' | 'mail' | 'import' | 'duplicates' | 'inbox' | 'newsletter' | 'database' | 'staff';

/** The tabs a person sees: Email and Import only for those who may write, the Inbox, Newsletter, Database and Staff only for admins;
 *  on the phone page, the contacts and their follow-ups only. */
export function tabsFor(role: string, phone = false): Tab[] {
  if (phone) return ['contacts', 'followups'];
  const tabs: Tab[] = canEdit(role) ? ['contacts', 'followups', 'segments', 'dashboard', 'mail', 'import', 'duplicates'] : ['contacts', 'followups', 'segments', 'dashboard', 'duplicates'];
  return role === 'admin' ? [...tabs, 'inbox', 'newsletter', 'database', 'staff'] : tabs;
}

export interface RecordApp extends View {
  /** Stops following the sheet (the app is being replaced). */
  stop(): void;
}

export function recordApp(host: HTMLElement, session: Session, options: { notice?: string } = {}): RecordApp {
  const screen = document.createElement('div');
  screen.className = 'screen';
  const bar = document.createElement('div');
  let tab: Tab = 'contacts';
  let card: CardView | null = null;
  /** The bin of deleted contacts (admins), over the Contacts tab while open. */
  let bin: View | null = null;
  const scroll: Record<Tab, number> = { contacts: 0, followups: 0, segments: 0, dashboard: 0, import: 0, duplicates: 0, inbox: 0, newsletter: 0, database: 0, staff: 0, mail: 0 };
  let follower: SelectionFollower | null = null;

  const contacts: ContactsView = contactsView(screen, session, { notice: options.notice, onOpen: (hit: SearchHit) => openCard(hit.id, true, hit.row), onBin: openBin, onEmail: emailSearch });
  let followUps: FollowUpsView | null = null;
  /** The other tabs: their code comes when first shown (parts.ts). */
  const others = new Map<Tab, LazyScreen<TabView>>();
  let segments: LazyScreen<SegmentsView> | null = null;
  let mail: LazyScreen<MailScreen> | null = null;

  const tabs = tabsFor(session.role, session.phone);

  /** A tab of a part, drawn again when its code comes if it is still the one shown. */
  function lazyTab<T extends TabView>(make: () => Promise<T>): LazyScreen<T> {
    return lazyScreen(screen, make, (shown) => {
      if (current() === shown) render();
    });
  }

  function tabView(name: Tab): TabView {
    if (name === 'contacts') return contacts;
    if (name === 'followups') return (followUps ??= followUpsView(screen, session, { onOpen: (id) => openCard(id, true) }));
    if (name === 'segments') return segmentsTab();
    if (name === 'mail') return mailTab();
    let tab = others.get(name);
    if (!tab) {
      tab = lazyTab(() => otherTab(name));
      others.set(name, tab);
    }
    return tab;
  }

  function segmentsTab(): LazyScreen<SegmentsView> {
    return (segments ??= lazyTab(() => loadPart('segments').then((m) => m.segmentsView(screen, session, { onOpen: (id) => openCard(id, true) }))));
  }

  function mailTab(): LazyScreen<MailScreen> {
    return (mail ??= lazyTab(() => loadPart('mail').then((m) => m.mailView(screen))));
  }

  async function otherTab(name: Tab): Promise<TabView> {
    const onOpen = (id: string) => openCard(id, true);
    if (name === 'import') return (await loadPart('import')).importView(screen, session, { onOpen });
    if (name === 'dashboard') return (await loadPart('dashboard')).dashboardView(screen, session, { onQuery: openQuery, onOpen });
    if (name === 'duplicates') return (await loadPart('duplicates')).duplicatesView(screen, session, { onOpen });
    if (name === 'staff') return (await loadPart('staff')).staffView(screen, session);
    if (name === 'inbox') return (await loadPart('inbox')).inboxView(screen, { onOpen });
    if (name === 'newsletter') return (await loadPart('newsletter')).newsletterView(screen);
    return (await loadPart('database')).databaseView(screen);
  }

  function current(): View {
    return card ?? bin ?? tabView(tab);
  }

  /** The Contacts tab's results as a mailing's audience: the Email tab, ready. */
  function emailSearch(search: Parameters<MailScreen['useSearch']>[0]): void {
    showTab('mail');
    const tab = mailTab();
    tab.whenReady((mailing) => {
      mailing.useSearch(search);
      if (current() === tab) render();
    });
  }

  function openBin(): void {
    scroll[tab] = window.scrollY;
    // The bin's code comes with its first opening; it starts afresh each time (no list to ask again).
    bin = lazyTab(() => loadPart('bin').then((m) => ({ ...m.binView(screen, { onBack: () => showTab('contacts') }), refresh: () => undefined })));
    render();
    window.scrollTo(0, 0);
  }

  /** Shows a tab as it was left, asking its list again (a card may have changed it). */
  function showTab(name: Tab, notice?: string): void {
    const fromCard = card !== null || bin !== null;
    bin = null;
    if (!fromCard && name === tab) return;
    if (!fromCard) scroll[tab] = window.scrollY;
    card?.detach();
    card = null;
    tab = name;
    // Ask again first (a card may have changed the list), then draw: the list shows it is loading.
    tabView(name).refresh(notice);
    render();
    window.scrollTo(0, scroll[name]);
  }

  /** A number of the dashboard: the contacts behind it, in the segment builder (not saved yet). */
  function openQuery(query: string, title: string): void {
    showTab('segments');
    segmentsTab().whenReady((builder) => {
      builder.openQuery(query, title);
      window.scrollTo(0, 0);
    });
  }

  /** Opens a contact's card. `mine`: the person chose it in the sidebar, so select its row in the sheet
   *  (`row`: where the search saw it, which spares the server a look-up). */
  function openCard(id: string, mine: boolean, row?: number): void {
    if (card?.id === id) return;
    if (!card) scroll[tab] = window.scrollY;
    card?.detach();
    card = cardView(screen, session, id, { onBack: (notice) => showTab(tab, notice), onOpen: (other) => openCard(other, true) });
    // A phone has no sheet to select a row in.
    if (mine && !session.phone) {
      // Selecting the row is a courtesy: if it fails, the card is still there.
      const selecting = call('showContactInSheet', row && row >= 2 ? { id, row_hint: row } : { id });
      selecting.catch(() => {});
      follower?.seen(id, selecting);
    } else {
      follower?.seen(id);
    }
    render();
    window.scrollTo(0, 0);
  }

  function render(): void {
    draw(h(TabBar, { tabs, shown: tab, onShow: showTab }), bar);
    if (host.firstChild !== bar || bar.nextSibling !== screen) host.replaceChildren(bar, screen);
    current().render();
  }

  function start(): void {
    void loadRecordOptions();
    if (!session.role || typeof document === 'undefined' || session.phone) return;
    follower = followSelection({
      activeContact: () => call('activeContact', {}),
      isVisible: () => document.visibilityState === 'visible',
      mayFollow: () => !current().hasUnsavedEdits?.(),
      open: (id) => openCard(id, false),
    });
  }

  start();
  return {
    render,
    hasUnsavedEdits: () => current().hasUnsavedEdits?.() ?? false,
    stop: () => follower?.stop(),
  };
}
