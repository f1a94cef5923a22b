import { definePlugin } from '@forgesyte/plugin-sdk';

/** The name the bench's no-op plugin registers under. */
export const BENCH_PLUGIN = 'bench-noop';

/** Its one tool: shaped like a detector, does nothing. */
export const BENCH_TOOL = 'detect';

/** A realistic small input: an image reference, its size, a threshold, label filters and options. */
const INPUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['image_id', 'width', 'height', 'threshold'],
  properties: {
    image_id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{7,63}$' },
    width: { type: 'integer', minimum: 1, maximum: 16_384 },
    height: { type: 'integer', minimum: 1, maximum: 16_384 },
    threshold: { type: 'number', minimum: 0, maximum: 1 },
    labels: { type: 'array', maxItems: 32, items: { type: 'string', minLength: 1, maxLength: 64 } },
    options: {
      type: 'object',
      additionalProperties: false,
      properties: {
        mode: { enum: ['fast', 'accurate'] },
        max_results: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
  },
} as const;

const OUTPUT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['detections', 'count'],
  properties: {
    detections: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'score'],
        properties: { label: { type: 'string' }, score: { type: 'number', minimum: 0, maximum: 1 } },
      },
    },
    count: { type: 'integer', minimum: 0 },
  },
} as const;

/** Args that satisfy the tool's input schema: what every bench execution sends. */
export const BENCH_ARGS = Object.freeze({
  image_id: 'img-2026-0001',
  width: 1920,
  height: 1080,
  threshold: 0.5,
  labels: ['person', 'car', 'bicycle'],
  options: { mode: 'fast', max_results: 10 },
});

/** The no-op's result: nothing detected. */
const NOTHING_DETECTED = Object.freeze({ detections: [], count: 0 });

/**
 * BENCHMARK-ONLY plugin: one inline tool with realistic JSON contracts whose `run` does no work, so
 * that a benchmark measures only what governance costs around it.
 */
export default definePlugin({
  name: BENCH_PLUGIN,
  version: '1.0.0',
  description: 'Benchmark-only: a detector-shaped tool that does nothing.',
  tools: {
    [BENCH_TOOL]: {
      description: 'Returns no detections, at once.',
      inputSchema: INPUT_SCHEMA,
      outputSchema: OUTPUT_SCHEMA,
    },
  },
  run: () => NOTHING_DETECTED,
});
