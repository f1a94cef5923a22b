// `npm run bench [-- --quick] [-- --round-seconds N] [-- --write]`: measures what governance costs
// against baselines in one run and prints a markdown table (progress goes to stderr).
import { benchConfig } from './bench-config';
import { type BenchPlan, planFromArgs } from './bench-plan';
import { runInChild } from './in-process/run-in-child';
import { expectStatus } from './load/api-client';
import { analyzeTarget } from './load/http-target';
import { ServerProcess, type StartedServer } from './process/server-process';
import { figureRows } from './report/figures-table';
import { currentLoad, describeMachine } from './report/machine';
import { renderReport } from './report/render-report';
import { writeResultsFile } from './report/results-file';
import { benchHttpAsync, type HttpAsyncFigures } from './sections/http-async.section';
import { benchHttpSync, type HttpSyncFigures, type SyncTarget } from './sections/http-sync.section';

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

async function benchHttp(plan: BenchPlan): Promise<{ httpSync: HttpSyncFigures; httpAsync: HttpAsyncFigures }> {
  const servers: StartedServer[] = [];
  const stopAll = (): Promise<unknown> => Promise.all(servers.map((server) => server.process.stop()));
  const onSignal = (): void => void stopAll().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const starts = await Promise.allSettled([
      ServerProcess.start('governed', 'servers/governed.server.ts'),
      ServerProcess.start('bare Nest', 'servers/bare-nest.server.ts'),
      ServerProcess.start('raw node:http', 'servers/raw-http.server.ts'),
    ]);
    for (const start of starts) if (start.status === 'fulfilled') servers.push(start.value);
    const failed = starts.find((start) => start.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    const [governed, bareNest, raw] = servers;
    log(`servers: governed pid ${governed.process.pid}, bare Nest pid ${bareNest.process.pid}, raw pid ${raw.process.pid}`);
    const targetOf = (label: string, server: StartedServer): SyncTarget => ({
      http: analyzeTarget(label, server.url),
      cpuSeconds: () => server.process.cpuSeconds(),
    });
    const targets = { governed: targetOf('governed', governed), bareNest: targetOf('bare Nest', bareNest), raw: targetOf('raw node:http', raw) };
    for (const target of Object.values(targets)) await expectStatus(target.http, 'success');
    const httpSync = await benchHttpSync(targets, plan.http, log);
    const httpAsync = await benchHttpAsync(governed.url, plan.httpAsync, log);
    return { httpSync, httpAsync };
  } finally {
    await stopAll();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const plan = planFromArgs(args, process.env);
  const startedAt = new Date();
  const machine = describeMachine();
  log(`${plan.mode} run on ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}`);
  const runner = await runInChild('runner-overhead', plan, log);
  const workerTier = await runInChild('worker-tier', plan, log);
  const asyncService = await runInChild('async-service', plan, log);
  const memory = await runInChild('memory', plan, log);
  const { httpSync, httpAsync } = await benchHttp(plan);
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
