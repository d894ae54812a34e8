import { HttpUnreachable, type Http, type HttpRequest, type HttpResponse } from '../ports/http';

/** UrlFetchApp, answering every status (muteHttpExceptions) so that the caller reads the service's own
 *  refusal; only a request that got no answer at all throws. */
export class UrlFetchHttp implements Http {
  fetch(request: HttpRequest): HttpResponse {
    const headers = { ...(request.headers ?? {}) };
    // UrlFetchApp takes the content type apart from the other headers.
    const typeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
    const contentType = typeKey ? headers[typeKey] : undefined;
    if (typeKey) delete headers[typeKey];
    let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
    try {
      response = UrlFetchApp.fetch(request.url, {
        method: request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
        headers,
        ...(contentType ? { contentType } : {}),
        ...(request.body !== undefined ? { payload: request.body } : {}),
        muteHttpExceptions: true,
        followRedirects: true,
      });
    } catch (error) {
      throw new HttpUnreachable(request.url, error instanceof Error ? error.message : String(error));
    }
    const lower: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.getAllHeaders() as Record<string, unknown>)) lower[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
    return { status: response.getResponseCode(), body: response.getContentText(), headers: lower };
  }
}
