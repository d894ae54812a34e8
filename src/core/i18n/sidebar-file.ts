import { languageOf } from './languages';

/** The sidebar file of a language (scripts/build.mjs makes one per language, each carrying that
 *  language's words only): Sidebar for English, Sidebar_fr, Sidebar_es, Sidebar_pt. */
export function sidebarFile(locale: string | null | undefined): string {
  const language = languageOf(locale);
  return language === 'en' ? 'Sidebar' : `Sidebar_${language}`;
}

/** The parts of the sidebar a page asks for when a person first opens their tab (sidebar/parts.ts):
 *  each one a project file, `sidebarPartFile(name)`, made by scripts/build.mjs. */
export const SIDEBAR_PARTS = ['segments', 'dashboard', 'mail', 'import', 'duplicates', 'inbox', 'newsletter', 'database', 'staff', 'bin'] as const;
export type SidebarPart = (typeof SIDEBAR_PARTS)[number];

export function sidebarPartFile(part: SidebarPart): string {
  return `sidebar_${part}`;
}

/** Messages only the server says (refusals come translated from it; the CLI's and the local page's
 *  words): a sidebar does not carry them. 'error.network' is the sidebar's own, for a call that never
 *  reached the CRM. */
const SERVER_ONLY = ['error.', 'input.', 'local.', 'reference.', 'import.', 'intake.', 'mail.footer', 'mail.unsubscribe', 'mail.unsubscribed', 'mail.already_unsubscribed', 'sync.error.'];

/** A dictionary as a sidebar carries it: without the server's own messages. */
export function sidebarDictionary(messages: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, text] of Object.entries(messages)) if (key === 'error.network' || !SERVER_ONLY.some((p) => key.startsWith(p))) out[key] = text;
  return out;
}

/** The sidebar's page as the web app's staff page: the same file, marked for a phone (no exports,
 *  bulk actions or settings; big touch targets), which the page reads from its <html>. */
export function phonePage(sidebarHtml: string): string {
  return sidebarHtml.replace(/<html lang="([a-z]{2})">/, '<html lang="$1" data-page="phone">');
}
