/** The contact record in a real browser against `crm serve`: search, the card, logging a call,
 *  relationships seen from both sides, hostile names, French, the sheet selection and follow-ups.
 *  The contacts each test needs are created through the API, not taken from the random demo data. */
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser';
import { callServer, startLocalServer, RunningServer } from '../support/local-server';
import { until } from '../support/until';

let server: RunningServer;
let browser: Browser;
let page: Page;
let dialogs: string[];

const HOSTILE = '<img src=x onerror=alert(1)>';

const api = <T>(action: string, input: unknown): Promise<T> => callServer<T>(server, action, input);

interface Created {
  id: string;
}

const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startLocalServer({ demo: 40 });
  browser = await launchBrowser();
  const create = async (key: string, contact: Record<string, unknown>) => {
    ids[key] = (await api<Created>('createContact', { contact })).id;
  };
  await create('eloise', { first_name: 'Éloïse', last_name: 'Fontaine-Dupré', email: 'eloise.fd@example.org', phone: '+33 6 12 34 56 78', city: 'Besançon' });
  await create('marc', { first_name: 'Marc', last_name: 'Quintal', email: 'marc.quintal@example.org' });
  await create('lea', { first_name: 'Léa', last_name: 'Quintal', email: 'lea.quintal@example.org' });
  await create('hostile', { first_name: HOSTILE, last_name: 'Zzhostile', email: 'hostile.card@example.org' });
  await create('radio', { kind: 'organisation', organisation_name: 'Radio Quartier' });
  await create('jeanne', { first_name: 'Jeanne', last_name: 'Ondes', organisation_id: ids.radio, organisation_name: 'Radio Quartier' });
  await create('temp', { first_name: 'Temporaire', last_name: 'Àsupprimer' });
  await create('late', { first_name: 'Inès', last_name: 'Recontact', next_contact_date: '2024-01-15', owner: 'admin@crm.local' });
}, 120000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

beforeEach(async () => {
  // A new page is a new browser context: no language remembered from another test.
  page = await browser.newPage({ viewport: { width: 360, height: 900 } });
  dialogs = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
});

afterEach(async () => {
  await page.close();
});

const testid = (id: string) => `[data-testid="${id}"]`;

/** The language, from the menu at the top. */
async function pickLanguage(code: string): Promise<void> {
  if ((await page.locator(testid('menu-button')).getAttribute('aria-expanded')) !== 'true') await page.locator(testid('menu-button')).click();
  await page.locator(testid('language')).selectOption(code);
}

async function openSidebar(): Promise<void> {
  await page.goto(server.page('sidebar'));
  await page.locator(testid('contact-row')).first().waitFor();
}

/** Types a search, waits for its answer, then until the rows are exactly the `expected` ids. */
async function search(text: string, expected: string[]): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/searchContacts') && JSON.parse(r.request().postData() ?? '{}').text === text);
  await page.locator(testid('search')).fill(text);
  await answered;
  await until(async () => {
    const shown = await page.locator(testid('contact-row')).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
    return shown.length === expected.length && expected.every((id) => shown.includes(id));
  });
}

async function openCard(text: string, id: string): Promise<void> {
  await search(text, [id]);
  await page.locator(`${testid('contact-row')}[data-id="${id}"]`).click();
  await page.locator(`${testid('contact-card')}[data-id="${id}"] ${testid('card-name')}`).waitFor();
}

describe('the contact record in a real browser', () => {
  it('offers the contact already there when a new one has the same email, and opens it', async () => {
    await openSidebar();
    await page.locator(testid('new-contact')).click();
    await page.locator(testid('form-first-name')).fill('Elo');
    await page.locator(testid('form-email')).fill('ELOISE.FD@example.org');
    await page.locator(testid('save')).click();
    await page.locator(testid('open-existing')).waitFor();
    expect(await page.locator(testid('error')).textContent()).toBe('Éloïse Fontaine-Dupré already has this email or phone.');
    await page.locator(testid('open-existing')).click();
    await page.locator(`${testid('contact-card')}[data-id="${ids.eloise}"] ${testid('card-name')}`).waitFor();
    // Nothing was made: she is still the only one with that address.
    expect((await api<{ total: number }>('searchContacts', { text: 'eloise.fd@example.org' })).total).toBe(1);
  });

  it('records a gift from the card: the totals, the count and the last gift follow at once', async () => {
    await openSidebar();
    await openCard('marc quintal', ids.marc);
    const card = `${testid('contact-card')}[data-id="${ids.marc}"]`;
    expect(await page.locator(`${card} ${testid('donations-count')}`).textContent()).toBe('0');
    await page.locator(`${card} ${testid('record-gift')}`).click();
    // An amount that is not one is said under the field, which gets the focus, and nothing is sent.
    await page.locator(`${testid('gift-form')} [name="amount"]`).fill('vingt');
    await page.locator(testid('gift-save')).click();
    expect(await page.locator(`${testid('gift-form')} ${testid('field-error')}[data-field="amount"]`).textContent()).toContain('Type the amount given');
    expect(await page.locator(`${testid('gift-form')} [name="amount"]`).evaluate((el) => el === document.activeElement && el.getAttribute('aria-invalid') === 'true')).toBe(true);
    expect(await page.locator(`${testid('gift-form')} ${testid('error')}`).count()).toBe(0);
    await page.locator(`${testid('gift-form')} [name="amount"]`).fill('42,50');
    await page.locator(`${testid('gift-form')} [name="fund"]`).fill('Annual appeal');
    await page.locator(testid('gift-save')).click();
    await until(async () => (await page.locator(`${card} ${testid('donations-count')}`).textContent()) === '1');
    expect(await page.locator(`${card} ${testid('donations-total')}`).textContent()).toBe('€42.50');
    expect(
      await page
        .locator(`${card} ${testid('gift')}`)
        .first()
        .textContent(),
    ).toContain('Annual appeal');
    expect(await page.locator(testid('gift-form')).count()).toBe(0);
    const gifts = (await api<{ donations: { count: number; last: { amount: number } } }>('getContactCard', { id: ids.marc })).donations;
    expect(gifts).toMatchObject({ count: 1, last: { amount: 42.5 } });
  });

  it('finds a contact without accents and by a phone typed another way, and opens the card', async () => {
    await openSidebar();
    await search('eloise fontaine dupre', [ids.eloise]);
    await search('06.12.34.56.78', [ids.eloise]);
    const row = page.locator(testid('contact-row'));
    expect((await row.innerText()).split('\n')[0]).toBe('Éloïse Fontaine-Dupré');
    expect(await row.innerText()).toContain('eloise.fd@example.org · +33 6 12 34 56 78 · Besançon');
    await row.click();
    await page.locator(testid('card-name')).waitFor();
    expect(await page.locator(testid('card-name')).textContent()).toBe('Éloïse Fontaine-Dupré');
    expect(await page.locator(testid('member-badge')).textContent()).toBe('Not a member');
    // The row is selected in the sheet too.
    await until(async () => {
      const version = (await (await server.fetch('local/version')).json()) as { selection: { sheet: string; row: number } | null };
      return version.selection?.sheet === 'Contacts' && version.selection.row > 1;
    });
    // Back to the search as it was left.
    await page.locator(testid('back')).click();
    expect(await page.locator(testid('search')).inputValue()).toBe('06.12.34.56.78');
    await until(async () => (await page.locator(testid('contact-row')).count()) === 1);
  });

  it('logs a call with one request and shows it on the card at once', async () => {
    await openSidebar();
    await openCard('fontaine dupre', ids.eloise);
    const calls: string[] = [];
    page.on('request', (request) => {
      const match = /\/api\/(\w+)$/.exec(request.url());
      if (match) calls.push(match[1]);
    });
    await page.locator(testid('log-interaction')).click();
    const subject = page.locator('[data-testid="log-form"] [name="subject"]');
    await until(async () => subject.evaluate((el) => el === document.activeElement));
    expect(await page.locator('[data-testid="log-form"] [name="type"]').inputValue()).toBe('call');
    expect(await page.locator('[data-testid="log-form"] [name="when"]').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await subject.fill('Asked about the renewal');
    await subject.press('Enter');
    // Enter in the subject does not send a half-written note.
    expect(await page.locator(testid('log-form')).count()).toBe(1);
    await page.locator('[data-testid="log-form"] [name="details"]').fill('Will renew in May.\nPrefers phone calls.');
    await page.locator('[data-testid="log-form"] [name="direction"]').selectOption('outbound');
    await page.locator('[data-testid="log-form"] [name="details"]').press('Control+Enter');
    await page.locator(testid('log-form')).waitFor({ state: 'detached' });
    const first = page.locator(testid('interaction')).first();
    expect(await first.getAttribute('data-type')).toBe('call');
    expect(await first.locator(testid('interaction-subject')).textContent()).toBe('Asked about the renewal');
    expect(await first.locator(testid('interaction-details')).textContent()).toBe('Will renew in May.\nPrefers phone calls.');
    expect(await first.innerText()).toContain('Outbound');
    expect(calls.filter((c) => c === 'logInteraction')).toHaveLength(1);
    expect(calls).not.toContain('getContactCard');
    // It was stored: the card read again shows it too.
    await page.reload();
    await openCard('fontaine dupre', ids.eloise);
    expect(await page.locator(testid('interaction')).first().locator(testid('interaction-subject')).textContent()).toBe('Asked about the renewal');
  });

  it('adds a relationship from one side and shows the other side on the other card', async () => {
    await openSidebar();
    await openCard('marc quintal', ids.marc);
    await page.locator(testid('add-relationship')).click();
    const type = page.locator(testid('relationship-type'));
    const options = await type.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent })));
    const parent = options.find((o) => o.label === 'parent of')!;
    expect(parent.value).toMatch(/:a$/);
    expect(options.find((o) => o.label === 'child of')?.value).toBe(parent.value.replace(/:a$/, ':b'));
    expect(options.filter((o) => o.label === 'spouse of')).toHaveLength(1);
    await type.selectOption(parent.value);
    await page.locator(testid('relationship-search')).fill('quintal');
    await until(async () => (await page.locator(testid('relationship-candidate')).count()) > 0);
    // The card's own contact is not offered.
    expect(await page.locator(`${testid('relationship-candidate')}[data-id="${ids.marc}"]`).count()).toBe(0);
    await page.locator(`${testid('relationship-candidate')}[data-id="${ids.lea}"]`).click();
    await page.locator(testid('save-relationship')).click();
    const relationship = page.locator(testid('relationship'));
    await relationship.first().waitFor();
    expect(await relationship.locator(testid('relationship-label')).textContent()).toBe('parent of');
    expect(await relationship.locator(testid('relationship-contact')).textContent()).toBe('Léa Quintal');

    // The same again is refused, clearly.
    await page.locator(testid('add-relationship')).click();
    await page.locator(testid('relationship-type')).selectOption(parent.value);
    await page.locator(testid('relationship-search')).fill('lea quintal');
    await page.locator(`${testid('relationship-candidate')}[data-id="${ids.lea}"]`).click();
    await page.locator(testid('save-relationship')).click();
    await page.locator('[data-testid="relationships"] [data-testid="error"]').waitFor();
    expect(await page.locator(testid('relationship')).count()).toBe(1);
    await page.locator(testid('cancel-relationship')).click();

    await relationship.locator(testid('relationship-contact')).click();
    await page.locator(`${testid('contact-card')}[data-id="${ids.lea}"]`).waitFor();
    await page.locator(testid('relationship')).first().waitFor();
    expect(await page.locator(testid('card-name')).textContent()).toBe('Léa Quintal');
    expect(await page.locator(testid('relationship-label')).textContent()).toBe('child of');
    expect(await page.locator(testid('relationship-contact')).textContent()).toBe('Marc Quintal');

    // Ended from the child's side: greyed, with its end date, and no End button any more.
    await page.locator(testid('end-relationship')).click();
    await until(async () => (await page.locator(testid('relationship')).getAttribute('data-active')) === 'false');
    expect(await page.locator(testid('relationship')).innerText()).toMatch(/ended \w{3} \d{1,2}, \d{4}/);
    expect(await page.locator(testid('end-relationship')).count()).toBe(0);
  });

  it('offers to record a person as employee of their organisation, then links both cards', async () => {
    await openSidebar();
    await openCard('jeanne ondes', ids.jeanne);
    expect(await page.locator(testid('employer')).textContent()).toBe('Radio Quartier');
    const offer = page.locator(testid('employment-offer'));
    expect(await offer.textContent()).toBe('Record Jeanne Ondes as employee of Radio Quartier');
    await offer.click();
    await offer.waitFor({ state: 'detached' });
    expect(await page.locator(testid('relationship-label')).textContent()).toBe('employee of');
    await page.locator(testid('employer')).click();
    await page.locator(`${testid('contact-card')}[data-id="${ids.radio}"]`).waitFor();
    await page.locator(testid('person')).waitFor();
    expect(await page.locator(testid('person')).textContent()).toBe('Jeanne Ondes');
    expect(await page.locator(testid('relationship-label')).textContent()).toBe('employer of');
  });

  it('edits the profile: only the changed fields go, a refused value is explained and nothing typed is lost', async () => {
    await openSidebar();
    await openCard('marc quintal', ids.marc);
    const patches: unknown[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/updateContact')) patches.push(JSON.parse(request.postData() ?? '{}').patch);
    });
    await page.locator(testid('edit-profile')).click();
    const form = page.locator(testid('profile-form'));
    await form.locator('[name="city"]').fill('Nantes');
    await form.locator('[name="email"]').fill('bad@');
    await page.locator(testid('save-profile')).click();
    expect(await form.locator(`${testid('field-error')}[data-field="email"]`).textContent()).toBe('Email: "bad@" is not a valid email address');
    expect(patches).toEqual([]);
    // One the sidebar lets through and the server refuses: its message, under the field, in words.
    await form.locator('[name="email"]').fill('marc@example.o');
    await page.locator(testid('save-profile')).click();
    await until(
      async () => (await form.locator(`${testid('field-error')}[data-field="email"]`).count()) === 1 && ((await form.locator(testid('field-error')).textContent()) ?? '').includes('"marc@example.o"'),
    );
    expect(await form.locator(testid('field-error')).textContent()).toMatch(/^Email: /);
    expect(await form.locator(testid('error')).count()).toBe(0);
    expect(await form.locator('[name="city"]').inputValue()).toBe('Nantes');
    await form.locator('[name="email"]').fill('marc.q@example.org');
    await page.locator(testid('save-profile')).click();
    await form.waitFor({ state: 'detached' });
    expect(patches[patches.length - 1]).toEqual({ city: 'Nantes', email: 'marc.q@example.org' });
    await until(async () => (await page.locator('[data-field="city"]').textContent()) === 'Nantes');
  });

  it('adds and removes a coloured tag, saves notes and the next contact date', async () => {
    await openSidebar();
    await openCard('lea quintal', ids.lea);
    await page.locator(testid('tag-input')).fill('Chorale du quartier');
    await page.locator(testid('tag-colour')).fill('#ff0000');
    await page.locator(testid('add-tag')).click();
    const chip = page.locator(testid('tag'));
    await chip.waitFor();
    expect(await chip.locator('.tag-name').textContent()).toBe('Chorale du quartier');
    expect(await chip.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(255, 0, 0)');
    await page.locator(testid('remove-tag')).click();
    await chip.waitFor({ state: 'detached' });

    await page.locator(testid('notes')).fill('Prefers mornings.\nAsk about the choir.');
    await page.locator(testid('save-notes')).click();
    await page.locator(testid('next-contact-date')).fill('2030-01-02');
    await until(async () => !(await page.locator(testid('save-next-contact')).isDisabled()));
    await page.locator(testid('save-next-contact')).click();
    await until(async () => {
      const card = await api<{ contact: { notes: string; next_contact_date: string } }>('getContactCard', { id: ids.lea });
      return card.contact.notes === 'Prefers mornings.\nAsk about the choir.' && card.contact.next_contact_date === '2030-01-02';
    });
    const options = await api<{ tags: { name: string; colour: string }[] }>('recordOptions', {});
    expect(options.tags.find((t) => t.name === 'Chorale du quartier')?.colour).toBe('#ff0000');
  });

  it('deletes a contact after a confirmation in the page, and goes back to the search', async () => {
    await openSidebar();
    await openCard('temporaire', ids.temp);
    await page.locator(testid('delete-contact')).click();
    await page.locator(testid('cancel-delete')).click();
    expect(await page.locator(testid('card-name')).textContent()).toBe('Temporaire Àsupprimer');
    await page.locator(testid('delete-contact')).click();
    await page.locator(testid('confirm-delete')).click();
    await page.locator(testid('undo-message')).waitFor();
    expect(await page.locator(testid('undo-message')).textContent()).toBe('Temporaire Àsupprimer deleted. Admins can restore the contact from the bin.');
    await until(async () => (await page.locator(testid('empty')).count()) === 1);
    expect(dialogs).toEqual([]);
  });

  it('shows a hostile name as text in the list and on the card, and runs nothing', async () => {
    await openSidebar();
    await search('zzhostile', [ids.hostile]);
    const row = page.locator(testid('contact-row'));
    expect((await row.innerText()).split('\n')[0]).toBe(`${HOSTILE} Zzhostile`);
    await row.click();
    await page.locator(testid('card-name')).waitFor();
    expect(await page.locator(testid('card-name')).textContent()).toBe(`${HOSTILE} Zzhostile`);
    expect(await page.locator('[data-field="first_name"]').textContent()).toBe(HOSTILE);
    // A tag with a hostile name too.
    await page.locator(testid('tag-input')).fill('<b>bold</b>');
    await page.locator(testid('add-tag')).click();
    await page.locator(testid('tag')).waitFor();
    expect(await page.locator(`${testid('tag')} .tag-name`).textContent()).toBe('<b>bold</b>');
    expect(await page.locator('img, b').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('opens in the language asked for, carrying only it, and fetches another once when the person picks it', async () => {
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/api/dictionary')) asked.push(request.postData() ?? '');
    });
    await page.goto(server.page('sidebar', 'lang=es'));
    await page.locator(testid('contact-row')).first().waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await until(async () => (await page.locator(testid('nav-followups')).textContent()) === 'Por recontactar');
    expect(asked).toEqual([]);
    await pickLanguage('pt');
    await until(async () => (await page.locator(testid('nav-followups')).textContent()) === 'A recontatar');
    expect(asked).toEqual([JSON.stringify({ language: 'pt' })]);
    await pickLanguage('es');
    await pickLanguage('pt');
    await until(async () => (await page.locator(testid('nav-followups')).textContent()) === 'A recontatar');
    expect(asked).toHaveLength(1);
  });

  it('speaks French: labels, dates and amounts', async () => {
    await api('addMembership', {
      membership: { contact_id: ids.eloise, level: 'Soutien', start_date: '2025-01-01', end_date: '2099-12-31', amount: 1234.5, currency: 'EUR', frequency: 'yearly', paid: true },
    });
    await openSidebar();
    await pickLanguage('fr');
    await until(async () => (await page.locator(testid('nav-followups')).textContent()) === 'À recontacter');
    expect(await page.locator(testid('filter-members')).textContent()).toBe('Adhérents');
    await openCard('fontaine dupre', ids.eloise);
    expect(await page.locator(testid('member-badge')).textContent()).toBe('Adhérent');
    expect(await page.locator(testid('membership-status')).textContent()).toMatch(/^(Nouvelle|En cours) · Soutien · jusqu'au 31 déc\. 2099$/);
    expect(await page.locator('[data-testid="profile"] h2').textContent()).toBe('Profil');
    expect((await page.locator(testid('donations-total')).textContent())?.replace(/\s/g, ' ')).toBe('0,00 €');
    expect(await page.locator(testid('last-gift')).textContent()).toBe('Aucun pour le moment');
    expect(await page.locator(testid('membership')).innerText()).toMatch(/1\s234,50\s€ · Annuelle/);

    await page.locator(testid('log-interaction')).click();
    await page.locator('[data-testid="log-form"] [name="type"]').selectOption('meeting');
    await page.locator('[data-testid="log-form"] [name="when"]').fill('2024-03-05T14:30');
    await page.locator('[data-testid="log-form"] [name="subject"]').fill('Rendez-vous au local');
    await page.locator('[data-testid="log-form"] [name="follow_up_date"]').fill('2024-04-02');
    await page.locator(testid('save-interaction')).click();
    const meeting = page.locator(`${testid('interaction')}[data-type="meeting"]`);
    await meeting.waitFor();
    expect(await meeting.locator(testid('interaction-type')).textContent()).toBe('Rendez-vous');
    expect((await meeting.locator(testid('interaction-when')).textContent())?.replace(/\s/g, ' ')).toBe('5 mars 2024, 14:30');
    expect(await meeting.locator(testid('interaction-follow-up')).textContent()).toBe('À relancer le 2 avr. 2024');

    // The choice is kept on the person's Staff row: the server answers in French from now on.
    expect((await api<{ language: string }>('bootstrap', {})).language).toBe('fr');
    const back = page.waitForResponse((r) => r.url().endsWith('/api/setLanguage'));
    await pickLanguage('en');
    await back;
    expect((await api<{ language: string }>('bootstrap', {})).language).toBe('en');
  });

  it('opens the card of the contact whose row is selected in the sheet', async () => {
    await openSidebar();
    const page1 = await api<{ items: { id: string; row: number }[] }>('searchContacts', { text: 'lea quintal', limit: 5 });
    const lea = page1.items.find((hit) => hit.id === ids.lea)!;
    // Let the sidebar take its starting point, then select Léa's row as a person would in Sheets.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await server.fetch('local/select', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sheet: 'Contacts', row: lea.row }) });
    await page.locator(`${testid('contact-card')}[data-id="${ids.lea}"]`).waitFor({ timeout: 10000 });
    expect(await page.locator(testid('card-name')).textContent()).toBe('Léa Quintal');
  });

  it('lists who to recontact and takes them off when done or snoozed', async () => {
    await openSidebar();
    await page.locator(testid('nav-followups')).click();
    const item = page.locator(`${testid('followup')}[data-contact="${ids.late}"]`);
    await item.waitFor();
    expect(await item.locator(testid('followup-late')).textContent()).toMatch(/^\d+ days late$/);
    expect(await item.locator(testid('followup-reason')).textContent()).toBe('Next contact date');
    await item.locator(testid('followup-snooze')).waitFor();
    expect(await item.locator(testid('snooze-days')).inputValue()).toBe('7');
    await item.locator(testid('snooze-days')).selectOption('3');
    await item.locator(testid('followup-snooze')).click();
    await item.waitFor({ state: 'detached' });
    expect(await page.locator(testid('undo-message')).textContent()).toContain('Inès Recontact: snoozed until');
    await page.locator(testid('followups-all')).click();
    await until(async () => (await page.locator(testid('followups-all')).getAttribute('aria-pressed')) === 'true');
  });
});
