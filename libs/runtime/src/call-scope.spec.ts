import { CallScope } from './call-scope';
import { sleep } from './testing/runner-harness';

const scopeOf = { plugin: 'p', tool: 't', jobId: 'job-1' };
const never = (): Promise<unknown> => new Promise(() => undefined);

describe(CallScope.name, () => {
  let scopes: CallScope[];

  beforeEach(() => {
    scopes = [];
  });

  afterEach(() => {
    for (const scope of scopes) scope.close();
  });

  function open(timeoutMs: number, signal?: AbortSignal): CallScope {
    const scope = new CallScope(timeoutMs, signal, scopeOf);
    scopes.push(scope);
    return scope;
  }

  it('sets the deadline to now plus the timeout', () => {
    const before = Date.now();

    const scope = open(1_000);

    expect(scope.deadline).toBeGreaterThanOrEqual(before + 1_000);
    expect(scope.deadline).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('resolves with the result of work that finishes in time', async () => {
    await expect(open(1_000).settle(Promise.resolve({ done: true }))).resolves.toEqual({ done: true });
  });

  it("rejects with the work's own error when it fails in time", async () => {
    const failure = new Error('tool failed');

    await expect(open(1_000).settle(Promise.reject(failure))).rejects.toBe(failure);
  });

  it("rejects with PLUGIN_TIMEOUT, stopped 'abandoned', when the work ignores the deadline", async () => {
    await expect(open(30).settle(never())).rejects.toMatchObject({
      code: 'PLUGIN_TIMEOUT',
      plugin: 'p',
      tool: 't',
      jobId: 'job-1',
      details: { timeout_ms: 30, stopped: 'abandoned' },
    });
  });

  it("rejects with PLUGIN_TIMEOUT, stopped 'cooperative', when the work rejects on its signal", async () => {
    const scope = open(30);
    const work = new Promise((_, reject) => scope.signal.addEventListener('abort', () => reject(scope.signal.reason)));

    await expect(scope.settle(work)).rejects.toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { stopped: 'cooperative' } });
  });

  it('rejects with PLUGIN_TIMEOUT even when the work resolves on its signal', async () => {
    const scope = open(30);
    const work = new Promise((resolve) => scope.signal.addEventListener('abort', () => resolve('partial')));

    await expect(scope.settle(work)).rejects.toMatchObject({ code: 'PLUGIN_TIMEOUT' });
  });

  it('aborts its signal at the deadline while it settles pending work', async () => {
    const scope = open(20);
    const signal = scope.signal;
    const settled = scope.settle(never()).catch(() => undefined);

    await sleep(60);

    expect(signal.aborted).toBe(true);
    expect(scope.isStopped).toBe(true);
    await settled;
  });

  it('arms no timer for a call that never awaits: the deadline cannot pass before it returns', async () => {
    const scope = open(20);

    await sleep(60);

    expect(scope.isStopped).toBe(false);
    scope.close();
  });

  it("aborts its signal and rejects with CANCELLED when the caller's signal aborts", async () => {
    const caller = new AbortController();
    const scope = open(5_000, caller.signal);
    const settled = scope.settle(never());

    caller.abort();

    await expect(settled).rejects.toMatchObject({ code: 'CANCELLED', details: { stopped: 'abandoned' } });
    expect(scope.signal.aborted).toBe(true);
  });

  it('is stopped from the start when the caller signal is already aborted', () => {
    const scope = open(5_000, AbortSignal.abort());

    expect(scope.isStopped).toBe(true);
    expect(scope.notStartedError()).toMatchObject({ code: 'CANCELLED', details: { stopped: 'not_started' } });
  });

  it('is not stopped before the deadline or a cancel', () => {
    const scope = open(5_000, new AbortController().signal);

    expect(scope.isStopped).toBe(false);
    expect(scope.signal.aborted).toBe(false);
  });

  it('no longer reacts to the deadline once closed', async () => {
    const scope = open(20);

    scope.close();
    await sleep(60);

    expect(scope.signal.aborted).toBe(false);
  });

  it("no longer reacts to the caller's signal once closed", () => {
    const caller = new AbortController();
    const scope = open(5_000, caller.signal);

    scope.close();
    caller.abort();

    expect(scope.signal.aborted).toBe(false);
  });
});
