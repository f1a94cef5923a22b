import { BENCH_RATE_LIMIT, BENCH_STORED_KEYS } from '../bench-config';
import type { BenchPlan } from '../bench-plan';
import type { FigureRow } from './figure-row';
import type { MachineInfo } from './machine';

/** A finished run, ready to print. */
export interface BenchReport {
  readonly startedAt: Date;
  readonly command: string;
  readonly plan: BenchPlan;
  readonly machine: MachineInfo;
  readonly loadAtEnd: number;
  readonly elapsedSeconds: number;
  readonly bodyLimit: string;
  readonly executorConcurrency: number;
  /** Threads of the worker tier's pool for the bench plugin, and of the raw piscina baseline. */
  readonly workerThreads: number;
  readonly rows: readonly FigureRow[];
}

/** The header row of the results table; the smoke test and RESULTS.md rely on its columns. */
export const TABLE_HEADER = '| section | figure | value | unit | target | met |';

/** The run as markdown: what was measured where and how, then one table of every figure. */
export function renderReport(report: BenchReport): string {
  const { plan, machine } = report;
  const { http, httpVariants, mcp, jobEvents, httpAsync, runner, validation, workerTier, asyncService, jobStores, memory } = plan;
  return [
    `## ForgeSyte benchmark (${plan.mode})`,
    '',
    `- Date: ${report.startedAt.toISOString()}; took ${report.elapsedSeconds.toFixed(0)} s.`,
    `- Command: \`${report.command}\``,
    `- Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB; Node ${machine.node}; ${machine.os}. ` +
      `1-minute load average ${machine.loadAtStart.toFixed(2)} before the run, ${report.loadAtEnd.toFixed(2)} at its end (the bench's own processes included). ` +
      'The machine is shared: absolute numbers are noisy, compare the ratios and differences measured side by side.',
    `- HTTP sync: autocannon in the bench process, ${http.connections} connections, no pipelining; six targets, each in its own child process and process group, same node flags and \`NODE_ENV=production\`; ` +
      `${http.warmupSeconds} s warm-up per target, then ${http.rounds} rounds × ${http.roundSeconds} s per target, order rotated every round, each measurement after a forced GC of the bench process and a ${http.settleMs} ms pause; ` +
      "medians over rounds (ratios: median of the per-round ratios of targets measured in the same round); server CPU per request from the server process's /proc CPU time over the round. " +
      'Governed, SQLite store (default): what `npm start` runs, the real app (`createApp` + `loadConfig` of its environment) with the SQLite job store in a fresh temporary `FORGESYTE_DATA_DIR` ' +
      'and every setting at its default (logging at its default level, `info`: a JSON line per request and per job on stdout, which the bench drains; jobs kept per the default retention), except the port, the bench key and the no-op plugin without the shipped ones ' +
      '(they play no part in a no-op call). Governed, memory store: the same with `FORGESYTE_JOB_STORE=memory` and a queue large enough for the async batches submitted to it. ' +
      `Bare Nest (platform-express, Nest's body parser off, \`express.json\`) and plain Express 5 (\`express.json\` and one route) read JSON bodies up to the same limit (${report.bodyLimit}) and answer the same constant JSON; ` +
      'raw node:http reads and parses the body and answers the same JSON; the baselines log nothing, except bare Nest with pino request logging: bare Nest with the product\'s process logger (nestjs-pino, JSON on stdout) and its request line at `info`. Every request sends the API key; the governed targets check it before the body, then read it with ' +
      '`express.raw`, the shape check, strict UTF-8 and `JSON.parse`. No throttling on these targets: `FORGESYTE_RATE_LIMIT` is off by default.',
    `- HTTP variants: two variants of the governed memory target against a plain one started with them (not the sync section's, which is warmer by then), each in its own process, at the same connections and pause: ${httpVariants.warmupSeconds} s warm-up per target, then ` +
      `${httpVariants.rounds} rounds × ${httpVariants.roundSeconds} s per target, order rotated every round. With \`FORGESYTE_RATE_LIMIT=${BENCH_RATE_LIMIT}\` (every request counted, in process; none refused); ` +
      `and holding ${BENCH_STORED_KEYS} stored API keys (created through \`ApiKeyService\` before it listens), each request sending one of them (\`fsk_…\`, scope \`analyze\`) instead of the bootstrap key. ` +
      'Each drop row is governed memory / bare Nest (sync section) × (1 − variant / governed memory).',
    `- MCP: on the governed SQLite target (default), after the other HTTP sections: one MCP session opened as a client does (\`initialize\`, \`notifications/initialized\`, the bench key), then raw JSON-RPC \`tools/call\` POSTs of bench-noop's \`detect\` to \`/mcp\` ` +
      `(session and \`MCP-Protocol-Version\` headers, an id of its own each, answered as SSE) against \`POST /v1/analyze-execution\` of the same tool and args, both with autocannon at ${http.connections} connections, every answer checked for a success (failures counted: a run with any has no speed); ` +
      `${mcp.warmupSeconds} s warm-up each, then ${mcp.rounds} rounds × ${mcp.roundSeconds} s each, who goes first alternating, each after the same pause; ratio: median of per-round ratios.`,
    `- Job events: on the same target, ${jobEvents.rounds} rounds (after a warm-up round) of ${jobEvents.jobsInFlight} async jobs at once of bench-noop's \`report-progress\` tool: ${jobEvents.reports} \`ctx.progress\` reports ${jobEvents.intervalMs} ms apart, each message the epoch time of the report (\`performance.timeOrigin + performance.now()\`); ` +
      'each job followed at `GET …/jobs/{id}/events` by the client\'s SSE parser (`serverSentEvents` of @forgesyte/client) in the bench process; latency: arrival of a `progress` event minus its stamp (one machine, one clock). Reports merged into a later event are counted, not timed.',
    `- ToolRunner: in one process, ${runner.warmupOps} warm-up calls each, then ${Math.ceil(runner.blocks / 2) * runner.opsPerBlock} timed calls each in alternating blocks of ${runner.opsPerBlock}; ` +
      'no-op inline tool with a 6-property input schema; the baseline awaits `plugin.run` with a prebuilt context.',
    `- Request validation: in the same process, the analyze body's \`DtoCheck\` (as \`POST /v1/analyze-execution\` runs it, on the bench body parsed once) ${validation.warmupChecks} times to warm up, ` +
      `then ${validation.blocks} blocks of ${validation.checksPerBlock} back-to-back checks; the median block's time per check.`,
    `- Worker tier: in one process, ${workerTier.warmupOps} warm-up calls each, then ${workerTier.blocksPerTarget * workerTier.opsPerBlock} timed calls each, one at a time, in alternating blocks of ${workerTier.opsPerBlock}; ` +
      `then ${workerTier.throughputRounds} rounds of ${workerTier.throughputOps} calls each with ${workerTier.concurrency} in flight (after an untimed round that starts every thread), order rotated every round, medians over rounds. ` +
      'All three send the same 6-property args and get the same no-op result back. ' +
      "`ToolRunner.run`, worker tool: both schema validations, deadline and metrics, plus everything the worker tier does around piscina's `run` on both sides of the thread boundary " +
      `(plugin's pool of ${report.workerThreads} threads, \`atomics: 'async'\`; run from sources, its threads load the TypeScript through ts-source-worker.cjs once, at start, nothing per call). ` +
      'Raw piscina (baseline): `run(args)` on a pool with the same options whose plain .cjs task returns the result: no validation, port or signal. ' +
      "Inline: `ToolRunner.run` on bench-noop's `detect` (same contract, the calling thread). Time ratios: worker over the other, higher is slower; at " +
      `${workerTier.concurrency} in flight, the inverse ratio of calls/s, median of per-round ratios.`,
    `- Async jobs: ${asyncService.rounds} batches of ${asyncService.jobs} (in process) and ${httpAsync.rounds} batches of ${httpAsync.jobs} (HTTP, ${httpAsync.connections} connections) after a warm-up batch; ` +
      `executor concurrency ${report.executorConcurrency} (default), memory job store (over HTTP: the governed target on the memory store); time from the first submission to the last job's \`completed_at\`; medians over batches.`,
    `- Job stores: the same in-process submissions, one after the other, on the SQLite store (a file in a temporary directory) and on Redis with 1 and 2 \`apps/worker\` processes, ` +
      `against raw BullMQ (a plain Queue in the bench process, as many plain Worker processes with a no-op processor, same concurrency) on one \`redis-server\` started on a free loopback port. ` +
      `${jobStores.rounds} batches of ${jobStores.jobs} after a warm-up batch; the two Redis targets run side by side and take turns batch for batch, who goes first alternating; ` +
      'ratios are medians of per-round ratios. Raw BullMQ times to the completion event of its last job (Redis clock), ForgeSyte to its last `completed_at`.',
    `- Memory: ${memory.total} sync executions through \`AnalysisExecutionService.analyze\`, in a fresh process, job retention at its default (10,000 finished jobs); ` +
      `sampled after a forced GC (\`--expose-gc\`) at ${memory.first} and ${memory.total}.`,
    '- Order: the worker tier, ToolRunner, request validation and in-process async jobs run in that order in one child process, which boots the app while the memory section runs ' +
      '(it times nothing) and the HTTP servers start, and measures once both are done, the servers idle; then the HTTP sections (MCP and job events last), alone; the job stores last, once the HTTP servers stopped.',
    '',
    TABLE_HEADER,
    '|---|---|---:|---|---|---|',
    ...report.rows.map(renderRow),
    '',
  ].join('\n');
}

function renderRow(row: FigureRow): string {
  const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
  return `| ${row.section} | ${row.figure} | ${row.value.toFixed(row.decimals)} | ${row.unit} | ${row.target ?? ''} | ${met} |`;
}
