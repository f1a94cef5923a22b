// `npm run bench [-- --quick] [-- --round-seconds N] [-- --write]`: measures what governance costs
// against baselines in one run and prints a markdown table (progress goes to stderr).
import { benchConfig } from './bench-config';
import { planFromArgs } from './bench-plan';
import { measureAll } from './measure-all';
import { figureRows } from './report/figures-table';
import { currentLoad, describeMachine } from './report/machine';
import { renderReport } from './report/render-report';
import { writeResultsFile } from './report/results-file';

const log = (line: string): void => void process.stderr.write(`[bench] ${line}\n`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const plan = planFromArgs(args, process.env);
  const startedAt = new Date();
  const machine = describeMachine();
  log(`${plan.mode} run on ${machine.cpuModel} × ${machine.cores}, Node ${machine.node}`);
  const figures = await measureAll(plan, log);
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
    workerThreads: figures.workerTier.threads,
    rows: figureRows(figures),
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
