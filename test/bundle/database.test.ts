/** The database in the built script, under the Apps Script fakes: an admin connects a PostgreSQL
 *  database from the sidebar, the bundle's JDBC adapter migrates it and moves the big tables, and from
 *  then on every call works on the database through JDBC (the fake runs each statement on the tests'
 *  real server). */
import vm from 'node:vm';
import { createAppsScriptFakes } from '../fakes';
import { createJdbc } from '../fakes/jdbc';
import { projectFiles, DIST } from '../support/project-files';
import { emptyDatabase } from '../support/database';
import { Postgres } from '../../src/node/postgres';

const gas = require('gas-local');

function jdbcAddress(url: string) {
  const u = new URL(url);
  return { url: `jdbc:postgresql://${u.hostname}:${u.port}${u.pathname}`, user: decodeURIComponent(u.username) };
}

function googleCrm() {
  const fakes = createAppsScriptFakes({ user: 'admin@example.org' });
  projectFiles(fakes.html);
  const jdbc = createJdbc();
  const script = gas.require(DIST, { ...fakes.globals, Jdbc: jdbc.Jdbc }) as Record<string, any>;
  fakes.setRealm(vm.runInContext('({ Date: Date, Error: Error })', script));
  script.runSetUp();
  return { fakes, jdbc, script };
}

const sheetRows = (fakes: ReturnType<typeof createAppsScriptFakes>, sheet: string) => fakes.spreadsheet.__dump(sheet).length - 1;

describe('the database in Google (JDBC)', () => {
  it('connects, migrates, moves the sheets once, then works on the database, the small tables staying on the spreadsheet', () => {
    const { fakes, jdbc, script } = googleCrm();
    const ana = script.createContact({ contact: { first_name: 'Ana', last_name: 'Lima', postal_code: '01234' } }).data.id;
    script.recordGift({ contact_id: ana, amount: 25, date: '2026-10-01' });
    const url = emptyDatabase();
    const address = jdbcAddress(url);

    expect(script.connectDatabase({ url: 'mysql://db/crm', user: 'x' }).error.message).toContain('not a PostgreSQL address');
    expect(script.connectDatabase({ url: address.url.replace(/:\d+\//, ':1/'), user: address.user }).error.message).toContain('could not be reached or refused the connection');
    const connected = script.connectDatabase({ url: address.url, user: address.user, password: '' });
    expect(connected).toMatchObject({
      ok: true,
      data: {
        connected: true,
        migrations: [
          '0001-tables',
          '0002-properties',
          '0003-query',
          '0004-birthdays',
          '0005-trim',
          '0006-days',
          '0007-deciding',
          '0008-search',
          '0009-search-cover',
          '0010-sort-words',
          '0011-name-words',
        ],
      },
    });
    expect(connected.data.moved.find((m: { table: string }) => m.table === 'Contacts')).toMatchObject({ rows: 1, added: 1 });
    expect(script.databaseSettings({}).data).toMatchObject({ connected: true, label: expect.stringContaining('(crm)') });
    // The statements went through JDBC, prepared, with stringtype=unspecified.
    expect(jdbc.opened.every((u) => u.includes('stringtype=unspecified'))).toBe(true);
    // Each connection turns JIT compilation off first (it made a segment's count at 1 M three times slower).
    expect(jdbc.sent.filter((s) => s.sql === 'SET jit = off')).toHaveLength(jdbc.opened.length);
    expect(jdbc.sent.some((s) => /^INSERT INTO contacts/.test(s.sql) && s.params.includes('01234'))).toBe(true);

    const leo = script.createContact({ contact: { first_name: 'Léo', last_name: '=1+1' } }).data.id;
    script.recordGift({ contact_id: leo, amount: 12.5, date: '2026-11-01' });
    const card = script.getContactCard({ id: leo }).data;
    expect(card.contact.last_name).toBe('=1+1');
    expect(card.donations.count).toBe(1);
    expect(script.searchContacts({ text: 'lima' }).data.items[0]).toMatchObject({ id: ana });
    // A query is worked out by the database, through JDBC, its parameters typed.
    const donors = script.queryContacts({ query: 'donations.total>=20 AND NOT membership.status:current', limit: 10 }).data;
    expect(donors).toMatchObject({ total: 1, items: [{ id: ana, name: 'Ana Lima' }] });
    expect(jdbc.sent.some((s) => /FROM contacts c WHERE/.test(s.sql) && s.sql.includes('?::float8'))).toBe(true);
    // The nightly steps and the dashboard are statements the database runs, through JDBC too.
    expect(script.refreshStatuses({})).toMatchObject({ ok: true, data: { memberships_changed: 0, stages_changed: 2 } });
    expect(script.refreshScores({})).toMatchObject({ ok: true, data: { scored: 2, donors: 2 } });
    expect(script.dashboard({}).data.contacts.value).toBe(2);
    expect(jdbc.sent.some((s) => /UPDATE contacts t SET "lifecycle_stage"/.test(s.sql))).toBe(true);
    expect(jdbc.sent.some((s) => /^CREATE TEMP TABLE crm_scored/.test(s.sql))).toBe(true);
    // New rows are in the database, not on the sheets; Staff and Settings stay on the spreadsheet.
    const sql = new Postgres(url);
    try {
      expect(
        sql.query('SELECT c.lifecycle_stage, s.rfm_segment <> $1 AS scored FROM contacts c JOIN scores s ON s.contact_id = c.id ORDER BY c._seq', ['']).map((r) => [r.lifecycle_stage, r.scored]),
      ).toEqual([
        ['donor', true],
        ['donor', true],
      ]);
      expect(sql.query(`SELECT action FROM audit_log WHERE action IN ('statuses.refresh', 'scores.refresh') ORDER BY _seq`).map((r) => r.action)).toEqual(['statuses.refresh', 'scores.refresh']);
      expect(sql.query('SELECT last_name FROM contacts ORDER BY _seq').map((r) => r.last_name)).toEqual(['Lima', '=1+1']);
      expect(sql.query('SELECT amount::text AS amount FROM donations ORDER BY _seq').map((r) => r.amount)).toEqual(['25', '12.5']);
      expect(Number(sql.query(`SELECT count(*) AS n FROM audit_log WHERE action = 'donation.record'`)[0].n)).toBeGreaterThanOrEqual(1);
      expect(Number(sql.query('SELECT count(*) AS n FROM staff')[0].n)).toBe(0);
    } finally {
      sql.close();
    }
    expect(sheetRows(fakes, 'Contacts')).toBe(1);
    expect(sheetRows(fakes, 'Staff')).toBe(1);
    // No password or address in any sheet.
    expect(JSON.stringify(fakes.spreadsheet.getSheets().map((s: any) => fakes.spreadsheet.__dump(s.getName())))).not.toContain('jdbc:');

    // Disconnecting goes back to the sheets as they were.
    expect(script.disconnectDatabase({}).data).toMatchObject({ connected: false });
    expect(script.searchContacts({ text: '' }).data.total).toBe(1);
  });

  it('lets only an admin connect a database', () => {
    const { script, fakes } = googleCrm();
    script.addStaff({ email: 'ed@example.org', role: 'editor' });
    fakes.setUser('ed@example.org');
    expect(script.connectDatabase({ url: 'jdbc:postgresql://db.example.org:5432/crm', user: 'crm' }).error.code).toBe('forbidden');
    expect(script.databaseSettings({}).ok).toBe(false);
  });
});
