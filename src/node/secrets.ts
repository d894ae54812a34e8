import { createHmac, randomBytes } from 'node:crypto';
import type { Secrets } from '../ports';

/** 192 random bits from the operating system, in URL-safe base 64 without padding. */
export class RandomSecrets implements Secrets {
  newToken(): string {
    return randomBytes(24).toString('base64url').replace(/[-_]/g, 'x');
  }
  sign(key: string, message: string): string {
    return createHmac('sha256', key).update(message, 'utf8').digest('base64url');
  }
}
