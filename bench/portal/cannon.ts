// Thin wrapper over autocannon's programmatic API: one bounded run, and the figures the report needs.
import autocannon from "autocannon";

export interface CannonOptions {
  url: string;
  connections: number;
  durationSeconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** A fresh body per request (e.g. a different member each time). */
  body?: () => string;
  /** Headers that change per request (e.g. the X-Forwarded-For of a different client each time). */
  headersPerRequest?: () => Record<string, string>;
  /** Requests per second over all connections (autocannon overallRate). */
  overallRate?: number;
  expectStatus: number;
}

export interface CannonResult {
  /** Responses with the expected status per second. */
  rate: number;
  p50: number;
  p99: number;
  expected: number;
  unexpected: number;
  errors: number;
  /** Every response by status code, the expected one included. */
  statuses: Record<number, number>;
}

export async function cannon(options: CannonOptions): Promise<CannonResult> {
  const url = new URL(options.url);
  const { body: makeBody, headersPerRequest } = options;
  const result = await autocannon({
    url: url.origin,
    connections: options.connections,
    duration: options.durationSeconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    requests: [
      {
        method: options.method ?? "GET",
        path: url.pathname + url.search,
        headers: options.headers ?? {},
        ...(makeBody || headersPerRequest
          ? {
              setupRequest: (request) => ({
                ...request,
                ...(makeBody ? { body: makeBody() } : {}),
                ...(headersPerRequest ? { headers: { ...request.headers, ...headersPerRequest() } } : {}),
              }),
            }
          : {}),
      },
    ],
  });
  const statuses: Record<number, number> = {};
  let expected = 0;
  let unexpected = 0;
  for (const [status, stat] of Object.entries(result.statusCodeStats ?? {})) {
    const count = stat?.count ?? 0;
    statuses[Number(status)] = count;
    if (Number(status) === options.expectStatus) expected += count;
    else unexpected += count;
  }
  return {
    rate: expected / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    expected,
    unexpected,
    errors: result.errors + result.timeouts,
    statuses,
  };
}
