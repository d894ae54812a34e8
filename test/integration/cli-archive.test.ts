/** `crm archive` on a workbook file, through the built CLI: old log rows move to the archive workbook
 *  beside it, once. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XlsxWorkbook } from '../../src/node/xlsx-workbook';

const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

describe('crm archive', () => {
  it('moves AuditLog rows older than a year into crm.archive.xlsx, and nothing twice', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-archive-cli-'));
    const path = join(dir, 'crm.xlsx');
    crm('init', '--workbook', path);
    const grid = await XlsxWorkbook.open(path);
    const header = grid.read('AuditLog')[0] as string[];
    const row = (id: string, when: string) => header.map((h) => (h === 'id' ? id : h === 'when' ? when : h === 'action' ? `old ${id}` : ''));
    grid.append('AuditLog', [row('aud_OLD1', '2019-03-01T10:00:00Z'), row('aud_OLD2', '2020-03-01T10:00:00Z')]);
    await grid.save();

    const report = JSON.parse(crm('archive', '--workbook', path, '--json'));
    expect(report.archive.id).toBe('crm.archive.xlsx');
    expect(report.moved).toEqual([expect.objectContaining({ table: 'AuditLog', rows: 2 })]);
    expect(existsSync(join(dir, 'crm.archive.xlsx'))).toBe(true);
    const archive = await XlsxWorkbook.open(join(dir, 'crm.archive.xlsx'));
    expect(
      archive
        .read('AuditLog')
        .slice(1)
        .map((r) => r[0]),
    ).toEqual(['aud_OLD1', 'aud_OLD2']);
    const after = await XlsxWorkbook.open(path);
    const ids = after
      .read('AuditLog')
      .slice(1)
      .map((r) => r[0]);
    expect(ids).not.toContain('aud_OLD1');
    expect(crm('archive', '--workbook', path)).toContain('Nothing old enough to archive.');
    expect((await XlsxWorkbook.open(join(dir, 'crm.archive.xlsx'))).read('AuditLog')).toHaveLength(3);
  });
});
