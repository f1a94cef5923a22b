import type { BenchPlan } from '../bench-plan';
import { newestJobs, waitUntilIdle } from '../load/api-client';
import { analyzeTarget } from '../load/http-target';
import { runLoad } from '../load/run-load';
import { median } from '../stats';
import { jobsPerSecond } from './jobs-throughput';

/** Section 3, over HTTP: no-op jobs submitted to `POST /v1/analyze-execution/async`. */
export interface HttpAsyncFigures {
  /** Median over batches of jobs per second, submission of the first to completion of the last. */
  readonly jobsPerSecond: number;
  readonly jobsPerBatch: number;
}

/**
 * Submits batches of jobs with autocannon (an exact amount at fixed connections), waits until the API
 * lists nothing pending or running, then reads the batch back through the job listing and checks every
 * job is an async `success`. The first batch only warms up.
 */
export async function benchHttpAsync(baseUrl: string, plan: BenchPlan['httpAsync'], log: (line: string) => void): Promise<HttpAsyncFigures> {
  const target = analyzeTarget('governed async', baseUrl, '/v1/analyze-execution/async');
  const rates: number[] = [];
  for (let batch = 0; batch <= plan.rounds; batch += 1) {
    const jobs = batch === 0 ? plan.warmupJobs : plan.jobs;
    const startedAtMs = Date.now();
    const load = await runLoad(target, { connections: plan.connections, amount: jobs });
    await waitUntilIdle(baseUrl);
    const listed = await newestJobs(baseUrl, load.responses);
    if (listed.length !== jobs || listed.some((job) => job.mode !== 'async')) {
      throw new Error(`http async: expected the ${jobs} newest jobs to be this batch's async jobs`);
    }
    const finished = listed.map((job) => ({
      id: job.job_id,
      status: job.status,
      completedAtMs: job.completed_at === null ? null : Date.parse(job.completed_at),
    }));
    const rate = jobsPerSecond(finished, startedAtMs, 'http async');
    if (batch > 0) rates.push(rate);
    log(`http async ${batch === 0 ? 'warm-up' : `batch ${batch}/${plan.rounds}`}: ${jobs} jobs, ${rate.toFixed(0)} jobs/s`);
  }
  return { jobsPerSecond: median(rates), jobsPerBatch: plan.jobs };
}
