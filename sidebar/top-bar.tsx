/** The bar at the top of the sidebar: the CRM's name, and a menu holding the language picker (where a
 *  person looks for it first). Escape closes the menu and gives the focus back to its button. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { currentLanguage, LANGUAGE_CODES, LANGUAGE_NAMES, t } from './i18n';

export function TopBar({ onLanguage }: { onLanguage: (code: string) => void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const picker = useRef<HTMLSelectElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    if (open) picker.current?.focus();
    else if (opened.current) button.current?.focus();
    opened.current = open;
  }, [open]);
  return (
    <>
      <header class="topbar">
        <span class="app-name">{t('app.name')}</span>
        <button ref={button} type="button" class="menu-button" aria-expanded={open} aria-controls="app-menu" data-testid="menu-button" onClick={() => setOpen(!open)}>
          ☰ {t('common.menu')}
        </button>
      </header>
      <div
        class="app-menu"
        id="app-menu"
        data-testid="menu"
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key === 'Escape') setOpen(false);
        }}
      >
        <div class="field">
          <label for="language">{t('common.language')}</label>
          <select ref={picker} id="language" data-testid="language" value={currentLanguage()} onChange={(e) => onLanguage((e.target as HTMLSelectElement).value)}>
            {LANGUAGE_CODES.map((code) => (
              <option key={code} value={code} lang={code}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        </div>
      </div>
    </>
  );
}
