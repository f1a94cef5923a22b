import { callPluginDirectly } from '../baselines/direct-plugin-call';
import { fixedToolContext } from '../baselines/fixed-tool-context';
import type { BenchPlan } from '../bench-plan';
import type { ServiceContext } from '../in-process/service-context';
import benchNoop, { BENCH_ARGS, BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';
import { summarizeTimings, type TimingSummary } from '../stats';

/** Section 2: `ToolRunner.run` on the no-op tool against a direct call of the plugin. */
export interface RunnerOverheadFigures {
  readonly runner: TimingSummary;
  readonly direct: TimingSummary;
  /** runner p50 − direct p50, in microseconds. */
  readonly p50OverheadUs: number;
  /** runner mean − direct mean, in microseconds. */
  readonly meanOverheadUs: number;
}

type Operation = () => Promise<unknown>;

/**
 * Times every operation one by one, in alternating blocks (runner, direct, runner, …) after a warm-up
 * of both, so that both see the same machine noise and the same JIT state.
 */
export async function benchRunnerOverhead(context: ServiceContext, plan: BenchPlan['runner']): Promise<RunnerOverheadFigures> {
  const request = { plugin: BENCH_PLUGIN, tool: BENCH_TOOL, args: BENCH_ARGS, jobId: 'bench-runner' };
  const runnerOp: Operation = async () => {
    const outcome = await context.runner.run(request);
    if (!outcome.ok) throw new Error(`ToolRunner.run failed: ${outcome.error.message}`);
  };
  const toolContext = fixedToolContext();
  const directOp: Operation = () => callPluginDirectly(benchNoop, BENCH_TOOL, BENCH_ARGS, toolContext);

  await timeBlock(runnerOp, new Float64Array(plan.warmupOps), 0, plan.warmupOps);
  await timeBlock(directOp, new Float64Array(plan.warmupOps), 0, plan.warmupOps);
  const perTarget = Math.ceil(plan.blocks / 2) * plan.opsPerBlock;
  const runnerSamples = new Float64Array(perTarget);
  const directSamples = new Float64Array(perTarget);
  for (let block = 0; block < Math.ceil(plan.blocks / 2); block += 1) {
    const offset = block * plan.opsPerBlock;
    await timeBlock(runnerOp, runnerSamples, offset, plan.opsPerBlock);
    await timeBlock(directOp, directSamples, offset, plan.opsPerBlock);
  }
  const runner = summarizeTimings(runnerSamples);
  const direct = summarizeTimings(directSamples);
  return {
    runner,
    direct,
    p50OverheadUs: (runner.p50Ns - direct.p50Ns) / 1000,
    meanOverheadUs: (runner.meanNs - direct.meanNs) / 1000,
  };
}

async function timeBlock(operation: Operation, samples: Float64Array, offset: number, count: number): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    const start = performance.now();
    await operation();
    samples[offset + i] = (performance.now() - start) * 1e6;
  }
}
