import { definePlugin } from '../define-plugin';
import { harnessFixturePlugin } from './harness-fixture-plugin';
import { createToolHarness, DEFAULT_TIMEOUT_MS } from './tool-harness';

describe('createToolHarness', () => {
  const harness = createToolHarness(harnessFixturePlugin);
  const url = 'https://example.com/a';

  it('runs a valid call, with the default tool, and returns the result with its progress and log lines', async () => {
    const outcome = await harness.run(undefined, { url });

    expect(outcome).toEqual({
      ok: true,
      result: { url },
      durationMs: expect.any(Number),
      progress: [
        { fraction: 0, message: 'clamped to 0' },
        { fraction: 0.5, message: null },
      ],
      logs: [
        { level: 'info', msg: 'echo started', data: { mode: 'ok' } },
        { level: 'warn', msg: 'echo done' },
      ],
    });
  });

  it('passes each progress report to onProgress as the call runs', async () => {
    const seen: number[] = [];
    await harness.run('echo', { url }, { onProgress: ({ fraction }) => seen.push(fraction) });

    expect(seen).toEqual([0, 0.5]);
  });

  it('checks formats as the server does (ajv-formats): a url that is not a uri is INPUT_INVALID', async () => {
    const outcome = await harness.run('echo', { url: 'not a uri', extra: 1 });

    expect(outcome).toMatchObject({
      ok: false,
      progress: [],
      error: {
        code: 'INPUT_INVALID',
        plugin: 'harness-fixture',
        tool: 'echo',
        retryable: false,
        message: "args do not match the input schema of tool 'echo': /extra is not an allowed property; remove it (and 1 more). Fix the listed fields; the schema is shown with the plugin's tools.",
        details: {
          violations: [
            { path: '/extra', message: 'is not an allowed property; remove it' },
            { path: '/url', message: 'must match format "uri"' },
          ],
          violation_count: 2,
          truncated: false,
        },
      },
    });
  });

  it('withholds a result that breaks the output schema with OUTPUT_INVALID', async () => {
    const outcome = await harness.run('echo', { url, mode: 'bad-output' });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'OUTPUT_INVALID', details: { violation_count: 2, truncated: false } } });
    expect(outcome.ok || outcome.error.message).toMatch(/^Tool 'echo' of plugin 'harness-fixture' returned a result that breaks its own output schema \(/);
  });

  it('maps a ToolInputError to INPUT_INVALID with its message and details, as the server does', async () => {
    const outcome = await harness.run('echo', { url, mode: 'refuse' });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'INPUT_INVALID', message: 'the url answers 404; give one that exists', details: { status: 404 } } });
  });

  it('maps any other throw to PLUGIN_ERROR', async () => {
    const outcome = await harness.run('echo', { url, mode: 'throw' });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'PLUGIN_ERROR', message: "Tool 'echo' of plugin 'harness-fixture' failed: the backend is down" } });
  });

  it('stops a call at its deadline with PLUGIN_TIMEOUT, aborting its signal (the tool obeyed: cooperative)', async () => {
    const outcome = await harness.run('echo', { url, mode: 'hang' }, { timeoutMs: 30 });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'PLUGIN_TIMEOUT', retryable: true, details: { timeout_ms: 30, stopped: 'cooperative' } } });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(25);
  });

  it("uses the tool's timeoutMs, and reports a tool that ignores its signal as abandoned", async () => {
    const outcome = await harness.run('echo', { url, mode: 'ignore-signal' });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'PLUGIN_TIMEOUT', details: { timeout_ms: 200, stopped: 'abandoned' } } });
  });

  it('stops a call with CANCELLED when the caller aborts, and drops progress reported after the stop', async () => {
    const controller = new AbortController();
    const outcome = await harness.run('echo', { url, mode: 'hang' }, { signal: controller.signal, onProgress: () => controller.abort() });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED', details: { stopped: 'cooperative' } }, progress: [{ fraction: 0 }] });
  });

  it('does not start a call whose signal is already aborted', async () => {
    const outcome = await harness.run('echo', { url }, { signal: AbortSignal.abort() });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED', details: { stopped: 'not_started' } }, logs: [] });
  });

  it('cancels a synchronous result when the caller aborted during the call', async () => {
    const controller = new AbortController();
    const plugin = definePlugin({
      ...harnessFixturePlugin,
      run: () => {
        controller.abort();
        return { url };
      },
    });

    const outcome = await createToolHarness(plugin).run('echo', { url }, { signal: controller.signal });

    expect(outcome).toMatchObject({ ok: false, error: { code: 'CANCELLED', details: { stopped: 'cooperative' } } });
  });

  it('answers TOOL_NOT_FOUND for a tool the plugin does not declare', async () => {
    const outcome = await createToolHarness(harnessFixturePlugin).run('nope' as 'echo', {});

    expect(outcome).toMatchObject({ ok: false, error: { code: 'TOOL_NOT_FOUND', details: { available: ['echo'] } } });
  });

  it('refuses, naming the tool, a schema the server would not compile', () => {
    const plugin = { ...harnessFixturePlugin, tools: { echo: { ...harnessFixturePlugin.tools.echo, inputSchema: { type: 'object', requird: ['x'] } } } };

    expect(() => createToolHarness(plugin)).toThrow(/^Tool 'echo' of plugin 'harness-fixture' has an input schema the server cannot compile \(strict mode: unknown keyword: "requird"\)/);
  });

  it("defaults the deadline of a tool without timeoutMs to the server's 30 s", () => {
    expect(DEFAULT_TIMEOUT_MS).toBe(30_000);
  });
});
