/** How long and how much every section of the bench measures. */
export interface BenchPlan {
  readonly mode: 'full' | 'quick';
  /**
   * Sync HTTP: fixed connections, warm-up then alternating rounds of a fixed duration per target, each
   * measurement after a pause of `settleMs` (and a forced GC of the bench process, when it may force one).
   * Rounds in multiples of the six targets, so that each runs in every position of the rotation equally often.
   */
  readonly http: {
    readonly connections: number;
    readonly warmupSeconds: number;
    readonly roundSeconds: number;
    readonly rounds: number;
    readonly settleMs: number;
  };
  /**
   * Variants of the governed memory target (a rate limit set, 10,000 stored keys), each against a plain
   * one started and warmed up with them, in the same rounds: shorter than the sync section, since only
   * ratios of like targets are read.
   */
  readonly httpVariants: { readonly warmupSeconds: number; readonly roundSeconds: number; readonly rounds: number };
  /**
   * MCP `tools/call` against governed `POST /v1/analyze-execution` of the same no-op tool, on the default
   * (SQLite) governed target, at the sync section's connections and pause: a warm-up each, then rounds in
   * which each runs once, who goes first alternating.
   */
  readonly mcp: { readonly warmupSeconds: number; readonly roundSeconds: number; readonly rounds: number };
  /**
   * Live job events: rounds of `jobsInFlight` jobs at once (after a warm-up round), each making `reports`
   * progress reports `intervalMs` apart, followed over SSE.
   */
  readonly jobEvents: { readonly jobsInFlight: number; readonly rounds: number; readonly reports: number; readonly intervalMs: number };
  /** Async HTTP: batches of jobs submitted at fixed connections. */
  readonly httpAsync: { readonly connections: number; readonly warmupJobs: number; readonly jobs: number; readonly rounds: number };
  /** ToolRunner vs direct call: alternating blocks of timed operations after a warm-up. */
  readonly runner: { readonly warmupOps: number; readonly opsPerBlock: number; readonly blocks: number };
  /** Request validation: a warm-up, then timed blocks of back-to-back checks of the analyze body. */
  readonly validation: { readonly warmupChecks: number; readonly checksPerBlock: number; readonly blocks: number };
  /**
   * Worker tier against raw piscina and the inline tier, in process: alternating blocks of sequential
   * calls after a warm-up, then rounds of `throughputOps` calls at `concurrency` in flight (after one
   * untimed round each, which also starts every thread).
   */
  readonly workerTier: {
    readonly warmupOps: number;
    readonly opsPerBlock: number;
    readonly blocksPerTarget: number;
    readonly concurrency: number;
    readonly throughputOps: number;
    readonly throughputRounds: number;
  };
  /** Async jobs through the service, in process. At most the default retention (10,000) per batch. */
  readonly asyncService: { readonly warmupJobs: number; readonly jobs: number; readonly rounds: number };
  /** Async jobs on the SQLite store, and on Redis against raw BullMQ (batches taking turns). */
  readonly jobStores: { readonly warmupJobs: number; readonly jobs: number; readonly rounds: number };
  /** Memory: measured after `first` and after `total` sync executions. */
  readonly memory: { readonly first: number; readonly total: number };
  /** Write `tools/bench/RESULTS.md` from this run. */
  readonly writeResults: boolean;
}

const FULL: BenchPlan = {
  mode: 'full',
  http: { connections: 16, warmupSeconds: 3, roundSeconds: 4, rounds: 12, settleMs: 500 },
  httpVariants: { warmupSeconds: 3, roundSeconds: 2, rounds: 10 },
  mcp: { warmupSeconds: 2, roundSeconds: 2, rounds: 4 },
  jobEvents: { jobsInFlight: 4, rounds: 5, reports: 200, intervalMs: 5 },
  httpAsync: { connections: 16, warmupJobs: 500, jobs: 3_000, rounds: 3 },
  runner: { warmupOps: 20_000, opsPerBlock: 20_000, blocks: 10 },
  validation: { warmupChecks: 50_000, checksPerBlock: 10_000, blocks: 21 },
  workerTier: { warmupOps: 3_000, opsPerBlock: 2_000, blocksPerTarget: 5, concurrency: 4, throughputOps: 5_000, throughputRounds: 5 },
  asyncService: { warmupJobs: 2_000, jobs: 10_000, rounds: 5 },
  jobStores: { warmupJobs: 500, jobs: 3_000, rounds: 5 },
  memory: { first: 10_000, total: 100_000 },
  writeResults: false,
};

const QUICK: BenchPlan = {
  mode: 'quick',
  http: { connections: 16, warmupSeconds: 1, roundSeconds: 2, rounds: 6, settleMs: 200 },
  httpVariants: { warmupSeconds: 2, roundSeconds: 1, rounds: 3 },
  mcp: { warmupSeconds: 1, roundSeconds: 1, rounds: 2 },
  jobEvents: { jobsInFlight: 4, rounds: 2, reports: 100, intervalMs: 5 },
  httpAsync: { connections: 16, warmupJobs: 200, jobs: 1_000, rounds: 2 },
  runner: { warmupOps: 10_000, opsPerBlock: 5_000, blocks: 6 },
  validation: { warmupChecks: 20_000, checksPerBlock: 5_000, blocks: 7 },
  workerTier: { warmupOps: 1_000, opsPerBlock: 1_000, blocksPerTarget: 3, concurrency: 4, throughputOps: 1_000, throughputRounds: 3 },
  asyncService: { warmupJobs: 1_000, jobs: 5_000, rounds: 3 },
  jobStores: { warmupJobs: 200, jobs: 1_000, rounds: 3 },
  memory: { first: 10_000, total: 100_000 },
  writeResults: false,
};

/**
 * The plan for a command line: `--quick` for the short plan, `--round-seconds N` (or the
 * `BENCH_ROUND_SECONDS` variable) to override the HTTP round duration (and cap the warm-up by it),
 * `--write` to write RESULTS.md.
 */
export function planFromArgs(argv: readonly string[], env: NodeJS.ProcessEnv): BenchPlan {
  const unknown = argv.find((arg, i) => !/^--(quick|write|round-seconds(=.*)?)$/.test(arg) && argv[i - 1] !== '--round-seconds');
  if (unknown !== undefined) throw new Error(`unknown option '${unknown}'; use --quick, --round-seconds N, --write`);
  const base = argv.includes('--quick') ? QUICK : FULL;
  const roundSeconds = roundSecondsOf(argv, env);
  const http = roundSeconds === undefined ? base.http : { ...base.http, roundSeconds, warmupSeconds: Math.min(base.http.warmupSeconds, roundSeconds) };
  return { ...base, http, writeResults: argv.includes('--write') };
}

function roundSecondsOf(argv: readonly string[], env: NodeJS.ProcessEnv): number | undefined {
  const index = argv.findIndex((arg) => arg === '--round-seconds' || arg.startsWith('--round-seconds='));
  const raw = index < 0 ? env.BENCH_ROUND_SECONDS : argv[index].includes('=') ? argv[index].split('=')[1] : argv[index + 1];
  if (index < 0 && (raw === undefined || raw === '')) return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1) throw new Error(`--round-seconds must be a whole number of seconds >= 1; got '${raw ?? ''}'`);
  return seconds;
}
