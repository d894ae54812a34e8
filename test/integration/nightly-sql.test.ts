import { callAction } from '../../src/api/call';
import { memoryRuntime, type MemoryRuntime } from '../../src/memory/services';
import { Workbook } from '../../src/store/workbook';
import { addDemoData, seededRandom } from '../../src/services/demo-data';
import { AuditLog, Contacts, Memberships, Scores } from '../../src/core/schema/tables';
import { ok, typeRow } from '../support/crm';
import { testDatabase } from '../support/database';

/** The nightly run on a database works out in SQL what the engine works out over the sheets, and
 *  writes the same: the same demo CRM and hand-typed edges built twice, on the spreadsheet and in
 *  PostgreSQL, each night's statuses, stages and scores compared row by row, over several days. */

function crm(onDatabase: boolean): MemoryRuntime {
  const rt = memoryRuntime();
  if (onDatabase) rt.database = testDatabase();
  ok(callAction(rt, 'setUp', {}));
  // The same ids on both backends, so that rows can be compared one by one.
  const wb = new Workbook(rt, rt.clock, 'admin@example.org', seededRandom(1));
  addDemoData(wb, 150, seededRandom(7));
  wb.commit('demo');
  rt.cache.clear();
  const person = (id: string, cells: Record<string, string | boolean>) => typeRow(rt, 'Contacts', { id, kind: 'person', created_at: '2025-06-01T08:00:00Z', ...cells });
  // Today is 2026-11-22 (the test clock).
  person('c_fr', { first_name: 'Hélène', lifecycle_stage: 'Donor ', newsletter_status: ' Subscribed ' });
  person('c_sub', { first_name: 'Sub', newsletter_status: 'SUBSCRIBED\t', updated_at: '2026-01-01T00:00:00Z' });
  // No-break and em spaces around what was typed, which JavaScript trims: in a name and a status.
  person('c_nbsp', { first_name: '\u00a0Zoé', last_name: 'Martin\u2003', newsletter_status: '\u00a0subscribed' });
  person('c_org', { kind: 'organisation', organisation_name: '\u00a0Les Amis\u00a0' });
  person('c_nbsp_sub', { first_name: 'Reader', newsletter_status: 'Subscribed\u2003' });
  person('c_eng90', { first_name: 'Ninety' });
  person('c_eng91', { first_name: 'Ninety-one', newsletter_status: 'subscribed' });
  person('c_text', { first_name: 'Text day' });
  person('c_gift365', { first_name: 'Year' });
  person('c_gift366', { first_name: 'Year and a day' });
  person('c_undated', { first_name: 'Undated gift' });
  person('c_refunded', { first_name: 'Refunded' });
  person('c_future', { first_name: 'Future gift' });
  person('c_gone', { first_name: 'Gone', deleted: true, lifecycle_stage: 'lead' });
  person('c_merged', { first_name: 'Merged', merged_into: 'c_fr', lifecycle_stage: 'lead' });
  const member = (id: string, contact_id: string, cells: Record<string, string | boolean>) => typeRow(rt, 'Memberships', { id, contact_id, level: 'Standard', ...cells });
  member('m_fr', 'c_fr', { start_date: '2026-01-01', end_date: '2026-12-31', status_override: 'Annulé ' });
  member('m_typed', 'c_fr', { start_date: '2025-01-01', end_date: '2025-12-31', status: 'cancelado' });
  member('m_unpaid', 'c_sub', { start_date: '2026-10-01', end_date: '2027-09-30', paid: false });
  member('m_grace', 'c_eng91', { start_date: '2025-11-01', end_date: '2026-11-10', status: 'current', updated_at: '2026-01-01T00:00:00Z' });
  member('m_future', 'c_text', { start_date: '2026-12-25', end_date: '2027-12-24' });
  member('m_gone', 'c_gone', { start_date: '2026-01-01', end_date: '2026-12-31' });
  member('m_bad', 'c_undated', { end_date: '2026-12-31', status: 'Expired' });
  const gift = (id: string, contact_id: string, cells: Record<string, string | number>) => typeRow(rt, 'Donations', { id, contact_id, amount: 20, ...cells });
  gift('d365', 'c_gift365', { date: '2025-11-22' });
  gift('d366', 'c_gift366', { date: '2025-11-21' });
  gift('d_undated', 'c_undated', {});
  gift('d_refunded', 'c_refunded', { date: '2026-11-01', refunded_at: '2026-11-02' });
  gift('d_future', 'c_future', { date: '2027-01-15' });
  gift('d_nbsp', 'c_nbsp', { date: '2026-10-01' });
  gift('d_org', 'c_org', { date: '2026-09-01', amount: 500 });
  const touch = (id: string, contact_id: string, type: string, when: string) => typeRow(rt, 'Interactions', { id, contact_id, type, when, direction: 'inbound' });
  touch('i90', 'c_eng90', 'call', '2026-08-24T09:00');
  touch('i91', 'c_eng91', 'meeting', '2026-08-23');
  touch('i_open', 'c_eng91', 'newsletter_open', '2026-11-20');
  touch('i_cap', 'c_eng91', 'Call', '2026-11-20');
  touch('i_text', 'c_text', 'event', 'yesterday');
  touch('i_text2', 'c_text', 'event', ' 2026-11-01T18:00');
  return rt;
}

const rowsOf = (rt: MemoryRuntime) => {
  rt.cache.clear();
  const wb = new Workbook(rt, rt.clock, 'admin@example.org');
  const memberships = wb
    .table(Memberships)
    .all()
    .map((m) => [m.id, m.status, m.status_override, m.updated_at].join(' | '))
    .sort();
  const contacts = wb
    .table(Contacts)
    .all()
    .map((c) => [c.id, c.lifecycle_stage, c.updated_at].join(' | '))
    .sort();
  const scores = wb
    .table(Scores)
    .all()
    .map((s) => [s.contact_id, s.name, s.recency_days, s.frequency, s.monetary, s.r, s.f, s.m, s.rfm_score, s.rfm_segment, s.engagement, s.hot].join(' | '))
    .sort();
  const audit = wb
    .table(AuditLog)
    .all()
    .filter((a) => a.action === 'statuses.refresh')
    .map((a) => ({ table: a.table, ids: a.record_id.split(' ').sort(), before: JSON.parse(a.before || 'null'), after: JSON.parse(a.after || 'null') }));
  const scoresAudit = wb
    .table(AuditLog)
    .all()
    .filter((a) => a.action === 'scores.refresh')
    .map((a) => [a.before, a.after]);
  const scoreIds = new Map(
    wb
      .table(Scores)
      .all()
      .map((s) => [s.contact_id, s.id]),
  );
  return { memberships, contacts, scores, audit, scoresAudit, scoreIds };
};

describe('The nightly run on a database', () => {
  it('writes the statuses, stages and scores the engine writes over the sheets, night after night', () => {
    const [sheet, db] = [crm(false), crm(true)];
    const stagesOn: Record<string, Record<string, string>> = {};
    for (const day of ['2026-11-22', '2026-11-23', '2026-12-31', '2027-02-15']) {
      for (const rt of [sheet, db]) rt.clock.current = new Date(`${day}T03:00:00Z`);
      const answers = [sheet, db].map((rt) => ok(callAction(rt, 'refreshStatuses', {})));
      expect(answers[1]).toEqual(answers[0]);
      for (const rt of [sheet, db]) ok(callAction(rt, 'refreshScores', {}));
      const [bySheet, byDatabase] = [rowsOf(sheet), rowsOf(db)];
      expect(byDatabase.memberships).toEqual(bySheet.memberships);
      expect(byDatabase.contacts).toEqual(bySheet.contacts);
      expect(byDatabase.scores).toEqual(bySheet.scores);
      expect(byDatabase.audit).toEqual(bySheet.audit);
      expect(byDatabase.scoresAudit).toEqual(bySheet.scoresAudit);
      stagesOn[day] = Object.fromEntries(byDatabase.contacts.map((row) => row.split(' | ').slice(0, 2)));
    }
    // The edges each stand for a rule: 90 days ago still engaged, 91 not; a gift 365 days ago still
    // a donor, 366 lapsed; an undated gift lapsed; a refunded one nothing; a date that is no date
    // hides no real one; deleted and merged contacts left alone; a membership cancelled in French.
    expect(stagesOn['2026-11-22']).toMatchObject({
      c_eng90: 'engaged',
      c_eng91: 'member',
      c_gift365: 'donor',
      c_gift366: 'lapsed',
      c_undated: 'lapsed',
      c_refunded: 'lead',
      c_text: 'engaged',
      c_sub: 'subscriber',
      c_nbsp_sub: 'subscriber',
      c_fr: 'lapsed',
      c_future: 'donor',
      c_gone: 'lead',
      c_merged: 'lead',
    });
    expect(
      rowsOf(db)
        .scores.filter((row) => /^c_(nbsp|org) /.test(row))
        .map((row) => row.split(' | ')[1]),
    ).toEqual(['Zoé Martin', 'Les Amis']);
    expect(stagesOn['2026-11-23']).toMatchObject({ c_eng90: 'lead', c_gift365: 'lapsed' });
    expect(stagesOn['2027-02-15']).toMatchObject({ c_eng91: 'lapsed', c_text: 'member', c_sub: 'subscriber' });
  });

  it('writes only what changed, audits it in the same transaction, and nothing the second time', () => {
    const rt = crm(true);
    const first = ok(callAction(rt, 'refreshStatuses', {}));
    expect(first.memberships_changed).toBeGreaterThan(5);
    expect(first.stages_changed).toBeGreaterThan(5);
    const { memberships, contacts, audit } = rowsOf(rt);
    expect(memberships).toEqual(expect.arrayContaining(['m_fr | cancelled | cancelled | ' + memberships.find((m) => m.startsWith('m_fr'))!.split(' | ')[3]]));
    expect(memberships.find((m) => m.startsWith('m_grace'))).toBe('m_grace | grace |  | 2026-01-01T00:00:00Z');
    expect(contacts.find((c) => c.startsWith('c_sub'))).toBe('c_sub | subscriber | 2026-01-01T00:00:00Z');
    expect(audit.find((a) => a.table === 'Memberships')!.ids).toEqual(expect.arrayContaining(['m_fr', 'm_typed', 'm_grace']));
    expect(audit.find((a) => a.table === 'Memberships')!.after.m_grace).toEqual({ status: 'grace' });
    expect(ok(callAction(rt, 'refreshStatuses', {}))).toEqual({ memberships_changed: 0, stages_changed: 0 });
    expect(rowsOf(rt).audit).toEqual(audit);
  });

  it("keeps each contact's Scores row from night to night, and gives new ones ids of their own", () => {
    const rt = crm(true);
    ok(callAction(rt, 'refreshScores', {}));
    const first = rowsOf(rt).scoreIds;
    rt.clock.current = new Date('2026-12-20T03:00:00Z');
    ok(callAction(rt, 'refreshScores', {}));
    const second = rowsOf(rt).scoreIds;
    const kept = [...second].filter(([contact]) => first.has(contact));
    expect(kept.length).toBeGreaterThan(20);
    expect(kept.every(([contact, id]) => first.get(contact) === id)).toBe(true);
    expect([...second.values()].every((id) => /^scr_[0-9A-HJKMNP-TV-Z]{18}$/.test(id))).toBe(true);
    expect(new Set(second.values()).size).toBe(second.size);
    // The same day again: nothing rewritten, nothing audited.
    const audited = rowsOf(rt).scoresAudit.length;
    ok(callAction(rt, 'refreshScores', {}));
    expect(rowsOf(rt).scoresAudit).toHaveLength(audited);
  });

  it('reads no big table whole', () => {
    const rt = crm(true);
    rt.cache.clear();
    const query = jest.spyOn(rt.database!.sql, 'queryArrays');
    const plain = jest.spyOn(rt.database!.sql, 'query');
    for (const name of ['refreshStatuses', 'refreshScores', 'refreshSegments', 'runTriggerPoints']) ok(callAction(rt, name, {}));
    const whole = [...query.mock.calls, ...plain.mock.calls].map(([text]) => String(text)).filter((text) => /^SELECT \* FROM (contacts|memberships|donations|interactions|scores) ORDER BY/.test(text));
    expect(whole).toEqual([]);
  });
});
