import type { Action } from './action';

/** The membership funnel dashboard. */
export const DASHBOARD_ACTIONS = {} satisfies Record<string, Action<any, any>>;
