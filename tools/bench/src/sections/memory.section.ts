import type { BenchPlan } from '../bench-plan';
import type { ServiceContext } from '../in-process/service-context';
import { BENCH_ARGS, BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';

/** Heap and RSS after a forced garbage collection, in bytes. */
export interface MemorySample {
  readonly executions: number;
  readonly heapUsedBytes: number;
  readonly rssBytes: number;
}

/** Section 4: memory after `first` and after `total` sync executions, and its growth between them. */
export interface MemoryFigures {
  readonly first: MemorySample;
  readonly last: MemorySample;
  readonly heapGrowthPercent: number;
  readonly rssGrowthPercent: number;
}

/**
 * Runs sync executions through `AnalysisExecutionService.analyze` one after the other (every one a
 * job record, retention at its default) and samples memory after a forced GC at `first` and `total`.
 * Needs `--expose-gc`.
 */
export async function benchMemory(context: ServiceContext, plan: BenchPlan['memory']): Promise<MemoryFigures> {
  const request = { plugin: BENCH_PLUGIN, tool: BENCH_TOOL, args: BENCH_ARGS };
  const execute = async (count: number): Promise<void> => {
    for (let i = 0; i < count; i += 1) await context.analysis.analyze(request, context.caller);
  };
  await execute(plan.first);
  const first = await sample(plan.first);
  await execute(plan.total - plan.first);
  const last = await sample(plan.total);
  return {
    first,
    last,
    heapGrowthPercent: growth(first.heapUsedBytes, last.heapUsedBytes),
    rssGrowthPercent: growth(first.rssBytes, last.rssBytes),
  };
}

async function sample(executions: number): Promise<MemorySample> {
  const collect = globalThis.gc;
  if (collect === undefined) throw new Error('the memory section needs node --expose-gc');
  for (let i = 0; i < 3; i += 1) {
    collect();
    await new Promise((resolve) => setImmediate(resolve));
  }
  const usage = process.memoryUsage();
  return { executions, heapUsedBytes: usage.heapUsed, rssBytes: usage.rss };
}

function growth(before: number, after: number): number {
  return ((after - before) / before) * 100;
}
