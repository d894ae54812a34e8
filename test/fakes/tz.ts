/** Time-zone helpers built on Intl (wall-clock time <-> instants, Sheets serial numbers). */

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  weekday: number; // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatterFor(tz: string | undefined): Intl.DateTimeFormat {
  const key = tz || '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz || undefined,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(key, f);
  }
  return f;
}

/** Wall-clock time of instant `ms` in time zone `tz` (host zone when undefined). */
export function wallTime(ms: number, tz?: string): WallTime {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(tz).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const msPart = ((ms % 1000) + 1000) % 1000;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    ms: msPart,
    weekday: WEEKDAYS.indexOf(parts.weekday),
  };
}

function utcOf(w: Partial<WallTime> & { year: number; month: number; day: number }): number {
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day);
  d.setUTCHours(w.hour || 0, w.minute || 0, w.second || 0, w.ms || 0);
  return d.getTime();
}

/** Offset (ms) of zone `tz` at instant `ms`: wall time minus UTC. */
export function zoneOffset(ms: number, tz?: string): number {
  const w = wallTime(ms, tz);
  return utcOf(w) - ms;
}

/** Instant of a wall-clock time in zone `tz`. */
export function fromWallTime(w: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; ms?: number }, tz?: string): number {
  const guess = utcOf(w);
  const first = guess - zoneOffset(guess, tz);
  const second = guess - zoneOffset(first, tz);
  return second;
}

const MS_PER_DAY = 86400000;
const SERIAL_EPOCH = Date.UTC(1899, 11, 30);

/** Sheets serial number (days since 1899-12-30, wall time in `tz`) of instant `ms`. */
export function toSerial(ms: number, tz?: string): number {
  return (utcOf(wallTime(ms, tz)) - SERIAL_EPOCH) / MS_PER_DAY;
}

/** Instant of a Sheets serial number interpreted as wall time in `tz`. */
export function fromSerial(serial: number, tz?: string): number {
  const wallAsUtc = SERIAL_EPOCH + Math.round(serial * MS_PER_DAY);
  const d = new Date(wallAsUtc);
  return fromWallTime(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      ms: d.getUTCMilliseconds(),
    },
    tz,
  );
}

/** Zone offset formatted as +0100 / -0500. */
export function offsetString(ms: number, tz?: string, withColon = false): string {
  const minutes = Math.round(zoneOffset(ms, tz) / 60000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return sign + hh + (withColon ? ':' : '') + mm;
}
