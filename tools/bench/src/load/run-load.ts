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

/** A load run that may have failed answers: how many, and how, in words. */
export interface CountedLoadResult extends LoadResult {
  /** Non-2xx answers, 2xx answers whose body the target's `verifyBody` refused, connection errors and timeouts. */
  readonly failed: number;
  readonly failures: string;
}

/** How much load to send: for a duration, or an exact number of requests. */
export type LoadShape = { readonly connections: number } & ({ readonly seconds: number } | { readonly amount: number });

/**
 * Drives `target` with autocannon at a fixed number of connections (no pipelining). Latency
 * percentiles come from every response's own time (autocannon's histogram rounds to whole ms). Throws
 * when any response is not 2xx or any connection fails: a benchmark of error responses measures nothing.
 */
export async function runLoad(target: HttpTarget, shape: LoadShape): Promise<LoadResult> {
  const result = await runLoadCounted(target, shape);
  if (result.failed > 0) throw new Error(`${target.label}: ${result.failures}; the bench measures successful requests only.`);
  return result;
}

/**
 * {@link runLoad} that counts failed answers instead of throwing: for a section that reports them as
 * such. `requestsPerSecond` counts 2xx answers (those `verifyBody` refused included).
 */
export async function runLoadCounted(target: HttpTarget, shape: LoadShape): Promise<CountedLoadResult> {
  const latenciesMs: number[] = [];
  const { verifyBody: verify, nextBody } = target;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.url,
        method: target.method,
        headers: { ...target.headers },
        body: target.body,
        connections: shape.connections,
        pipelining: 1,
        // autocannon builds the request again for each one when it has a setupRequest.
        ...(nextBody === undefined ? {} : { requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, body: nextBody() }) }] }),
        // autocannon hands over the body as received, a string.
        ...(verify === undefined ? {} : { verifyBody: (body: unknown) => typeof body === 'string' && verify(body) }),
        ...('seconds' in shape ? { duration: shape.seconds } : { amount: shape.amount }),
      },
      (error: unknown, done: autocannon.Result) => (error ? reject(toError(error)) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, responseTimeMs) => latenciesMs.push(responseTimeMs));
  });
  const failed = result.non2xx + result.mismatches + result.errors + result.timeouts;
  const failures =
    `${result.non2xx} non-2xx responses, ${result.mismatches} 2xx answers that were not a success, ${result.errors} errors, ${result.timeouts} timeouts ` +
    `(status codes ${JSON.stringify(result.statusCodeStats ?? {})})`;
  const sorted = Float64Array.from(latenciesMs).sort();
  const responses = result['2xx'];
  return {
    requestsPerSecond: responses / result.duration,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    responses,
    durationSeconds: result.duration,
    failed,
    failures,
  };
}

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
