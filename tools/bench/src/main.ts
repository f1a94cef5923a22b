// `npm run bench [-- --quick] [-- --round-seconds N] [-- --write]`: measures what governance costs
// against baselines in one run and prints a markdown table (progress goes to stderr).
import { benchConfig } from './bench-config';
import { type BenchPlan, planFromArgs } from './bench-plan';
import { runInChild } from './in-process/run-in-child';
import { type BenchServers, startBenchServers } from './process/bench-servers';
import { figureRows } from './report/figures-table';
import { currentLoad, describeMachine } from './report/machine';
import { renderReport } from './report/render-report';
import { writeResultsFile } from './report/results-file';
import { benchHttpAsync, type HttpAsyncFigures } from './sections/http-async.section';
import { benchHttpSync, type HttpSyncFigures } from './sections/http-sync.section';
import type { MemoryFigures } from './sections/memory.section';

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

/**
 * The in-process sections that time something: one child process (one app boot), in this order. The
 * worker tier runs last so that its plugin's worker threads, once started, share the process with no
 * other section.
 */
const TIMED_IN_PROCESS_SECTIONS = ['runner-overhead', 'async-service', 'worker-tier'] as const;

/**
 * Runs the memory section while the HTTP servers start: it times nothing (heap and RSS after a forced
 * GC), and nothing else is measured meanwhile. Stops the servers when the memory section failed.
 */
async function memoryWhileServersStart(plan: BenchPlan): Promise<{ memory: MemoryFigures; servers: BenchServers }> {
  const [memoryRun, serversStart] = await Promise.allSettled([runInChild(['memory'], plan, log), startBenchServers(log)]);
  if (serversStart.status === 'rejected') throw serversStart.reason;
  if (memoryRun.status === 'rejected') {
    await serversStart.value.stop();
    throw memoryRun.reason;
  }
  return { memory: memoryRun.value.memory, servers: serversStart.value };
}

/** Both HTTP sections against the started servers, then stops the servers (also when a section failed). */
async function benchHttp(servers: BenchServers, plan: BenchPlan): Promise<{ httpSync: HttpSyncFigures; httpAsync: HttpAsyncFigures }> {
  try {
    const httpSync = await benchHttpSync(servers.targets, plan.http, log);
    const httpAsync = await benchHttpAsync(servers.governedUrl, plan.httpAsync, log);
    return { httpSync, httpAsync };
  } finally {
    await servers.stop();
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const plan = planFromArgs(args, process.env);
  const startedAt = new Date();
  const machine = describeMachine();
  log(`${plan.mode} run on ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}`);
  const timed = await runInChild(TIMED_IN_PROCESS_SECTIONS, plan, log);
  const { memory, servers } = await memoryWhileServersStart(plan);
  const { httpSync, httpAsync } = await benchHttp(servers, plan);
  const { 'runner-overhead': runner, 'worker-tier': workerTier, 'async-service': asyncService } = timed;
  const config = benchConfig();
  const report = renderReport({
    startedAt,
    command: ['npm run bench', ...(args.length > 0 ? ['--', ...args] : [])].join(' '),
    plan,
    machine,
    loadAtEnd: currentLoad(),
    elapsedSeconds: (Date.now() - startedAt.getTime()) / 1000,
    bodyLimit: config.bodyLimit,
    executorConcurrency: config.maxConcurrency,
    workerThreads: workerTier.threads,
    rows: figureRows({ httpSync, runner, workerTier, asyncService, httpAsync, memory }),
  });
  process.stdout.write(report);
  if (plan.writeResults) {
    writeResultsFile(report);
    log('wrote tools/bench/RESULTS.md');
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
