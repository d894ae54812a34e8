/** The past imports on the Import screen: an undo the server refuses says why, and the message stays
 *  after the list is read again. */
import { importHistory } from '../../sidebar/views/import-history';
import { FakeElement, useFakeDocument } from '../support/fake-dom';

useFakeDocument();

const PAST = {
  batch: 'imp_1',
  file: 'adherents.csv',
  who: 'ana@example.org',
  started_at: '2026-12-01T10:00:00Z',
  status: 'done',
  created: 2,
  updated: 0,
  skipped: 0,
  errors: 0,
  warnings: 0,
  can_undo: true,
  undone_at: '',
};

/** google.script.run answering each action with `answers[action]` (an error message when a string). */
function serve(answers: Record<string, unknown>) {
  const runner = (success: (v: unknown) => void = () => {}, failure: (e: unknown) => void = () => {}): unknown =>
    new Proxy(
      {},
      {
        get(_t, name: string) {
          if (name === 'withSuccessHandler') return (fn: (v: unknown) => void) => runner(fn, failure);
          if (name === 'withFailureHandler') return (fn: (e: unknown) => void) => runner(success, fn);
          return () => setTimeout(() => success(typeof answers[name] === 'string' ? { ok: false, error: { code: 'refused', message: answers[name] } } : { ok: true, data: answers[name] }), 0);
        },
      },
    );
  (globalThis as any).google = { script: { run: runner() } };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
const byTestid = (root: FakeElement, id: string) => root.all().filter((e) => e.attributes.get('data-testid') === id);

describe('the past imports', () => {
  it('shows why an undo was refused, after reading the list again; the next try starts clean', async () => {
    serve({ listImports: { imports: [PAST] }, undoImport: 'Contacts changed since the import cannot be removed.' });
    const history = importHistory('editor');
    const root = history.render() as unknown as FakeElement;
    await settle();
    (byTestid(root, 'past-import-undo')[0].listeners.get('click') as () => void)();
    await settle();
    const alert = () => root.all().find((e) => e.attributes.get('role') === 'alert');
    expect(alert()?.textContent).toBe('Contacts changed since the import cannot be removed.');
    serve({ listImports: { imports: [PAST] }, undoImport: { removed: 2, kept: [] } });
    history.reload();
    await settle();
    expect(alert()).toBeUndefined();
  });
});
