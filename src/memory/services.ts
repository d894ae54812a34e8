import type { Clock, Identity, KeyValue, Lock, Runtime } from '../ports';
import { MemoryGrid } from './grid';

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
  constructor(public current: Date = new Date('2026-11-22T10:00:00Z'), private readonly zone = 'Europe/Paris') {}
  now() {
    return new Date(this.current.getTime());
  }
  timeZone() {
    return this.zone;
  }
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export class SystemClock implements Clock {
  constructor(private readonly zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC') {}
  now() {
    return new Date();
  }
  timeZone() {
    return this.zone;
  }
}

export class StaticIdentity implements Identity {
  constructor(public user: string, public userLocale = 'en') {}
  email() {
    return this.user.trim().toLowerCase();
  }
  locale() {
    return this.userLocale;
  }
}

export interface MemoryRuntime extends Runtime {
  grid: MemoryGrid;
  lock: MemoryLock;
  properties: MemoryKeyValue;
  clock: FixedClock;
  identity: StaticIdentity;
}

export function memoryRuntime(user = 'admin@example.org', locale = 'en'): MemoryRuntime {
  return {
    grid: new MemoryGrid(),
    lock: new MemoryLock(),
    properties: new MemoryKeyValue(),
    clock: new FixedClock(),
    identity: new StaticIdentity(user, locale),
  };
}
