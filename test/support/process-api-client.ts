/** A job as the API shows it, with the fields the process-level tests read. */
export interface JobView {
  readonly job_id: string;
  readonly status: string;
  readonly progress?: { fraction: number; message: string | null } | null;
  readonly result?: unknown;
  readonly error?: { code: string; retryable: boolean };
}

/** Calls an API child process over HTTP with its admin key. */
export type ApiCall = (path: string, init?: RequestInit) => Promise<Response>;

/** An {@link ApiCall} for the API on `127.0.0.1:port` with `key`. */
export function apiCall(port: number, key: string): ApiCall {
  return (path, init = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { ...init, headers: { 'X-API-Key': key, 'Content-Type': 'application/json', ...init.headers } });
}

/** Every job the API lists, following the cursor page by page. */
export async function allJobs(call: ApiCall): Promise<JobView[]> {
  const jobs: JobView[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (await call(`/v1/analyze-execution/jobs?limit=100${cursor === null ? '' : `&cursor=${cursor}`}`)).json()) as {
      jobs: JobView[];
      next_cursor: string | null;
    };
    jobs.push(...page.jobs);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return jobs;
}

/** Submits an async job and returns its id; fails the test unless the API answers 202. */
export async function submitAsync(call: ApiCall, body: unknown): Promise<string> {
  const response = await call('/v1/analyze-execution/async', { method: 'POST', body: JSON.stringify(body) });
  if (response.status !== 202) throw new Error(`async submit answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { job_id: string }).job_id;
}

/** True once a job will not change again. */
export function isTerminal(job: JobView): boolean {
  return ['success', 'failed', 'cancelled'].includes(job.status);
}
