/** UrlFetchApp, as its reference describes it: fetch(url, params) with method, contentType, headers,
 *  payload, muteHttpExceptions (without it an answer of 400 or more throws "Request failed for … returned
 *  code N"), followRedirects; an HTTPResponse with getResponseCode, getContentText, getAllHeaders,
 *  getHeaders. Requests go to the handlers the test registered by host; any other host is
 *  unreachable ("Address unavailable"). Calls are counted and kept. */
import { FakeContext, gasError, requireAuth } from './context';

export interface FetchedRequest {
  url: string;
  method: string;
  contentType: string;
  headers: Record<string, string>;
  payload: string;
}

/** `inFlight`: how many requests to this host fetchAll sent together with this one (1 for fetch). */
export type FakeService = (request: FetchedRequest, sent?: { inFlight: number }) => { status: number; body: string; headers?: Record<string, string> };

export interface UrlFetchState {
  services: Map<string, FakeService>;
  fetched: FetchedRequest[];
}

const EXTERNAL = 'https://www.googleapis.com/auth/script.external_request';
const METHODS = ['get', 'delete', 'patch', 'post', 'put'];

export function createUrlFetchApp(ctx: FakeContext, state: UrlFetchState): any {
  const app = {
    /** fetchAll(requests): each a URL or an object with url and fetch's params; answers in order. */
    fetchAll(requests: unknown) {
      requireAuth(ctx, 'UrlFetchApp.fetchAll', EXTERNAL);
      if (!Array.isArray(requests)) throw gasError(ctx, 'Invalid argument: requests');
      const perHost = new Map<string, number>();
      return requests.map((r) => {
        const { url, ...params } = typeof r === 'string' ? { url: r } : (r as Record<string, any>);
        let host = '';
        try {
          host = new URL(String(url)).host;
        } catch {
          // fetch says so
        }
        const inFlight = (perHost.get(host) ?? 0) + 1;
        perHost.set(host, inFlight);
        return app.one(String(url), params, inFlight);
      });
    },
    fetch(url: string, params: Record<string, any> = {}) {
      requireAuth(ctx, 'UrlFetchApp.fetch', EXTERNAL);
      return app.one(url, params, 1);
    },
    one(url: string, params: Record<string, any>, inFlight: number) {
      ctx.counters.calls++;
      let host = '';
      try {
        host = new URL(String(url)).host;
      } catch {
        throw gasError(ctx, `Invalid argument: ${String(url)}`);
      }
      const method = String(params.method ?? 'get').toLowerCase();
      if (!METHODS.includes(method)) throw gasError(ctx, `Invalid argument: method`);
      if (params.payload !== undefined && typeof params.payload !== 'string') throw gasError(ctx, 'fake: payload must be a string here');
      const request: FetchedRequest = {
        url: String(url),
        method: method.toUpperCase(),
        contentType: String(params.contentType ?? (params.payload !== undefined ? 'application/x-www-form-urlencoded' : '')),
        headers: { ...(params.headers ?? {}) },
        payload: params.payload ?? '',
      };
      state.fetched.push(request);
      const service = state.services.get(host);
      if (!service) throw gasError(ctx, `Address unavailable: ${String(url)}`);
      const answer = service(request, { inFlight });
      if (answer.status >= 400 && params.muteHttpExceptions !== true)
        throw gasError(
          ctx,
          `Request failed for ${String(url)} returned code ${answer.status}. Truncated server response: ${answer.body.slice(0, 100)} (use muteHttpExceptions option to examine full response)`,
        );
      const headers = answer.headers ?? {};
      return {
        getResponseCode: () => answer.status,
        getContentText: () => answer.body,
        getAllHeaders: () => ({ ...headers }),
        getHeaders: () => ({ ...headers }),
      };
    },
  };
  return { fetch: app.fetch, fetchAll: app.fetchAll };
}
