import type { Runtime } from '../../ports';
import { Workbook } from '../../store/workbook';
import { settingsOf } from '../today';

/** The language the intake speaks (its answers, the Inbox's errors): the CRM's (Settings.language),
 *  else the account it runs as. A delivery has no person to ask. */
export function crmLanguage(runtime: Runtime): string {
  try {
    return settingsOf(new Workbook(runtime, runtime.clock, 'intake')).language || runtime.identity.locale() || 'en';
  } catch {
    return runtime.identity.locale() || 'en';
  }
}
