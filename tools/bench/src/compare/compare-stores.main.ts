// `npm run bench:compare-stores -- <ref> [--rounds N] [--jobs N] [--pairs N]`: this checkout's async
// no-op jobs per second against another commit's (`ref`), store by store (memory, SQLite, Redis with one
// and with two `apps/worker` processes), batch for batch in one run. Issue 22's budget ("the async-jobs
// rows must not drop by more than 5% with one key") is measured with it: a batch of one build and one of
// the other make a round, their order swapped every round, and the change is the median of the rounds'
// ratios, so that a busy moment of the machine weighs on both builds alike. The rounds are spread over
// `--pairs` pairs of fresh processes: one process of a build runs a few percent faster or slower than
// the next for its whole life (ten processes of one build on memory ranged over 10%), which more rounds
// in the same pair cannot average out.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { benchConfig } from '../bench-config';
import { benchSource } from '../process/node-command';
import { median } from '../stats';
import { startRedisServer, type RedisServer } from '../../../../libs/execution/src/testing/redis-server';
import { makeTempDir } from '../../../../libs/execution/src/testing/temp-dir';
import type { StoreTargetKind } from '../stores/forgesyte-store.target';
import { compareArgs } from './compare-args';
import { checkOutRef, type RefCheckout } from './ref-checkout';
import { STORE_BATCHES_CHILD, StoreBatchesProcess } from './store-batches.process';

const WARMUP_JOBS = 500;

interface Options {
  readonly ref: string;
  readonly rounds: number;
  readonly jobs: number;
  readonly pairs: number;
}

/** One store's figures: each build's jobs/s, batch by batch, and each pair of processes' change. */
interface StoreRow {
  readonly store: string;
  readonly rounds: number;
  readonly jobsPerBatch: number;
  readonly thisBuild: number[];
  readonly ref: number[];
  readonly pairChanges: number[];
}

/**
 * Each store of the comparison: its name, where one build keeps its jobs, its batch size for `--jobs`,
 * and its rounds for `--rounds`. The memory store runs tens of thousands of jobs a second (a batch of
 * 2,000 would last 20 ms, too short to time), and keeps 10,000 finished jobs: its batches hold up to
 * 9,000, so that every job of a batch can still be read when the batch ends. Such a batch still lasts
 * about 0.1 s, in which one garbage collection more or less moves its rate by a tenth: the memory store
 * runs ten times the rounds (two runs of 16 rounds on the same code read +8.8% and -7.9%).
 */
type StoreSpec = readonly [string, (redis: RedisServer, dataDir: string) => StoreTargetKind, (jobs: number) => number, (rounds: number) => number];

const STORES: readonly StoreSpec[] = [
  ['memory', () => ({ kind: 'memory' }), (jobs) => Math.min(9_000, 10 * jobs), (rounds) => 10 * rounds],
  ['SQLite', (_redis, dataDir) => ({ kind: 'sqlite', dataDir }), (jobs) => jobs, (rounds) => rounds],
  ['Redis, 1 apps/worker', (redis) => ({ kind: 'redis', url: redis.url, workers: 1 }), (jobs) => jobs, (rounds) => rounds],
  ['Redis, 2 apps/worker', (redis) => ({ kind: 'redis', url: redis.url, workers: 2 }), (jobs) => jobs, (rounds) => rounds],
];

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const checkout = checkOutRef(options.ref);
  try {
    // The other build runs this checkout's child, with its own bench and code behind it.
    const childThere = benchSource(STORE_BATCHES_CHILD, checkout.root);
    mkdirSync(dirname(childThere), { recursive: true });
    copyFileSync(benchSource(STORE_BATCHES_CHILD), childThere);
    const rows: StoreRow[] = [];
    for (const spec of STORES) rows.push(await compareStore(spec, checkout, options));
    console.log(report(rows, checkout));
  } finally {
    checkout.remove();
  }
}

/** One store: its rounds, spread over `options.pairs` pairs of fresh processes ({@link runPair}). */
async function compareStore([store, where, batchSize, roundsOf]: StoreSpec, checkout: RefCheckout, options: Options): Promise<StoreRow> {
  const rounds = roundsOf(options.rounds);
  const row: StoreRow = { store, rounds, jobsPerBatch: batchSize(options.jobs), thisBuild: [], ref: [], pairChanges: [] };
  const pairs = Math.min(options.pairs, rounds);
  for (let pair = 0; pair < pairs; pair += 1) {
    const pairRounds = Math.floor((rounds * (pair + 1)) / pairs) - Math.floor((rounds * pair) / pairs);
    const before = row.thisBuild.length;
    await runPair(where, checkout, row, pairRounds, `${store}, pair ${pair + 1}/${pairs}`);
    row.pairChanges.push(changeOf(row.thisBuild.slice(before), row.ref.slice(before)));
  }
  return row;
}

/** Both builds started side by side (each on a Redis server and data directory of its own), warmed up, then `rounds` rounds into `row`. */
async function runPair(where: StoreSpec[1], checkout: RefCheckout, row: StoreRow, rounds: number, label: string): Promise<void> {
  const concurrency = benchConfig().maxConcurrency;
  const redis = await Promise.all([startRedisServer(), startRedisServer()]);
  const dataDirs = [makeTempDir('compare-stores'), makeTempDir('compare-stores')];
  const builds: StoreBatchesProcess[] = [];
  try {
    builds.push(await StoreBatchesProcess.start(where(redis[0], dataDirs[0].path), concurrency));
    builds.push(await StoreBatchesProcess.start(where(redis[1], dataDirs[1].path), concurrency, checkout.root));
    for (const build of builds) await build.runBatch(WARMUP_JOBS);
    for (let round = 0; round < rounds; round += 1) {
      for (const which of round % 2 === 0 ? [0, 1] : [1, 0]) {
        const rate = await builds[which].runBatch(row.jobsPerBatch);
        (which === 0 ? row.thisBuild : row.ref).push(rate);
        process.stderr.write(`${label}, round ${round + 1}/${rounds}, ${which === 0 ? 'this build' : checkout.commit}: ${rate.toFixed(0)} jobs/s\n`);
      }
    }
  } finally {
    await Promise.all(builds.map((build) => build.stop()));
    await Promise.all(redis.map((server) => server.stop()));
    for (const dir of dataDirs) dir.remove();
  }
}

/** The median of the rounds' ratios, less one: this build's change. */
function changeOf(thisBuild: readonly number[], ref: readonly number[]): number {
  return median(thisBuild.map((rate, round) => rate / ref[round])) - 1;
}

function percent(change: number): string {
  return `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}%`;
}

function report(rows: readonly StoreRow[], checkout: RefCheckout): string {
  return [
    `bench:compare-stores: this build against ${checkout.commit}, rounds of one batch per build, by one key`,
    '',
    `| store | rounds | jobs per batch | this build, jobs/s (median) | ${checkout.commit}, jobs/s (median) | change (median of the rounds' ratios) | each pair of processes' change |`,
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (row) =>
        `| ${row.store} | ${row.rounds} | ${row.jobsPerBatch} | ${median(row.thisBuild).toFixed(0)} | ${median(row.ref).toFixed(0)} | ${percent(changeOf(row.thisBuild, row.ref))} | ${row.pairChanges.map(percent).join(', ')} |`,
    ),
  ].join('\n');
}

function parseOptions(args: readonly string[]): Options {
  const { ref, wholeNumber } = compareArgs(args, 'npm run bench:compare-stores -- <ref> [--rounds 10] [--jobs 2000] [--pairs 4]');
  return { ref, rounds: wholeNumber('--rounds', 10), jobs: wholeNumber('--jobs', 2_000), pairs: wholeNumber('--pairs', 4) };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:compare-stores failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
