import { BENCH_PLUGIN, BENCH_TOOL } from '../plugins/bench-noop.plugin';

/**
 * The body both HTTP baselines answer with: byte for byte the shape of ForgeSyte's sync response for
 * the no-op tool, so that all targets send the same amount of JSON.
 */
export const CONSTANT_RESPONSE = Object.freeze({
  job_id: '00000000-0000-4000-8000-000000000000',
  plugin: BENCH_PLUGIN,
  tool: BENCH_TOOL,
  status: 'success',
  result: { detections: [], count: 0 },
  duration_ms: 0.012,
});

/** {@link CONSTANT_RESPONSE} serialised once, for the raw node:http server. */
export const CONSTANT_RESPONSE_JSON = JSON.stringify(CONSTANT_RESPONSE);
