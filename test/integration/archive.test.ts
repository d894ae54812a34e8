/** Old log rows, and by choice old interactions, move to a linked archive spreadsheet: the CRM's cell
 *  budget shrinks, nothing is lost or doubled, and the card still shows archived interactions. */
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditLog, Interactions, Settings, TriggerLog } from '../../src/core/schema/tables';
import { Workbook } from '../../src/store/workbook';
import { XlsxArchives } from '../../src/node/archives';
import { SpreadsheetArchives } from '../../src/gas/archives';
import { MemoryGrid } from '../../src/memory/grid';
import type { MemoryRuntime } from '../../src/memory/services';
import { NIGHTLY_ACTIONS } from '../../src/api/nightly';
import { createAppsScriptFakes } from '../fakes';
import { addStaff, as, call, ok, refused, rowsOf, setUpRuntime } from '../support/crm';

/** A CRM (today 2026-11-22) with a contact, logs and calls from 2024 and from this month. */
function withHistory(): { rt: MemoryRuntime; contact: string } {
  const rt = setUpRuntime();
  const contact = ok(call(rt, 'createContact', { contact: { first_name: 'Ana', last_name: 'Reis' } })).id as string;
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  wb.table(AuditLog).appendUnread(
    ['2024-01-05T10:00:00Z', '2024-06-01T10:00:00Z', '2026-11-01T10:00:00Z'].map((when, k) => ({
      when,
      who: 'old@example.org',
      action: `old.${k}`,
      table: 'Contacts',
      record_id: contact,
      before: '',
      after: '',
    })),
  );
  wb.table(TriggerLog).appendUnread([
    { rule_id: 'trp_X', contact_id: contact, entered_at: '2024-02-02T00:00:00Z' },
    { rule_id: 'trp_X', contact_id: contact, entered_at: '2026-11-20T00:00:00Z' },
  ]);
  wb.table(Interactions).appendUnread([
    { contact_id: contact, type: 'call', when: '2023-03-03T09:00:00Z', subject: 'Very old call' },
    { contact_id: contact, type: 'email', when: '2024-04-04T09:00:00Z', subject: 'Old email' },
    { contact_id: contact, type: 'call', when: '2026-11-10T09:00:00Z', subject: 'Recent call' },
  ]);
  return { rt, contact };
}

function setting(rt: MemoryRuntime, key: string, value: string): void {
  const rows = rt.grid.sheets.get(Settings.name)!;
  const header = rows[0] as string[];
  const row = rows.find((r) => r[header.indexOf('key')] === key)!;
  row[header.indexOf('value')] = value;
  rt.cache.clear(); // what onEdit does in Google
}

const archiveRows = (rt: MemoryRuntime, id: string, sheet: string) => {
  const rows = rt.archives.books.get(id)!.sheets.get(sheet) ?? [];
  const header = rows[0] as string[];
  return rows.slice(1).map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
};

describe('Archiving', () => {
  it('moves log rows older than a year to a new linked archive, once, and says so in the AuditLog', () => {
    const { rt } = withHistory();
    const before = ok(call(rt, 'cellBudget', {})).used;
    const report = ok(call(rt, 'archiveOldRows', { create: true }));
    expect(report.archive.id).toBe('archive-1');
    expect(report.moved).toEqual([
      { table: 'AuditLog', rows: 2, before: '2025-11-22' },
      { table: 'TriggerLog', rows: 1, before: '2025-11-22' },
    ]);
    expect(archiveRows(rt, 'archive-1', 'AuditLog').map((r) => r.action)).toEqual(['old.0', 'old.1']);
    expect(archiveRows(rt, 'archive-1', 'TriggerLog').map((r) => r.entered_at)).toEqual(['2024-02-02T00:00:00Z']);
    const audit = rowsOf(rt, 'AuditLog');
    expect(audit.some((r) => String(r.action).startsWith('old.0'))).toBe(false);
    expect(audit.filter((r) => r.action === 'archive').map((r) => [r.table, JSON.parse(String(r.after)).rows])).toEqual([
      ['AuditLog', 2],
      ['TriggerLog', 1],
    ]);
    // Interactions stay unless Settings say otherwise.
    expect(rowsOf(rt, 'Interactions')).toHaveLength(3);
    const budget = ok(call(rt, 'cellBudget', {}));
    expect(budget.archive).toEqual({ id: 'archive-1', url: expect.stringContaining('archive-1') });
    expect(budget.used).toBeLessThanOrEqual(before);
    // Again: nothing old is left, nothing is doubled, no second archive.
    expect(ok(call(rt, 'archiveOldRows', { create: true })).moved).toEqual([]);
    expect(archiveRows(rt, 'archive-1', 'AuditLog')).toHaveLength(2);
    expect(rt.archives.books.size).toBe(1);
  });

  it('moves old interactions when Settings ask; the card still shows them, from the archive', () => {
    const { rt, contact } = withHistory();
    setting(rt, 'archive_interaction_months', '36');
    const report = ok(call(rt, 'archiveOldRows', { create: true }));
    expect(report.moved.find((m: { table: string }) => m.table === 'Interactions')).toEqual({ table: 'Interactions', rows: 1, before: '2023-11-22' });
    expect(ok(call(rt, 'getContactCard', { id: contact })).interactions.map((i: { subject: string }) => i.subject)).toEqual(['Recent call', 'Old email']);
    const archived = ok(call(rt, 'archivedInteractions', { contact_id: contact }));
    expect(archived.interactions.map((i: { subject: string }) => i.subject)).toEqual(['Very old call']);
    expect(archived.url).toContain('archive-1');
    addStaff(rt, 'viewer@example.org', 'viewer');
    expect(as(rt, 'viewer@example.org', () => ok(call(rt, 'archivedInteractions', { contact_id: contact })).interactions)).toHaveLength(1);
  });

  it('never doubles rows: a move whose deletion was refused (a sort by hand) is not appended again', () => {
    const { rt } = withHistory();
    const grid = rt.grid;
    const readColumn = grid.readColumn.bind(grid);
    // Someone sorts the AuditLog right after the archive was written, before the CRM deletes.
    grid.readColumn = (sheet: string, column: number, row: number, count: number) => {
      if (sheet === 'AuditLog') {
        const rows = grid.sheets.get('AuditLog')!;
        rows.splice(1, rows.length - 1, ...rows.slice(1).reverse());
        grid.readColumn = readColumn;
      }
      return readColumn(sheet, column, row, count);
    };
    expect(refused(call(rt, 'archiveOldRows', { create: true })).code).toBe('moved');
    expect(rowsOf(rt, 'AuditLog').filter((r) => String(r.action).startsWith('old.'))).toHaveLength(3);
    // Put back as it was, the next run deletes without appending the rows a second time.
    const rows = grid.sheets.get('AuditLog')!;
    rows.splice(1, rows.length - 1, ...rows.slice(1).reverse());
    ok(call(rt, 'archiveOldRows', {}));
    expect(archiveRows(rt, 'archive-1', 'AuditLog').map((r) => r.action)).toEqual(['old.0', 'old.1']);
    expect(rowsOf(rt, 'AuditLog').filter((r) => String(r.action).startsWith('old.'))).toHaveLength(1);
  });

  it('says when the archive is gone, and makes a new one next time; only admins archive; the nightly never makes one', () => {
    const { rt } = withHistory();
    expect(NIGHTLY_ACTIONS).toContain('archiveOldRows');
    expect(ok(call(rt, 'archiveOldRows', {}))).toEqual({ archive: null, moved: [], more: false });
    expect(rt.archives.books.size).toBe(0);
    addStaff(rt, 'editor@example.org', 'editor');
    expect(as(rt, 'editor@example.org', () => refused(call(rt, 'archiveOldRows', { create: true }))).code).toBe('forbidden');
    ok(call(rt, 'archiveOldRows', { create: true }));
    rt.archives.lose('archive-1');
    // The nightly says so and keeps the link (Google may fail for a moment); an admin's click says so
    // and forgets it; their next click makes a new one.
    expect(refused(call(rt, 'archiveOldRows', {})).message).toContain('can no longer be opened');
    expect(ok(call(rt, 'cellBudget', {})).archive.id).toBe('archive-1');
    expect(refused(call(rt, 'archiveOldRows', { create: true })).message).toContain('can no longer be opened');
    expect(ok(call(rt, 'cellBudget', {})).archive).toBeNull();
    expect(ok(call(rt, 'archiveOldRows', { create: true })).archive.id).toBe('archive-2');
  });
});

describe('The archive adapters', () => {
  it('Node: an .xlsx beside the workbook, read back whole; an id never names a file elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-archive-'));
    const archives = new XlsxArchives(join(dir, 'crm.xlsx'));
    const { id, url } = archives.create('CRM archive');
    expect(id).toBe('crm.archive.xlsx');
    expect(url).toBe(join(dir, 'crm.archive.xlsx'));
    const book = archives.open(id)!;
    book.grid.createSheet('AuditLog', ['id', 'when', 'note']);
    book.grid.append('AuditLog', [
      ['aud_1', '2024-01-01T00:00:00Z', '=1+1'],
      ['aud_2', '2024-02-01T00:00:00Z', '00123'],
    ]);
    book.save();
    expect((archives.open(id)!.grid as MemoryGrid).read('AuditLog')).toEqual([
      ['id', 'when', 'note'],
      ['aud_1', '2024-01-01T00:00:00Z', '=1+1'],
      ['aud_2', '2024-02-01T00:00:00Z', '00123'],
    ]);
    expect(archives.create('again').id).toBe('crm.archive-2.xlsx');
    for (const bad of ['../crm.xlsx', '/etc/passwd.xlsx', 'sub/crm.archive.xlsx', 'crm.archive.csv']) expect(archives.open(bad)).toBeNull();
    expect(existsSync(join(dir, 'crm.archive.xlsx'))).toBe(true);
  });

  it('Apps Script: SpreadsheetApp.create, then openById; a deleted one is null', () => {
    const fakes = createAppsScriptFakes();
    const restore = fakes.install();
    try {
      const archives = new SpreadsheetArchives(
        () => 'Europe/Paris',
        () => true,
      );
      const { id, url } = archives.create('CRM archive');
      expect(url).toContain(id);
      const book = archives.open(id)!;
      book.grid.createSheet('TriggerLog', ['id', 'entered_at']);
      book.grid.append('TriggerLog', [['trl_1', '2024-01-01']]);
      book.save();
      expect(archives.open(id)!.grid.read('TriggerLog')).toEqual([
        ['id', 'entered_at'],
        ['trl_1', '2024-01-01'],
      ]);
      (fakes.globals.SpreadsheetApp as { __created: Map<string, unknown> }).__created.delete(id);
      expect(archives.open(id)).toBeNull();
    } finally {
      restore();
    }
  });
});
