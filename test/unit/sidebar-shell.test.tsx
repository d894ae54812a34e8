/**
 * @jest-environment jsdom
 */
/** The sidebar's frame as components in jsdom's page: the confirmation line with Undo (what it says,
 *  Undo asked of the CRM, a refusal in words, gone after a while unless the pointer is on it), the menu
 *  with the language picker (the focus into it and back on Escape), the tab bar, and Set up. */
import { render } from 'preact';
import { callAction } from '../../src/api/call';
import { memoryRuntime, StaticIdentity } from '../../src/memory/services';
import { confirmChange, hideNotice, NOTICE_MS } from '../../sidebar/undo-bar';
import { change } from '../../sidebar/server';
import { setLanguage } from '../../sidebar/i18n';
import { TopBar } from '../../sidebar/top-bar';
import { TabBar } from '../../sidebar/tab-bar';
import { setupView } from '../../sidebar/views/setup';
import { setUpRuntime } from '../support/crm';
import { byTestid, one, serveFrom, useComponentPage } from '../support/component-page';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();
useComponentPage();
afterEach(() => {
  hideNotice();
  setLanguage('en');
});

const bar = () => one(document.body, 'undo-bar');

describe('the confirmation line', () => {
  it('says what was done, and Undo puts it back through the CRM', async () => {
    const rt = setUpRuntime();
    const page = serveFrom(rt);
    const { id } = (callAction(rt, 'createContact', { contact: { first_name: 'Ana', city: 'Lyon' } }) as { ok: true; data: { id: string } }).data;
    const answer = await change('updateContact', { id, patch: { city: 'Porto' } });
    let undone = 0;
    confirmChange('Saved.', answer.undo, () => undone++);
    await page.settle();
    expect(bar().hidden).toBe(false);
    expect(one(document.body, 'undo-message').textContent).toBe('Saved.');
    one(document.body, 'undo').click();
    await page.settle();
    expect(page.calls).toContain('undoChange');
    expect(one(document.body, 'undo-message').textContent).toBe('Undone.');
    expect(byTestid(document.body, 'undo')).toHaveLength(0);
    expect(undone).toBe(1);
    const card = callAction(rt, 'getContactCard', { id }) as { ok: true; data: { contact: { city: string } } };
    expect(card.data.contact.city).toBe('Lyon');
    // Once more: the change is already undone, and the CRM says so in the person's language.
    setLanguage('fr');
    confirmChange('Enregistré.', answer.undo);
    await page.settle();
    one(document.body, 'undo').click();
    await page.settle();
    expect(one(document.body, 'undo-error').textContent).not.toBe('');
    expect(byTestid(document.body, 'undo-message')).toHaveLength(0);
  });

  it('goes after a while, stays while the pointer is on it, and × closes it', async () => {
    // What the last test drew runs its effects first, on the real clock.
    await new Promise((resolve) => setTimeout(resolve, 0));
    jest.useFakeTimers();
    // Preact draws at the end of the turn and runs effects a frame later: both, at once.
    const passing = async (ms: number) => {
      await Promise.resolve();
      jest.advanceTimersByTime(1);
      await Promise.resolve();
      jest.advanceTimersByTime(ms);
      await Promise.resolve();
    };
    try {
      confirmChange('Saved.');
      await passing(NOTICE_MS - 100);
      expect(bar().hidden).toBe(false);
      await passing(200);
      expect(bar().hidden).toBe(true);
      confirmChange('Tag added.');
      await passing(10);
      bar().dispatchEvent(new MouseEvent('mouseenter'));
      await passing(NOTICE_MS * 2);
      expect(bar().hidden).toBe(false);
      bar().dispatchEvent(new MouseEvent('mouseleave'));
      await passing(NOTICE_MS + 100);
      expect(bar().hidden).toBe(true);
      confirmChange('Renewed.');
      await passing(10);
      one(document.body, 'undo-bar-close').click();
      await passing(10);
      expect(bar().hidden).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('the menu and the tabs', () => {
  const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

  it('opens the menu onto the language picker, gives the focus back on Escape, and says the choice', async () => {
    const host = document.createElement('div');
    document.body.appendChild(host);
    const picked: string[] = [];
    render(<TopBar onLanguage={(code) => picked.push(code)} />, host);
    const button = one<HTMLButtonElement>(host, 'menu-button');
    expect(one(host, 'menu').hidden).toBe(true);
    button.click();
    await turn();
    await turn();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement).toBe(one(host, 'language'));
    const picker = one<HTMLSelectElement>(host, 'language');
    picker.value = 'pt';
    picker.dispatchEvent(new Event('change', { bubbles: true }));
    expect(picked).toEqual(['pt']);
    picker.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await turn();
    await turn();
    expect(one(host, 'menu').hidden).toBe(true);
    expect(document.activeElement).toBe(button);
    host.remove();
  });

  it('marks the tab shown and says which one is chosen, in the page’s language', () => {
    setLanguage('es');
    const host = document.createElement('div');
    const chosen: string[] = [];
    render(<TabBar tabs={['contacts', 'followups', 'segments']} shown="followups" onShow={(tab) => chosen.push(tab)} />, host);
    expect(byTestid(host, 'nav-followups')[0].getAttribute('aria-current')).toBe('page');
    expect(byTestid(host, 'nav-contacts')[0].hasAttribute('aria-current')).toBe(false);
    expect(one(host, 'nav-contacts').textContent).toBe('Contactos');
    one(host, 'nav-segments').click();
    expect(chosen).toEqual(['segments']);
  });
});

describe('Set up', () => {
  it('runs once, then says what it did; a refusal is said in words', async () => {
    const rt = memoryRuntime('admin@example.org', 'en');
    const page = serveFrom(rt);
    const host = document.createElement('div');
    const done: unknown[] = [];
    setupView(host, (report) => done.push(report)).render();
    one(host, 'setup-run').click();
    one(host, 'setup-run').click();
    await page.settle();
    expect(page.calls.filter((c) => c === 'setUp')).toHaveLength(1);
    expect(done).toHaveLength(1);
    // Someone not on the Staff sheet of a CRM already set up may not run it again.
    const other = serveFrom({ ...rt, identity: new StaticIdentity('stranger@example.org', 'en') });
    const again = document.createElement('div');
    setupView(again, (report) => done.push(report)).render();
    one(again, 'setup-run').click();
    await other.settle();
    expect(done).toHaveLength(1);
    expect(one(again, 'error').textContent).not.toBe('');
  });
});
