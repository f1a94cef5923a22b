import { SPAN_ATTRIBUTES, type TraceSpan } from '@forgesyte/runtime';
import type { Job } from './jobs/job';

/**
 * Ends a job's span once its run settled: its id, mode, plugin, tool and final status, status error
 * (with the job's error code) when it did not succeed. `finished` is undefined when the job did not
 * run here (already taken, or the store failed before it started).
 */
export function endJobSpan(span: TraceSpan, jobId: string, finished: Job | undefined): void {
  span.setAttribute(SPAN_ATTRIBUTES.jobId, jobId);
  if (finished === undefined) {
    span.setAttribute(SPAN_ATTRIBUTES.jobStatus, 'not_run').end();
    return;
  }
  span
    .setAttribute(SPAN_ATTRIBUTES.jobMode, finished.mode)
    .setAttribute(SPAN_ATTRIBUTES.plugin, finished.plugin)
    .setAttribute(SPAN_ATTRIBUTES.tool, finished.tool ?? '')
    .setAttribute(SPAN_ATTRIBUTES.jobStatus, finished.status)
    .end(finished.status === 'success' ? undefined : finished.error?.code);
}
