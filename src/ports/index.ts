import type { Grid } from './grid';
import type { Lock } from './lock';
import type { KeyValue } from './key-value';
import type { Clock } from './clock';
import type { Identity } from './identity';

export type { Grid, Lock, KeyValue, Clock, Identity };

/** Everything one execution needs from the outside world. Each runtime (Apps Script, Node, tests)
 *  builds one of these from its adapters. */
export interface Runtime {
  grid: Grid;
  lock: Lock;
  properties: KeyValue;
  clock: Clock;
  identity: Identity;
}
