import { startRedisServer } from '../../../../libs/execution/src/testing/redis-server';
import { makeTempDir } from '../../../../libs/execution/src/testing/temp-dir';
import contract from '../plugins/bench-noop.contract.json';
import { benchAsyncService } from '../sections/async-service.section';
import { median } from '../stats';
import { ForgeSyteStoreTarget, type StoreTargetKind } from './forgesyte-store.target';
import { RawBullMqTarget } from './raw-bullmq.target';

/** How much the job-store section measures per target. */
export interface JobStoresPlan {
  readonly warmupJobs: number;
  readonly jobs: number;
  readonly rounds: number;
}

/** One row: async no-op jobs per second on one store (median of the rounds). */
export interface JobStoreRow {
  readonly target: string;
  readonly jobsPerSecond: number;
}

/** The section's figures: ForgeSyte per store, and raw BullMQ with the same worker counts. */
export interface JobStoresFigures {
  readonly rows: readonly JobStoreRow[];
  readonly concurrency: number;
  /** ForgeSyte on Redis / raw BullMQ, with one and with two worker processes. */
  readonly redisRatio: { readonly oneWorker: number; readonly twoWorkers: number };
}

/**
 * Async no-op jobs per second through `AnalysisExecutionService.submit` (submitted one after the other,
 * until the last has ended) on the memory, SQLite and Redis stores (one and two `apps/worker`
 * processes), against raw BullMQ (a plain Queue and one or two plain Worker processes with a no-op
 * processor) on the same `redis-server`, started for the section on a free loopback port.
 */
export async function benchJobStores(plan: JobStoresPlan, concurrency: number, log: (line: string) => void): Promise<JobStoresFigures> {
  const redis = await startRedisServer();
  const dataDir = makeTempDir('bench-sqlite');
  try {
    const forgeSyte = async (label: string, target: StoreTargetKind): Promise<JobStoreRow> => {
      const started = await ForgeSyteStoreTarget.start(target, concurrency);
      try {
        const figures = await benchAsyncService(started.context, plan, concurrency, (line) => log(`${label}: ${line}`));
        return { target: label, jobsPerSecond: figures.jobsPerSecond };
      } finally {
        await started.stop();
      }
    };
    const raw = async (label: string, workers: number): Promise<JobStoreRow> => {
      const target = await RawBullMqTarget.start(redis.url, `raw-${workers}`, workers, concurrency);
      try {
        const rates: number[] = [];
        await target.runBatch(plan.warmupJobs, contract.args);
        for (let round = 1; round <= plan.rounds; round += 1) {
          rates.push(await target.runBatch(plan.jobs, contract.args));
          log(`${label}: batch ${round}/${plan.rounds}: ${plan.jobs} jobs, ${rates[rates.length - 1].toFixed(0)} jobs/s`);
        }
        return { target: label, jobsPerSecond: median(rates) };
      } finally {
        await target.stop();
      }
    };
    const rows = [
      await forgeSyte('ForgeSyte, memory store', { kind: 'memory' }),
      await forgeSyte('ForgeSyte, SQLite store', { kind: 'sqlite', dataDir: dataDir.path }),
      await raw('raw BullMQ, 1 worker process', 1),
      await forgeSyte('ForgeSyte, Redis, 1 apps/worker', { kind: 'redis', url: redis.url, workers: 1 }),
      await raw('raw BullMQ, 2 worker processes', 2),
      await forgeSyte('ForgeSyte, Redis, 2 apps/worker', { kind: 'redis', url: redis.url, workers: 2 }),
    ];
    const rate = (index: number) => rows[index].jobsPerSecond;
    return { rows, concurrency, redisRatio: { oneWorker: rate(3) / rate(2), twoWorkers: rate(5) / rate(4) } };
  } finally {
    await redis.stop();
    dataDir.remove();
  }
}
