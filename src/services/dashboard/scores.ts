import { AuditLog, Scores } from '../../core/schema/tables';
import type { Cell } from '../../core/schema/columns';
import { newId } from '../../core/ids';
import { encode } from '../../store/codec';
import { RFM_SEGMENTS } from '../../core/query/tree';
import { rfmColumns, RfmColumns, RfmSegment } from '../../core/rfm';
import { engagementColumns, EngagementColumns } from '../../core/engagement';
import { isoOfDay } from '../../core/day-numbers';
import { displayName } from '../../core/text';
import { UserError } from '../../store/errors';
import { SqlTable } from '../../store/sql/sql-table';
import type { Workbook } from '../../store/workbook';
import { ContactFacts, factsOf } from '../query/query-facts';
import { settingsOf } from '../today';
import { refreshScoresInDatabase } from './scores-in-database';

/** RFM and engagement as of today, for every live contact, worked out from the facts the query engine
 *  gathers (one read of Donations and Interactions serves both), once per execution. The Scores sheet
 *  is a copy for people who filter in plain Sheets, rewritten every night (refreshScores); nothing here
 *  reads it back. */

export interface ScoreColumns {
  facts: ContactFacts;
  rfm: RfmColumns;
  engagement: EngagementColumns;
  windowMonths: number;
}

export interface ContactScore {
  /** Days since the last gift in the RFM window; null for a contact who gave nothing in it. */
  recency_days: number | null;
  frequency: number;
  monetary: number;
  /** 1..5 each for a donor, 0 otherwise. */
  r: number;
  f: number;
  m: number;
  /** r + f + m (3..15) for a donor, 0 otherwise. */
  rfm_score: number;
  rfm_segment: RfmSegment | '';
  engagement: number;
  hot: boolean;
}

const columns = new WeakMap<Workbook, ScoreColumns>();
const maps = new WeakMap<Workbook, Map<string, ContactScore>>();

/** Every live contact's scores as columns (by position in facts.ids): what queries read. */
export function scoreColumns(workbook: Workbook): ScoreColumns {
  const known = columns.get(workbook);
  if (known) return known;
  const facts = factsOf(workbook);
  const settings = settingsOf(workbook);
  const rfm = rfmColumns(facts.gifts, facts.size, facts.today, settings.rfm);
  const engagement = engagementColumns(facts.interactions, facts.gifts, facts.size, facts.today, settings.engagement, facts.activity);
  const scores = { facts, rfm, engagement, windowMonths: settings.rfm.windowMonths };
  columns.set(workbook, scores);
  return scores;
}

/** The scores of every contact who is a donor (a gift in the RFM window) or engaged (an engagement
 *  above 0), by contact id. Contacts who are neither are absent. */
export function contactScores(workbook: Workbook): Map<string, ContactScore> {
  const known = maps.get(workbook);
  if (known) return known;
  const s = scoreColumns(workbook);
  const out = new Map<string, ContactScore>();
  for (let c = 0; c < s.facts.size; c++) if (isScored(s, c)) out.set(s.facts.ids[c], scoreOf(s, c));
  maps.set(workbook, out);
  return out;
}

/** How many donors each RFM group holds; every group is present, 0 when empty. */
export function rfmGroups(workbook: Workbook): Record<RfmSegment, number> {
  const { rfm } = scoreColumns(workbook);
  const groups = Object.fromEntries(RFM_SEGMENTS.map((s) => [s, 0])) as Record<RfmSegment, number>;
  for (const c of rfm.donors) groups[RFM_SEGMENTS[rfm.segment[c] - 1]]++;
  return groups;
}

const isScored = (s: ScoreColumns, c: number) => s.rfm.isDonor[c] === 1 || s.engagement.score[c] > 0;

function scoreOf(s: ScoreColumns, c: number): ContactScore {
  const { rfm, engagement } = s;
  const donor = rfm.isDonor[c] === 1;
  return {
    recency_days: donor ? rfm.recency[c] : null,
    frequency: rfm.frequency[c],
    monetary: rfm.monetary[c],
    r: rfm.r[c],
    f: rfm.f[c],
    m: rfm.m[c],
    rfm_score: rfm.r[c] + rfm.f[c] + rfm.m[c],
    rfm_segment: donor ? RFM_SEGMENTS[rfm.segment[c] - 1] : '',
    engagement: engagement.score[c],
    hot: engagement.hot[c] === 1,
  };
}

/** A contact's name and email from its raw cells (no record decoded). */
function person(facts: ContactFacts, c: number): { name: string; email: string } {
  const cells = facts.contacts.cells(facts.rows[c]);
  const text = (name: string) => {
    const k = facts.contacts.column(name);
    return k < 0 ? '' : String(cells[k] ?? '');
  };
  return { name: displayName({ kind: text('kind'), first_name: text('first_name'), last_name: text('last_name'), organisation_name: text('organisation_name') }), email: text('email') };
}

export interface ScoresRefresh {
  scored: number;
  donors: number;
  engaged: number;
}

/** The audit log's name for the nightly rewrite (one compact row: counts, not a diff of every cell). */
export const SCORES_AUDIT = 'scores.refresh';

/** The nightly copy of the scores into the Scores sheet: one row per donor or engaged contact, for
 *  people who filter in plain Sheets. A contact's row keeps its id from night to night, rows of
 *  contacts no longer scored (or deleted, merged, listed twice) go, new contacts come last.
 *
 *  Every donor's recency moves on each day, so nearly every row changes every night: written row by
 *  row through the store, that would be one setValues per run of rows whose changed columns differ
 *  (thousands at 100,000 contacts, past Apps Script's six minutes). So the sheet is rewritten whole,
 *  as the schema says it is: the rows that stay move up over the ones that go, and everything is
 *  written in one write call (one block per run of CRM columns), plus one append when the list grows
 *  or one deletion of the leftover rows when it shrinks. Columns people added are not written (a
 *  formula there keeps working), but their cells do not move with the rows: this sheet is a copy
 *  rebuilt every night, not a place to type. One audit row says what changed, in counts. */
export function refreshScores(workbook: Workbook): ScoresRefresh {
  if (!workbook.sheetNames().has(Scores.name)) throw new UserError('not_set_up', 'error.not_set_up');
  const inDatabase = workbook.database ? refreshScoresInDatabase(workbook) : null;
  if (inDatabase) return inDatabase;
  const s = scoreColumns(workbook);
  const { facts } = s;
  const scan = workbook.table(Scores).scan();
  const names = Object.keys(Scores.columns) as (keyof typeof Scores.columns)[];
  const at = names.map((name) => scan.column(name));
  const missing = names.find((_, k) => at[k] < 0);
  if (missing) throw new UserError('missing_column', 'error.missing_column', { table: Scores.name, column: missing });
  const [cId, cContact] = [at[names.indexOf('id')], at[names.indexOf('contact_id')]];

  // Rows that stay, in sheet order, then the contacts scored for the first time.
  const kept = new Map<string, string>(); // contact → row id
  let before = 0;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    before++;
    const cells = scan.cells(i);
    const id = String(cells[cId] ?? '');
    const contact = String(cells[cContact] ?? '');
    const c = facts.index.get(contact);
    if (id && c !== undefined && isScored(s, c) && !kept.has(contact)) kept.set(contact, id);
  }
  const order: number[] = [];
  for (const contact of kept.keys()) order.push(facts.index.get(contact)!);
  let added = 0;
  for (let c = 0; c < facts.size; c++)
    if (isScored(s, c) && !kept.has(facts.ids[c])) {
      order.push(c);
      added++;
    }

  const now = workbook.clock.now();
  const width = Math.max(...at, ...scan.customColumns()) + 1;
  const records: Record<string, unknown>[] = [];
  const rows = order.map((c) => {
    const score = scoreOf(s, c);
    const donor = score.recency_days !== null;
    const record: Record<string, unknown> = {
      id: kept.get(facts.ids[c]) ?? newId(Scores.idPrefix, now.getTime()),
      contact_id: facts.ids[c],
      name: person(facts, c).name,
      recency_days: donor ? score.recency_days : '',
      frequency: donor ? score.frequency : '',
      monetary: donor ? score.monetary : '',
      r: donor ? score.r : '',
      f: donor ? score.f : '',
      m: donor ? score.m : '',
      rfm_score: donor ? score.rfm_score : '',
      rfm_segment: score.rfm_segment,
      engagement: score.engagement,
      hot: score.hot,
      scored_at: now.toISOString(),
    };
    records.push(record);
    const cells = new Array<Cell>(width).fill('');
    names.forEach((name, k) => (cells[at[k]] = encode(Scores.columns[name], record[name])));
    return cells;
  });

  // Nothing changed (the same day again): nothing to write or audit.
  if (added === 0 && rows.length === before && rows.every((r, i) => at.every((k) => r[k] === scan.cells(i)[k]))) {
    return { scored: rows.length, donors: s.rfm.donors.length, engaged: s.engagement.engaged };
  }
  const table = workbook.table(Scores);
  if (table instanceof SqlTable) table.replaceAll(records);
  else {
    const inPlace = Math.min(rows.length, before);
    if (inPlace)
      workbook.grid.write(
        Scores.name,
        columnRuns(at).map(([first, last]) => ({ row: 2, column: first + 1, values: rows.slice(0, inPlace).map((r) => r.slice(first, last + 1)) })),
      );
    if (rows.length > before) workbook.grid.append(Scores.name, rows.slice(before), before + 1);
    if (before > rows.length) workbook.grid.deleteRows(Scores.name, rows.length + 2, before - rows.length);
  }
  auditScores(workbook, { before, after: rows.length, added, donors: s.rfm.donors.length, engaged: s.engagement.engaged });
  return { scored: rows.length, donors: s.rfm.donors.length, engaged: s.engagement.engaged };
}

/** The one audit row of a night's rewrite of the Scores table, in counts. */
export function auditScores(workbook: Workbook, counts: { before: number; after: number; added: number; donors: number; engaged: number }): void {
  const { before, after, added, donors, engaged } = counts;
  workbook.table(AuditLog).appendUnread([
    {
      when: workbook.clock.now().toISOString(),
      who: workbook.who,
      action: SCORES_AUDIT,
      table: Scores.name,
      record_id: '',
      before: JSON.stringify({ rows: before }),
      after: JSON.stringify({ rows: after, added, removed: before - (after - added), donors, engaged }),
    },
  ]);
}

/** The sheet's CRM columns as runs of neighbouring columns ([first, last], 0-based): one block each,
 *  so that a column people added between two of ours is never written over. */
function columnRuns(columns: number[]): [number, number][] {
  const sorted = [...columns].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const c of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === c - 1) last[1] = c;
    else runs.push([c, c]);
  }
  return runs;
}

export interface RfmDonor {
  id: string;
  name: string;
  recency_days: number;
  frequency: number;
  monetary: number;
  r: number;
  f: number;
  m: number;
  rfm_score: number;
  rfm_segment: RfmSegment;
}

export interface RfmReport {
  window_months: number;
  groups: Record<RfmSegment, number>;
  donors: RfmDonor[];
  total: number;
}

/** The donors, best first (highest RFM score, then most given, most recent, then by name), of one
 *  group or all, one page, with every group's count. */
export function rfmReport(workbook: Workbook, segment?: RfmSegment, offset = 0, limit = 100): RfmReport {
  const s = scoreColumns(workbook);
  const { rfm, facts } = s;
  const wanted = segment ? RFM_SEGMENTS.indexOf(segment) + 1 : 0;
  const chosen = rfm.donors.filter((c) => !wanted || rfm.segment[c] === wanted);
  const total = (c: number) => rfm.r[c] + rfm.f[c] + rfm.m[c];
  // Names only for ties, and only once each.
  const names = new Map<number, string>();
  const nameOf = (c: number) => names.get(c) ?? names.set(c, person(facts, c).name).get(c)!;
  chosen.sort((a, b) => total(b) - total(a) || rfm.monetary[b] - rfm.monetary[a] || rfm.recency[a] - rfm.recency[b] || nameOf(a).localeCompare(nameOf(b)));
  const donors = chosen.slice(offset, offset + limit).map((c) => {
    const score = scoreOf(s, c);
    return {
      id: facts.ids[c],
      name: nameOf(c),
      recency_days: score.recency_days!,
      frequency: score.frequency,
      monetary: score.monetary,
      r: score.r,
      f: score.f,
      m: score.m,
      rfm_score: score.rfm_score,
      rfm_segment: score.rfm_segment as RfmSegment,
    };
  });
  return { window_months: s.windowMonths, groups: rfmGroups(workbook), donors, total: chosen.length };
}

export interface HotContact {
  id: string;
  name: string;
  email: string;
  engagement: number;
  /** The last day something counted towards the score (ISO). */
  last_engaged: string;
}

/** The hot list, most engaged first (then most recently engaged). */
export function hotList(workbook: Workbook, limit = 50): { items: HotContact[] } {
  const { engagement, facts } = scoreColumns(workbook);
  const hot: number[] = [];
  for (let c = 0; c < facts.size; c++) if (engagement.hot[c]) hot.push(c);
  hot.sort((a, b) => engagement.score[b] - engagement.score[a] || engagement.last[b] - engagement.last[a] || a - b);
  return {
    items: hot.slice(0, limit).map((c) => ({ id: facts.ids[c], ...person(facts, c), engagement: engagement.score[c], last_engaged: isoOfDay(engagement.last[c]) })),
  };
}
