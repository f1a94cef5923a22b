import type { WorkerRunTimes } from '../worker/worker-protocol';
import { SPAN_ATTRIBUTES, SPAN_NAMES } from './span-names';
import type { TraceParent, Tracing } from './tracing';

/**
 * Records the `forgesyte.plugin_run` span of a call that ran in a worker thread, the child of the
 * ToolRunner call's span, with the times `ran` gives: measured in the thread (`timedIn` `thread`), or
 * by the server when the thread never replied (`server`: deadline, cancel, crash).
 */
export function recordWorkerRun(
  tracing: Tracing,
  parent: TraceParent,
  call: { readonly plugin: string; readonly tool: string },
  ran: WorkerRunTimes,
  timedIn: 'thread' | 'server',
  errorCode: string | undefined,
): void {
  tracing.recordSpan({
    name: SPAN_NAMES.pluginRun,
    parent,
    startMs: ran.startMs,
    endMs: ran.endMs,
    attributes: {
      [SPAN_ATTRIBUTES.plugin]: call.plugin,
      [SPAN_ATTRIBUTES.tool]: call.tool,
      [SPAN_ATTRIBUTES.isolation]: 'worker',
      [SPAN_ATTRIBUTES.timedIn]: timedIn,
    },
    errorCode,
  });
}
