/** Protection (sheet or range) with editor lists, as Spreadsheet protections behave for scripts. */
import { FakeContext } from './context';
import { ssCall } from './grid';

export type ProtectionTypeName = 'RANGE' | 'SHEET';

export interface Rect {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export interface FakeUser {
  getEmail(): string;
  getUsername(): string;
  toString(): string;
}

export function makeUser(email: string): FakeUser {
  return { getEmail: () => email, getUsername: () => email, toString: () => email };
}

function emailOf(x: any): string {
  return typeof x === 'string' ? x : x && typeof x.getEmail === 'function' ? x.getEmail() : String(x);
}

export function overlaps(a: Rect, b: Rect): boolean {
  return a.row < b.row + b.numRows && b.row < a.row + a.numRows && a.col < b.col + b.numCols && b.col < a.col + a.numCols;
}

function contains(outer: Rect, inner: Rect): boolean {
  return inner.row >= outer.row && inner.col >= outer.col && inner.row + inner.numRows <= outer.row + outer.numRows && inner.col + inner.numCols <= outer.col + outer.numCols;
}

export class Protection {
  private description = '';
  private warningOnly = false;
  /** null until the script changes the editors: permissions then mirror the spreadsheet's. */
  private editors: string[] | null = null;
  private unprotected: any[] = [];
  removed = false;

  constructor(
    private readonly ctx: FakeContext,
    readonly type: ProtectionTypeName,
    readonly sheet: any,
    private readonly range: any | null,
    private readonly creator: string,
  ) {}

  private call(method: string): void {
    ssCall(this.ctx, 'Protection', method, true);
  }

  private explicitEditors(): string[] {
    if (!this.editors) this.editors = [...new Set([this.ctx.owner, this.creator].filter(Boolean))];
    return this.editors;
  }

  getProtectionType(): string {
    this.call('getProtectionType');
    return this.type;
  }
  getRange(): any {
    this.call('getRange');
    return this.range || this.sheet.getRange(1, 1, this.sheet._maxRows(), this.sheet._maxCols());
  }
  getDescription(): string {
    this.call('getDescription');
    return this.description;
  }
  setDescription(d: string): Protection {
    this.call('setDescription');
    this.description = String(d);
    return this;
  }
  isWarningOnly(): boolean {
    this.call('isWarningOnly');
    return this.warningOnly;
  }
  setWarningOnly(w: boolean): Protection {
    this.call('setWarningOnly');
    this.warningOnly = !!w;
    return this;
  }

  getEditors(): FakeUser[] {
    this.call('getEditors');
    const list = this.editors || [this.ctx.owner, this.creator];
    return [...new Set(list.filter(Boolean))].map(makeUser);
  }
  addEditor(user: any): Protection {
    this.call('addEditor');
    this.add([user]);
    return this;
  }
  addEditors(users: any[]): Protection {
    this.call('addEditors');
    this.add(users);
    return this;
  }
  removeEditor(user: any): Protection {
    this.call('removeEditor');
    this.drop([user]);
    return this;
  }
  removeEditors(users: any[]): Protection {
    this.call('removeEditors');
    this.drop(users);
    return this;
  }

  private add(users: any[]): void {
    const eds = this.explicitEditors();
    for (const u of users) if (!eds.includes(emailOf(u))) eds.push(emailOf(u));
  }
  private drop(users: any[]): void {
    const gone = new Set(users.map(emailOf));
    gone.delete(this.ctx.owner); // the owner can never be removed
    this.editors = this.explicitEditors().filter((e) => !gone.has(e));
  }

  canEdit(): boolean {
    this.call('canEdit');
    return this.allows(this.ctx.user || this.ctx.owner);
  }
  remove(): void {
    this.call('remove');
    this.removed = true;
    this.sheet._removeProtection(this);
  }
  setUnprotectedRanges(ranges: any[]): Protection {
    this.call('setUnprotectedRanges');
    this.unprotected = [...ranges];
    return this;
  }
  getUnprotectedRanges(): any[] {
    this.call('getUnprotectedRanges');
    return [...this.unprotected];
  }

  /** True when `email` may edit the protected cells. */
  allows(email: string): boolean {
    if (email === this.ctx.owner || this.warningOnly || this.editors === null) return true;
    return this.editors.includes(email);
  }

  /** True when this protection covers part of `rect` (on its sheet). */
  covers(rect: Rect): boolean {
    if (this.type === 'RANGE') return overlaps(this.range._rect(), rect);
    return !this.unprotected.some((r) => contains(r._rect(), rect));
  }
}
