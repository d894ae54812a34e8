import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addStaff, as, ok, refused, rowsOf, call } from '../support/crm';
import { Workbook } from '../../src/store/workbook';
import { Donations } from '../../src/core/schema/tables';
import { RFM_SEGMENTS } from '../../src/core/query/tree';
import { rfmSegment } from '../../src/core/rfm';
import { NIGHTLY_ACTIONS } from '../../src/api/nightly';
import { contactScores, rfmGroups } from '../../src/services/dashboard/scores';
import { scoredCrm, setSetting } from './scores-fixture';
import { keep, keptDashboard, SLOW_MS } from '../../src/services/dashboard/dashboard-kept';
import { onPostgres } from '../support/database';

const groupsWith = (counts: Record<string, number>) => Object.fromEntries(RFM_SEGMENTS.map((s) => [s, counts[s] ?? 0]));

describe('RFM scores', () => {
  it('lists every group with its count, and the donors best first with their figures', () => {
    const { rt, ids } = scoredCrm();
    const report = ok(call(rt, 'rfmScores', {}));
    expect(report.window_months).toBe(24);
    expect(report.groups).toStrictEqual(groupsWith({ champions: 1, at_risk: 1, hibernating: 1, potential_loyalist: 1 }));
    expect(report.total).toBe(4);
    expect(report.donors).toStrictEqual([
      { id: ids.ana, name: 'Ana Lima', recency_days: 21, frequency: 3, monetary: 350, r: 4, f: 5, m: 2, rfm_score: 11, rfm_segment: 'champions' },
      { id: ids.carla, name: 'Carla Stone', recency_days: 676, frequency: 2, monetary: 560, r: 1, f: 4, m: 5, rfm_score: 10, rfm_segment: 'at_risk' },
      { id: ids.ben, name: 'Ben Stone', recency_days: 356, frequency: 1, monetary: 400, r: 2, f: 2, m: 4, rfm_score: 8, rfm_segment: 'hibernating' },
      { id: ids.dan, name: '0042 =1+1', recency_days: 2, frequency: 1, monetary: 20, r: 5, f: 2, m: 1, rfm_score: 8, rfm_segment: 'potential_loyalist' },
    ]);
  });

  it('shows one group, pages, and refuses a group that does not exist', () => {
    const { rt, ids } = scoredCrm();
    expect(ok(call(rt, 'rfmScores', { segment: 'at_risk' })).donors.map((d: { id: string }) => d.id)).toEqual([ids.carla]);
    const page = ok(call(rt, 'rfmScores', { offset: 1, limit: 2 }));
    expect({ ids: page.donors.map((d: { id: string }) => d.id), total: page.total }).toEqual({ ids: [ids.carla, ids.ben], total: 4 });
    expect(refused(call(rt, 'rfmScores', { segment: 'vip' })).message).toMatch(/: is not one of the choices \(champions, loyal, .*, lost\)$/);
  });

  it('follows the window and the monetary measure set in Settings', () => {
    const { rt, ids } = scoredCrm();
    setSetting(rt, 'rfm_monetary', 'average');
    const average = ok(call(rt, 'rfmScores', {}));
    // Averages: Dan 20, Ana 116.67, Carla 280, Ben 400: Ben's single large gift now ranks first on m,
    // and he ties with Carla on 9, before her for having given more.
    expect(average.donors.map((d: { id: string; monetary: number; m: number; rfm_score: number }) => [d.id, d.monetary, d.m, d.rfm_score])).toEqual([
      [ids.ana, 116.67, 2, 11],
      [ids.ben, 400, 5, 9],
      [ids.carla, 280, 4, 9],
      [ids.dan, 20, 1, 8],
    ]);
    setSetting(rt, 'rfm_window_months', '12');
    const recent = ok(call(rt, 'rfmScores', {}));
    expect(recent.window_months).toBe(12);
    expect(recent.donors.map((d: { id: string }) => d.id).sort()).toEqual([ids.ana, ids.ben, ids.dan].sort());
  });

  it('gives the dashboard every group and each scored contact', () => {
    const { rt, ids } = scoredCrm();
    const wb = new Workbook(rt, rt.clock, 'admin@example.org');
    expect(rfmGroups(wb)).toStrictEqual(groupsWith({ champions: 1, at_risk: 1, hibernating: 1, potential_loyalist: 1 }));
    const scores = contactScores(wb);
    expect([...scores.keys()].sort()).toEqual(Object.values(ids).sort());
    expect(scores.get(ids.eve)).toStrictEqual({ recency_days: null, frequency: 0, monetary: 0, r: 0, f: 0, m: 0, rfm_score: 0, rfm_segment: '', engagement: 4, hot: false });
    expect(scores.get(ids.ana)).toMatchObject({ rfm_segment: 'champions', engagement: 10.5, hot: true });
  });
});

describe('The hot list', () => {
  it('lists the hot contacts with their engagement and last engaged day', () => {
    const { rt, ids } = scoredCrm();
    expect(ok(call(rt, 'hotList', {}))).toStrictEqual({ items: [{ id: ids.ana, name: 'Ana Lima', email: 'ana@example.org', engagement: 10.5, last_engaged: '2026-11-22' }] });
    setSetting(rt, 'hot_min_score', '0');
    setSetting(rt, 'engagement_days', '7');
    // Over 7 days Ana's gift no longer counts (8), and the top 10% of four is still one contact.
    expect(ok(call(rt, 'hotList', {})).items.map((i: { id: string; engagement: number }) => [i.id, i.engagement])).toEqual([[ids.ana, 8]]);
  });
});

describe('The lists of a dashboard that opens on the figures kept', () => {
  it('come from the night’s Scores table on a database, as worked out, until asked afresh', () => {
    const { rt, ids } = scoredCrm();
    // Three donors alike in every figure: they go by name, as people read names (not as the database
    // orders texts: "Zoé" before "bruno" before "Álvaro").
    for (const [first_name, last_name] of [
      ['Zoé', 'Alves'],
      ['bruno', 'Costa'],
      ['Álvaro', 'Reis'],
    ]) {
      const id = ok(call(rt, 'createContact', { contact: { first_name, last_name } })).id;
      ok(call(rt, 'recordGift', { contact_id: id, amount: 60, date: '2026-06-01' }));
    }
    ok(call(rt, 'refreshDashboard', {}));
    const wb = () => new Workbook(rt, rt.clock, 'admin@example.org');
    const kept = keptDashboard(wb());
    // As slow to work out as a million contacts.
    if (kept) keep(wb(), { ...kept, took_ms: SLOW_MS + 30_000 });
    // Before any night wrote the Scores table, the lists are worked out.
    expect(ok(call(rt, 'rfmScores', {}))).toStrictEqual(ok(call(rt, 'rfmScores', { fresh: true })));
    expect(ok(call(rt, 'hotList', {})).items).toHaveLength(1);
    ok(call(rt, 'refreshScores', {}));
    expect(!!kept).toBe(onPostgres());
    const night = onPostgres() ? { scored_at: rt.clock.now().toISOString() } : {};
    const inputs = [{}, { segment: 'at_risk' }, { offset: 1, limit: 2 }, { offset: 3 }, { segment: 'lost' }, { offset: 4, limit: 1 }, { offset: 5, limit: 1 }, { offset: 3, limit: 2 }];
    const alike = ok(call(rt, 'rfmScores', {})).donors.filter((d: { name: string }) => /Alves|Costa|Reis/.test(d.name));
    expect(alike.map((d: { name: string }) => d.name)).toEqual(['Álvaro Reis', 'bruno Costa', 'Zoé Alves']);
    for (const input of inputs) expect(ok(call(rt, 'rfmScores', input))).toStrictEqual({ ...ok(call(rt, 'rfmScores', { ...input, fresh: true })), ...night });
    const hot = ok(call(rt, 'hotList', {}));
    expect(hot).toStrictEqual({ items: [{ id: ids.ana, name: 'Ana Lima', email: 'ana@example.org', engagement: 10.5, last_engaged: '2026-11-22' }], ...night });
    // A gift since the night: the list worked out follows it; the night's does not, on a database.
    ok(call(rt, 'recordGift', { contact_id: ids.dan, amount: 5000, date: '2026-11-22' }));
    const fresh = ok(call(rt, 'rfmScores', { fresh: true }));
    expect(fresh.donors[0]).toMatchObject({ id: ids.dan, monetary: 5020 });
    expect(ok(call(rt, 'rfmScores', {})).donors[0].id).toBe(onPostgres() ? ids.ana : ids.dan);
  });
});

describe('The Scores sheet', () => {
  it('gets one row per donor or engaged contact, numbers as numbers and names as typed', () => {
    const { rt, ids } = scoredCrm();
    expect(ok(call(rt, 'refreshScores', {}))).toStrictEqual({ scored: 6, donors: 4, engaged: 4 });
    const rows = rowsOf(rt, 'Scores');
    expect(rows.map((r) => r.contact_id)).toEqual([ids.ana, ids.ben, ids.carla, ids.dan, ids.eve, ids.fay]);
    const dan = rows.find((r) => r.contact_id === ids.dan)!;
    expect(dan).toMatchObject({
      name: '0042 =1+1',
      recency_days: 2,
      frequency: 1,
      monetary: 20,
      r: 5,
      f: 2,
      m: 1,
      rfm_score: 8,
      rfm_segment: 'potential_loyalist',
      engagement: 3.8,
      hot: false,
      scored_at: '2026-11-22T10:00:00.000Z',
    });
    expect(rows.find((r) => r.contact_id === ids.ana)).toMatchObject({ rfm_segment: 'champions', engagement: 10.5, hot: true });
    expect(rows.find((r) => r.contact_id === ids.eve)).toMatchObject({ recency_days: '', r: '', rfm_score: '', rfm_segment: '', engagement: 4 });
    expect(
      rowsOf(rt, 'AuditLog')
        .filter((r) => r.action === 'scores.refresh')
        .map((r) => r.table),
    ).toEqual(['Scores']);
  });

  it('keeps each contact its row id night after night, and drops the contacts no longer scored', () => {
    const { rt, ids } = scoredCrm();
    ok(call(rt, 'refreshScores', {}));
    const idsBefore = new Map(rowsOf(rt, 'Scores').map((r) => [r.contact_id, r.id]));
    ok(call(rt, 'deleteContact', { id: ids.ben }));
    const wb = new Workbook(rt, rt.clock, 'admin@example.org', undefined, rt.cache);
    const newcomer = ok(call(rt, 'createContact', { contact: { first_name: 'Gil', last_name: 'Neves' } })).id;
    wb.table(Donations).insert([{ contact_id: newcomer, date: '2026-11-22', amount: 5 }]);
    wb.commit('test.gift');
    expect(ok(call(rt, 'refreshScores', {}))).toMatchObject({ scored: 6, donors: 4 });
    const rows = rowsOf(rt, 'Scores');
    expect(rows.map((r) => r.contact_id)).toEqual([ids.ana, ids.carla, ids.dan, ids.eve, ids.fay, newcomer]);
    for (const r of rows.slice(0, 5)) expect(r.id).toBe(idsBefore.get(r.contact_id));
    expect(rows[5].id).toMatch(/^scr_/);
    expect(
      JSON.parse(
        String(
          rowsOf(rt, 'AuditLog')
            .filter((r) => r.action === 'scores.refresh')
            .pop()!.after,
        ),
      ),
    ).toMatchObject({ rows: 6, added: 1, removed: 1 });
    // The same day again: nothing to write, nothing audited.
    const audits = rowsOf(rt, 'AuditLog').length;
    ok(call(rt, 'refreshScores', {}));
    expect(rowsOf(rt, 'AuditLog')).toHaveLength(audits);
  });

  it('is refreshed every night right after the statuses, by editors and admins only', () => {
    expect(NIGHTLY_ACTIONS.slice(1, 3)).toEqual(['refreshStatuses', 'refreshScores']);
    const { rt } = scoredCrm();
    addStaff(rt, 'viewer@example.org', 'viewer');
    expect(refused(as(rt, 'viewer@example.org', () => call(rt, 'refreshScores', {}))).code).toBe('forbidden');
    expect(ok(as(rt, 'viewer@example.org', () => call(rt, 'rfmScores', {}))).total).toBe(4);
  });
});

describe('crm rfm', () => {
  const CLI = join(__dirname, '..', '..', 'build', 'node', 'cli.js');
  const crm = (...args: string[]) => execFileSync(process.execPath, [CLI, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  it('prints the groups, then every donor with r, f, m, score and group', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'crm-rfm-')), 'crm.xlsx');
    crm('init', '--workbook', path, '--demo', '80');
    const report = JSON.parse(crm('rfm', '--workbook', path, '--json'));
    expect(Object.keys(report.groups)).toEqual([...RFM_SEGMENTS]);
    expect(Object.values(report.groups).reduce((a: number, b) => a + (b as number), 0)).toBe(report.total);
    expect(report.total).toBeGreaterThan(5);
    expect(report.donors).toHaveLength(report.total);
    for (const d of report.donors) expect(d.rfm_segment).toBe(rfmSegment(d.r, d.f));
    const scores = report.donors.map((d: { rfm_score: number }) => d.rfm_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const text = crm('rfm', '--workbook', path).split('\n');
    expect(text[0]).toBe(`RFM groups: ${report.total} donors (gifts of the last 24 months)`);
    expect(text[1]).toMatch(/^group +donors$/);
    expect(text[2]).toMatch(new RegExp(`^champions +${report.groups.champions}$`));
    const first = report.donors[0];
    const line = text.find((l) => l.startsWith(first.id))!;
    expect(line.split(/ {2,}/).slice(-5)).toEqual([String(first.r), String(first.f), String(first.m), String(first.rfm_score), first.rfm_segment]);

    const group = report.donors[report.donors.length - 1].rfm_segment;
    const one = JSON.parse(crm('rfm', '--workbook', path, '--segment', group, '--json'));
    expect(one.total).toBe(report.groups[group]);
    expect(new Set(one.donors.map((d: { rfm_segment: string }) => d.rfm_segment))).toEqual(new Set([group]));
  });
});
