import { MemoryHttp } from './http';
import { MemoryMailer } from './mailer';
import { base64Url, hmacSha256, utf8 } from '../core/sha256';
import type { Cache, Clock, Identity, KeyValue, Lock, Runtime, Scheduler, Secrets, Selection, SheetPosition } from '../ports';
import { MemoryArchives } from './archives';
import type { SelectedRows } from '../ports/selection';
import { MemoryGrid } from './grid';
import { MemoryCharts } from './charts';

export class MemoryLock implements Lock {
  held = false;
  busy = false;
  tryAcquire(): boolean {
    if (this.busy || this.held) return false;
    this.held = true;
    return true;
  }
  release(): void {
    this.held = false;
  }
}

export class MemoryKeyValue implements KeyValue {
  readonly values = new Map<string, string>();
  get(key: string) {
    return this.values.get(key) ?? null;
  }
  set(key: string, value: string) {
    this.values.set(key, value);
  }
  delete(key: string) {
    this.values.delete(key);
  }
}

/** A clock that stands still unless moved: tests about dates say which day it is. */
export class FixedClock implements Clock {
  constructor(
    public current: Date = new Date('2026-11-22T10:00:00Z'),
    private readonly zone = 'Europe/Paris',
  ) {}
  now() {
    return new Date(this.current.getTime());
  }
  timeZone() {
    return this.zone;
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
  /** Waiting is time passing: a backoff moves the clock on, instantly. */
  sleep(ms: number) {
    this.advance(ms);
  }
}

export class SystemClock implements Clock {
  constructor(private readonly zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC') {}
  now() {
    return new Date();
  }
  /** A blocking wait, as Utilities.sleep is (the services are synchronous). */
  sleep(ms: number) {
    if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
  }
  timeZone() {
    return this.zone;
  }
}

export class StaticIdentity implements Identity {
  constructor(
    public user: string,
    public userLocale = 'en',
  ) {}
  email() {
    return this.user.trim().toLowerCase();
  }
  locale() {
    return this.userLocale;
  }
}

/** One person's properties (their language…) inside the document's: keys prefixed with who they are,
 *  as Apps Script keeps user properties apart from document ones. */
export class PersonProperties implements KeyValue {
  constructor(
    private readonly store: KeyValue,
    private readonly email: () => string,
  ) {}
  private key(key: string): string {
    return `user:${this.email().trim().toLowerCase()}:${key}`;
  }
  get(key: string): string | null {
    return this.store.get(this.key(key));
  }
  set(key: string, value: string): void {
    this.store.set(this.key(key), value);
  }
  delete(key: string): void {
    this.store.delete(this.key(key));
  }
}

export interface MemoryRuntime extends Runtime {
  grid: MemoryGrid;
  lock: MemoryLock;
  properties: MemoryKeyValue;
  userProperties: KeyValue;
  clock: FixedClock;
  identity: StaticIdentity;
  cache: MemoryCache;
  selection: MemorySelection;
  scheduler: MemoryScheduler;
  charts: MemoryCharts;
  archives: MemoryArchives;
  secrets: MemorySecrets;
  http: MemoryHttp;
  mailer: MemoryMailer;
}

export function memoryRuntime(user = 'admin@example.org', locale = 'en'): MemoryRuntime {
  const clock = new FixedClock();
  const properties = new MemoryKeyValue();
  const identity = new StaticIdentity(user, locale);
  return {
    grid: new MemoryGrid(),
    lock: new MemoryLock(),
    properties,
    userProperties: new PersonProperties(properties, () => identity.email()),
    clock,
    identity,
    cache: new MemoryCache(clock),
    selection: new MemorySelection(),
    scheduler: new MemoryScheduler(),
    charts: new MemoryCharts(),
    archives: new MemoryArchives(),
    secrets: new MemorySecrets(),
    http: new MemoryHttp(),
    mailer: new MemoryMailer(),
  };
}

/** The cache of tests and of the local runtime (one process): honours time-to-live by the clock. */
export class MemoryCache implements Cache {
  readonly values = new Map<string, { value: string; until: number }>();
  constructor(private readonly clock: Clock = new SystemClock()) {}
  get(key: string) {
    const hit = this.values.get(key);
    if (!hit) return null;
    if (hit.until <= this.clock.now().getTime()) {
      this.values.delete(key);
      return null;
    }
    return hit.value;
  }
  put(key: string, value: string, seconds: number) {
    this.values.set(key, { value, until: this.clock.now().getTime() + seconds * 1000 });
  }
  remove(keys: string[]) {
    for (const key of keys) this.values.delete(key);
  }
  clear() {
    this.values.clear();
  }
}

/** The active cell, kept in memory: tests move it; the local page sets it when a row is clicked. */
export class MemorySelection implements Selection {
  current: SheetPosition | null = null;
  /** Rows highlighted beyond the active cell (tests set them with highlight()); the local page
   *  selects one row at a time, so there the selection is the active cell's row. */
  private highlighted: SelectedRows | null = null;
  get() {
    return this.current ? { ...this.current } : null;
  }
  select(position: SheetPosition) {
    this.current = { ...position };
    this.highlighted = null;
  }
  /** Highlights blocks of rows on a sheet, as a click-drag or ctrl-clicks would in Sheets. */
  highlight(sheet: string, ranges: { row: number; count: number }[]) {
    this.current = ranges.length ? { sheet, row: ranges[0].row } : null;
    this.highlighted = { sheet, ranges: ranges.map((r) => ({ ...r })) };
  }
  selectedRows(): SelectedRows | null {
    if (this.highlighted) return { sheet: this.highlighted.sheet, ranges: this.highlighted.ranges.map((r) => ({ ...r })) };
    return this.current ? { sheet: this.current.sheet, ranges: [{ row: this.current.row, count: 1 }] } : null;
  }
}

/** Records which daily jobs exist; whoever hosts the runtime (the local server, a test) runs them. */
export class MemoryScheduler implements Scheduler {
  readonly daily = new Map<string, number>();
  ownerOf(): string {
    return '';
  }
  readonly hourly = new Set<string>();
  ensureDaily(job: string, hour: number): boolean {
    if (this.daily.has(job)) return false;
    this.daily.set(job, hour);
    return true;
  }
  ensureHourly(job: string): boolean {
    if (this.hourly.has(job)) return false;
    this.hourly.add(job);
    return true;
  }
  readonly onChange = new Set<string>();
  ensureOnChange(job: string): boolean {
    if (this.onChange.has(job)) return false;
    this.onChange.add(job);
    return true;
  }

  removeJob(job: string): void {
    this.daily.delete(job);
    this.hourly.delete(job);
    this.onChange.delete(job);
    this.onEdit.delete(job);
  }

  readonly onEdit = new Set<string>();
  ensureOnEdit(job: string): boolean {
    if (this.onEdit.has(job)) return false;
    this.onEdit.add(job);
    return true;
  }

  /** Jobs asked to run soon, each once until it ran (`ran`); whoever holds the scheduler runs them. */
  readonly soon = new Map<string, number>();
  private readonly listeners: ((job: string, afterMs: number) => void)[] = [];
  runSoon(job: string, afterMs: number): void {
    if (this.soon.has(job)) return;
    this.soon.set(job, afterMs);
    for (const listener of this.listeners) listener(job, afterMs);
  }
  ran(job: string): void {
    this.soon.delete(job);
  }
  /** Called whenever a job is asked to run soon (the local server runs it). */
  onRunSoon(listener: (job: string, afterMs: number) => void): void {
    this.listeners.push(listener);
  }
}

/** Tokens of the tests: random enough to differ, from Math.random (no Node module here); signatures
 *  by our own HMAC-SHA256 (core/sha256.ts), equal to Node's and Google's. */
export class MemorySecrets implements Secrets {
  readonly made: string[] = [];
  sign(key: string, message: string): string {
    return base64Url(hmacSha256(utf8(key), utf8(message)));
  }
  newToken(): string {
    let token = '';
    while (token.length < 32) token += Math.floor(Math.random() * 36).toString(36);
    this.made.push(token);
    return token;
  }
}
