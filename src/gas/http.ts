import { HttpUnreachable, type Http, type HttpRequest, type HttpResponse } from '../ports/http';

/** UrlFetchApp, answering every status (muteHttpExceptions) so that the caller reads the service's own
 *  refusal; only a request that got no answer at all throws. */
function optionsOf(request: HttpRequest): GoogleAppsScript.URL_Fetch.URLFetchRequest {
  const headers = { ...(request.headers ?? {}) };
  // UrlFetchApp takes the content type apart from the other headers.
  const typeKey = Object.keys(headers).find((k) => k.toLowerCase() === 'content-type');
  const contentType = typeKey ? headers[typeKey] : undefined;
  if (typeKey) delete headers[typeKey];
  return {
    url: request.url,
    method: request.method.toLowerCase() as GoogleAppsScript.URL_Fetch.HttpMethod,
    headers,
    ...(contentType ? { contentType } : {}),
    ...(request.body !== undefined ? { payload: request.body } : {}),
    muteHttpExceptions: true,
    followRedirects: true,
  };
}

function answerOf(response: GoogleAppsScript.URL_Fetch.HTTPResponse): HttpResponse {
  const lower: Record<string, string> = {};
  for (const [k, v] of Object.entries(response.getAllHeaders() as Record<string, unknown>)) lower[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return { status: response.getResponseCode(), body: response.getContentText(), headers: lower };
}

export class UrlFetchHttp implements Http {
  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    if (!requests.length) return [];
    try {
      return UrlFetchApp.fetchAll(requests.map(optionsOf)).map(answerOf);
    } catch (error) {
      throw new HttpUnreachable(requests[0].url, error instanceof Error ? error.message : String(error));
    }
  }

  fetch(request: HttpRequest): HttpResponse {
    const { url, ...options } = optionsOf(request);
    let response: GoogleAppsScript.URL_Fetch.HTTPResponse;
    try {
      response = UrlFetchApp.fetch(url, options);
    } catch (error) {
      throw new HttpUnreachable(request.url, error instanceof Error ? error.message : String(error));
    }
    return answerOf(response);
  }
}
