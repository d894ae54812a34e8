/** Who is using the sidebar, as `bootstrap` tells it. */
export interface Session {
  email: string;
  /** 'viewer' | 'editor' | 'admin', or '' when the person is not on the Staff sheet (yet). */
  role: string;
  setUp: boolean;
  language: string;
  /** Why the CRM does not let this person in (in their language), or ''. */
  refused?: string;
  /** The web app's staff page on a phone: search, cards, calls, gifts, tags, today's follow-ups and a
   *  quick new contact; no exports, bulk actions or settings. */
  phone?: boolean;
}

/** The page says what it is: the web app's staff page carries data-page="phone" on its <html>. */
export function isPhonePage(): boolean {
  return typeof document !== 'undefined' && document.documentElement.getAttribute('data-page') === 'phone';
}

/** A screen of the sidebar. `render` draws it (again) in the current language, keeping its state. */
export interface View {
  render(): void;
  /** True while a form of the view holds something typed and not saved yet (the sidebar then does
   *  not follow the sheet's selection away from it). */
  hasUnsavedEdits?(): boolean;
}

export function canEdit(role: string): boolean {
  return role === 'editor' || role === 'admin';
}
