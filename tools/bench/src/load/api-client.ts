import { BENCH_HEADERS, type HttpTarget } from './http-target';

/** A job as the API lists it (the fields the bench reads). */
export interface JobWire {
  readonly job_id: string;
  readonly mode: 'sync' | 'async';
  readonly status: string;
  readonly completed_at: string | null;
}

/** `GET {url}` with the bench key; resolves with the parsed JSON, or throws on a non-2xx answer. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url, { headers: BENCH_HEADERS });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Sends `target` once and throws unless it answers 2xx with a body whose `status` is `expected`. */
export async function expectStatus(target: HttpTarget, expected: string): Promise<void> {
  const response = await fetch(target.url, { method: target.method, headers: target.headers, body: target.body });
  const body = (await response.json()) as { status?: unknown };
  if (!response.ok || body.status !== expected) {
    throw new Error(`${target.label} answered ${response.status} ${JSON.stringify(body)}; expected status '${expected}'`);
  }
}

/** The `count` newest jobs, listed page by page (100 per page). */
export async function newestJobs(baseUrl: string, count: number): Promise<JobWire[]> {
  const jobs: JobWire[] = [];
  let cursor: string | null = null;
  while (jobs.length < count) {
    const query: string = `limit=100${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const page: { jobs: JobWire[]; next_cursor: string | null } = await getJson(`${baseUrl}/v1/analyze-execution/jobs?${query}`);
    jobs.push(...page.jobs);
    cursor = page.next_cursor;
    if (cursor === null) break;
  }
  return jobs.slice(0, count);
}

/** Resolves once the API lists no pending and no running job; rejects after `timeoutMs`. */
export async function waitUntilIdle(baseUrl: string, timeoutMs = 120_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  const countOf = async (status: string): Promise<number> =>
    (await getJson<{ count: number }>(`${baseUrl}/v1/analyze-execution/jobs?status=${status}&limit=1`)).count;
  while ((await countOf('pending')) + (await countOf('running')) > 0) {
    if (Date.now() > giveUpAt) throw new Error(`jobs still pending or running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
