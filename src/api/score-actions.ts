import type { Action } from './action';

/** RFM and engagement scores. */
export const SCORE_ACTIONS = {} satisfies Record<string, Action<any, any>>;
