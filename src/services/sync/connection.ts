/** The newsletter connection: which platform, its API key (document properties, never a sheet; shown
 *  masked), which audience or list, and which segment's contacts may be added to it. The CLI passes
 *  its own (keys from the environment); the sidebar's is kept in properties. */
import type { Runtime } from '../../ports';
import { UserError } from '../../store/errors';
import { Brevo, type BrevoConfirmation } from './platforms/brevo';
import { Mailchimp } from './platforms/mailchimp';
import { PLATFORMS, type FieldLink, type NewsletterPlatform, type PlatformName } from './platforms/platform';

export interface Connection {
  platform: PlatformName;
  key: string;
  list: string;
  listName?: string;
  /** Only this segment's contacts are added to the platform (opt-outs reach it whoever they are). */
  segment?: string;
  /** Segments whose members carry the segment's name as a label there (a Mailchimp tag, a Brevo
   *  list), beside their CRM tags. */
  labelSegments?: string[];
  /** Extra fields: a CRM column to a platform field (see readFieldLinks). */
  fields?: FieldLink[];
  /** Brevo's double opt-in for contacts whose consent is pending. */
  brevoConfirmation?: BrevoConfirmation;
  /** Another address for the platform's API (an emulator, a proxy). */
  apiUrl?: string;
}

const KEY = 'sync.connection';

export function platformName(value: string): PlatformName {
  const name = value.trim().toLowerCase();
  if (!(PLATFORMS as readonly string[]).includes(name)) throw new UserError('invalid', 'sync.error.platform', { value, field: 'platform' });
  return name as PlatformName;
}

export function platformOf(runtime: Runtime, connection: Pick<Connection, 'platform' | 'key' | 'apiUrl' | 'fields' | 'brevoConfirmation'>): NewsletterPlatform {
  if (!connection.key.trim()) throw new UserError('invalid', 'sync.error.no_key', { field: 'key' });
  const url = connection.apiUrl || runtime.platformUrls?.[connection.platform];
  const extras = connection.fields ?? [];
  return connection.platform === 'mailchimp'
    ? new Mailchimp(runtime.http, runtime.clock, connection.key, url, extras)
    : new Brevo(runtime.http, runtime.clock, connection.key, url, extras, connection.brevoConfirmation);
}

/** `abcdef…-us21` → `…ef-us21`-style: the last characters only, for an admin to recognise the key. */
export function maskedApiKey(key: string): string {
  const k = key.trim();
  return k ? `…${k.slice(-6)}` : '';
}

export function savedConnection(runtime: Runtime): Connection | null {
  const raw = runtime.properties.get(KEY);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as Connection;
    return parsed && (PLATFORMS as readonly string[]).includes(parsed.platform) && parsed.key ? parsed : null;
  } catch {
    return null;
  }
}

export function saveConnection(runtime: Runtime, connection: Connection | null): void {
  if (connection) runtime.properties.set(KEY, JSON.stringify(connection));
  else runtime.properties.delete(KEY);
}

/** Where the sync's own notes about one list live (cursor, an interrupted run, the last run). */
export function stateKey(connection: Pick<Connection, 'platform' | 'list'>, what: 'cursor' | 'run' | 'last' | 'activity'): string {
  return `sync.${connection.platform}.${connection.list}.${what}`;
}
