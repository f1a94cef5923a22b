import { resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { SpanStatusCode } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { RegistryModule } from '@forgesyte/registry';
import { CallCancellation, RuntimeModule, SPAN_NAMES, ToolRunner, Tracing } from '@forgesyte/runtime';
import { SILENT_LOGGER } from '../../../../test/support/silent-logger';
import { OtelTracing } from './otel-tracing';

const REPO_ROOT = resolve(__dirname, '../../../..');
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const JOB_SPAN_ID = '00f067aa0ba902b7';
const JOB = `00-${TRACE_ID}-${JOB_SPAN_ID}-01`;

function ms(time: readonly [number, number]): number {
  return time[0] * 1000 + time[1] / 1e6;
}

describe('ToolRunner traces', () => {
  const exporter = new InMemorySpanExporter();
  const tracing = OtelTracing.create('forgesyte-test', [new SimpleSpanProcessor(exporter)]);
  let moduleRef: TestingModule;
  let runner: ToolRunner;

  @Module({ providers: [{ provide: Tracing, useValue: tracing }], exports: [Tracing] })
  class TestTracingModule {}

  beforeAll(async () => {
    const runtime = RuntimeModule.forRoot({ defaultTimeoutMs: 5000, worker: { graceMs: 50 }, breaker: { crashes: 100 } });
    moduleRef = await Test.createTestingModule({
      imports: [
        RegistryModule.forRoot({ specifiers: ['./test/fixtures/plugins/echo.plugin.js', './test/fixtures/plugins/throws.plugin.js', './test/fixtures/plugins/worker-faults.plugin.js'], baseDir: REPO_ROOT }),
        { ...runtime, imports: [...(runtime.imports ?? []), TestTracingModule] },
      ],
    })
      .setLogger(SILENT_LOGGER)
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    runner = moduleRef.get(ToolRunner);
  });

  afterAll(async () => {
    await moduleRef.close();
    await tracing.shutdown();
  });

  beforeEach(() => exporter.reset());

  function spansNamed(name: string): ReadableSpan[] {
    return exporter.getFinishedSpans().filter((span) => span.name === name);
  }

  it('traces an inline call as the job span\'s child, with plugin, tool, job id and outcome, and its plugin run beneath', async () => {
    await runner.run({ plugin: 'echo', tool: 'echo', args: { message: 'hi' }, jobId: 'job-1', traceparent: JOB });

    const [run] = spansNamed(SPAN_NAMES.toolRun);
    const [pluginRun] = spansNamed(SPAN_NAMES.pluginRun);
    expect(run.spanContext().traceId).toBe(TRACE_ID);
    expect(run.parentSpanContext?.spanId).toBe(JOB_SPAN_ID);
    expect(run.attributes).toEqual({ 'forgesyte.plugin': 'echo', 'forgesyte.tool': 'echo', 'forgesyte.job_id': 'job-1', 'forgesyte.outcome': 'success' });
    expect(run.status.code).toBe(SpanStatusCode.UNSET);
    expect(pluginRun.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    expect(pluginRun.attributes).toMatchObject({ 'forgesyte.isolation': 'inline' });
  });

  it('traces a worker-thread call: the plugin run, timed in the thread, is the runner span\'s child and lies within it', async () => {
    const outcome = await runner.run({ plugin: 'worker-faults', tool: 'ok', args: { n: 1 }, jobId: 'job-2', traceparent: JOB });

    expect(outcome.ok).toBe(true);
    const [run] = spansNamed(SPAN_NAMES.toolRun);
    const [pluginRun] = spansNamed(SPAN_NAMES.pluginRun);
    expect(pluginRun.spanContext().traceId).toBe(TRACE_ID);
    expect(pluginRun.parentSpanContext?.spanId).toBe(run.spanContext().spanId);
    expect(pluginRun.attributes).toEqual({ 'forgesyte.plugin': 'worker-faults', 'forgesyte.tool': 'ok', 'forgesyte.isolation': 'worker', 'forgesyte.timed_in': 'thread' });
    // The tool waits 20 ms; the thread's clock and the server's agree on the epoch within a millisecond or so.
    expect(ms(pluginRun.duration)).toBeGreaterThanOrEqual(19);
    expect(ms(pluginRun.startTime)).toBeGreaterThanOrEqual(ms(run.startTime) - 2);
    expect(ms(pluginRun.endTime)).toBeLessThanOrEqual(ms(run.endTime) + 2);
  });

  it.each([
    ['PLUGIN_NOT_FOUND', { plugin: 'nope', tool: 'x', args: {} }, 0],
    ['TOOL_NOT_FOUND', { plugin: 'echo', tool: 'x', args: {} }, 0],
    ['INPUT_INVALID', { plugin: 'echo', tool: 'echo', args: {} }, 0],
    ['PLUGIN_ERROR', { plugin: 'thrower', tool: 'boom', args: {} }, 1],
    ['PLUGIN_ERROR', { plugin: 'worker-faults', tool: 'rejects', args: {} }, 1],
    ['PLUGIN_TIMEOUT', { plugin: 'worker-faults', tool: 'loop', args: {} }, 1],
    ['PLUGIN_CRASHED', { plugin: 'worker-faults', tool: 'exit', args: {} }, 1],
  ])('ends every span of a call that fails with %s, status error', async (code, request, pluginRuns) => {
    const outcome = await runner.run({ ...request, jobId: 'job-3', traceparent: JOB });

    expect(outcome).toMatchObject({ ok: false, error: { code } });
    const [run] = spansNamed(SPAN_NAMES.toolRun);
    expect(run.status).toEqual({ code: SpanStatusCode.ERROR, message: code });
    expect(run.attributes).toMatchObject({ 'forgesyte.outcome': code, 'error.type': code });
    const runs = spansNamed(SPAN_NAMES.pluginRun);
    expect(runs).toHaveLength(pluginRuns);
    for (const pluginRun of runs) expect(pluginRun.status).toEqual({ code: SpanStatusCode.ERROR, message: code });
  });

  it('ends the spans of a cancelled worker call, the plugin run timed by the server', async () => {
    const cancellation = new CallCancellation();
    const pending = runner.run({ plugin: 'worker-faults', tool: 'loop_long', args: {}, jobId: 'job-4', signal: cancellation, traceparent: JOB });
    setTimeout(() => cancellation.abort(), 100);

    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const [pluginRun] = spansNamed(SPAN_NAMES.pluginRun);
    expect(pluginRun.attributes).toMatchObject({ 'forgesyte.timed_in': 'server', 'error.type': 'CANCELLED' });
    expect(spansNamed(SPAN_NAMES.toolRun)[0].status.message).toBe('CANCELLED');
  });

  it('starts a new trace for a call without a parent', async () => {
    await runner.run({ plugin: 'echo', tool: 'echo', args: { message: 'hi' }, jobId: 'job-5' });

    const [run] = spansNamed(SPAN_NAMES.toolRun);
    expect(run.spanContext().traceId).not.toBe(TRACE_ID);
    expect(run.parentSpanContext).toBeUndefined();
  });
});
