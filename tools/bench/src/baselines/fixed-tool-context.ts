import type { ToolContext } from '@forgesyte/plugin-sdk';

const SILENT = (): void => undefined;

/**
 * A ToolContext built once and reused for every direct call of the baseline: a signal that never
 * aborts, a far deadline, progress and log that do nothing.
 */
export function fixedToolContext(jobId = 'bench-direct'): ToolContext {
  return {
    signal: new AbortController().signal,
    jobId,
    deadline: Number.MAX_SAFE_INTEGER,
    progress: SILENT,
    log: { info: SILENT, warn: SILENT, error: SILENT },
  };
}
