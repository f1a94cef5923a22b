import { serverSentEvents } from '@forgesyte/client';
import type { BenchPlan } from '../bench-plan';
import { BENCH_HEADERS } from '../load/http-target';
import { BENCH_PLUGIN } from '../plugins/bench-noop.plugin';
import { BENCH_PROGRESS_TOOL, epochNowMs } from '../plugins/bench-progress.tool';
import { type LatencySummary, summarizeLatencies } from '../stats';
import { progressLatencyMs } from './progress-latency';

/** Issue 23: how soon a tool's `ctx.progress` reaches a client following the job's events (SSE). */
export interface JobEventsFigures {
  /** From each report to its `progress` event's arrival, over every measured job. */
  readonly latency: LatencySummary;
  /** Progress reports the measured jobs made. */
  readonly reports: number;
  /** Reports not received as an event of their own: merged into a later one while the server was reading or writing (by design). */
  readonly notReceived: number;
  /** Jobs that did not end in `success`, and streams that could not be opened or ended in an `error` event (warm-up included). */
  readonly failed: number;
  readonly jobs: number;
}

/** What following one job gave. */
interface FollowedJob {
  readonly latenciesMs: number[];
  readonly failure: string | undefined;
}

/** The wait before a job's first report: long enough for its follower to be connected, so that no report precedes the stream. */
const START_AFTER_MS = 50;

/**
 * Submits jobs of the bench plugin's progress tool (`reports` reports `intervalMs` apart, each stamped
 * with its epoch time) to `POST /v1/analyze-execution/async` at `baseUrl`, `jobsInFlight` at once, and
 * follows each at `GET …/jobs/{id}/events` with the client's Server-Sent Events parser; each `progress`
 * event's latency is its arrival time minus its stamp (bench and server share the machine's clock). One
 * warm-up round, then `rounds` measured ones.
 */
export async function benchJobEvents(baseUrl: string, plan: BenchPlan['jobEvents'], log: (line: string) => void): Promise<JobEventsFigures> {
  const latenciesMs: number[] = [];
  let failed = 0;
  for (let round = 0; round <= plan.rounds; round += 1) {
    const followed = await Promise.all(Array.from({ length: plan.jobsInFlight }, () => followProgressJob(baseUrl, plan)));
    const received = followed.reduce((total, job) => total + job.latenciesMs.length, 0);
    for (const job of followed) {
      if (job.failure !== undefined) log(`job events: ${job.failure}`);
      failed += job.failure === undefined ? 0 : 1;
      if (round > 0) latenciesMs.push(...job.latenciesMs);
    }
    log(`job events ${round === 0 ? 'warm-up' : `round ${round}/${plan.rounds}`}: ${plan.jobsInFlight} jobs, ${received} of ${plan.jobsInFlight * plan.reports} progress reports received`);
  }
  const reports = plan.rounds * plan.jobsInFlight * plan.reports;
  return { latency: summarizeLatencies(latenciesMs), reports, notReceived: reports - latenciesMs.length, failed, jobs: plan.rounds * plan.jobsInFlight };
}

async function followProgressJob(baseUrl: string, plan: BenchPlan['jobEvents']): Promise<FollowedJob> {
  const latenciesMs: number[] = [];
  const args = { reports: plan.reports, interval_ms: plan.intervalMs, start_after_ms: START_AFTER_MS };
  const submitted = await fetch(`${baseUrl}/v1/analyze-execution/async`, {
    method: 'POST',
    headers: BENCH_HEADERS,
    body: JSON.stringify({ plugin: BENCH_PLUGIN, tool: BENCH_PROGRESS_TOOL, args }),
  });
  const job = (await submitted.json()) as { job_id?: unknown };
  if (submitted.status !== 202 || typeof job.job_id !== 'string') return { latenciesMs, failure: `submission answered ${submitted.status} ${JSON.stringify(job)}` };
  const stream = await fetch(`${baseUrl}/v1/analyze-execution/jobs/${job.job_id}/events`, { headers: { 'x-api-key': BENCH_HEADERS['x-api-key'], accept: 'text/event-stream' } });
  if (stream.status !== 200 || stream.body === null) return { latenciesMs, failure: `events of job ${job.job_id} answered ${stream.status} ${await stream.text()}` };
  let status: unknown;
  for await (const event of serverSentEvents(stream.body)) {
    const receivedAtMs = epochNowMs();
    if (event.event === 'progress') {
      const latencyMs = progressLatencyMs(event.data, receivedAtMs);
      if (latencyMs !== undefined) latenciesMs.push(latencyMs);
    } else if (event.event === 'state' || event.event === 'status') {
      status = (JSON.parse(event.data) as { status?: unknown }).status;
    } else if (event.event === 'error') {
      return { latenciesMs, failure: `events of job ${job.job_id} ended in an error: ${event.data}` };
    }
  }
  return { latenciesMs, failure: status === 'success' ? undefined : `job ${job.job_id} ended ${String(status)}, not success` };
}
