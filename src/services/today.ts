import { Settings } from '../core/schema/tables';
import { crmSettings, CrmSettings, settingsMap } from '../core/settings';
import { todayIn } from '../core/dates';
import type { Workbook } from '../store/workbook';

/** The CRM's settings, typed (from the cached Settings table). */
export function settingsOf(workbook: Workbook): CrmSettings {
  return crmSettings(settingsMap(workbook.sheetNames().has(Settings.name) ? workbook.rowsOf(Settings) : []));
}

/** Today's date in the spreadsheet's time zone: the day every dated rule is reckoned on. */
export function todayOf(workbook: Workbook): string {
  return todayIn(workbook.clock.now(), workbook.clock.timeZone());
}
