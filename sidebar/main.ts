/** The sidebar: asks the server who is here, then shows Set up or the CRM (contacts, cards, follow-ups),
 *  under a bar whose menu holds the language picker. Runs in Google Sheets (google.script.run) and locally
 *  (fetch /api/…). */
// First: the modules the sidebar's parts take from the page (filled by the build).
import './shared-modules';
import { h, render } from 'preact';
import { errorText, saveLanguage, savedLanguage, setLanguage, t, currentLanguage, useLanguage } from './i18n';
import { TopBar } from './top-bar';
import { BUILT } from './dictionaries';
import { call } from './server';
import { isPhonePage, type Session, type View } from './session';
import { recordApp, RecordApp } from './navigation';
import { setupDoneText, setupView } from './views/setup';
import { loadingView, problemView } from './views/status';

function start(root: HTMLElement): void {
  const top = document.createElement('div');
  const viewHost = document.createElement('main');
  viewHost.className = 'view';
  viewHost.id = 'view';
  root.append(top, viewHost);
  const pick = (code: string) => {
    // The sidebar carries one language: another one's words come from the server first.
    void useLanguage(code).then((language) => {
      saveLanguage(language);
      // The server's messages (errors, import reports) follow the same choice.
      if (staff) void call('setLanguage', { language: currentLanguage() }).catch(() => undefined);
      relabel();
      current?.render();
    });
  };

  let current: View | null = null;
  /** Whether the person may use the CRM (then their language choice is kept in their user properties too). */
  let staff = false;
  let app: RecordApp | null = null;
  const showView = (view: View) => {
    current = view;
    view.render();
  };

  function relabel(): void {
    document.title = t('app.name');
    render(h(TopBar, { onLanguage: pick }), top);
  }

  /** Asks who is here, then shows the right screen. `notice`: a message for the contact list. */
  async function boot(notice?: string): Promise<void> {
    app?.stop();
    app = null;
    showView(loadingView(viewHost));
    let session: Session;
    try {
      session = await call('bootstrap', {});
    } catch (error) {
      showView(problemView(viewHost, errorText(error), () => void boot()));
      return;
    }
    // A language picked in this browser wins over the one the server suggests.
    staff = !!session.role && session.setUp;
    await useLanguage(askedLanguage() ?? savedLanguage() ?? session.language);
    relabel();
    if (!session.setUp) showView(setupView(viewHost, (report) => void boot(setupDoneText(report))));
    else if (session.refused) showView(problemView(viewHost, session.refused, () => void boot()));
    else {
      app = recordApp(viewHost, { ...session, phone: isPhonePage() }, { notice });
      showView(app);
    }
  }

  // The page came in the person's language (the server chose the file): start in it.
  setLanguage(askedLanguage() ?? savedLanguage() ?? BUILT);
  relabel();
  void boot();
}

/** `?lang=` in the page's address (the web app's, the local page's) wins over every other choice. */
function askedLanguage(): string | null {
  try {
    return new URLSearchParams(typeof location !== 'undefined' ? location.search : '').get('lang');
  } catch {
    return null;
  }
}

function whenReady(fn: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', fn, { once: true });
  else fn();
}

whenReady(() => {
  const root = document.getElementById('app') ?? document.body;
  start(root);
  root.setAttribute('data-ready', 'true');
});
