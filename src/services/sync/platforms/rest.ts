/** How the CRM asks a newsletter platform: requests sent together within its limit of requests in
 *  flight (and per second), each answered 429 or 5xx asked again after a growing wait (the platform's
 *  Retry-After when it gives one), every request counted. A platform that cannot be reached at all is
 *  a UserError naming it. */
import type { Clock } from '../../../ports/clock';
import { HttpUnreachable, type Http, type HttpRequest, type HttpResponse } from '../../../ports/http';
import { UserError } from '../../../store/errors';

export interface Pace {
  /** Requests in flight at once (fetchAll's size). */
  inFlight: number;
  /** Requests a second at most, or 0 for no such limit. */
  perSecond: number;
}

/** Tries of one request before its answer (still 429 or 5xx) is taken as it is. */
const TRIES = 5;
const FIRST_WAIT_MS = 1000;
const LONGEST_WAIT_MS = 30000;

export class Rest {
  calls = 0;

  constructor(
    private readonly http: Http,
    private readonly clock: Clock,
    private readonly pace: Pace,
    private readonly platform: string,
  ) {}

  one(request: HttpRequest): HttpResponse {
    return this.all([request])[0];
  }

  /** Answers in the order asked. */
  all(requests: HttpRequest[]): HttpResponse[] {
    const answers: HttpResponse[] = new Array(requests.length);
    let waiting = requests.map((_, k) => k);
    for (let attempt = 1; waiting.length; attempt++) {
      const again: number[] = [];
      for (let start = 0; start < waiting.length; start += this.pace.inFlight) {
        const chunk = waiting.slice(start, start + this.pace.inFlight);
        const began = this.clock.now().getTime();
        const got = this.send(chunk.map((k) => requests[k]));
        this.calls += chunk.length;
        chunk.forEach((k, j) => {
          answers[k] = got[j];
          if (attempt < TRIES && (got[j].status === 429 || got[j].status >= 500)) again.push(k);
        });
        // Within the platform's rate: a chunk of N requests takes at least N / perSecond seconds.
        if (this.pace.perSecond) {
          const spent = this.clock.now().getTime() - began;
          const least = Math.ceil((chunk.length * 1000) / this.pace.perSecond);
          if (spent < least) this.clock.sleep(least - spent);
        }
      }
      if (!again.length) break;
      const retryAfter = Math.max(0, ...again.map((k) => Number(answers[k].headers['retry-after']) || 0)) * 1000;
      this.clock.sleep(Math.min(LONGEST_WAIT_MS, Math.max(retryAfter, FIRST_WAIT_MS * 2 ** (attempt - 1))));
      waiting = again;
    }
    return answers;
  }

  private send(requests: HttpRequest[]): HttpResponse[] {
    try {
      return requests.length === 1 ? [this.http.fetch(requests[0])] : this.http.fetchAll(requests);
    } catch (error) {
      if (error instanceof HttpUnreachable) throw new UserError('unreachable', 'sync.error.unreachable', { platform: this.platform, details: error.reason.slice(0, 200) });
      throw error;
    }
  }
}

/** A request with a JSON body (when there is one) and the platform's own headers. */
export function jsonRequest(method: HttpRequest['method'], url: string, headers: Record<string, string>, body?: unknown): HttpRequest {
  return {
    method,
    url,
    headers: { ...headers, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  };
}

/** A platform's refusal as the person reads it: a key it does not take (401, 403), or its own words. */
export function refusal(platform: string, status: number, details: string): never {
  if (status === 401 || status === 403) throw new UserError('refused', 'sync.error.key_refused', { platform, details });
  throw new UserError('refused', 'sync.error.refused', { platform, details });
}

/** The answer's JSON, or {} when it has none. */
export function jsonOf(answer: HttpResponse): Record<string, unknown> {
  try {
    const parsed = JSON.parse(answer.body);
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export const text = (value: unknown): string => (typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value));
