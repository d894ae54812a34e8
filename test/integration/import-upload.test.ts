/** Big files go up in parts, staged once: the previews and the import read the staged file, and the
 *  upload's Imports row becomes the import's. */
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';
import { uploadParts } from '../../sidebar/views/import-options';
import { UPLOAD_PART_CHARS } from '../../src/core/upload';
import type { MemoryRuntime } from '../../src/memory/services';

const csv = (rows: number) => ['first_name,last_name,email,Adhérent', ...Array.from({ length: rows }, (_, k) => `P${k},Part,p${k}@example.org,Oui`)].join('\n');
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

/** The base64 of `text` cut into `n` parts of whole base64 quads (as the sidebar cuts, smaller). */
function cut(text: string, n: number): string[] {
  const all = b64(text);
  const size = Math.ceil(all.length / n / 4) * 4;
  return n === 1 ? [all] : uploadParts(all, size);
}

function send(rt: MemoryRuntime, file: string, parts: string[]): string {
  let upload: string | undefined;
  parts.forEach((data, part) => {
    const answer = ok(call(rt, 'uploadImportFile', { upload, file_name: file, part, parts: parts.length, data_base64: data }));
    expect(answer).toMatchObject({ received: part + 1, parts: parts.length, complete: part === parts.length - 1 });
    upload = answer.upload;
  });
  return upload!;
}

describe('A file sent in parts', () => {
  it('is previewed and imported from the staged parts, sent once; its row becomes the import', () => {
    const rt = setUpRuntime();
    const upload = send(rt, 'members.csv', cut(csv(300), 3));
    expect(rowsOf(rt, 'ImportFiles').length).toBeGreaterThanOrEqual(1);

    const preview = ok(call(rt, 'importFile', { file_name: 'members.csv', upload, mode: 'skip', dry_run: true }));
    expect(preview).toMatchObject({ rows: 300, created: 300, batch: '' });
    // A second preview with the person's mapping: nothing sent again.
    const mapping = preview.mapping.map((m: { header: string; target: string }) => ({ header: m.header, target: m.target, confidence: 'exact' }));
    expect(ok(call(rt, 'importFile', { file_name: 'members.csv', upload, mode: 'skip', dry_run: true, mapping })).created).toBe(300);

    const report = ok(call(rt, 'importFile', { file_name: 'members.csv', upload, mode: 'skip', mapping }));
    expect(report).toMatchObject({ batch: upload, created: 300, status: 'done' });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(300);
    // One Imports row, the upload's, now the import; its parts are gone with the last chunk.
    expect(rowsOf(rt, 'Imports').map((b) => [b.id, b.status, b.upload])).toEqual([[upload, 'done', '']]);
    expect(rowsOf(rt, 'ImportFiles')).toEqual([]);
    const history = ok(call(rt, 'listImports', {}));
    expect(history.imports.map((i: { batch: string }) => i.batch)).toEqual([upload]);
    // Its undo works as for any import.
    ok(call(rt, 'undoImport', { batch: upload }));
    expect(rowsOf(rt, 'Contacts').filter((c) => c.deleted !== true && c.deleted !== 'TRUE')).toHaveLength(0);
    // Used: it cannot be imported a second time.
    expect(refused(call(rt, 'importFile', { file_name: 'members.csv', upload, mode: 'skip' })).message).toContain('is no longer there');
  });

  it('goes on in chunks from the staged parts when the import takes several executions', () => {
    const rt = setUpRuntime();
    rt.importChunkRows = 100;
    const upload = send(rt, 'big.csv', cut(csv(250), 2));
    let report = ok(call(rt, 'importFile', { file_name: 'big.csv', upload, mode: 'skip' }));
    expect(report).toMatchObject({ batch: upload, status: 'running', done_rows: 100 });
    while (report.status === 'running') report = ok(call(rt, 'continueImport', { batch: upload }));
    expect(report).toMatchObject({ status: 'done', created: 250 });
    expect(rowsOf(rt, 'Contacts')).toHaveLength(250);
    expect(rowsOf(rt, 'ImportFiles')).toEqual([]);
  });

  it('takes a part sent again once, and refuses parts out of order, too many, or not base64', () => {
    const rt = setUpRuntime();
    const parts = cut(csv(40), 3);
    const first = ok(call(rt, 'uploadImportFile', { file_name: 'f.csv', part: 0, parts: 3, data_base64: parts[0] }));
    // The answer was lost: the sidebar sends part 0 again (with the upload it never saw: a new one), or
    // part 0 of this upload again: taken once.
    expect(ok(call(rt, 'uploadImportFile', { upload: first.upload, file_name: 'f.csv', part: 0, parts: 3, data_base64: parts[0] })).received).toBe(1);
    expect(refused(call(rt, 'uploadImportFile', { upload: first.upload, file_name: 'f.csv', part: 2, parts: 3, data_base64: parts[2] })).message).toBe(
      'A part of f.csv is missing (part 1 was expected next). Pick the file again.',
    );
    // Not finished: neither previewed nor imported.
    expect(refused(call(rt, 'importFile', { file_name: 'f.csv', upload: first.upload, mode: 'skip', dry_run: true })).message).toContain('part 1 was expected');
    expect(refused(call(rt, 'uploadImportFile', { upload: first.upload, file_name: 'f.csv', part: 1, parts: 3, data_base64: 'not base64!' })).message).toContain('not valid base64');
    ok(call(rt, 'uploadImportFile', { upload: first.upload, file_name: 'f.csv', part: 1, parts: 3, data_base64: parts[1] }));
    ok(call(rt, 'uploadImportFile', { upload: first.upload, file_name: 'f.csv', part: 2, parts: 3, data_base64: parts[2] }));
    expect(ok(call(rt, 'importFile', { file_name: 'f.csv', upload: first.upload, mode: 'skip', dry_run: true })).created).toBe(40);

    expect(refused(call(rt, 'uploadImportFile', { file_name: 'huge.csv', part: 0, parts: 11, data_base64: 'AAAA' })).message).toContain('too large to import');
    expect(refused(call(rt, 'uploadImportFile', { file_name: 'f.csv', part: 1, parts: 2, data_base64: 'AAAA' })).message).toContain('part 0 was expected');
    expect(call(rt, 'uploadImportFile', { file_name: 'f.csv', part: 0, parts: 1, data_base64: 'A'.repeat(UPLOAD_PART_CHARS + 4) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(refused(call(rt, 'importFile', { file_name: 'f.csv', mode: 'skip' })).message).toContain('either whole or as an upload');
    expect(refused(call(rt, 'importFile', { file_name: 'f.csv', content_base64: b64('a'), upload: first.upload, mode: 'skip' })).message).toContain('either whole or as an upload');
    // No contact was written by any of this.
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
  });

  it('is the uploader’s own: someone else cannot import it or add to it, and a viewer cannot upload', () => {
    const rt = setUpRuntime();
    const upload = send(rt, 'mine.csv', cut(csv(10), 1));
    addStaff(rt, 'other@example.org', 'editor');
    addStaff(rt, 'viewer@example.org', 'viewer');
    expect(as(rt, 'other@example.org', () => refused(call(rt, 'importFile', { file_name: 'mine.csv', upload, mode: 'skip' }))).code).toBe('forbidden');
    expect(as(rt, 'other@example.org', () => refused(call(rt, 'uploadImportFile', { upload, file_name: 'mine.csv', part: 0, parts: 1, data_base64: 'AAAA' }))).code).toBe('forbidden');
    expect(as(rt, 'viewer@example.org', () => refused(call(rt, 'uploadImportFile', { file_name: 'v.csv', part: 0, parts: 1, data_base64: 'AAAA' }))).code).toBe('forbidden');
    expect(rowsOf(rt, 'Contacts')).toHaveLength(0);
  });

  it('left unfinished for a day, is cleared when the same person starts another; never listed as an import', () => {
    const rt = setUpRuntime();
    const parts = cut(csv(20), 2);
    const left = ok(call(rt, 'uploadImportFile', { file_name: 'left.csv', part: 0, parts: 2, data_base64: parts[0] })).upload;
    expect(ok(call(rt, 'listImports', {})).imports).toEqual([]);
    rt.clock.advance(25 * 60 * 60 * 1000);
    send(rt, 'next.csv', cut(csv(5), 1));
    expect(rowsOf(rt, 'ImportFiles').every((f) => f.batch !== left)).toBe(true);
    expect(rowsOf(rt, 'Imports').find((b) => b.id === left)).toMatchObject({ status: 'failed', upload: '' });
  });
});

describe('The sidebar cuts a big file', () => {
  it('into parts of whole base64 quads that join back to the file; a small file is sent whole', () => {
    const text = b64('x'.repeat(1000));
    expect(uploadParts(text, text.length)).toEqual([]);
    const parts = uploadParts(text, 400);
    expect(parts.map((p) => p.length)).toEqual([400, 400, 400, 136]);
    expect(parts.join('')).toBe(text);
    expect(UPLOAD_PART_CHARS % 4).toBe(0);
  });
});
