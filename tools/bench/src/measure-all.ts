import type { BenchPlan } from './bench-plan';
import { runInChild, SectionsChild } from './in-process/run-in-child';
import { startBenchServers } from './process/bench-servers';
import type { BenchFigures } from './report/figures-table';
import { benchHttpAsync } from './sections/http-async.section';
import { benchHttpSync } from './sections/http-sync.section';
import { benchHttpVariants } from './sections/http-variants.section';
import { benchJobEvents } from './sections/job-events.section';
import { benchMcpCall } from './sections/mcp-call.section';
import { benchJobStores } from './stores/job-stores.section';
import { benchConfig } from './bench-config';

/**
 * The in-process sections that time something: one child process, one app boot, in this order. The
 * worker tier first, so that it runs in a fresh process as it would alone (its inline tier not warmed
 * up by the other sections); ToolRunner and async jobs measured the same alone and after it (the worker
 * plugin's threads sit idle by then).
 */
const TIMED_IN_PROCESS_SECTIONS = ['worker-tier', 'runner-overhead', 'request-validation', 'async-service'] as const;

/**
 * Runs every section, so that whatever times something runs while nothing else of the bench is busy,
 * and everything that times nothing overlaps:
 * 1. at once: the child of the timed in-process sections boots the app (then waits), the memory
 *    section runs in its own child (heap and RSS after a forced GC: it times nothing), and the nine
 *    HTTP servers start (the governed app on SQLite and on memory, the four baselines, and the two
 *    variants of the governed memory target with a plain one beside them);
 * 2. once all that is done: the timed in-process sections (the servers sit idle);
 * 3. the HTTP sections (sync; the governed memory target's variants against it; async on the governed
 *    app's memory store; MCP `tools/call` against the POST and live job events, on the default SQLite
 *    target); then the servers are stopped;
 * 4. the job stores (SQLite, and Redis against raw BullMQ), which start their own processes.
 * On a failure the waiting child exits by itself: its stdin closes with the bench.
 */
export async function measureAll(plan: BenchPlan, log: (line: string) => void): Promise<BenchFigures> {
  const timedChild = SectionsChild.start(TIMED_IN_PROCESS_SECTIONS, plan, log);
  const [memoryRun, serversStart] = await Promise.allSettled([runInChild(['memory'], plan, log), startBenchServers(log)]);
  if (serversStart.status === 'rejected') throw serversStart.reason;
  const servers = serversStart.value;
  try {
    if (memoryRun.status === 'rejected') throw memoryRun.reason;
    const timed = await timedChild.run();
    const httpSync = await benchHttpSync(servers.targets, plan.http, log);
    const httpVariants = await benchHttpVariants(servers.variants, plan, log);
    const httpAsync = await benchHttpAsync(servers.governedMemoryUrl, plan.httpAsync, log);
    const mcpCall = await benchMcpCall(servers.targets.governedSqlite, servers.governedSqliteUrl, plan, log);
    const jobEvents = await benchJobEvents(servers.governedSqliteUrl, plan.jobEvents, log);
    await servers.stop();
    const jobStores = await benchJobStores(plan.jobStores, benchConfig().maxConcurrency, log);
    return {
      httpSync,
      httpVariants,
      runner: timed['runner-overhead'],
      validation: timed['request-validation'],
      workerTier: timed['worker-tier'],
      asyncService: timed['async-service'],
      httpAsync,
      mcpCall,
      jobEvents,
      jobStores,
      memory: memoryRun.value.memory,
    };
  } finally {
    await servers.stop();
  }
}
