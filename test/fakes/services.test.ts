import { createAppsScriptFakes } from './index';

describe('LockService', () => {
  test('locks succeed by default and fail when busy', () => {
    const fakes = createAppsScriptFakes();
    const { LockService } = fakes.globals;
    const lock = LockService.getDocumentLock();
    expect(lock.hasLock()).toBe(false);
    expect(lock.tryLock(1000)).toBe(true);
    expect(lock.hasLock()).toBe(true);
    lock.releaseLock();
    expect(lock.hasLock()).toBe(false);

    fakes.setLockBusy(true);
    const other = LockService.getScriptLock();
    expect(other.tryLock(1000)).toBe(false);
    expect(other.hasLock()).toBe(false);
    expect(() => LockService.getUserLock().waitLock(1000)).toThrow('Exception: Lock timeout: another process was holding the lock for too long.');
  });

  test('options.lockBusy starts busy', () => {
    const fakes = createAppsScriptFakes({ lockBusy: true });
    expect(fakes.globals.LockService.getScriptLock().tryLock(10)).toBe(false);
  });
});

describe('PropertiesService', () => {
  test('stores strings, with the 9 KB value limit', () => {
    const fakes = createAppsScriptFakes();
    const props = fakes.globals.PropertiesService.getDocumentProperties();
    expect(props.getProperty('missing')).toBeNull();
    props.setProperty('n', 42).setProperty('b', true);
    expect(props.getProperty('n')).toBe('42');
    expect(props.getProperties()).toEqual({ n: '42', b: 'true' });
    expect(fakes.properties.document).toEqual({ n: '42', b: 'true' });
    expect(() => props.setProperty('big', 'x'.repeat(9 * 1024 + 1))).toThrow('Exception: Argument too large: value');
    props.setProperty('fits', 'x'.repeat(9 * 1024));
    props.setProperties({ a: 1 }, true);
    expect(props.getKeys()).toEqual(['a']);
    props.deleteProperty('a');
    expect(props.getKeys()).toEqual([]);
  });

  test('user properties are per user; script and document stores are separate', () => {
    const fakes = createAppsScriptFakes();
    const P = fakes.globals.PropertiesService;
    P.getUserProperties().setProperty('lang', 'fr');
    P.getScriptProperties().setProperty('k', 'script');
    fakes.setUser('other@example.org');
    expect(P.getUserProperties().getProperty('lang')).toBeNull();
    expect(P.getDocumentProperties().getProperty('k')).toBeNull();
    expect(P.getScriptProperties().getProperty('k')).toBe('script');
  });
});

describe('CacheService', () => {
  test('get/put/remove, expiry and size limit', () => {
    const fakes = createAppsScriptFakes();
    let now = 1000000;
    fakes.caches.now = () => now;
    const cache = fakes.globals.CacheService.getScriptCache();
    cache.put('a', 'A', 10);
    cache.putAll({ b: 'B', c: 3 });
    expect(cache.getAll(['a', 'b', 'c', 'zz'])).toEqual({ a: 'A', b: 'B', c: '3' });
    now += 11000;
    expect(cache.get('a')).toBeNull();
    expect(cache.get('b')).toBe('B');
    cache.removeAll(['b']);
    expect(cache.get('b')).toBeNull();
    expect(() => cache.put('big', 'x'.repeat(100 * 1024 + 1))).toThrow('Exception: Argument too large: value');
  });
});

describe('Session', () => {
  test('users, locale, time zone', () => {
    const fakes = createAppsScriptFakes({ locale: 'fr_FR', timeZone: 'Europe/Paris' });
    const { Session } = fakes.globals;
    expect(Session.getActiveUser().getEmail()).toBe('owner@example.org');
    expect(Session.getActiveUserLocale()).toBe('fr');
    expect(Session.getScriptTimeZone()).toBe('Europe/Paris');
    const ownerKey = Session.getTemporaryActiveUserKey();
    fakes.setUser('');
    expect(Session.getActiveUser().getEmail()).toBe('');
    expect(Session.getEffectiveUser().getEmail()).toBe('owner@example.org');
    fakes.setUser('member@example.org');
    expect(Session.getTemporaryActiveUserKey()).not.toBe(ownerKey);
  });
});

describe('HtmlService and ContentService', () => {
  test('outputs from files and text', () => {
    const fakes = createAppsScriptFakes();
    const { HtmlService, ContentService } = fakes.globals;
    fakes.html.files.Sidebar = '<h1>CRM</h1>';
    const out = HtmlService.createHtmlOutputFromFile('Sidebar').setTitle('CRM').setWidth(300).addMetaTag('viewport', 'width=device-width').setXFrameOptionsMode(HtmlService.XFrameOptionsMode.ALLOWALL);
    expect(out.getContent()).toBe('<h1>CRM</h1>');
    expect(out.getTitle()).toBe('CRM');
    expect(out.append('<p>x</p>').getContent()).toBe('<h1>CRM</h1><p>x</p>');
    expect(() => HtmlService.createHtmlOutputFromFile('Missing')).toThrow('No HTML file named Missing was found.');
    const text = ContentService.createTextOutput('{"ok":true}').setMimeType(ContentService.MimeType.JSON);
    expect(text.getContent()).toBe('{"ok":true}');
    expect(text.getMimeType()).toBe(ContentService.MimeType.JSON);
    expect(ContentService.createTextOutput('x').getMimeType()).toBe(ContentService.MimeType.TEXT);
  });
});

describe('ScriptApp', () => {
  test('triggers are recorded, listed, deleted and limited to 20', () => {
    const fakes = createAppsScriptFakes();
    const { ScriptApp, SpreadsheetApp } = fakes.globals;
    const ss = SpreadsheetApp.getActive();
    const t = ScriptApp.newTrigger('nightly').timeBased().everyDays(1).atHour(3).create();
    ScriptApp.newTrigger('onOpenInstalled').forSpreadsheet(ss).onOpen().create();
    expect(fakes.triggers.map((x) => [x.functionName, x.eventType, x.schedule ?? null])).toEqual([
      ['nightly', 'CLOCK', { everyDays: 1, atHour: 3 }],
      ['onOpenInstalled', 'ON_OPEN', null],
    ]);
    expect(ScriptApp.getUserTriggers(ss).map((x: any) => x.getHandlerFunction())).toEqual(['onOpenInstalled']);
    ScriptApp.deleteTrigger(t);
    expect(ScriptApp.getProjectTriggers().map((x: any) => x.getHandlerFunction())).toEqual(['onOpenInstalled']);
    for (let i = 0; i < 19; i++)
      ScriptApp.newTrigger('f' + i)
        .timeBased()
        .everyHours(1)
        .create();
    expect(() => ScriptApp.newTrigger('one-too-many').timeBased().everyHours(1).create()).toThrow(
      'Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.',
    );
    expect(ScriptApp.getAuthorizationInfo(ScriptApp.AuthMode.FULL).getAuthorizationStatus()).toBe(ScriptApp.AuthorizationStatus.NOT_REQUIRED);
    expect(ScriptApp.getService().getUrl()).toMatch(/^https:\/\/script\.google\.com\/macros\/s\/.+\/exec$/);
  });
});

describe('Utilities and Logger', () => {
  test('formatDate in a time zone, uuid, base64', () => {
    const { Utilities, Logger } = createAppsScriptFakes().globals;
    const d = new Date('2024-01-31T23:30:05Z');
    expect(Utilities.formatDate(d, 'Europe/Paris', 'yyyy-MM-dd HH:mm:ss')).toBe('2024-02-01 00:30:05');
    expect(Utilities.formatDate(d, 'America/New_York', "dd/MM/yy 'at' HH:mm")).toBe('31/01/24 at 18:30');
    expect(Utilities.getUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Utilities.base64Encode('héllo')).toBe('aMOpbGxv');
    const bytes = Utilities.base64Decode('aMOpbGxv');
    expect(bytes).toEqual([104, -61, -87, 108, 108, 111]);
    expect(Utilities.newBlob(bytes).getDataAsString()).toBe('héllo');
    Logger.log('a %s b', 1);
    expect(Logger.getLog()).toBe('a 1 b');
  });
});

describe('AuthMode.NONE', () => {
  test('only the menu can be built', () => {
    const fakes = createAppsScriptFakes();
    const g = fakes.globals;
    const sheet = g.SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
    fakes.resetCounters();
    fakes.setAuthMode(g.ScriptApp.AuthMode.NONE);

    const ui = g.SpreadsheetApp.getUi();
    ui.createMenu('CRM').addItem('Open', 'open').addToUi();
    expect(fakes.ui.menus).toHaveLength(1);

    expect(() => g.SpreadsheetApp.getActiveSpreadsheet()).toThrow(/^Exception: You do not have permission to call SpreadsheetApp.getActiveSpreadsheet/);
    expect(() => g.SpreadsheetApp.getActive()).toThrow('You do not have permission to call SpreadsheetApp.getActive');
    expect(() => sheet.getRange('A1').getValue()).toThrow('You do not have permission to call');
    expect(() => g.PropertiesService.getDocumentProperties()).toThrow('You do not have permission to call PropertiesService.getDocumentProperties');
    expect(() => g.Session.getActiveUser()).toThrow('You do not have permission to call Session.getActiveUser');
    expect(() => ui.showSidebar(g.HtmlService.createHtmlOutput('x'))).toThrow('You do not have permission');
    expect(fakes.counters.calls).toBe(0);

    fakes.setAuthMode('FULL');
    expect(g.SpreadsheetApp.getActiveSpreadsheet().getSheets()).toHaveLength(1);
  });
});
