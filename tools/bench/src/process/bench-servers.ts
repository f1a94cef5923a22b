import { expectStatus } from '../load/api-client';
import { analyzeTarget } from '../load/http-target';
import type { SyncTarget, SyncTargets } from '../sections/http-sync.section';
import { ServerProcess, type StartedServer } from './server-process';

/** The three HTTP targets, each started in a child process of its own, and how to stop them all. */
export interface BenchServers {
  /** The governed app's base URL (the async section submits there). */
  readonly governedUrl: string;
  readonly targets: SyncTargets;
  /** Stops every server (once, however often it is called) and removes the signal handlers. */
  stop(): Promise<void>;
}

/**
 * Starts the governed app and both baselines at once, checks each answers the analyze request, and
 * stops them on SIGINT or SIGTERM until {@link BenchServers.stop}. When any fails to start, stops those
 * that did and rejects.
 */
export async function startBenchServers(log: (line: string) => void): Promise<BenchServers> {
  const started: StartedServer[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    stopping ??= Promise.all(started.map((server) => server.process.stop())).then(() => undefined);
    return stopping;
  };
  const onSignal = (): void => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const starts = await Promise.allSettled([
      ServerProcess.start('governed', 'servers/governed.server.ts'),
      ServerProcess.start('bare Nest', 'servers/bare-nest.server.ts'),
      ServerProcess.start('raw node:http', 'servers/raw-http.server.ts'),
    ]);
    for (const start of starts) if (start.status === 'fulfilled') started.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const [governed, bareNest, raw] = started;
    log(`servers: governed pid ${governed.process.pid}, bare Nest pid ${bareNest.process.pid}, raw pid ${raw.process.pid}`);
    const targets = { governed: syncTarget('governed', governed), bareNest: syncTarget('bare Nest', bareNest), raw: syncTarget('raw node:http', raw) };
    for (const target of Object.values(targets)) await expectStatus(target.http, 'success');
    return { governedUrl: governed.url, targets, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function syncTarget(label: string, server: StartedServer): SyncTarget {
  return { http: analyzeTarget(label, server.url), cpuSeconds: () => server.process.cpuSeconds() };
}
