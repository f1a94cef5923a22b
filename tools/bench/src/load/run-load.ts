import autocannon from 'autocannon';
import { percentile } from '../stats';
import type { HttpTarget } from './http-target';

/** What one fixed-duration (or fixed-amount) load run measured. */
export interface LoadResult {
  /** Completed responses per second over the run. */
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly responses: number;
  readonly durationSeconds: number;
}

/** How much load to send: for a duration, or an exact number of requests. */
export type LoadShape = { readonly connections: number } & ({ readonly seconds: number } | { readonly amount: number });

/**
 * Drives `target` with autocannon at a fixed number of connections (no pipelining). Latency
 * percentiles come from every response's own time (autocannon's histogram rounds to whole ms). Throws
 * when any response is not 2xx or any connection fails: a benchmark of error responses measures nothing.
 */
export async function runLoad(target: HttpTarget, shape: LoadShape): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method,
        headers: { ...target.headers },
        body: target.body,
        connections: shape.connections,
        pipelining: 1,
        ...('seconds' in shape ? { duration: shape.seconds } : { amount: shape.amount }),
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(toError(error)) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${target.label}: ${result.non2xx} non-2xx responses, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(status codes ${JSON.stringify(result.statusCodeStats ?? {})}); the bench measures successful requests only.`,
    );
  }
  const sorted = Float64Array.from(latenciesMs).sort();
  const responses = result['2xx'];
  return {
    requestsPerSecond: responses / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    responses,
    durationSeconds: result.duration,
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
