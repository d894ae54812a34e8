export interface Clock {
  now(): Date;
  /** The spreadsheet's time zone (IANA name), in which 'today' and dates are reckoned. */
  timeZone(): string;
  /** Waits (a backoff before asking a busy service again). In Google: Utilities.sleep; in Node: a
   *  blocking wait; in tests: the fixed clock moves on. */
  sleep(ms: number): void;
}
