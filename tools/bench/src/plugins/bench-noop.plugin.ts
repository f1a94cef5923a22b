import { definePlugin } from '@forgesyte/plugin-sdk';
// The tool's JSON contract is data shared with the worker variant (bench-noop-worker.plugin.cjs), so
// that both tiers validate, clone and return exactly the same thing: a realistic small input (an image
// reference, its size, a threshold, label filters and options) and a detector-shaped output.
import contract from './bench-noop.contract.json';
import { BENCH_PROGRESS_TOOL, PROGRESS_TOOL_DEFINITION, reportProgress } from './bench-progress.tool';

/** The name the bench's no-op plugin registers under. */
export const BENCH_PLUGIN = 'bench-noop';

/** Its one tool: shaped like a detector, does nothing. */
export const BENCH_TOOL = 'detect';

/** Args that satisfy the tool's input schema: what every bench execution sends. */
export const BENCH_ARGS = Object.freeze(contract.args);

/** The no-op's result: nothing detected. */
const NOTHING_DETECTED = Object.freeze(contract.result);

/**
 * BENCHMARK-ONLY plugin: an inline tool with realistic JSON contracts whose `run` does no work, so
 * that a benchmark measures only what governance costs around it; and {@link BENCH_PROGRESS_TOOL},
 * whose stamped progress reports time the live job events.
 */
export default definePlugin({
  name: BENCH_PLUGIN,
  version: '1.0.0',
  description: 'Benchmark-only: a detector-shaped tool that does nothing.',
  tools: {
    [BENCH_TOOL]: {
      description: 'Returns no detections, at once.',
      inputSchema: contract.inputSchema,
      outputSchema: contract.outputSchema,
    },
    [BENCH_PROGRESS_TOOL]: PROGRESS_TOOL_DEFINITION,
  },
  run: (tool, args, context) => (tool === BENCH_TOOL ? NOTHING_DETECTED : reportProgress(args, context)),
});
