import { TABLES, Staff, Settings, RelationshipTypes, ROLES, Templates } from '../core/schema/tables';
import { DEFAULT_RELATIONSHIP_TYPES, DEFAULT_SETTINGS } from '../core/defaults';
import type { Workbook } from '../store/workbook';
import { hasActiveAdmin } from './access';
import { readRole } from '../core/roles';
import { addDefaultTriggerPoints } from './points/trigger-points';
import { DEFAULT_TEMPLATES } from '../core/mail/default-templates';

export interface SetupReport {
  tablesCreated: string[];
  columnsAdded: { table: string; columns: string[] }[];
  settingsAdded: number;
  relationshipTypesAdded: number;
  /** Default trigger points (and the segments they watch) added: only when there was no rule at all. */
  triggerPointsAdded: number;
  /** The caller's role after Set up ('admin' when they became the first admin). */
  role: string;
  becameAdmin: boolean;
  /** The database's migrations applied now, when a database holds the big tables. */
  databaseMigrations?: string[];
}

/** Creates the tables a spreadsheet lacks and adds the columns its tables lack. Idempotent: on a
 *  set-up spreadsheet it changes nothing; it never touches existing rows. The first person to run it
 *  (when Staff has no active admin) becomes admin. Access to run it is checked by the caller. */
export function setUp(workbook: Workbook, callerEmail: string): SetupReport {
  const report: SetupReport = { tablesCreated: [], columnsAdded: [], settingsAdded: 0, relationshipTypesAdded: 0, triggerPointsAdded: 0, role: '', becameAdmin: false };
  if (workbook.database) {
    report.databaseMigrations = workbook.database.migrate();
    workbook.refreshSheetNames();
  }
  const existing = workbook.sheetNames();
  for (const def of TABLES) {
    if (!existing.has(def.name)) {
      workbook.grid.createSheet(def.name, Object.keys(def.columns));
      report.tablesCreated.push(def.name);
    } else {
      const added = workbook.table(def).addMissingColumns();
      if (added.length) report.columnsAdded.push({ table: def.name, columns: added });
    }
  }
  workbook.refreshSheetNames();

  const settings = workbook.table(Settings);
  const keys = new Set(settings.all().map((s) => s.key));
  const missingSettings = DEFAULT_SETTINGS.filter((s) => !keys.has(s.key));
  settings.insert(missingSettings);
  report.settingsAdded = missingSettings.length;

  const types = workbook.table(RelationshipTypes);
  if (types.count() === 0) {
    types.insert(DEFAULT_RELATIONSHIP_TYPES.map((t) => ({ ...t, active: true })));
    report.relationshipTypesAdded = DEFAULT_RELATIONSHIP_TYPES.length;
  }

  report.triggerPointsAdded = addDefaultTriggerPoints(workbook).rules;
  // The templates of the default rules, in the four languages, when there is none at all.
  if (workbook.table(Templates).count() === 0) workbook.table(Templates).insert(DEFAULT_TEMPLATES);

  // People type into Staff by hand: a dropdown offers the roles and TRUE/FALSE (a role it does not
  // know grants nothing anyway, see access.ts).
  // (Only on a sheet: in the database, Staff is changed through the CRM alone.)
  const header = workbook.inDatabase(Staff.name) ? [] : workbook.header(Staff.name);
  for (const [column, values] of [
    ['role', [...ROLES]],
    ['active', ['TRUE', 'FALSE']],
  ] as const) {
    const at = header.findIndex((h) => h.trim().toLowerCase() === column);
    if (at >= 0) workbook.grid.setChoices(Staff.name, at + 1, [...values]);
  }

  const staff = workbook.table(Staff);
  const me = staff.all().find((s) => s.email.toLowerCase() === callerEmail);
  if (!hasActiveAdmin(workbook)) {
    if (me) staff.update(me.id, { role: 'admin', active: true });
    else staff.insert([{ email: callerEmail, role: 'admin', active: true }]);
    report.becameAdmin = true;
    report.role = 'admin';
  } else report.role = me?.active ? (readRole(me.role) ?? '') : '';
  return report;
}

/** True when every table exists (columns may still be missing: Set up adds them). */
export function isSetUp(workbook: Workbook): boolean {
  const names = workbook.sheetNames();
  return TABLES.every((t) => names.has(t.name));
}
