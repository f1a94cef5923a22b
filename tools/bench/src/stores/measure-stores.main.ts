// `npm run bench:stores`: the job-store section alone (also part of `npm run bench`).
import { benchJobStores } from './job-stores.section';

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const plan = quick ? { warmupJobs: 200, jobs: 1_000, rounds: 3 } : { warmupJobs: 500, jobs: 3_000, rounds: 5 };
  const figures = await benchJobStores(plan, 4, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`| target | async no-op jobs/s | ForgeSyte / raw BullMQ |\n|---|---|---|\n`);
  for (const row of figures.rows) process.stdout.write(`| ${row.target} | ${row.jobsPerSecond.toFixed(0)} | |\n`);
  for (const redis of figures.redis) {
    process.stdout.write(`| ${redis.rawBullMq.target} | ${redis.rawBullMq.jobsPerSecond.toFixed(0)} | |\n`);
    process.stdout.write(`| ${redis.forgeSyte.target} | ${redis.forgeSyte.jobsPerSecond.toFixed(0)} | ${redis.ratio.toFixed(2)}× |\n`);
  }
  process.stdout.write(`\nconcurrency ${figures.concurrency} per worker; ratios are medians of round-by-round ratios\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`job store bench failed: ${String(error)}\n`);
  process.exit(1);
});
