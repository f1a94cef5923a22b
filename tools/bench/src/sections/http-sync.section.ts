import type { BenchPlan } from '../bench-plan';
import type { HttpTarget } from '../load/http-target';
import { runLoad } from '../load/run-load';
import { median } from '../stats';

/** Median figures of one target over the measured rounds. */
export interface TargetFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU time the server process spent per response, in microseconds. */
  readonly cpuUsPerRequest: number;
}

/** Section 1: the governed sync endpoint against the two baselines, measured side by side. */
export interface HttpSyncFigures {
  readonly governed: TargetFigures;
  readonly bareNest: TargetFigures;
  readonly raw: TargetFigures;
  /** Median over rounds of governed req/s divided by bare-Nest req/s of the same round. */
  readonly governedOverBareNest: number;
  /** The lowest and the highest of those per-round ratios: how much the machine moved them. */
  readonly governedOverBareNestRange: { readonly lowest: number; readonly highest: number };
  /** Median over rounds of governed req/s divided by raw req/s of the same round. */
  readonly governedOverRaw: number;
}

/** One HTTP target of the sync section, and how to read its server's CPU time. */
export interface SyncTarget {
  readonly http: HttpTarget;
  cpuSeconds(): number;
}

/** The three HTTP targets of the sync section. */
export interface SyncTargets {
  readonly governed: SyncTarget;
  readonly bareNest: SyncTarget;
  readonly raw: SyncTarget;
}

type TargetName = keyof SyncTargets;
const ORDER: readonly TargetName[] = ['governed', 'bareNest', 'raw'];

interface RoundResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerRequest: number;
}

/**
 * Warms every target up, then runs `rounds` rounds; each round measures every target once for the
 * same duration at the same connections, in an order rotated every round so that no target always
 * runs first or last (with a multiple of three rounds, each runs first, second and last equally often).
 */
export async function benchHttpSync(targets: SyncTargets, plan: BenchPlan['http'], log: (line: string) => void): Promise<HttpSyncFigures> {
  const { connections, warmupSeconds, roundSeconds, rounds, settleMs } = plan;
  for (const name of ORDER) await runLoad(targets[name].http, { connections, seconds: warmupSeconds });
  const results: Record<TargetName, RoundResult[]> = { governed: [], bareNest: [], raw: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < ORDER.length; i += 1) {
      const name = ORDER[(round + i) % ORDER.length];
      await settle(settleMs);
      const result = await measure(targets[name], roundSeconds, connections);
      results[name].push(result);
      log(
        `http sync round ${round + 1}/${rounds} ${targets[name].http.label}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/request`,
      );
    }
  }
  const ratios = (baseline: TargetName): number[] =>
    results.governed.map((governed, round) => governed.requestsPerSecond / results[baseline][round].requestsPerSecond);
  const overBareNest = ratios('bareNest');
  return {
    governed: figuresOf(results.governed),
    bareNest: figuresOf(results.bareNest),
    raw: figuresOf(results.raw),
    governedOverBareNest: median(overBareNest),
    governedOverBareNestRange: { lowest: Math.min(...overBareNest), highest: Math.max(...overBareNest) },
    governedOverRaw: median(ratios('raw')),
  };
}

/**
 * Lets the last measurement's aftermath pass before the next: the load generator's own garbage (it
 * shares the machine's two cores with the servers) is collected now, not during the next target's
 * round, which it would slow. Forces the GC when the bench runs with `--expose-gc` (`npm run bench` does).
 */
async function settle(pauseMs: number): Promise<void> {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
}

async function measure(target: SyncTarget, seconds: number, connections: number): Promise<RoundResult> {
  const cpuBefore = target.cpuSeconds();
  const load = await runLoad(target.http, { connections, seconds });
  const cpuUsPerRequest = ((target.cpuSeconds() - cpuBefore) * 1e6) / load.responses;
  return { requestsPerSecond: load.requestsPerSecond, p50Ms: load.p50Ms, p99Ms: load.p99Ms, cpuUsPerRequest };
}

function figuresOf(results: readonly RoundResult[]): TargetFigures {
  const medianOf = (pick: (result: RoundResult) => number): number => median(results.map(pick));
  return {
    requestsPerSecond: medianOf((result) => result.requestsPerSecond),
    p50Ms: medianOf((result) => result.p50Ms),
    p99Ms: medianOf((result) => result.p99Ms),
    cpuUsPerRequest: medianOf((result) => result.cpuUsPerRequest),
  };
}
