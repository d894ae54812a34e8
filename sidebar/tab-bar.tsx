/** The bar of tabs under the top bar: Contacts, To recontact, Segments… (which ones: tabsFor), the
 *  one shown marked as the current page. */
import { t } from './i18n';
import type { MessageKey } from './i18n';
import type { Tab } from './navigation';

const TAB_LABELS: Record<Tab, MessageKey> = {
  contacts: 'contacts.title',
  followups: 'record.followups.title',
  segments: 'builder.nav.segments',
  dashboard: 'builder.nav.dashboard',
  mail: 'mail.ui.title',
  import: 'lists.nav.import',
  duplicates: 'lists.nav.duplicates',
  inbox: 'inbox.title',
  newsletter: 'newsletter.title',
  database: 'database.title',
  staff: 'staff.title',
};

export function TabBar({ tabs, shown, onShow }: { tabs: Tab[]; shown: Tab; onShow: (tab: Tab) => void }) {
  return (
    <nav class="tabs" data-testid="nav" aria-label={t('record.nav.label')}>
      {tabs.map((name) => (
        <button key={name} type="button" data-testid={`nav-${name}`} data-tab={name} aria-current={name === shown ? 'page' : undefined} onClick={() => onShow(name)}>
          {t(TAB_LABELS[name])}
        </button>
      ))}
    </nav>
  );
}
