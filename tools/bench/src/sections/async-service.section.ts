import type { BenchPlan } from '../bench-plan';
import type { ServiceContext } from '../in-process/service-context';
import { BENCH_ARGS, BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';
import { type FinishedJob, jobsPerSecond } from './jobs-throughput';
import { type KeySpreadFigures, measureKeySpread } from './key-spread';

/** How long to wait between two reads of a job that has not ended. */
const POLL_MS = 2;

/** Section 3, in process: no-op jobs submitted through `AnalysisExecutionService.submit`. */
export interface AsyncServiceFigures {
  /** Median over batches of jobs per second, submission of the first to completion of the last. */
  readonly jobsPerSecond: number;
  /** The same batches by one key and spread over many keys, in turns. */
  readonly keySpread: KeySpreadFigures;
  readonly jobsPerBatch: number;
  /** The executor's concurrency (FORGESYTE_MAX_CONCURRENCY, at its default). */
  readonly concurrency: number;
}

/**
 * Submits batches of jobs one after the other (as a client awaiting each 202 would), waits until every
 * job of the batch ended, and checks they all succeeded. A warm-up batch first; then each round one
 * batch by one key and one spread over many keys ({@link measureKeySpread}).
 */
export async function benchAsyncService(
  context: ServiceContext,
  plan: BenchPlan['asyncService'],
  concurrency: number,
  log: (line: string) => void,
): Promise<AsyncServiceFigures> {
  const warmup = await runAsyncBatch(context, plan.warmupJobs);
  log(`async service warm-up: ${plan.warmupJobs} jobs, ${warmup.toFixed(0)} jobs/s`);
  const keySpread = await measureKeySpread(async (keys) => {
    const rate = await runAsyncBatch(context, plan.jobs, keys);
    log(`async service, ${keys} key${keys === 1 ? '' : 's'}: ${plan.jobs} jobs, ${rate.toFixed(0)} jobs/s`);
    return rate;
  }, plan.rounds);
  return { jobsPerSecond: keySpread.oneKey, keySpread, jobsPerBatch: plan.jobs, concurrency };
}

/**
 * Submits `jobs` no-op jobs one after the other, by `keys` keys in turn (the context's caller, or as
 * many callers of its kind), waits until all ended, checks they succeeded: jobs per second.
 */
export async function runAsyncBatch(context: ServiceContext, jobs: number, keys = 1): Promise<number> {
  const request = { plugin: BENCH_PLUGIN, tool: BENCH_TOOL, args: BENCH_ARGS };
  const callers = keys === 1 ? [context.caller] : Array.from({ length: keys }, (_, i) => ({ ...context.caller, id: `${context.caller.id}_${i}` }));
  const startedAtMs = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < jobs; i += 1) ids.push((await context.analysis.submit(request, callers[i % keys])).job.id);
  // The last job first, polled gently, so that the polls load the server little while jobs still run.
  if (ids.length > 0) await untilEnded(context, ids[ids.length - 1]);
  const finished: FinishedJob[] = [];
  for (const id of ids) finished.push(await untilEnded(context, id));
  return jobsPerSecond(finished, startedAtMs, 'async service');
}

async function untilEnded(context: ServiceContext, id: string): Promise<FinishedJob> {
  for (;;) {
    const job = await context.analysis.getJob(id, context.caller);
    if (job.completedAt !== null) return { id, status: job.status, completedAtMs: job.completedAt.getTime() };
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
