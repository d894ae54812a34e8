/** Requests to other services over HTTPS (PayPal's IPN check, Stripe's events; later the mailers).
 *  Synchronous, as UrlFetchApp is in Apps Script: every service call of the CRM is. In Google:
 *  UrlFetchApp (20,000 calls a day on a free account, 100,000 on Workspace); in Node: fetch in a
 *  short-lived child process; in tests: a double that answers as the service documents. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as is (form-encoded or JSON text). */
  body?: string;
}

export interface HttpResponse {
  status: number;
  body: string;
  /** Header names in lower case. */
  headers: Record<string, string>;
}

/** The service could not be reached at all (no answer: DNS, refused, timed out). An answer with an
 *  error status is a response, not this. */
export class HttpUnreachable extends Error {
  constructor(
    readonly url: string,
    readonly reason: string,
  ) {
    super(`${url} could not be reached: ${reason}`);
    this.name = 'HttpUnreachable';
  }
}

export interface Http {
  fetch(request: HttpRequest): HttpResponse;
  /** Several requests in flight at once (UrlFetchApp.fetchAll), answers in the same order. The caller
   *  keeps within the service's limit of requests in flight (Mailchimp's 10). A request that got no
   *  answer throws HttpUnreachable for the whole call, as fetchAll does. */
  fetchAll(requests: HttpRequest[]): HttpResponse[];
}
