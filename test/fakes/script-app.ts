/** ScriptApp: auth modes, authorization info and installable triggers (recorded as plain data). */
import { FakeContext, gasError } from './context';

export const AUTH_MODE = { NONE: 'NONE', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION', LIMITED: 'LIMITED', FULL: 'FULL' } as const;
const AUTHORIZATION_STATUS = { REQUIRED: 'REQUIRED', NOT_REQUIRED: 'NOT_REQUIRED' };
const EVENT_TYPE = { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT', ON_FORM_SUBMIT: 'ON_FORM_SUBMIT', ON_CHANGE: 'ON_CHANGE', ON_EVENT_UPDATED: 'ON_EVENT_UPDATED' };
const TRIGGER_SOURCE = { SPREADSHEETS: 'SPREADSHEETS', CLOCK: 'CLOCK', FORMS: 'FORMS', DOCUMENTS: 'DOCUMENTS', CALENDAR: 'CALENDAR' };
const WEEKDAY = { MONDAY: 'MONDAY', TUESDAY: 'TUESDAY', WEDNESDAY: 'WEDNESDAY', THURSDAY: 'THURSDAY', FRIDAY: 'FRIDAY', SATURDAY: 'SATURDAY', SUNDAY: 'SUNDAY' };
export const MAX_TRIGGERS = 20;

export interface TriggerRecord {
  id: string;
  functionName: string;
  eventType: string;
  source: string;
  sourceId: string | null;
  /** Email of the user who created it (triggers belong to a user). */
  user: string;
  /** Clock settings, e.g. { everyHours: 1 } or { everyDays: 1, atHour: 3 }. */
  schedule?: Record<string, any>;
}

export function createScriptApp(ctx: FakeContext, triggers: TriggerRecord[], scriptId = 'fake-script-id'): any {
  let nextId = 1;
  const owner = () => ctx.user || ctx.owner;

  const wrap = (t: TriggerRecord) => ({
    getUniqueId: () => t.id,
    getHandlerFunction: () => t.functionName,
    getEventType: () => t.eventType,
    getTriggerSource: () => t.source,
    getTriggerSourceId: () => t.sourceId,
  });

  const create = (rec: Omit<TriggerRecord, 'id' | 'user'>) => {
    const mine = triggers.filter((t) => t.user === owner()).length;
    if (mine >= MAX_TRIGGERS) {
      throw gasError(ctx, 'This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    }
    const t: TriggerRecord = { id: String(nextId++), user: owner(), ...rec };
    triggers.push(t);
    return wrap(t);
  };

  const clockBuilder = (functionName: string) => {
    const schedule: Record<string, any> = {};
    const allowed = (what: string, n: number, values: number[]) => {
      if (!values.includes(n)) throw gasError(ctx, `Invalid argument: ${what}. Allowed values are ${values.join(', ')}.`);
    };
    const b: any = {
      everyMinutes: (n: number) => {
        allowed('minutes', n, [1, 5, 10, 15, 30]);
        schedule.everyMinutes = n;
        return b;
      },
      everyHours: (n: number) => {
        allowed('hours', n, [1, 2, 4, 6, 8, 12]);
        schedule.everyHours = n;
        return b;
      },
      everyDays: (n: number) => {
        schedule.everyDays = n;
        return b;
      },
      everyWeeks: (n: number) => {
        schedule.everyWeeks = n;
        return b;
      },
      atHour: (h: number) => {
        schedule.atHour = h;
        return b;
      },
      nearMinute: (m: number) => {
        schedule.nearMinute = m;
        return b;
      },
      onWeekDay: (d: string) => {
        schedule.onWeekDay = d;
        return b;
      },
      onMonthDay: (d: number) => {
        schedule.onMonthDay = d;
        return b;
      },
      inTimezone: (tz: string) => {
        schedule.inTimezone = tz;
        return b;
      },
      at: (date: Date) => {
        schedule.at = new Date(date.getTime());
        return b;
      },
      after: (ms: number) => {
        schedule.after = ms;
        return b;
      },
      create: () => create({ functionName, eventType: EVENT_TYPE.CLOCK, source: TRIGGER_SOURCE.CLOCK, sourceId: null, schedule: { ...schedule } }),
    };
    return b;
  };

  const spreadsheetBuilder = (functionName: string, ss: any) => {
    const sourceId = typeof ss === 'string' ? ss : ss.getId();
    let eventType: string | null = null;
    const b: any = {
      onOpen: () => {
        eventType = EVENT_TYPE.ON_OPEN;
        return b;
      },
      onEdit: () => {
        eventType = EVENT_TYPE.ON_EDIT;
        return b;
      },
      onChange: () => {
        eventType = EVENT_TYPE.ON_CHANGE;
        return b;
      },
      onFormSubmit: () => {
        eventType = EVENT_TYPE.ON_FORM_SUBMIT;
        return b;
      },
      create: () => {
        if (!eventType) throw gasError(ctx, 'Trigger event type was not set.');
        return create({ functionName, eventType, source: TRIGGER_SOURCE.SPREADSHEETS, sourceId });
      },
    };
    return b;
  };

  return {
    AuthMode: AUTH_MODE,
    AuthorizationStatus: AUTHORIZATION_STATUS,
    EventType: EVENT_TYPE,
    TriggerSource: TRIGGER_SOURCE,
    WeekDay: WEEKDAY,
    getAuthorizationInfo: (_authMode?: string) => ({
      getAuthorizationStatus: () => AUTHORIZATION_STATUS.NOT_REQUIRED,
      getAuthorizationUrl: () => null,
      getAuthorizedScopes: () => [],
    }),
    newTrigger: (functionName: string) => ({
      timeBased: () => clockBuilder(String(functionName)),
      forSpreadsheet: (ss: any) => spreadsheetBuilder(String(functionName), ss),
    }),
    getProjectTriggers: () => triggers.filter((t) => t.user === owner()).map(wrap),
    getUserTriggers: (ss: any) => {
      const id = typeof ss === 'string' ? ss : ss.getId();
      return triggers.filter((t) => t.user === owner() && t.sourceId === id).map(wrap);
    },
    deleteTrigger(trigger: any) {
      const id = trigger.getUniqueId();
      const i = triggers.findIndex((t) => t.id === id);
      if (i >= 0) triggers.splice(i, 1);
    },
    getScriptId: () => scriptId,
    getOAuthToken: () => 'fake-oauth-token',
    getService: () => ({
      getUrl: () => `https://script.google.com/macros/s/${scriptId}/exec`,
      isEnabled: () => true,
    }),
  };
}
