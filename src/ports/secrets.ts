/** Secrets the CRM makes: the intake token that authenticates deliveries in the web app's URL (web
 *  apps cannot read request headers). In Google: Utilities.getUuid (random UUIDs); in Node: crypto's
 *  random bytes; in tests: a fixed sequence. */
export interface Secrets {
  /** A new secret for a URL: at least 128 random bits, in letters and digits only. */
  newToken(): string;
  /** HMAC-SHA256 of `message` with `key`, in URL-safe base 64 (the signature of an unsubscribe link). */
  sign(key: string, message: string): string;
}
