import { Logger } from '@nestjs/common';

/**
 * How long past `FORGESYTE_SHUTDOWN_GRACE_MS` a stopping process may take to close before it exits
 * anyway: its last outcome writes take up to 5 s, closing its connections the rest.
 */
export const SHUTDOWN_OVERRUN_MS = 10_000;

/**
 * After SIGTERM or SIGINT, makes the process exit with code 1, after an error line, if it has not exited
 * `graceMs + SHUTDOWN_OVERRUN_MS` later. Closing can hang when a store is unreachable (with Redis down,
 * BullMQ's and ioredis's connections retry for ever and never close): such a process would ignore
 * SIGTERM until its supervisor killed it, without a word. Call it once per process, at its entry point,
 * after `enableShutdownHooks()`; the timer does not keep a process that closed alive.
 */
export function exitAfterShutdownDeadline(graceMs: number): void {
  const deadlineMs = graceMs + SHUTDOWN_OVERRUN_MS;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      setTimeout(() => {
        new Logger('Shutdown').error(`still closing ${deadlineMs} ms after ${signal} (is a store unreachable?): exiting now, with what was left to close`);
        process.exit(1);
      }, deadlineMs).unref();
    });
  }
}
