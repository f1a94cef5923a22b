// `npm run bench:sqlite-writes`: what the SQLite job store's three writes of an async job (insert
// `pending`, start `running`, finish `success`) cost on this machine's disk, in µs per job, when each
// group commit holds one job's write and when it holds twelve. One submitter awaiting each 202 pays the
// first; the group commit reaches the second only when many callers write at once. The floor under the
// async jobs/s of `npm run bench:stores` (see docs/benchmarks.md).
import { join } from 'node:path';
import { newJob } from '../../../../libs/execution/src/jobs/new-job';
import { SqliteJobStore } from '../../../../libs/execution/src/store/sqlite/sqlite-job-store';
import { makeTempDir } from '../../../../libs/execution/src/testing/temp-dir';
import contract from '../plugins/bench-noop.contract.json';
import { median } from '../stats';

const JOBS = 6_000;
const ROUNDS = 5;
const BATCH_SIZES = [1, 12];

type Phase = 'insert' | 'start' | 'finish';

/** Runs `JOBS` jobs through the store, `perCommit` at a time; µs per job spent in each phase. */
async function round(store: SqliteJobStore, perCommit: number): Promise<Record<Phase, number>> {
  const spent: Record<Phase, bigint> = { insert: 0n, start: 0n, finish: 0n };
  const timed = async (phase: Phase, writes: () => Promise<unknown>[]): Promise<void> => {
    const startedAt = process.hrtime.bigint();
    await Promise.all(writes());
    spent[phase] += process.hrtime.bigint() - startedAt;
  };
  for (let done = 0; done < JOBS; done += perCommit) {
    const jobs = Array.from({ length: perCommit }, () => newJob({ plugin: 'bench-noop', tool: 'detect', mode: 'async', owner: 'key_bench', args: contract.args }));
    await timed('insert', () => jobs.map((job) => store.insert(job)));
    await timed('start', () => jobs.map((job) => store.transition(job.id, ['pending'], 'running', { startedAt: new Date() })));
    await timed('finish', () =>
      jobs.map((job) => store.transition(job.id, ['running'], 'success', { args: undefined, completedAt: new Date(), result: contract.result, durationMs: 0.1 })),
    );
  }
  const perJob = (phase: Phase): number => Number(spent[phase]) / 1000 / JOBS;
  return { insert: perJob('insert'), start: perJob('start'), finish: perJob('finish') };
}

async function main(): Promise<void> {
  const dataDir = makeTempDir('bench-sqlite-writes');
  const store = SqliteJobStore.open(join(dataDir.path, 'jobs.sqlite'));
  try {
    process.stdout.write('| writes per commit | insert µs/job | start µs/job | finish µs/job | all three µs/job | jobs/s ceiling |\n|---|---:|---:|---:|---:|---:|\n');
    for (const perCommit of BATCH_SIZES) {
      const rounds: Record<Phase, number>[] = [];
      for (let index = 0; index < ROUNDS; index += 1) rounds.push(await round(store, perCommit));
      const phase = (name: Phase): number => median(rounds.map((measured) => measured[name]));
      const total = phase('insert') + phase('start') + phase('finish');
      const cells = [phase('insert'), phase('start'), phase('finish'), total].map((value) => value.toFixed(1));
      process.stdout.write(`| ${perCommit} | ${cells.join(' | ')} | ${(1e6 / total).toFixed(0)} |\n`);
    }
    process.stdout.write(`\n${JOBS} jobs per round, medians of ${ROUNDS} rounds; the file in ${dataDir.path} (removed after)\n`);
  } finally {
    await store.close();
    dataDir.remove();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`sqlite write bench failed: ${String(error)}\n`);
  process.exit(1);
});
