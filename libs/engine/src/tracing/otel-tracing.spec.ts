import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { OtelTracing } from './otel-tracing';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;

function parentSpanId(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

describe(OtelTracing.name, () => {
  let exporter: InMemorySpanExporter;
  let tracing: OtelTracing;

  beforeEach(() => {
    exporter = new InMemorySpanExporter();
    tracing = OtelTracing.create('forgesyte-test', [new SimpleSpanProcessor(exporter)]);
  });

  afterEach(() => tracing.shutdown());

  it('starts a span as the child of a traceparent, and its own traceparent parents the next one', () => {
    const job = tracing.startSpan('job', PARENT, 'consumer');
    const run = tracing.startSpan('run', job.traceparent);
    run.end();
    job.end();

    const [runSpan, jobSpan] = exporter.getFinishedSpans();
    expect(jobSpan.spanContext().traceId).toBe(TRACE_ID);
    expect(parentSpanId(jobSpan)).toBe('00f067aa0ba902b7');
    expect(jobSpan.kind).toBe(SpanKind.CONSUMER);
    expect(runSpan.spanContext().traceId).toBe(TRACE_ID);
    expect(parentSpanId(runSpan)).toBe(jobSpan.spanContext().spanId);
    expect(job.traceparent).toBe(`00-${TRACE_ID}-${jobSpan.spanContext().spanId}-01`);
  });

  it.each(['garbage', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`, `00-${TRACE_ID}-00f067aa0ba902b7`, ''])('ignores the invalid traceparent %j: a new trace starts', (parent) => {
    tracing.startSpan('request', parent, 'server').end();

    const [span] = exporter.getFinishedSpans();
    expect(span.spanContext().traceId).not.toBe(TRACE_ID);
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.parentSpanContext).toBeUndefined();
  });

  it('ends a span once, with status error and error.type when given an error code', () => {
    const span = tracing.startSpan('run', undefined);
    span.setAttribute('forgesyte.plugin', 'ocr').end('PLUGIN_TIMEOUT');
    span.end();

    const spans = exporter.getFinishedSpans();
    expect(spans).toHaveLength(1);
    expect(spans[0].status).toEqual({ code: SpanStatusCode.ERROR, message: 'PLUGIN_TIMEOUT' });
    expect(spans[0].attributes).toMatchObject({ 'forgesyte.plugin': 'ocr', 'error.type': 'PLUGIN_TIMEOUT' });
  });

  it('records a span measured elsewhere with the times it reports', () => {
    const startMs = Date.now() - 50;

    tracing.recordSpan({ name: 'plugin_run', parent: PARENT, startMs, endMs: startMs + 20.5, attributes: { 'forgesyte.tool': 'ok' } });

    const [span] = exporter.getFinishedSpans();
    expect(parentSpanId(span)).toBe('00f067aa0ba902b7');
    expect(span.startTime[0] * 1000 + span.startTime[1] / 1e6).toBeCloseTo(startMs, 0);
    expect(span.duration[0] * 1000 + span.duration[1] / 1e6).toBeCloseTo(20.5, 1);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('names the service in the resource', () => {
    tracing.startSpan('x', undefined).end();

    expect(exporter.getFinishedSpans()[0].resource.attributes['service.name']).toBe('forgesyte-test');
  });
});
