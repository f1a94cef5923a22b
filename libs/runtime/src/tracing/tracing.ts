/**
 * A span's context as plain data: a W3C `traceparent` (`00-<trace id>-<span id>-<flags>`). It is how
 * a trace crosses every boundary explicitly (HTTP request → job → ToolRunner → worker thread, and the
 * BullMQ job data to `apps/worker`): no context manager, no AsyncLocalStorage.
 */
export type TraceParent = string;

/** What a span stands for, as OpenTelemetry's span kinds: a request served, a job queued or taken from a queue, or work within. */
export type TraceSpanKind = 'server' | 'producer' | 'consumer' | 'internal';

/** One span, started by {@link Tracing.startSpan}. */
export interface TraceSpan {
  /** This span as the parent of others, here or in another thread or process; undefined when nothing is traced. */
  readonly traceparent: TraceParent | undefined;
  /** Sets an attribute; returns the span, so that calls chain. */
  setAttribute(key: string, value: string | number): TraceSpan;
  /** Renames the span (an HTTP span is named after its route, known only once it matched). */
  updateName(name: string): TraceSpan;
  /** Ends the span; with `errorCode` (a ForgeSyte error code) its status is error. Only the first call counts. */
  end(errorCode?: string): void;
}

/** A span that ran elsewhere (a worker thread) and reported its times: see {@link Tracing.recordSpan}. */
export interface RecordedSpan {
  readonly name: string;
  readonly parent: TraceParent | undefined;
  /** When it started and ended, in epoch milliseconds (fractions allowed). */
  readonly startMs: number;
  readonly endMs: number;
  readonly attributes: Readonly<Record<string, string | number>>;
  /** The ForgeSyte error code it ended with, if it failed. */
  readonly errorCode?: string;
}

/**
 * Where the libs start trace spans: a port, so that no lib imports OpenTelemetry. The app provides an
 * implementation under this class as token when tracing is configured; otherwise {@link NO_TRACING}
 * does nothing and allocates nothing. Never throws: a tracing failure must not reach a call.
 */
export abstract class Tracing {
  /** Whether spans are recorded; callers may skip work (timestamps, attributes) that only tracing needs. */
  abstract readonly enabled: boolean;

  /** Starts a span, the child of `parent` (an invalid or absent `parent` starts a new trace). */
  abstract startSpan(name: string, parent: TraceParent | undefined, kind?: TraceSpanKind): TraceSpan;

  /** Records, ended, a span whose work ran where no tracer is (a worker thread), with the times it measured. */
  abstract recordSpan(span: RecordedSpan): void;
}

/** The span of {@link NO_TRACING}: no context, and every call does nothing. */
export const NO_SPAN: TraceSpan = Object.freeze({
  traceparent: undefined,
  setAttribute: (): TraceSpan => NO_SPAN,
  updateName: (): TraceSpan => NO_SPAN,
  end: () => undefined,
});

/** Traces nothing: the libs' tracing when the app provides no {@link Tracing}. */
export const NO_TRACING: Tracing = Object.freeze({
  enabled: false,
  startSpan: (): TraceSpan => NO_SPAN,
  recordSpan: () => undefined,
});
