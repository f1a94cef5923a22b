import { CallDeadline } from './call-deadline';
import { sleep } from './testing/runner-harness';

const errorContext = { plugin: 'p', tool: 't', jobId: 'job-1' };
const never = (): Promise<unknown> => new Promise(() => undefined);

describe(CallDeadline.name, () => {
  let calls: CallDeadline[];

  beforeEach(() => {
    calls = [];
  });

  afterEach(() => {
    for (const call of calls) call.close();
  });

  function open(timeoutMs: number, signal?: AbortSignal): CallDeadline {
    const call = new CallDeadline(timeoutMs, signal, errorContext);
    calls.push(call);
    return call;
  }

  it('sets the deadline to now plus the timeout', () => {
    const before = Date.now();

    const call = open(1_000);

    expect(call.deadline).toBeGreaterThanOrEqual(before + 1_000);
    expect(call.deadline).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('resolves with the result of work that finishes in time', async () => {
    await expect(open(1_000).enforce(Promise.resolve({ done: true }))).resolves.toEqual({ done: true });
  });

  it("rejects with the work's own error when it fails in time", async () => {
    const failure = new Error('tool failed');

    await expect(open(1_000).enforce(Promise.reject(failure))).rejects.toBe(failure);
  });

  it("rejects with PLUGIN_TIMEOUT, stopped 'abandoned', when the work ignores the deadline", async () => {
    await expect(open(30).enforce(never())).rejects.toMatchObject({
      code: 'PLUGIN_TIMEOUT',
      plugin: 'p',
      tool: 't',
      jobId: 'job-1',
      details: { timeout_ms: 30, stopped: 'abandoned' },
    });
  });

  it("rejects with PLUGIN_TIMEOUT, stopped 'cooperative', when the work rejects on its signal", async () => {
    const call = open(30);
    const work = new Promise((_, reject) => call.signal.addEventListener('abort', () => reject(call.signal.reason)));

    await expect(call.enforce(work)).rejects.toMatchObject({ code: 'PLUGIN_TIMEOUT', details: { stopped: 'cooperative' } });
  });

  it('rejects with PLUGIN_TIMEOUT even when the work resolves on its signal', async () => {
    const call = open(30);
    const work = new Promise((resolve) => call.signal.addEventListener('abort', () => resolve('partial')));

    await expect(call.enforce(work)).rejects.toMatchObject({ code: 'PLUGIN_TIMEOUT' });
  });

  it('aborts its signal at the deadline while it awaits pending work', async () => {
    const call = open(20);
    const signal = call.signal;
    const enforced = call.enforce(never()).catch(() => undefined);

    await sleep(60);

    expect(signal.aborted).toBe(true);
    expect(call.isStopped).toBe(true);
    await enforced;
  });

  it('arms no timer for a call that never awaits: the deadline cannot pass before it returns', async () => {
    const call = open(20);

    await sleep(60);

    expect(call.isStopped).toBe(false);
    call.close();
  });

  it("aborts its signal and rejects with CANCELLED when the caller's signal aborts", async () => {
    const caller = new AbortController();
    const call = open(5_000, caller.signal);
    const enforced = call.enforce(never());

    caller.abort();

    await expect(enforced).rejects.toMatchObject({ code: 'CANCELLED', details: { stopped: 'abandoned' } });
    expect(call.signal.aborted).toBe(true);
  });

  it('is stopped from the start when the caller signal is already aborted', () => {
    const call = open(5_000, AbortSignal.abort());

    expect(call.isStopped).toBe(true);
    expect(call.notStartedError()).toMatchObject({ code: 'CANCELLED', details: { stopped: 'not_started' } });
  });

  it('is not stopped before the deadline or a cancel', () => {
    const call = open(5_000, new AbortController().signal);

    expect(call.isStopped).toBe(false);
    expect(call.signal.aborted).toBe(false);
  });

  it('no longer reacts to the deadline once closed', async () => {
    const call = open(20);

    call.close();
    await sleep(60);

    expect(call.signal.aborted).toBe(false);
  });

  it("no longer reacts to the caller's signal once closed", () => {
    const caller = new AbortController();
    const call = open(5_000, caller.signal);

    call.close();
    caller.abort();

    expect(call.signal.aborted).toBe(false);
  });
});
