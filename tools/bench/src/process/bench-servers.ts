import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { governedEnv } from '../bench-config';
import { expectStatus } from '../load/api-client';
import { analyzeTarget } from '../load/http-target';
import { SYNC_TARGET_NAMES, type SyncTarget, type SyncTargetName, type SyncTargets } from '../sections/http-sync.section';
import { ServerProcess, type StartedServer } from './server-process';

/** The HTTP targets, each started in a child process of its own, and how to stop them all. */
export interface BenchServers {
  /** The base URL of the governed app on the memory store (the async section submits there). */
  readonly governedMemoryUrl: string;
  readonly targets: SyncTargets;
  /** Stops every server (once, however often it is called), removes the SQLite data directory and the signal handlers. */
  stop(): Promise<void>;
}

/** How each target is started: its label, its entry under `tools/bench/src`, and what it adds to the children's environment. */
function serverSpecs(sqliteDataDir: string): Record<SyncTargetName, { label: string; entry: string; env?: Record<string, string> }> {
  return {
    governedSqlite: { label: 'governed, SQLite (default)', entry: 'servers/governed.server.ts', env: governedEnv({ kind: 'sqlite', dataDir: sqliteDataDir }) },
    governedMemory: { label: 'governed, memory', entry: 'servers/governed.server.ts', env: governedEnv({ kind: 'memory' }) },
    bareNest: { label: 'bare Nest', entry: 'servers/bare-nest.server.ts' },
    bareNestPino: { label: 'bare Nest with pino request logging', entry: 'servers/bare-nest.server.ts', env: { BENCH_REQUEST_LOG: 'pino' } },
    express: { label: 'plain Express 5', entry: 'servers/express.server.ts' },
    raw: { label: 'raw node:http', entry: 'servers/raw-http.server.ts' },
  };
}

/**
 * Starts the governed app on both stores (SQLite in a fresh temporary data directory) and the
 * baselines at once, checks each answers the analyze request, and stops them on SIGINT or SIGTERM
 * until {@link BenchServers.stop}. When any fails to start, stops those that did and rejects.
 */
export async function startBenchServers(log: (line: string) => void): Promise<BenchServers> {
  const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-bench-'));
  const started: StartedServer[] = [];
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    stopping ??= Promise.all(started.map((server) => server.process.stop())).then(() => rmSync(dataDir, { recursive: true, force: true }));
    return stopping;
  };
  const onSignal = (): void => void stop().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const specs = serverSpecs(dataDir);
    const starts = await Promise.allSettled(SYNC_TARGET_NAMES.map((name) => ServerProcess.start(specs[name].label, specs[name].entry, specs[name].env)));
    for (const start of starts) if (start.status === 'fulfilled') started.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    log(`servers: ${started.map((server) => `${server.process.label} pid ${server.process.pid}`).join(', ')}`);
    // allSettled keeps the order, and every start succeeded: started[i] is SYNC_TARGET_NAMES[i]'s server.
    const targets = Object.fromEntries(SYNC_TARGET_NAMES.map((name, i) => [name, syncTarget(started[i])])) as SyncTargets;
    for (const target of Object.values(targets)) await expectStatus(target.http, 'success');
    return { governedMemoryUrl: started[SYNC_TARGET_NAMES.indexOf('governedMemory')].url, targets, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function syncTarget(server: StartedServer): SyncTarget {
  return { http: analyzeTarget(server.process.label, server.url), cpuSeconds: () => server.process.cpuSeconds() };
}
