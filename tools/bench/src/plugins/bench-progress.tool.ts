import { setTimeout as pause } from 'node:timers/promises';
import { defineTool, type ToolArgs, type ToolContext, type ToolResult } from '@forgesyte/plugin-sdk';

/** The bench plugin's second tool: reports progress, each report stamped with the moment it was made. */
export const BENCH_PROGRESS_TOOL = 'report-progress';

const inputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reports', 'interval_ms'],
  properties: {
    reports: { type: 'integer', minimum: 1, maximum: 10_000 },
    interval_ms: { type: 'integer', minimum: 0, maximum: 1_000 },
    start_after_ms: { type: 'integer', minimum: 0, maximum: 10_000 },
  },
} as const;

const outputSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['reports'],
  properties: { reports: { type: 'integer', minimum: 0 } },
} as const;

/** The definition of {@link BENCH_PROGRESS_TOOL} in the bench plugin. */
export const PROGRESS_TOOL_DEFINITION = defineTool({
  description: 'Benchmark-only: waits start_after_ms, then reports progress `reports` times, interval_ms apart; each message is the epoch time of the report in ms.',
  inputSchema,
  outputSchema,
});

/** The args of {@link BENCH_PROGRESS_TOOL}. */
export type ProgressToolArgs = ToolArgs<typeof PROGRESS_TOOL_DEFINITION>;

/**
 * The epoch time now in milliseconds with sub-millisecond precision (`performance.timeOrigin +
 * performance.now()`): comparable between processes of one machine, as the bench and its servers are.
 */
export function epochNowMs(): number {
  return performance.timeOrigin + performance.now();
}

/**
 * Runs {@link BENCH_PROGRESS_TOOL}: each report's fraction is its rank over `reports`, its message
 * {@link epochNowMs} at the report; it waits `interval_ms` after each one, the last included, so that
 * the last report is not merged into the job's end. Stops when the call's signal aborts.
 */
export async function reportProgress(args: ProgressToolArgs, context: ToolContext): Promise<ToolResult<typeof PROGRESS_TOOL_DEFINITION>> {
  await pause(args.start_after_ms ?? 0, undefined, { signal: context.signal });
  for (let report = 1; report <= args.reports; report += 1) {
    context.progress(report / args.reports, epochNowMs().toFixed(3));
    await pause(args.interval_ms, undefined, { signal: context.signal });
  }
  return { reports: args.reports };
}
