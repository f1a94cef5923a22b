import { callPluginDirectly } from '../baselines/direct-plugin-call';
import { fixedToolContext } from '../baselines/fixed-tool-context';
import type { BenchPlan } from '../bench-plan';
import type { ServiceContext } from '../in-process/service-context';
import benchNoop, { BENCH_ARGS, BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';
import type { TimingSummary } from '../stats';
import { type Operation, timeAlternating, toolRunnerCall } from './timed-operations';

/** Section 2: `ToolRunner.run` on the no-op tool against a direct call of the plugin. */
export interface RunnerOverheadFigures {
  readonly runner: TimingSummary;
  readonly direct: TimingSummary;
  /** runner p50 − direct p50, in microseconds. */
  readonly p50OverheadUs: number;
  /** runner mean − direct mean, in microseconds. */
  readonly meanOverheadUs: number;
}

/**
 * Times every operation one by one, in alternating blocks (runner, direct, runner, …) after a warm-up
 * of both, so that both see the same machine noise and the same JIT state.
 */
export async function benchRunnerOverhead(context: ServiceContext, plan: BenchPlan['runner']): Promise<RunnerOverheadFigures> {
  const request = { plugin: BENCH_PLUGIN, tool: BENCH_TOOL, args: BENCH_ARGS, jobId: 'bench-runner' };
  const runnerOp = toolRunnerCall(context.runner, request);
  const toolContext = fixedToolContext();
  const directOp: Operation = () => callPluginDirectly(benchNoop, BENCH_TOOL, BENCH_ARGS, toolContext);

  const { runner, direct } = await timeAlternating(
    { runner: runnerOp, direct: directOp },
    { warmupOps: plan.warmupOps, opsPerBlock: plan.opsPerBlock, blocksPerTarget: Math.ceil(plan.blocks / 2) },
  );
  return {
    runner,
    direct,
    p50OverheadUs: (runner.p50Ns - direct.p50Ns) / 1000,
    meanOverheadUs: (runner.meanNs - direct.meanNs) / 1000,
  };
}
