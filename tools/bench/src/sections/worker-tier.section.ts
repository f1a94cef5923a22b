import { rawPiscinaPool } from '../baselines/raw-piscina-pool';
import { BENCH_WORKER_PLUGIN, benchConfig } from '../bench-config';
import type { BenchPlan } from '../bench-plan';
import type { ServiceContext } from '../in-process/service-context';
import { BENCH_ARGS, BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';
import { median, type TimingSummary } from '../stats';
import { callsPerSecond, type Operation, timeAlternating, toolRunnerCall } from './timed-operations';

/** One tier's figures: calls one at a time, and calls with a fixed number in flight. */
export interface TierFigures {
  readonly sequential: TimingSummary;
  /** Median over rounds of calls per second with `concurrency` calls in flight. */
  readonly callsPerSecond: number;
}

/** Section 5: `ToolRunner.run` on a `worker` tool against a raw piscina `run`, and against the inline tool. */
export interface WorkerTierFigures {
  readonly worker: TierFigures;
  readonly raw: TierFigures;
  readonly inline: TierFigures;
  /** Threads of both pools. */
  readonly threads: number;
  readonly concurrency: number;
  readonly workerOverRawP50: number;
  /** Median over rounds of raw calls/s ÷ worker calls/s: the ratio of time per call with calls in flight. */
  readonly workerOverRawInFlight: number;
  readonly workerOverInlineP50: number;
}

type Tier = 'worker' | 'raw' | 'inline';

/**
 * Times the three tiers side by side in one process: sequential calls in alternating blocks after a
 * warm-up, then throughput rounds in a rotated order. All three send bench-noop's args and get its
 * result back; the worker tool and the raw task run in pools of the same size and settings.
 */
export async function benchWorkerTier(context: ServiceContext, plan: BenchPlan['workerTier'], log: (line: string) => void): Promise<WorkerTierFigures> {
  const config = benchConfig();
  const pool = rawPiscinaPool(config);
  try {
    const operations: Record<Tier, Operation> = {
      worker: toolRunnerCall(context.runner, { plugin: BENCH_WORKER_PLUGIN, tool: BENCH_TOOL, args: BENCH_ARGS, jobId: 'bench-worker' }),
      raw: () => pool.run(BENCH_ARGS),
      inline: toolRunnerCall(context.runner, { plugin: BENCH_PLUGIN, tool: BENCH_TOOL, args: BENCH_ARGS, jobId: 'bench-inline' }),
    };
    const sequential = await timeAlternating(operations, plan);
    log(`worker tier sequential p50: worker ${us(sequential.worker.p50Ns)} µs, raw piscina ${us(sequential.raw.p50Ns)} µs, inline ${us(sequential.inline.p50Ns)} µs`);
    const rates = await throughputRounds(operations, plan, log);
    const tier = (name: Tier): TierFigures => ({ sequential: sequential[name], callsPerSecond: median(rates.map((round) => round[name])) });
    return {
      worker: tier('worker'),
      raw: tier('raw'),
      inline: tier('inline'),
      threads: config.maxConcurrency,
      concurrency: plan.concurrency,
      workerOverRawP50: sequential.worker.p50Ns / sequential.raw.p50Ns,
      workerOverRawInFlight: median(rates.map((round) => round.raw / round.worker)),
      workerOverInlineP50: sequential.worker.p50Ns / sequential.inline.p50Ns,
    };
  } finally {
    await pool.destroy();
  }
}

/** Calls per second of every tier per round; an untimed first round starts every thread of both pools. */
async function throughputRounds(operations: Record<Tier, Operation>, plan: BenchPlan['workerTier'], log: (line: string) => void): Promise<Record<Tier, number>[]> {
  const tiers = Object.keys(operations) as Tier[];
  const rounds: Record<Tier, number>[] = [];
  for (let round = 0; round <= plan.throughputRounds; round += 1) {
    const rates = {} as Record<Tier, number>;
    for (let i = 0; i < tiers.length; i += 1) {
      const name = tiers[(round + i) % tiers.length];
      rates[name] = await callsPerSecond(operations[name], plan.throughputOps, plan.concurrency);
    }
    log(
      `worker tier ${round === 0 ? 'warm-up' : `round ${round}/${plan.throughputRounds}`} at ${plan.concurrency} in flight: ` +
        tiers.map((name) => `${name} ${rates[name].toFixed(0)}/s`).join(', '),
    );
    if (round > 0) rounds.push(rates);
  }
  return rounds;
}

function us(ns: number): string {
  return (ns / 1000).toFixed(1);
}
