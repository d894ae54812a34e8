/** The rule editor: trigger points listed with what is wrong with each (the very problems the run would
 *  report), added, changed and deleted through the sidebar rather than typed into the TriggerPoints
 *  sheet (which stays editable by hand in Google). Running the rules is trigger-points.ts. */
import { TRIGGER_ACTIONS, TriggerPoint, TriggerPoints } from '../../core/schema/tables';
import { columnProblem, Problem } from '../../core/schema/columns';
import type { Workbook } from '../../store/workbook';
import { UserError } from '../../store/errors';
import { messageOf, ruleRows, segmentNamed, watchedSegment } from './trigger-points';
import { triggerActionNamed } from './trigger-actions';

export interface TriggerPointRule {
  id: string;
  name: string;
  segment: string;
  /** As typed in the sheet (a hand-typed row may hold an action the CRM does not know). */
  action: string;
  argument: string;
  owner: string;
  active: boolean;
  /** What the nightly run would report for this row, in the caller's language. */
  problems: string[];
}

export interface SaveTriggerPointInput {
  id?: string;
  name: string;
  segment: string;
  action: string;
  argument?: string;
  owner?: string;
  active: boolean;
}

/** Every rule of the sheet in sheet order (blank lines aside), with its problems: the row's cells as
 *  the run checks them, and the segment it watches (missing, or a query that does not read). Segments
 *  are not evaluated here: a query that reads but fails (a loop) shows up in the run's report. */
export function listTriggerPoints(workbook: Workbook, language: string): { rules: TriggerPointRule[] } {
  return {
    rules: ruleRows(workbook).map(({ rule, row, problems }) =>
      ruleView(
        rule,
        [...problems, ...segmentProblems(workbook, rule, row)].map((p) => messageOf(language, p)),
      ),
    ),
  };
}

function segmentProblems(workbook: Workbook, rule: TriggerPoint, row: number): UserError[] {
  if (!rule.segment.trim()) return []; // already reported as required
  try {
    watchedSegment(workbook, rule.segment, row);
    return [];
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return [e];
  }
}

/** Adds a rule (the store gives it its id) or changes one. Every field is checked as the run checks
 *  the row, and a refusal names the field. The segment is stored under its exact name, whatever case
 *  or accents were typed; the action under its canonical name. On an edit, an argument or owner left
 *  out keeps its value. */
export function saveTriggerPoint(workbook: Workbook, input: SaveTriggerPointInput, language: string): TriggerPointRule {
  const table = workbook.table(TriggerPoints);
  const current = input.id !== undefined ? table.get(input.id) : undefined;
  if (input.id !== undefined && !current) throw new UserError('not_found', 'points.rule_not_found', { id: input.id.slice(0, 100) });

  const name = input.name.trim().replace(/\s+/g, ' ');
  refuse('points.rule_field_name', columnProblem(TriggerPoints.columns.name, name));

  const typedSegment = input.segment.trim();
  if (!typedSegment) refuse('points.rule_field_segment', { key: 'problem.required' });
  const segment = segmentNamed(workbook, typedSegment);
  if (!segment) refuse('points.rule_field_segment', { key: 'points.no_segment', params: { name: typedSegment.slice(0, 100) } });

  const found = triggerActionNamed(input.action);
  if (!found) {
    const typed = input.action.trim();
    refuse('points.rule_field_action', typed ? { key: 'problem.enum', params: { value: typed.slice(0, 40), allowed: TRIGGER_ACTIONS.join(', ') } } : { key: 'problem.required' });
  }

  // A note's text is kept as typed; a tag's name and a number of days lose the spaces around them.
  const rawArgument = input.argument ?? current?.argument ?? '';
  const argument = found!.name === 'note' ? rawArgument : rawArgument.trim();
  const argumentField = found!.name === 'follow_up' ? 'points.rule_field_days' : found!.name === 'note' ? 'points.rule_field_note' : 'points.rule_field_tag';
  refuse(argumentField, found!.action.checkArgument(argument) ?? columnProblem(TriggerPoints.columns.argument, argument));

  const owner = (input.owner ?? current?.owner ?? '').trim();
  refuse('points.rule_field_owner', columnProblem(TriggerPoints.columns.owner, owner));

  const values = { name, segment: segment!.name, action: found!.name, argument, owner, active: input.active };
  const saved = current ? table.update(current.id, values) : table.insert([values])[0];
  return ruleView(saved, problemsOf(workbook, saved.id, language));
}

/** Deletes a rule. Its TriggerLog rows stay: they are the history of what it did. */
export function deleteTriggerPoint(workbook: Workbook, id: string): { deleted: string } {
  const table = workbook.table(TriggerPoints);
  if (!table.get(id)) throw new UserError('not_found', 'points.rule_not_found', { id: id.slice(0, 100) });
  table.remove([id]);
  return { deleted: id };
}

/** A saved rule's problems as the list shows them (a segment whose query no longer reads, an id copied
 *  onto another row by hand): saving does not hide what the run would still report. */
function problemsOf(workbook: Workbook, id: string, language: string): string[] {
  return listTriggerPoints(workbook, language).rules.find((r) => r.id === id)?.problems ?? [];
}

function refuse(fieldKey: string, problem: Problem | null): void {
  if (problem) throw new UserError('invalid', fieldKey, { reasonKey: problem.key, ...(problem.params ?? {}) });
}

function ruleView(rule: TriggerPoint, problems: string[]): TriggerPointRule {
  return {
    id: rule.id,
    name: rule.name,
    segment: rule.segment,
    action: String(rule.action ?? ''),
    argument: rule.argument,
    owner: rule.owner,
    active: rule.active === true,
    problems,
  };
}
