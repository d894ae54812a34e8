import { HttpUnreachable, type Http, type HttpRequest, type HttpResponse } from '../ports/http';

/** A handler standing in for one outside service (a strict double: see test/doubles). */
export type Service = (request: HttpRequest, sent?: { inFlight: number }) => HttpResponse;

/** Requests answered by the services registered for their host, recorded for the tests; a host nobody
 *  registered cannot be reached, as a mistyped address would not be. */
export class MemoryHttp implements Http {
  readonly sent: HttpRequest[] = [];
  private readonly services = new Map<string, Service>();

  serve(host: string, service: Service): void {
    this.services.set(host, service);
  }

  /** Sent together: each service learns how many of its requests are in flight with this one (its
   *  position among those to the same host, counting from 1), to refuse past its limit. */
  fetchAll(requests: HttpRequest[]): HttpResponse[] {
    const perHost = new Map<string, number>();
    return requests.map((request) => {
      let host = '';
      try {
        host = new URL(request.url).host;
      } catch {
        // fetch says so
      }
      const inFlight = (perHost.get(host) ?? 0) + 1;
      perHost.set(host, inFlight);
      return this.fetch(request, inFlight);
    });
  }

  fetch(request: HttpRequest, inFlight = 1): HttpResponse {
    this.sent.push(request);
    let host = '';
    try {
      host = new URL(request.url).host;
    } catch {
      throw new HttpUnreachable(request.url, 'not an address');
    }
    const service = this.services.get(host);
    if (!service) throw new HttpUnreachable(request.url, `nothing answers at ${host}`);
    return service(request, { inFlight });
  }
}
