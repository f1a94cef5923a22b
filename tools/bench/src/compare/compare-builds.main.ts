// `npm run bench:compare -- <ref> [--rounds N] [--round-seconds S]`: this checkout's governed app against
// the governed app of another commit (`ref`), side by side in one run, each over the same bare Nest
// server. Issues' speed budgets ("the governed / bare Nest ratio drops by at most 0.05 against the commit
// before this work") are measured with it: both builds' ratios come from the same rounds on the same
// machine, so a busy machine slows both alike.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { BENCH_PLUGIN_MODULE, REPO_ROOT, governedEnv } from '../bench-config';
import { analyzeTarget } from '../load/http-target';
import { runLoad } from '../load/run-load';
import { ServerProcess, type StartedServer } from '../process/server-process';
import { median } from '../stats';
import { compareArgs } from './compare-args';
import { checkOutRef, type RefCheckout } from './ref-checkout';

const CONNECTIONS = 16;
const WARMUP_SECONDS = 3;
const SETTLE_MS = 500;

interface Options {
  readonly ref: string;
  readonly rounds: number;
  readonly roundSeconds: number;
}

/** A server of the comparison and what each of its rounds measured. */
interface Target {
  readonly name: string;
  readonly server: StartedServer;
  readonly requestsPerSecond: number[];
  readonly cpuUsPerRequest: number[];
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const checkout = checkOutRef(options.ref);
  const dataDirs: string[] = [];
  const started: Target[] = [];
  const cleanUp = async (): Promise<void> => {
    await Promise.all(started.map((target) => target.server.process.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    checkout.remove();
  };
  try {
    const sqliteEnv = (): Record<string, string> => {
      dataDirs.push(mkdtempSync(join(tmpdir(), 'forgesyte-compare-data-')));
      return governedEnv({ kind: 'sqlite', dataDir: dataDirs[dataDirs.length - 1] });
    };
    // Each build loads its own bench plugin: this checkout's may use SDK features the other build lacks.
    const ofRef = (env: Record<string, string>): Record<string, string> => ({
      ...env,
      FORGESYTE_PLUGINS: join(checkout.root, relative(REPO_ROOT, BENCH_PLUGIN_MODULE)),
    });
    const specs: [string, string, Record<string, string>, string | undefined][] = [
      ['bare Nest', 'servers/bare-nest.server.ts', {}, undefined],
      ['governed SQLite, this build', 'servers/governed.server.ts', sqliteEnv(), undefined],
      [`governed SQLite, ${checkout.commit}`, 'servers/governed.server.ts', ofRef(sqliteEnv()), checkout.root],
      ['governed memory, this build', 'servers/governed.server.ts', governedEnv({ kind: 'memory' }), undefined],
      [`governed memory, ${checkout.commit}`, 'servers/governed.server.ts', ofRef(governedEnv({ kind: 'memory' })), checkout.root],
    ];
    for (const [name, entry, env, root] of specs) {
      started.push({ name, server: await ServerProcess.start(name, entry, env, root), requestsPerSecond: [], cpuUsPerRequest: [] });
    }
    await measure(started, options);
    console.log(report(started, checkout, options));
  } finally {
    await cleanUp();
  }
}

/** Warms every target up, then `rounds` rounds measuring each once, in an order rotated every round. */
async function measure(targets: readonly Target[], { rounds, roundSeconds }: Options): Promise<void> {
  for (const target of targets) await runLoad(analyzeTarget(target.name, target.server.url), { connections: CONNECTIONS, seconds: WARMUP_SECONDS });
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < targets.length; i += 1) {
      const target = targets[(round + i) % targets.length];
      globalThis.gc?.();
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      const cpuBefore = target.server.process.cpuSeconds();
      const load = await runLoad(analyzeTarget(target.name, target.server.url), { connections: CONNECTIONS, seconds: roundSeconds });
      target.requestsPerSecond.push(load.requestsPerSecond);
      target.cpuUsPerRequest.push(((target.server.process.cpuSeconds() - cpuBefore) * 1e6) / load.responses);
      process.stderr.write(`round ${round + 1}/${rounds} ${target.name}: ${load.requestsPerSecond.toFixed(0)} req/s\n`);
    }
  }
}

function report(targets: readonly Target[], checkout: RefCheckout, { rounds, roundSeconds }: Options): string {
  const [bare, sqliteNew, sqliteOld, memoryNew, memoryOld] = targets;
  /** The median of `a`'s req/s over `b`'s, round by round. */
  const ratio = (a: Target, b: Target): number => median(a.requestsPerSecond.map((value, round) => value / b.requestsPerSecond[round]));
  const lines = [
    `bench:compare: this build against ${checkout.commit}, ${rounds} rounds of ${roundSeconds} s per target at ${CONNECTIONS} connections`,
    '',
    '| target | req/s (median) | CPU µs/request (median) |',
    '|---|---:|---:|',
    ...targets.map((target) => `| ${target.name} | ${median(target.requestsPerSecond).toFixed(0)} | ${median(target.cpuUsPerRequest).toFixed(0)} |`),
    '',
    '| ratio (median of the rounds) | this build | ' + checkout.commit + ' | change |',
    '|---|---:|---:|---:|',
  ];
  for (const [store, fresh, old] of [['SQLite', sqliteNew, sqliteOld], ['memory', memoryNew, memoryOld]] as const) {
    const [now, before] = [ratio(fresh, bare), ratio(old, bare)];
    lines.push(`| governed ${store} / bare Nest | ${now.toFixed(2)} | ${before.toFixed(2)} | ${(now - before >= 0 ? '+' : '') + (now - before).toFixed(2)} |`);
  }
  lines.push('', `this build / ${checkout.commit}: SQLite ${ratio(sqliteNew, sqliteOld).toFixed(2)}, memory ${ratio(memoryNew, memoryOld).toFixed(2)}`);
  return lines.join('\n');
}

function parseOptions(args: readonly string[]): Options {
  const { ref, wholeNumber } = compareArgs(args, 'npm run bench:compare -- <ref> [--rounds 12] [--round-seconds 4]');
  return { ref, rounds: wholeNumber('--rounds', 10), roundSeconds: wholeNumber('--round-seconds', 4) };
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:compare failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
