import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BENCH_STORED_KEYS, governedEnv, rateLimitedEnv, storedKeysEnv } from '../bench-config';
import { expectStatus } from '../load/api-client';
import { analyzeTarget, BENCH_HEADERS, type HttpTarget } from '../load/http-target';
import { SYNC_TARGET_NAMES, type SyncTarget, type SyncTargetName, type SyncTargets } from '../sections/http-sync.section';
import { VARIANT_TARGET_NAMES, type VariantTargetName } from '../sections/http-variants.section';
import { ServerProcess, type StartedServer } from './server-process';

/** The HTTP targets, each started in a child process of its own, and how to stop them all. */
export interface BenchServers {
  /** The base URL of the governed app on the memory store (the async section submits there). */
  readonly governedMemoryUrl: string;
  /** The base URL of the governed app on the default SQLite store (the MCP and job-events sections run there). */
  readonly governedSqliteUrl: string;
  readonly targets: SyncTargets;
  /** The variants of the governed memory target, and a plain one of their own (`sections/http-variants.section.ts`). */
  readonly variants: Readonly<Record<VariantTargetName, SyncTarget>>;
  /** Stops every server (once, however often it is called), removes the SQLite data directory and the signal handlers. */
  stop(): Promise<void>;
}

/** How a target is started: its label, its entry under `tools/bench/src`, and what it adds to the children's environment. */
type ServerSpec = { label: string; entry: string; env?: Record<string, string> };

/** The line the stored-keys variant prints before it listens: the stored key the bench sends. */
const STORED_KEY_LINE = /^BENCH_STORED_KEY (fsk_\S+)$/m;

/** How each target of the variants section is started. */
const VARIANT_SPECS: Readonly<Record<VariantTargetName, ServerSpec>> = {
  plain: { label: 'governed, memory (beside the variants)', entry: 'servers/governed.server.ts', env: governedEnv({ kind: 'memory' }) },
  rateLimited: { label: 'governed, memory, FORGESYTE_RATE_LIMIT set', entry: 'servers/governed.server.ts', env: rateLimitedEnv() },
  storedKeys: { label: `governed, memory, ${BENCH_STORED_KEYS} stored keys`, entry: 'servers/governed-stored-keys.server.ts', env: storedKeysEnv() },
};

/** How each target of the sync section is started. */
function serverSpecs(sqliteDataDir: string): Record<SyncTargetName, ServerSpec> {
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
    const specs: ServerSpec[] = [...SYNC_TARGET_NAMES.map((name) => serverSpecs(dataDir)[name]), ...VARIANT_TARGET_NAMES.map((name) => VARIANT_SPECS[name])];
    const starts = await Promise.allSettled(specs.map((spec) => ServerProcess.start(spec.label, spec.entry, spec.env)));
    for (const start of starts) if (start.status === 'fulfilled') started.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    log(`servers: ${started.map((server) => `${server.process.label} pid ${server.process.pid}`).join(', ')}`);
    // allSettled keeps the order, and every start succeeded: started[i] is specs[i]'s server.
    const targets = Object.fromEntries(SYNC_TARGET_NAMES.map((name, i) => [name, syncTarget(started[i])])) as SyncTargets;
    const variants = Object.fromEntries(VARIANT_TARGET_NAMES.map((name, i) => [name, variantTarget(name, started[SYNC_TARGET_NAMES.length + i])])) as Record<VariantTargetName, SyncTarget>;
    for (const target of [...Object.values(targets), ...Object.values(variants)]) await expectStatus(target.http, 'success');
    const urlOf = (name: SyncTargetName): string => started[SYNC_TARGET_NAMES.indexOf(name)].url;
    return { governedMemoryUrl: urlOf('governedMemory'), governedSqliteUrl: urlOf('governedSqlite'), targets, variants, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function syncTarget(server: StartedServer, http: HttpTarget = analyzeTarget(server.process.label, server.url)): SyncTarget {
  return { http, cpuSeconds: () => server.process.cpuSeconds() };
}

/** A variant's target: the analyze request, sent with the stored key the stored-keys variant printed. */
function variantTarget(name: VariantTargetName, server: StartedServer): SyncTarget {
  const http = analyzeTarget(server.process.label, server.url);
  if (name !== 'storedKeys') return syncTarget(server, http);
  const key = STORED_KEY_LINE.exec(server.process.startOutput)?.[1];
  if (key === undefined) throw new Error(`${server.process.label} printed no stored key before listening:\n${server.process.startOutput}`);
  return syncTarget(server, { ...http, headers: { ...BENCH_HEADERS, 'x-api-key': key } });
}
