/** PropertiesService: string-only stores with Apps Script's size limits. */
import { FakeContext, byteLength, gasError, requireAuth } from './context';

export const MAX_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

export interface PropertyStores {
  document: Record<string, string>;
  script: Record<string, string>;
  /** User stores by email ('' for the anonymous user). */
  users: Record<string, Record<string, string>>;
}

function storeBytes(data: Record<string, string>): number {
  return Object.keys(data).reduce((n, k) => n + byteLength(k) + byteLength(data[k]), 0);
}

function createProperties(ctx: FakeContext, name: string, data: () => Record<string, string>): any {
  const guard = (method: string) => requireAuth(ctx, `Properties.${method}`, 'https://www.googleapis.com/auth/script.storage');
  const checkValue = (value: string) => {
    if (byteLength(value) > MAX_VALUE_BYTES) throw gasError(ctx, 'Argument too large: value');
  };
  const checkQuota = (next: Record<string, string>) => {
    if (storeBytes(next) > MAX_STORE_BYTES) {
      throw gasError(ctx, 'You have exceeded the property storage quota. Please remove some properties and try again.');
    }
  };
  const props: any = {
    getProperty(key: string): string | null {
      guard('getProperty');
      const d = data();
      return Object.prototype.hasOwnProperty.call(d, String(key)) ? d[String(key)] : null;
    },
    setProperty(key: string, value: any): any {
      guard('setProperty');
      const v = String(value);
      checkValue(v);
      const next = { ...data(), [String(key)]: v };
      checkQuota(next);
      data()[String(key)] = v;
      return props;
    },
    getProperties(): Record<string, string> {
      guard('getProperties');
      return { ...data() };
    },
    setProperties(properties: Record<string, any>, deleteAllOthers?: boolean): any {
      guard('setProperties');
      const incoming: Record<string, string> = {};
      for (const k of Object.keys(properties || {})) {
        incoming[k] = String(properties[k]);
        checkValue(incoming[k]);
      }
      const d = data();
      const next = deleteAllOthers ? incoming : { ...d, ...incoming };
      checkQuota(next);
      if (deleteAllOthers) for (const k of Object.keys(d)) delete d[k];
      Object.assign(d, incoming);
      return props;
    },
    deleteProperty(key: string): any {
      guard('deleteProperty');
      delete data()[String(key)];
      return props;
    },
    deleteAllProperties(): any {
      guard('deleteAllProperties');
      const d = data();
      for (const k of Object.keys(d)) delete d[k];
      return props;
    },
    getKeys(): string[] {
      guard('getKeys');
      return Object.keys(data());
    },
    toString: () => name,
  };
  return props;
}

export function createPropertiesService(ctx: FakeContext, stores: PropertyStores): any {
  const guard = (method: string) => requireAuth(ctx, `PropertiesService.${method}`, 'https://www.googleapis.com/auth/script.storage');
  const userStore = () => (stores.users[ctx.user] = stores.users[ctx.user] || {});
  return {
    getDocumentProperties() {
      guard('getDocumentProperties');
      return createProperties(ctx, 'DocumentProperties', () => stores.document);
    },
    getScriptProperties() {
      guard('getScriptProperties');
      return createProperties(ctx, 'ScriptProperties', () => stores.script);
    },
    getUserProperties() {
      guard('getUserProperties');
      return createProperties(ctx, 'UserProperties', userStore);
    },
  };
}
