import { HttpUnreachable, type Http, type HttpRequest, type HttpResponse } from '../ports/http';

/** A handler standing in for one outside service (a strict double: see test/doubles). */
export type Service = (request: HttpRequest) => HttpResponse;

/** Requests answered by the services registered for their host, recorded for the tests; a host nobody
 *  registered cannot be reached, as a mistyped address would not be. */
export class MemoryHttp implements Http {
  readonly sent: HttpRequest[] = [];
  private readonly services = new Map<string, Service>();

  serve(host: string, service: Service): void {
    this.services.set(host, service);
  }

  fetch(request: HttpRequest): HttpResponse {
    this.sent.push(request);
    let host = '';
    try {
      host = new URL(request.url).host;
    } catch {
      throw new HttpUnreachable(request.url, 'not an address');
    }
    const service = this.services.get(host);
    if (!service) throw new HttpUnreachable(request.url, `nothing answers at ${host}`);
    return service(request);
  }
}
