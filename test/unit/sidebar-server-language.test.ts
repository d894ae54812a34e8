/** The sidebar tells the server which language it speaks, so that refusals come back in it: as
 *  google.script.run's second argument, and locally as a header. Not with bootstrap, whose answer
 *  tells the page the person's own language. */
import { serverFor, setCallLanguage } from '../../sidebar/server';

function scriptRun(seen: unknown[][]) {
  const runner: any = {
    withSuccessHandler: (ok: (v: unknown) => void) => ({
      withFailureHandler: () =>
        new Proxy(
          {},
          {
            get:
              (_t, name: string) =>
              (...args: unknown[]) => {
                seen.push([name, ...args]);
                ok({ ok: true, data: null });
              },
          },
        ),
    }),
  };
  return runner;
}

describe('the language a call carries', () => {
  afterEach(() => setCallLanguage(''));

  it('goes with every call through google.script.run, bootstrap aside', async () => {
    const seen: unknown[][] = [];
    const call = serverFor({ google: { script: { run: scriptRun(seen) } } });
    setCallLanguage('fr');
    await call('searchContacts', { text: 'x' });
    await call('bootstrap', {});
    expect(seen).toEqual([
      ['searchContacts', { text: 'x' }, 'fr'],
      ['bootstrap', {}],
    ]);
  });

  it('goes as a header locally', async () => {
    const headers: Record<string, string>[] = [];
    const call = serverFor({ fetch: async (_url, init) => (headers.push(init.headers), { status: 200, text: async () => '{"ok":true,"data":null}' }), location: { search: '?key=k' } });
    setCallLanguage('pt');
    await call('createContact', { contact: {} });
    await call('bootstrap', {});
    expect(headers.map((h) => h['X-CRM-Language'])).toEqual(['pt', undefined]);
  });
});
