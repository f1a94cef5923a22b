export { RuntimeModule } from './runtime.module';
export { RUNTIME_DEFAULTS, type CrashBreakerOptions, type RuntimeModuleOptions, type WorkerTierOptions } from './runtime.options';
export { CallCancellation, type CallerSignal } from './call-cancellation';
export { ToolRunner } from './tool-runner.service';
export { NO_RUNTIME_METRICS, RuntimeMetrics, type WorkerThreadEvent } from './metrics/runtime-metrics';
export type { ToolRunRequest, ExecutionOutcome, ProgressUpdate } from './tool-run-request';
export { NO_SPAN, NO_TRACING, type RecordedSpan, type TraceParent, type TraceSpan, type TraceSpanKind, Tracing } from './tracing/tracing';
export { SPAN_ATTRIBUTES, SPAN_NAMES } from './tracing/span-names';
