// `npm run bench:stores`: the job-store section alone (also part of `npm run bench`).
import { planFromArgs } from '../bench-plan';
import { benchConfig } from '../bench-config';
import { type KeySpreadFigures, MANY_KEYS } from '../sections/key-spread';
import { benchJobStores } from './job-stores.section';

async function main(): Promise<void> {
  const plan = planFromArgs(process.argv.slice(2), process.env).jobStores;
  const figures = await benchJobStores(plan, benchConfig().maxConcurrency, (line) => process.stderr.write(`${line}\n`));
  const spread = ({ keySpread }: { keySpread: KeySpreadFigures }): string => `${keySpread.manyKeys.toFixed(0)} | ${keySpread.ratio.toFixed(2)}×`;
  process.stdout.write(`| target | async no-op jobs/s | ForgeSyte / raw BullMQ | jobs/s, ${MANY_KEYS} keys in turn | ${MANY_KEYS} keys / one key |\n|---|---|---|---|---|\n`);
  process.stdout.write(`| ${figures.sqlite.target} | ${figures.sqlite.jobsPerSecond.toFixed(0)} | | ${spread(figures.sqlite)} |\n`);
  for (const redis of figures.redis) {
    process.stdout.write(`| ${redis.rawBullMq.target} | ${redis.rawBullMq.jobsPerSecond.toFixed(0)} | | | |\n`);
    process.stdout.write(`| ${redis.forgeSyte.target} | ${redis.forgeSyte.jobsPerSecond.toFixed(0)} | ${redis.ratio.toFixed(2)}× | ${spread(redis)} |\n`);
  }
  process.stdout.write(`\nconcurrency ${figures.concurrency} per worker; ratios are medians of round-by-round ratios\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`job store bench failed: ${String(error)}\n`);
  process.exit(1);
});
