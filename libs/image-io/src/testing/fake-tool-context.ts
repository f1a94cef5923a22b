import type { ToolContext } from '@forgesyte/plugin-sdk';

/** A ToolContext for unit tests: a live signal unless one is given, and silent progress and logs. */
export function fakeToolContext(signal: AbortSignal = new AbortController().signal): ToolContext {
  const ignore = (): void => undefined;
  return {
    signal,
    jobId: 'test-job',
    deadline: Date.now() + 10_000,
    progress: ignore,
    log: { info: ignore, warn: ignore, error: ignore },
  };
}

/** A signal that has already fired, as after a cancel or an expired deadline. */
export function abortedSignal(): AbortSignal {
  const controller = new AbortController();
  controller.abort();
  return controller.signal;
}
