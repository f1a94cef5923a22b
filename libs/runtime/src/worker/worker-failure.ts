import { errorMessageOf, type ErrorContext, type ForgeSyteError, PluginCrashedError } from '@forgesyte/errors';
import { classifyPluginFailure } from '../plugin-failure';
import type { WorkerError } from './worker-protocol';

type ToolErrorContext = ErrorContext & { plugin: string; tool: string };

/**
 * What a plugin error sent back by a worker means: the same classification as inline (matched by
 * `code`, as the error crossed the thread as plain data), or `PLUGIN_CRASHED` when the plugin could not
 * even be loaded or initialised in the thread.
 */
export function workerReplyError(error: WorkerError, context: ToolErrorContext): ForgeSyteError {
  if (error.phase === 'run') return classifyPluginFailure(error, context);
  return new PluginCrashedError(
    `Plugin '${context.plugin}' could not be loaded in a worker thread: ${error.message}. Check that its module loads on its own (it is required again inside each worker) and that its init succeeds there.`,
    { ...context, details: { reason: error.message } },
  );
}

/** The thread running the call died before replying: out of memory, `process.exit`, an uncaught error. */
export function workerCrashError(thrown: unknown, context: ToolErrorContext): PluginCrashedError {
  const reason = crashReasonOf(thrown);
  return new PluginCrashedError(
    `Tool '${context.tool}' of plugin '${context.plugin}' crashed its worker thread: ${reason}. The thread was replaced and other calls carry on; retry, and report it to the plugin's author if it persists.`,
    { ...context, cause: thrown, details: { reason } },
  );
}

function crashReasonOf(thrown: unknown): string {
  const code = (thrown as { code?: unknown } | null)?.code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it ran out of heap (the tool\'s maxHeapMb, or FORGESYTE_WORKER_HEAP_MB)';
  const message = errorMessageOf(thrown).split('\n')[0];
  return /exited/i.test(message) ? `the thread exited (${message})` : `uncaught error in the thread: ${message}`;
}
