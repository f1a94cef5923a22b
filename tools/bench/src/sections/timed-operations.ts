import type { ToolRunner, ToolRunRequest } from '@forgesyte/runtime';
import { summarizeTimings, type TimingSummary } from '../stats';

/** One operation a section times: resolves when done, throws when it failed. */
export type Operation = () => Promise<unknown>;

/** How many calls {@link timeAlternating} makes. */
export interface AlternatingPlan {
  readonly warmupOps: number;
  readonly opsPerBlock: number;
  readonly blocksPerTarget: number;
}

/**
 * Times every operation one call at a time: a warm-up of each, then `blocksPerTarget` rounds in which
 * each runs one block of `opsPerBlock` in turn, so that all see the same machine noise and JIT state.
 */
export async function timeAlternating<K extends string>(operations: Readonly<Record<K, Operation>>, plan: AlternatingPlan): Promise<Record<K, TimingSummary>> {
  const entries = Object.entries(operations) as [K, Operation][];
  for (const [, operation] of entries) await timeBlock(operation, new Float64Array(plan.warmupOps), 0, plan.warmupOps);
  const samples = entries.map(() => new Float64Array(plan.blocksPerTarget * plan.opsPerBlock));
  for (let block = 0; block < plan.blocksPerTarget; block += 1) {
    for (const [i, [, operation]] of entries.entries()) await timeBlock(operation, samples[i], block * plan.opsPerBlock, plan.opsPerBlock);
  }
  return Object.fromEntries(entries.map(([name], i) => [name, summarizeTimings(samples[i])])) as Record<K, TimingSummary>;
}

/** `ToolRunner.run` of `request` as an operation: throws when the call did not succeed. */
export function toolRunnerCall(runner: ToolRunner, request: ToolRunRequest): Operation {
  return async () => {
    const outcome = await runner.run(request);
    if (!outcome.ok) throw new Error(`ToolRunner.run failed: ${outcome.error.message}`);
  };
}

/** Operations per second over `total` calls of `operation`, with `concurrency` of them in flight at all times. */
export async function callsPerSecond(operation: Operation, total: number, concurrency: number): Promise<number> {
  let started = 0;
  const lane = async (): Promise<void> => {
    while (started < total) {
      started += 1;
      await operation();
    }
  };
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return total / ((performance.now() - startedAt) / 1000);
}

async function timeBlock(operation: Operation, samples: Float64Array, offset: number, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await operation();
    samples[offset + i] = (performance.now() - start) * 1e6;
  }
}
