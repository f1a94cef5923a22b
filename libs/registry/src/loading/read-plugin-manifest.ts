import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ManifestMessage, ManifestReply, ManifestRequest } from './manifest-protocol';

/**
 * The manifest thread's entry: the compiled manifest-worker.js in a built server, or a bootstrap that
 * compiles the TypeScript sources when the server itself runs from them (tests, benchmarks).
 */
const MANIFEST_ENTRY = __filename.endsWith('.ts')
  ? join(__dirname, 'ts-source-manifest-worker.cjs')
  : join(__dirname, 'manifest-worker.js');

/**
 * Loads the plugin module `file` in a worker thread of its own and says what it is (see
 * {@link ManifestReply}): a plugin whose tools all run in workers is registered from the manifest
 * this returns and never imported by the server's thread; its `init` ran in that thread. Whatever
 * the module does while loading (throws, calls `process.exit`, leaves a rejection unhandled, runs out
 * of heap, takes longer than `timeoutMs` to load or to `init`) ends only that thread and refuses the
 * plugin. The thread's own start (and, run from sources, its compiling them) is not counted. The
 * thread is terminated before this resolves. Never rejects.
 */
export function readPluginManifest(file: string, timeoutMs: number): Promise<ManifestReply> {
  return new Promise((resolve) => {
    // No inherited `-r` preloads (ts-node costs each thread a quarter of a second): the thread needs
    // none, and a module that does is left to the server's thread.
    const worker = new Worker(MANIFEST_ENTRY, { workerData: { file } satisfies ManifestRequest, execArgv: [] });
    let timer: NodeJS.Timeout | undefined;
    const finish = (reply: ManifestReply): void => {
      clearTimeout(timer);
      worker.removeAllListeners();
      // A failure to terminate leaves nothing to do: the thread is gone or going.
      worker.on('error', () => undefined);
      void worker.terminate().finally(() => resolve(reply));
    };
    const refuse = (reason: string): void => finish({ kind: 'refused', reason });
    const refuseAfter = (reason: string): void => {
      clearTimeout(timer);
      timer = setTimeout(() => refuse(reason), timeoutMs);
    };
    worker.on('message', (message: ManifestMessage) => {
      if (message.kind === 'started') refuseAfter(`its module could not be loaded: it did not finish loading within ${timeoutMs} ms`);
      else if (message.kind === 'loaded') refuseAfter(`its init failed: it did not finish within ${timeoutMs} ms`);
      else finish(message);
    });
    worker.on('error', (error) => refuse(`its module could not be loaded: its thread failed (${firstLine(error)})`));
    worker.on('exit', (code) => refuse(`its module could not be loaded: it ended its thread with exit code ${code} (process.exit?) while loading`));
  });
}

function firstLine(error: Error): string {
  const code = (error as { code?: unknown }).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it ran out of heap';
  return error.message.split('\n')[0];
}
