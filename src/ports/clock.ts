export interface Clock {
  now(): Date;
  /** The spreadsheet's time zone (IANA name), in which 'today' and dates are reckoned. */
  timeZone(): string;
}
