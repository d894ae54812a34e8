/** Session: active/effective user, locale and time zone. */
import { FakeContext, requireAuth } from './context';
import { makeUser } from './protection';

function temporaryKey(email: string): string {
  let h = 5381;
  for (const ch of 'temp-key:' + email) h = ((h * 33) ^ ch.charCodeAt(0)) >>> 0;
  return 'AKfyc' + h.toString(36).padStart(8, '0') + email.length.toString(36);
}

export function createSession(ctx: FakeContext): any {
  return {
    getActiveUser() {
      requireAuth(ctx, 'Session.getActiveUser', 'https://www.googleapis.com/auth/userinfo.email');
      return makeUser(ctx.user);
    },
    /** The user the script runs as: the active user, or the owner when the active user is unknown. */
    getEffectiveUser() {
      return makeUser(ctx.user || ctx.owner);
    },
    getActiveUserLocale(): string {
      return ctx.locale.split(/[_-]/)[0];
    },
    getScriptTimeZone(): string {
      return ctx.timeZone;
    },
    getTemporaryActiveUserKey(): string {
      return temporaryKey(ctx.user || ctx.owner);
    },
  };
}
