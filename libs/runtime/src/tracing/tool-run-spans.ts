import { SPAN_ATTRIBUTES } from './span-names';
import type { TraceSpan } from './tracing';

/**
 * Ends a ToolRunner call's span, and the span of its inline plugin run if one was started (the
 * runner's `finally` calls it on every path, as it records the metrics): plugin, tool, job id and
 * outcome (`success` or the error code, as the metrics' label), status error on failure.
 */
export function endToolRunSpans(run: TraceSpan, pluginRun: TraceSpan, plugin: string, tool: string, jobId: string, errorCode: string | undefined): void {
  pluginRun
    .setAttribute(SPAN_ATTRIBUTES.plugin, plugin)
    .setAttribute(SPAN_ATTRIBUTES.tool, tool)
    .setAttribute(SPAN_ATTRIBUTES.isolation, 'inline')
    .end(errorCode);
  run
    .setAttribute(SPAN_ATTRIBUTES.plugin, plugin)
    .setAttribute(SPAN_ATTRIBUTES.tool, tool)
    .setAttribute(SPAN_ATTRIBUTES.jobId, jobId)
    .setAttribute(SPAN_ATTRIBUTES.outcome, errorCode ?? 'success')
    .end(errorCode);
}
