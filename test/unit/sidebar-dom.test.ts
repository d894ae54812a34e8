/** The sidebar's pieces that need no browser: the server wrapper (google.script.run and fetch), the
 *  dictionaries, the language helpers and the form input. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';
import { call, serverFor, ServerError, ScriptRunner, ServerEnvironment } from '../../sidebar/server';
import { errorText, saveLanguage, savedLanguage, setLanguage, t, useLanguage } from '../../sidebar/i18n';
import { dropDictionary } from '../../sidebar/dictionaries';
import { contactInput, emptyContact } from '../../sidebar/views/contact-form';
import { LANGUAGES } from '../../src/core/i18n';
import { withEveryLanguage } from '../support/sidebar-languages';

withEveryLanguage();

/** A google.script.run look-alike: records calls and answers with `respond`. */
function fakeScriptRun(respond: (action: string, input: unknown) => { ok?: unknown; fail?: unknown }) {
  const calls: { action: string; input: unknown }[] = [];
  const runner = (success: (v: unknown) => void = () => {}, failure: (e: unknown) => void = () => {}): ScriptRunner =>
    new Proxy({} as ScriptRunner, {
      get(_target, name: string) {
        if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, failure);
        if (name === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(success, fn);
        if (name === 'then') return undefined;
        return (input: unknown) => {
          calls.push({ action: name, input });
          const answer = respond(name, input);
          // Like Google: handlers run later, asynchronously.
          setTimeout(() => ('fail' in answer ? failure(answer.fail) : success(answer.ok)), 0);
        };
      },
    });
  const env: ServerEnvironment = { google: { script: { run: runner() } } };
  return { env, calls };
}

function fakeFetch(respond: (url: string, init: { method: string; headers: Record<string, string>; body: string }) => { status?: number; body: string } | Error) {
  const calls: { url: string; init: { method: string; headers: Record<string, string>; body: string } }[] = [];
  const fetch: ServerEnvironment['fetch'] = async (url, init) => {
    calls.push({ url, init });
    const answer = respond(url, init);
    if (answer instanceof Error) throw answer;
    return { status: answer.status ?? 200, text: async () => answer.body };
  };
  return { env: { fetch } as ServerEnvironment, calls };
}

async function rejection(promise: Promise<unknown>): Promise<ServerError> {
  try {
    await promise;
  } catch (e) {
    return e as ServerError;
  }
  throw new Error('expected the call to fail');
}

describe('sidebar server wrapper, in Google (google.script.run)', () => {
  it('calls the named function with the input and resolves with data', async () => {
    const { env, calls } = fakeScriptRun(() => ({ ok: { ok: true, data: { total: 2, offset: 0, items: [] } } }));
    await expect(serverFor(env)('searchContacts', { text: 'ana', limit: 25 })).resolves.toEqual({ total: 2, offset: 0, items: [] });
    expect(calls).toEqual([{ action: 'searchContacts', input: { text: 'ana', limit: 25 } }]);
  });

  it('sends {} when there is no input (google.script.run cannot carry undefined)', async () => {
    const { env, calls } = fakeScriptRun(() => ({ ok: { ok: true, data: null } }));
    await expect(serverFor(env)('bootstrap')).resolves.toBeNull();
    expect(calls[0].input).toEqual({});
  });

  it("rejects with the server's localized message and its code", async () => {
    const { env } = fakeScriptRun(() => ({ ok: { ok: false, error: { code: 'not_staff', message: 'x@y.org ne figure pas dans la feuille Staff.' } } }));
    const error = await rejection(serverFor(env)('searchContacts', {}));
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('x@y.org ne figure pas dans la feuille Staff.');
    expect(error.code).toBe('not_staff');
  });

  it('turns a failure of google.script.run itself into a network error', async () => {
    const { env } = fakeScriptRun(() => ({ fail: new Error('NetworkError: Connection failure due to HTTP 0') }));
    const error = await rejection(serverFor(env)('bootstrap', {}));
    expect(error.code).toBe('network');
    expect(error.message).toContain('Connection failure');
  });

  it('rejects an answer that is not the envelope', async () => {
    const { env } = fakeScriptRun(() => ({ ok: 'surprise' }));
    expect((await rejection(serverFor(env)('bootstrap', {}))).code).toBe('bad_answer');
  });

  it('prefers google.script.run when fetch is there too', async () => {
    const script = fakeScriptRun(() => ({ ok: { ok: true, data: 'google' } }));
    const local = fakeFetch(() => ({ body: JSON.stringify({ ok: true, data: 'local' }) }));
    await expect(serverFor({ ...script.env, fetch: local.env.fetch })('bootstrap', {})).resolves.toBe('google');
    expect(local.calls).toHaveLength(0);
  });
});

describe('sidebar server wrapper, locally (fetch)', () => {
  it('POSTs JSON to /api/<action> and resolves with data', async () => {
    const { env, calls } = fakeFetch(() => ({ body: JSON.stringify({ ok: true, data: { id: 'con_1' } }) }));
    await expect(serverFor(env)('createContact', { contact: { first_name: 'Zoë' } })).resolves.toEqual({ id: 'con_1' });
    expect(calls).toHaveLength(1);
    expect(calls[0].url).toBe('/api/createContact');
    expect(calls[0].init.method).toBe('POST');
    expect(calls[0].init.headers['Content-Type']).toBe('application/json');
    expect(JSON.parse(calls[0].init.body)).toEqual({ contact: { first_name: 'Zoë' } });
  });

  it('sends the key of the page’s address in X-CRM-Key', async () => {
    const { env, calls } = fakeFetch(() => ({ body: JSON.stringify({ ok: true, data: {} }) }));
    await serverFor({ ...env, location: { search: '?lang=fr&key=abc-DEF_123' } })('bootstrap');
    expect(calls[0].init.headers['X-CRM-Key']).toBe('abc-DEF_123');
  });

  it('sends {} without input', async () => {
    const { env, calls } = fakeFetch(() => ({ body: JSON.stringify({ ok: true, data: {} }) }));
    await serverFor(env)('bootstrap');
    expect(calls[0].init.body).toBe('{}');
  });

  it("rejects with the server's message and code, whatever the HTTP status", async () => {
    const { env } = fakeFetch(() => ({
      status: 400,
      body: JSON.stringify({ ok: false, error: { code: 'invalid', message: 'Contacts, row 3, column "email": "nope" is not a valid email address.' } }),
    }));
    const error = await rejection(serverFor(env)('createContact', { contact: { email: 'nope' } }));
    expect(error.code).toBe('invalid');
    expect(error.message).toContain('"email"');
  });

  it('says network when the request fails and bad_answer when the body is not JSON', async () => {
    const down = fakeFetch(() => new TypeError('Failed to fetch'));
    const downError = await rejection(serverFor(down.env)('bootstrap', {}));
    expect([downError.code, downError.message]).toEqual(['network', 'Failed to fetch']);
    const html = fakeFetch(() => ({ status: 502, body: '<html>Bad gateway</html>' }));
    const htmlError = await rejection(serverFor(html.env)('bootstrap', {}));
    expect([htmlError.code, htmlError.message]).toEqual(['bad_answer', 'HTTP 502']);
  });

  it('rejects when there is neither google.script.run nor fetch', async () => {
    expect((await rejection(serverFor({})('bootstrap', {}))).code).toBe('network');
  });

  it('types each call from the server’s action table (npm run typecheck fails otherwise)', () => {
    // Never run: the compiler checks them. A wrong input, an unknown action or a wrong use of the
    // answer each fail the type check, as a changed action does for every caller.
    const checks = [
      // @ts-expect-error logInteraction takes { interaction: … }
      () => call('logInteraction', { contact_id: 'con_1', type: 'call' }),
      // @ts-expect-error there is no such action
      () => call('noSuchAction', {}),
      // @ts-expect-error the card has no `total`
      () => call('getContactCard', { id: 'con_1' }).then((card) => card.total),
      () => call('getContactCard', { id: 'con_1' }).then((card) => card.donations.count + 1),
    ];
    expect(checks).toHaveLength(4);
  });

  it('switches to a language it does not carry by asking the server for its words once', async () => {
    const saved = globalThis.fetch;
    const { env, calls } = fakeFetch(() => ({ body: JSON.stringify({ ok: true, data: { 'record.gift.open': 'Doar (servidor)' } }) }));
    (globalThis as { fetch: unknown }).fetch = env.fetch;
    try {
      dropDictionary('pt');
      expect(await useLanguage('pt-BR')).toBe('pt');
      expect(t('record.gift.open')).toBe('Doar (servidor)');
      expect(calls.map((c) => [c.url, JSON.parse(c.init.body)])).toEqual([['/api/dictionary', { language: 'pt' }]]);
      await useLanguage('pt');
      expect(calls).toHaveLength(1);
    } finally {
      globalThis.fetch = saved;
      withEveryLanguage();
      setLanguage('en');
    }
  });

  it('call() uses the global environment', async () => {
    const saved = globalThis.fetch;
    const { env, calls } = fakeFetch(() => ({ body: JSON.stringify({ ok: true, data: 7 }) }));
    (globalThis as { fetch: unknown }).fetch = env.fetch;
    try {
      await expect(call('searchContacts', {})).resolves.toBe(7);
      expect(calls[0].url).toBe('/api/searchContacts');
    } finally {
      globalThis.fetch = saved;
    }
  });
});

describe('dictionaries', () => {
  const en = LANGUAGES.en as Record<string, string>;
  const placeholders = (text: string) => [...new Set(text.match(/\{\w+\}/g) ?? [])].sort();

  it.each(['fr', 'es', 'pt'] as const)('%s has every English key, no other, none empty, same placeholders', (code) => {
    const messages = LANGUAGES[code] as Record<string, string>;
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of Object.entries(messages)) {
      expect({ key, empty: typeof value !== 'string' || value.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(value) }).toEqual({ key, placeholders: placeholders(en[key]) });
    }
  });

  it('no English value is empty', () => {
    for (const [key, value] of Object.entries(en)) expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
  });

  it('has every key the sidebar asks for', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(path)) files.push(path);
      }
    };
    walk(join(__dirname, '../../sidebar'));
    const used = new Set<string>();
    for (const file of files) for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([\w.]+)'/g)) used.add(m[1]);
    expect(used.size).toBeGreaterThan(20);
    expect([...used].filter((key) => !(key in en))).toEqual([]);
  });
});

describe('sidebar language', () => {
  afterEach(() => setLanguage('en'));

  it('follows the language the server gives, English for anything else', () => {
    expect(setLanguage('pt-BR')).toBe('pt');
    expect(t('contacts.new')).toBe('Novo contato');
    expect(t('contacts.showing', { from: 1, to: 25, count: 60 })).toBe('1–25 de 60');
    expect(setLanguage('fr')).toBe('fr');
    expect(t('common.signed_in_as', { email: 'a@b.org', role: t('role.editor') })).toBe('Connecté en tant que a@b.org (éditeur)');
    expect(setLanguage('de')).toBe('en');
    expect(setLanguage(undefined)).toBe('en');
  });

  it("shows the server's message as it is, and a network failure in the person's language", () => {
    setLanguage('es');
    expect(errorText(new ServerError('Faltan las tablas del CRM.', 'not_set_up'))).toBe('Faltan las tablas del CRM.');
    expect(errorText(new ServerError('Failed to fetch', 'network'))).toBe(t('error.network', { details: 'Failed to fetch' }));
    expect(errorText(new ServerError('Failed to fetch', 'network'))).toMatch(/^No se pudo conectar/);
  });

  it('remembers the choice when storage works and shrugs when it throws', () => {
    const memory = new Map<string, string>();
    const store = { getItem: (k: string) => memory.get(k) ?? null, setItem: (k: string, v: string) => void memory.set(k, v) };
    expect(savedLanguage(store)).toBeNull();
    saveLanguage('es', store);
    expect(savedLanguage(store)).toBe('es');
    memory.set([...memory.keys()][0], 'klingon');
    expect(savedLanguage(store)).toBeNull();
    const refusing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(savedLanguage(refusing)).toBeNull();
    expect(() => saveLanguage('fr', refusing)).not.toThrow();
    expect(savedLanguage(null)).toBeNull();
  });
});

describe('new contact input', () => {
  it('sends the kind and only the non-empty fields of that kind, trimmed', () => {
    const person = { ...emptyContact(), first_name: ' Zoë ', last_name: '', organisation_name: 'left over', email: 'zoe@example.org', phone: '+33 6 12 34 56 78' };
    expect(contactInput(person)).toEqual({ kind: 'person', first_name: 'Zoë', email: 'zoe@example.org', phone: '+33 6 12 34 56 78' });
    const organisation = { ...emptyContact(), kind: 'organisation' as const, first_name: 'left over', organisation_name: 'Les Amis', city: 'Lyon' };
    expect(contactInput(organisation)).toEqual({ kind: 'organisation', organisation_name: 'Les Amis', city: 'Lyon' });
    expect(contactInput(emptyContact())).toEqual({ kind: 'person' });
  });
});
