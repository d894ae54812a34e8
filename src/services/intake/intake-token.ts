/** The intake's secrets, in the document's properties (never in a sheet, where every editor reads):
 *  the token every delivery's URL carries, and Ko-fi's verification token. */
import type { KeyValue, Secrets } from '../../ports';

const TOKEN_KEY = 'intake.token';
const KOFI_KEY = 'intake.kofi_token';

/** The token deliveries must carry; made the first time it is asked for. */
export function intakeToken(properties: KeyValue, secrets: Secrets): string {
  const kept = properties.get(TOKEN_KEY);
  if (kept) return kept;
  return rotateIntakeToken(properties, secrets);
}

/** A new token: the old one stops working at once (every sender's URL must be updated). */
export function rotateIntakeToken(properties: KeyValue, secrets: Secrets): string {
  const token = secrets.newToken();
  properties.set(TOKEN_KEY, token);
  return token;
}

/** The token deliveries are checked against ('' before one was made: then every delivery is refused). */
export function expectedIntakeToken(properties: KeyValue): string {
  return properties.get(TOKEN_KEY) ?? '';
}

export function koFiToken(properties: KeyValue): string {
  return properties.get(KOFI_KEY) ?? '';
}

export function setKoFiToken(properties: KeyValue, token: string): void {
  if (token.trim()) properties.set(KOFI_KEY, token.trim());
  else properties.delete(KOFI_KEY);
}
