import { queryErrorParams } from '../../core/query/messages';
import { Contacts, Segment, SegmentMembers, Segments, TriggerLog, TriggerPoint, TriggerPoints } from '../../core/schema/tables';
import { columnProblem } from '../../core/schema/columns';
import { DEFAULT_TRIGGER_POINTS, entriesAndExits, EntryChanges, OpenEntry } from '../../core/trigger-points';
import { parseQuery } from '../../core/query/parse';
import type { QueryNode } from '../../core/query/tree';
import { translate } from '../../core/i18n';
import { displayName, fold } from '../../core/text';
import type { Workbook } from '../../store/workbook';
import { UserError, ValidationError } from '../../store/errors';
import { selectContacts } from '../query/query';
import { triggerActionNamed, TriggerAction } from './trigger-actions';

/** What one rule did in a run. `errors` are in the caller's language and name the rule's row and
 *  column when the row is at fault; a rule with errors before it acts changes nothing. */
export interface RuleRun {
  id: string;
  name: string;
  /** Contacts that entered the segment since the last run (the rule fired, or tried to, for each). */
  entered: number;
  fired: number;
  /** Contacts that left the segment: their log entries are closed, the next entry fires again. */
  left: number;
  errors: string[];
}

export interface TriggerRun {
  fired: number;
  closed: number;
  rules: RuleRun[];
}

interface Plan {
  rule: TriggerPoint;
  action: TriggerAction;
  report: RuleRun;
  changes: EntryChanges;
  /** Members who were in the segment at the last run too. */
  staying: string[];
}

/** Runs every active rule of the TriggerPoints sheet once (the nightly trigger calls this): for each
 *  contact that entered the rule's segment since the last run, the action runs and a TriggerLog row
 *  opens; for each contact that left, its row closes. Who is in which segment is worked out for every
 *  rule first, so that one rule's action (a tag) does not change what another rule sees in the same
 *  run: that shows up at the next run. A broken rule is reported and skipped, the others run.
 *  Inactive rules (active is not TRUE: a rule acts on many contacts at once, so only when someone
 *  has said so) do nothing, and their open entries stay as they are. */
export function runTriggerPoints(workbook: Workbook, by: string, language: string): TriggerRun {
  const now = workbook.clock.now().toISOString();
  const log = workbook.table(TriggerLog);
  const open = openEntries(workbook);
  const members = new Map<string, string[]>();
  const plans: Plan[] = [];
  const reports: RuleRun[] = [];
  for (const { rule, row, problems } of ruleRows(workbook)) {
    if (rule.active !== true) continue;
    const report: RuleRun = { id: rule.id, name: rule.name, entered: 0, fired: 0, left: 0, errors: [] };
    reports.push(report);
    const found = triggerActionNamed(rule.action);
    if (problems.length || !found) {
      report.errors.push(...problems.map((p) => messageOf(language, p)));
      continue;
    }
    try {
      const inSegment = segmentMembers(workbook, rule.segment, row, language, members);
      const entries = open.get(rule.id) ?? [];
      const already = new Set(entries.map((e) => e.contact_id));
      plans.push({ rule, action: found.action, report, changes: entriesAndExits(entries, inSegment), staying: [...new Set(inSegment)].filter((id) => already.has(id)) });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      report.errors.push(messageOf(language, e));
    }
  }

  for (const { rule, action, report, changes, staying } of plans) {
    for (const id of changes.leaving) log.update(id, { left_at: now });
    report.left = changes.leaving.length;
    report.entered = changes.entering.length;
    if (changes.entering.length) enter(rule, action, report, changes);
    if (staying.length && action.staying) stay(rule, action, report, staying);
  }
  return {
    fired: reports.reduce((n, r) => n + r.fired, 0),
    closed: reports.reduce((n, r) => n + r.left, 0),
    rules: reports,
  };

  /** What a rule does for those who stay in its segment (a thank-you per new gift): no log row, since
   *  they entered once; a contact it could not act for is counted in the rule's errors. */
  function stay(rule: TriggerPoint, action: TriggerAction, report: RuleRun, ids: string[]): void {
    let act: ((contactId: string) => number) | null;
    try {
      act = action.staying!({ workbook, rule, by });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      report.errors.push(messageOf(language, e));
      return;
    }
    if (!act) return;
    for (const contactId of ids)
      try {
        if (act(contactId) > 0) report.fired++;
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        report.errors.push(messageOf(language, e));
      }
  }

  function enter(rule: TriggerPoint, action: TriggerAction, report: RuleRun, changes: EntryChanges): void {
    let act: (contactId: string) => void;
    try {
      act = action.prepare({ workbook, rule, by });
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      report.errors.push(messageOf(language, e));
      report.entered = 0;
      return;
    }
    // On a database, the contacts who entered are fetched together, not one query each.
    if (workbook.inDatabase(Contacts.name)) workbook.table(Contacts).prefetch('id', changes.entering);
    const failures = new Map<string, number>();
    const rows = changes.entering.map((contactId) => {
      try {
        act(contactId);
        report.fired++;
        return { rule_id: rule.id, contact_id: contactId, entered_at: now, left_at: '', outcome: 'done' };
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        const reason = messageOf(language, e);
        failures.set(reason, (failures.get(reason) ?? 0) + 1);
        // Closed at once: the rule did not act, so it tries again at the next run (once the cause is
        // fixed), and the log says why it did not this time.
        return { rule_id: rule.id, contact_id: contactId, entered_at: now, left_at: now, outcome: reason };
      }
    });
    log.insert(rows);
    for (const [reason, count] of failures) report.errors.push(translate(language, 'points.contacts_failed', { count, reason }));
  }
}

/** The rules as typed in the sheet, each with its sheet row and what is wrong with its cells
 *  (checked here rather than on read: a hand-edited row must be reported, not stop the others). The
 *  rule editor lists the same problems next to each rule. */
export function ruleRows(workbook: Workbook): { rule: TriggerPoint; row: number; problems: UserError[] }[] {
  const scan = workbook.table(TriggerPoints).scan();
  const out: { rule: TriggerPoint; row: number; problems: UserError[] }[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const rule = scan.record(i);
    const row = i + 2;
    if (!rule.id && !rule.name && !rule.segment && !rule.action) continue; // a blank line
    const problems: UserError[] = [];
    const bad = (column: string, problem: { key: string; params?: Record<string, string | number> }) => problems.push(new ValidationError(TriggerPoints.name, row, column, problem));
    // The log remembers who a rule fired for by the rule's id: a row without one, or with a copied
    // one, would fire for everyone again, or never.
    if (!rule.id.trim()) bad('id', { key: 'points.no_id' });
    else if (ids.has(rule.id)) bad('id', { key: 'points.duplicate_id', params: { value: rule.id } });
    ids.add(rule.id);
    for (const column of ['name', 'segment', 'owner'] as const) {
      const problem = columnProblem(TriggerPoints.columns[column], String(rule[column] ?? '').trim());
      if (problem) bad(column, problem);
    }
    const found = triggerActionNamed(rule.action);
    if (!found) bad('action', columnProblem(TriggerPoints.columns.action, String(rule.action).trim()) ?? { key: 'problem.required' });
    else {
      const argumentProblem = found.action.checkArgument(rule.argument);
      if (argumentProblem) bad('argument', argumentProblem);
    }
    out.push({ rule, row, problems });
  }
  return out;
}

/** The open log entries (left_at blank) of every rule, from the log's raw cells: it only grows. */
function openEntries(workbook: Workbook): Map<string, OpenEntry[]> {
  const scan = workbook.table(TriggerLog).scan();
  const [cId, cRule, cContact, cLeft] = ['id', 'rule_id', 'contact_id', 'left_at'].map((c) => scan.column(c));
  const out = new Map<string, OpenEntry[]>();
  if (cId < 0 || cRule < 0 || cContact < 0 || cLeft < 0) return out;
  for (let i = 0; i < scan.size; i++) {
    if (!scan.live(i)) continue;
    const cells = scan.cells(i);
    if (cells[cLeft] !== '' || cells[cId] === '') continue;
    const rule = String(cells[cRule]);
    const entry = { id: String(cells[cId]), contact_id: String(cells[cContact]) };
    const list = out.get(rule);
    if (list) list.push(entry);
    else out.set(rule, [entry]);
  }
  return out;
}

/** The live contacts of the segment a rule names (its name, case and accents aside): a static one's
 *  list, a dynamic one's query as of now. Several rules on one segment share one evaluation, and all
 *  queries share one gathering of facts. */
function segmentMembers(workbook: Workbook, name: string, row: number, language: string, known: Map<string, string[]>): string[] {
  const { segment, tree } = watchedSegment(workbook, name, row);
  const cached = known.get(segment.id);
  if (cached) return cached;
  let ids: string[];
  if (segment.kind.trim().toLowerCase() === 'static') {
    const contacts = workbook.table(Contacts);
    ids = workbook
      .table(SegmentMembers)
      .where('segment_id', segment.id)
      .map((m) => m.contact_id)
      .filter((id) => {
        const c = contacts.get(id);
        return !!c && c.deleted !== true && !c.merged_into;
      });
  } else if (!tree) {
    ids = []; // as the query engine reads a dynamic segment without a query: nobody
  } else {
    try {
      ids = selectContacts(workbook, tree);
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      throw new ValidationError(TriggerPoints.name, row, 'segment', { key: 'points.segment_fails', params: { name: segment.name, problem: messageOf(language, e).replace(/\.$/, '') } });
    }
  }
  known.set(segment.id, ids);
  return ids;
}

/** The segment a rule's row names and, for a dynamic one, its query read: what can be checked without
 *  evaluating it (the rule editor lists these problems too). Throws the row's problem. */
export function watchedSegment(workbook: Workbook, name: string, row: number): { segment: Segment; tree: QueryNode | null } {
  const segment = segmentNamed(workbook, name);
  if (!segment) throw new ValidationError(TriggerPoints.name, row, 'segment', { key: 'points.no_segment', params: { name: name.trim() } });
  if (segment.kind.trim().toLowerCase() === 'static' || !segment.query.trim()) return { segment, tree: null };
  const parsed = parseQuery(segment.query);
  if (!parsed.ok) {
    throw new ValidationError(TriggerPoints.name, row, 'segment', { key: 'points.bad_query', params: { ...queryErrorParams(parsed.error), name: segment.name } });
  }
  return { segment, tree: parsed.tree };
}

export function segmentNamed(workbook: Workbook, name: string): Segment | undefined {
  const wanted = fold(name.trim());
  return wanted
    ? workbook
        .table(Segments)
        .all()
        .find((s) => fold(s.name.trim()) === wanted)
    : undefined;
}

export interface TriggerLogView {
  id: string;
  rule: string;
  rule_name: string;
  contact_id: string;
  contact_name: string;
  entered_at: string;
  left_at: string;
  outcome: string;
}

/** The trigger log, newest entry first: all rules, or one (by id, or by name case and accents aside). */
export function triggerLog(workbook: Workbook, limit: number, rule?: string): { entries: TriggerLogView[] } {
  const rules = workbook.table(TriggerPoints).all();
  let only: string | undefined;
  if (rule !== undefined && rule.trim() !== '') {
    const wanted = rule.trim();
    const found = rules.find((r) => r.id === wanted) ?? rules.find((r) => fold(r.name.trim()) === fold(wanted));
    if (!found) throw new UserError('not_found', 'points.no_rule', { rule: wanted.slice(0, 100) });
    only = found.id;
  }
  const names = new Map(rules.map((r) => [r.id, r.name]));
  const log = workbook.table(TriggerLog);
  const entries = (only === undefined ? log.all() : log.where('rule_id', only))
    .map((e, order) => ({ e, order }))
    // Newest first; entries of one run share a time, and the later row is the later one.
    .sort((a, b) => (a.e.entered_at < b.e.entered_at ? 1 : a.e.entered_at > b.e.entered_at ? -1 : b.order - a.order))
    .slice(0, limit);
  const contacts = workbook.table(Contacts);
  return {
    entries: entries.map(({ e }) => {
      const contact = contacts.get(e.contact_id);
      return {
        id: e.id,
        rule: e.rule_id,
        rule_name: names.get(e.rule_id) ?? '',
        contact_id: e.contact_id,
        contact_name: contact ? displayName(contact) : '',
        entered_at: e.entered_at,
        left_at: e.left_at,
        outcome: e.outcome,
      };
    }),
  };
}

/** Set up's part: the default rules and the dynamic segments they watch, when the TriggerPoints sheet
 *  has no rule at all (as relationship types: a default someone deleted does not come back; to stop
 *  one, set its active cell to FALSE). A segment is added only when none has its name. */
export function addDefaultTriggerPoints(workbook: Workbook): { rules: number; segments: number } {
  const rules = workbook.table(TriggerPoints);
  if (rules.count() > 0) return { rules: 0, segments: 0 };
  const segments = workbook.table(Segments);
  const taken = new Set(segments.all().map((s) => fold(s.name.trim())));
  const newSegments = DEFAULT_TRIGGER_POINTS.map((d) => d.segment).filter((s) => {
    const key = fold(s.name);
    if (taken.has(key)) return false;
    taken.add(key);
    return true;
  });
  segments.insert(newSegments.map((s) => ({ name: s.name, kind: 'dynamic', query: s.query, description: s.description })));
  rules.insert(DEFAULT_TRIGGER_POINTS.map((d) => ({ name: d.name, segment: d.segment.name, action: d.action, argument: d.argument, owner: '', active: d.inactive !== true })));
  return { rules: DEFAULT_TRIGGER_POINTS.length, segments: newSegments.length };
}

export function messageOf(language: string, error: UserError): string {
  const params = { ...error.params };
  if (typeof params.reasonKey === 'string') params.reason = translate(language, params.reasonKey, params);
  return translate(language, error.key, params);
}
