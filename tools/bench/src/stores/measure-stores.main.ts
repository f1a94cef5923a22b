// `npm run bench:stores`: the job-store section alone (also part of `npm run bench`).
import { benchJobStores } from './job-stores.section';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const plan = quick ? { warmupJobs: 200, jobs: 1_000, rounds: 2 } : { warmupJobs: 500, jobs: 3_000, rounds: 3 };
  const figures = await benchJobStores(plan, 4, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`| target | async no-op jobs/s |\n|---|---|\n`);
  for (const row of figures.rows) process.stdout.write(`| ${row.target} | ${row.jobsPerSecond.toFixed(0)} |\n`);
  process.stdout.write(`\nForgeSyte on Redis / raw BullMQ: ${figures.redisRatio.oneWorker.toFixed(2)}× (1 worker), ${figures.redisRatio.twoWorkers.toFixed(2)}× (2 workers); concurrency ${figures.concurrency} per worker\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`job store bench failed: ${String(error)}\n`);
  process.exit(1);
});
