import { type Context, ROOT_CONTEXT, type Span, SpanKind, type SpanContext, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { parseTraceParent } from '@opentelemetry/core';
import { BasicTracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { type RecordedSpan, type TraceParent, type TraceSpan, type TraceSpanKind, Tracing } from '@forgesyte/runtime';

/** OpenTelemetry's attribute for the kind of error a span ended with (here, the ForgeSyte error code). */
const ERROR_TYPE = 'error.type';

const KINDS: Readonly<Record<TraceSpanKind, SpanKind>> = {
  server: SpanKind.SERVER,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

/**
 * The {@link Tracing} port on the OpenTelemetry SDK: a tracer provider of its own, never registered
 * globally, with no context manager (parents are passed explicitly, as `traceparent` strings). Loaded
 * only when tracing is configured. Nothing it does throws into a call: a span the SDK refuses is dropped.
 */
export class OtelTracing extends Tracing {
  readonly enabled = true;
  private readonly tracer: Tracer;

  constructor(private readonly provider: BasicTracerProvider) {
    super();
    this.tracer = provider.getTracer('forgesyte');
  }

  /** A tracer provider for `serviceName` whose ended spans go to `processors`. */
  static create(serviceName: string, processors: SpanProcessor[]): OtelTracing {
    const resource = defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }));
    return new OtelTracing(new BasicTracerProvider({ resource, spanProcessors: processors }));
  }

  startSpan(name: string, parent: TraceParent | undefined, kind: TraceSpanKind = 'internal'): TraceSpan {
    try {
      return new OtelSpan(this.tracer.startSpan(name, { kind: KINDS[kind] }, contextOf(parent)));
    } catch {
      return DROPPED_SPAN;
    }
  }

  recordSpan(recorded: RecordedSpan): void {
    try {
      const span = this.tracer.startSpan(
        recorded.name,
        { kind: SpanKind.INTERNAL, startTime: recorded.startMs, attributes: recorded.attributes },
        contextOf(recorded.parent),
      );
      failed(span, recorded.errorCode);
      span.end(recorded.endMs);
    } catch {
      // A span the SDK cannot record is dropped; the call it describes goes on.
    }
  }

  /** Exports the spans still buffered. */
  forceFlush(): Promise<void> {
    return this.provider.forceFlush();
  }

  /** Exports the spans still buffered, then stops the exporters (at shutdown). */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}

/** A span of the SDK behind the port; its `traceparent` is formatted on first use, once. */
class OtelSpan implements TraceSpan {
  private parentOfChildren: TraceParent | undefined;
  private ended = false;

  constructor(private readonly span: Span) {}

  get traceparent(): TraceParent {
    return (this.parentOfChildren ??= formatTraceParent(this.span.spanContext()));
  }

  setAttribute(key: string, value: string | number): TraceSpan {
    this.span.setAttribute(key, value);
    return this;
  }

  updateName(name: string): TraceSpan {
    this.span.updateName(name);
    return this;
  }

  end(errorCode?: string): void {
    if (this.ended) return;
    this.ended = true;
    failed(this.span, errorCode);
    this.span.end();
  }
}

/** The span of a failed `startSpan`: records nothing and carries no context. */
const DROPPED_SPAN: TraceSpan = Object.freeze({
  traceparent: undefined,
  setAttribute: (): TraceSpan => DROPPED_SPAN,
  updateName: (): TraceSpan => DROPPED_SPAN,
  end: () => undefined,
});

function failed(span: Span, errorCode: string | undefined): void {
  if (errorCode === undefined) return;
  span.setStatus({ code: SpanStatusCode.ERROR, message: errorCode });
  span.setAttribute(ERROR_TYPE, errorCode);
}

/** The context whose span is `parent`; a new trace (the root context) when it is absent or not a valid `traceparent`. */
function contextOf(parent: TraceParent | undefined): Context {
  if (parent === undefined) return ROOT_CONTEXT;
  const spanContext = parseTraceParent(parent);
  return spanContext === null ? ROOT_CONTEXT : trace.setSpanContext(ROOT_CONTEXT, spanContext);
}

/** The W3C `traceparent` of a span context: version 00, trace id, span id, flags. */
export function formatTraceParent(context: SpanContext): TraceParent {
  return `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
}
