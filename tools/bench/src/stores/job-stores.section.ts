import type { BenchPlan } from '../bench-plan';
import { startRedisServer } from '../../../../libs/execution/src/testing/redis-server';
import { makeTempDir } from '../../../../libs/execution/src/testing/temp-dir';
import contract from '../plugins/bench-noop.contract.json';
import { runAsyncBatch } from '../sections/async-service.section';
import { type KeySpreadFigures, measureKeySpread } from '../sections/key-spread';
import { median } from '../stats';
import { ForgeSyteStoreTarget, type StoreTargetKind } from './forgesyte-store.target';
import { RawBullMqTarget } from './raw-bullmq.target';

/** How much the job-store section measures per target. */
export type JobStoresPlan = BenchPlan['jobStores'];

/** One row: async no-op jobs per second on one store (median of the rounds). */
export interface JobStoreRow {
  readonly target: string;
  readonly jobsPerSecond: number;
}

/** ForgeSyte on Redis against raw BullMQ with the same number of worker processes. */
export interface RedisComparison {
  readonly workers: number;
  readonly forgeSyte: JobStoreRow;
  readonly rawBullMq: JobStoreRow;
  /** Median over rounds of ForgeSyte's jobs/s over raw BullMQ's in the same round. */
  readonly ratio: number;
  /** ForgeSyte's batches by one key and spread over many keys, in turns. */
  readonly keySpread: KeySpreadFigures;
}

/** The section's figures: ForgeSyte on the SQLite store, and on Redis against raw BullMQ. */
export interface JobStoresFigures {
  readonly sqlite: JobStoreRow & { readonly keySpread: KeySpreadFigures };
  readonly redis: readonly RedisComparison[];
  readonly concurrency: number;
}

/** Something that runs a batch of no-op jobs (by `keys` keys in turn, where it can) and answers jobs per second. */
type BatchRunner = (jobs: number, keys?: number) => Promise<number>;

/**
 * Async no-op jobs per second through `AnalysisExecutionService.submit` (submitted one after the other,
 * until the last has ended) on the SQLite store (the memory store is the async-service section), and on Redis with one and two
 * `apps/worker` processes against raw BullMQ (a plain Queue and as many plain Worker processes with a
 * no-op processor) on the same `redis-server`, started for the section on a free loopback port. Both
 * Redis targets run side by side and take turns, batch for batch, so that a busy moment of the machine
 * weighs on both.
 */
export async function benchJobStores(plan: JobStoresPlan, concurrency: number, log: (line: string) => void): Promise<JobStoresFigures> {
  const redis = await startRedisServer();
  const dataDir = makeTempDir('bench-sqlite');
  const logged = (label: string, run: BatchRunner): BatchRunner => async (jobs, keys = 1) => {
    const rate = await run(jobs, keys);
    log(`${label}${keys === 1 ? '' : `, ${keys} keys`}: ${jobs} jobs, ${rate.toFixed(0)} jobs/s`);
    return rate;
  };
  try {
    const alone = async (label: string, target: StoreTargetKind): Promise<JobStoresFigures['sqlite']> => {
      const started = await ForgeSyteStoreTarget.start(target, concurrency);
      try {
        const run = logged(label, (jobs, keys) => runAsyncBatch(started.context, jobs, keys));
        await run(plan.warmupJobs);
        const keySpread = await measureKeySpread((keys) => run(plan.jobs, keys), plan.rounds);
        return { target: label, jobsPerSecond: keySpread.oneKey, keySpread };
      } finally {
        await started.stop();
      }
    };
    const onRedis = async (workers: number): Promise<RedisComparison> => {
      const plural = workers === 1 ? '' : 'es';
      const labels = { forgeSyte: `ForgeSyte, Redis, ${workers} apps/worker`, raw: `raw BullMQ, ${workers} worker process${plural}` };
      const [forgeSyte, raw] = await Promise.all([
        ForgeSyteStoreTarget.start({ kind: 'redis', url: redis.url, workers }, concurrency),
        RawBullMqTarget.start(redis.url, `raw-${workers}`, workers, concurrency),
      ]);
      try {
        const runForgeSyte = logged(labels.forgeSyte, (jobs, keys) => runAsyncBatch(forgeSyte.context, jobs, keys));
        const runRaw = logged(labels.raw, (jobs) => raw.runBatch(jobs, contract.args));
        await runForgeSyte(plan.warmupJobs);
        await runRaw(plan.warmupJobs);
        const rates = { forgeSyte: [] as number[], raw: [] as number[], ratio: [] as number[] };
        for (let round = 0; round < plan.rounds; round += 1) {
          // Who goes first changes every round, so that neither always follows the other's backlog.
          const [first, second] = round % 2 === 0 ? [runRaw, runForgeSyte] : [runForgeSyte, runRaw];
          const firstRate = await first(plan.jobs);
          const secondRate = await second(plan.jobs);
          const [rawRate, forgeSyteRate] = round % 2 === 0 ? [firstRate, secondRate] : [secondRate, firstRate];
          rates.forgeSyte.push(forgeSyteRate);
          rates.raw.push(rawRate);
          rates.ratio.push(forgeSyteRate / rawRate);
        }
        // Then ForgeSyte alone, by one key and by many in turns (raw BullMQ has no keys to spread over).
        const keySpread = await measureKeySpread((keys) => runForgeSyte(plan.jobs, keys), plan.rounds);
        return {
          workers,
          forgeSyte: { target: labels.forgeSyte, jobsPerSecond: median(rates.forgeSyte) },
          rawBullMq: { target: labels.raw, jobsPerSecond: median(rates.raw) },
          ratio: median(rates.ratio),
          keySpread,
        };
      } finally {
        await Promise.all([forgeSyte.stop(), raw.stop()]);
      }
    };
    const sqlite = await alone('ForgeSyte, SQLite store', { kind: 'sqlite', dataDir: dataDir.path });
    const comparisons = [await onRedis(1), await onRedis(2)];
    return { sqlite, redis: comparisons, concurrency };
  } finally {
    await redis.stop();
    dataDir.remove();
  }
}
