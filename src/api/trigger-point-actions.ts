import type { Action } from './action';

/** Trigger points. */
export const TRIGGER_POINT_ACTIONS = {} satisfies Record<string, Action<any, any>>;
