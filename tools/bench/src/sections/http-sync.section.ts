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

/**
 * The targets of the sync section: the governed app on the default SQLite store (what `npm start` runs)
 * and on the memory store, then the baselines answering the same constant JSON: bare Nest, bare Nest
 * with pino request logging (what logging itself costs), a plain Express 5 app, raw `node:http`. Also the
 * order of the first round.
 */
export const SYNC_TARGET_NAMES = ['governedSqlite', 'governedMemory', 'bareNest', 'bareNestPino', 'express', 'raw'] as const;

/** One target of the sync section. */
export type SyncTargetName = (typeof SYNC_TARGET_NAMES)[number];

/** One HTTP target of the sync section, and how to read its server's CPU time. */
export interface SyncTarget {
  readonly http: HttpTarget;
  cpuSeconds(): number;
}

/** Every target of the sync section. */
export type SyncTargets = Readonly<Record<SyncTargetName, SyncTarget>>;

/** Section 1: the governed sync endpoint, on both stores, against the baselines, measured in the same rounds. */
export interface HttpSyncFigures {
  /** Each target's medians over rounds. */
  readonly targets: Readonly<Record<SyncTargetName, TargetFigures>>;
  /** Each target's req/s, round by round (the same index is the same round for every target). */
  readonly roundRequestsPerSecond: Readonly<Record<SyncTargetName, readonly number[]>>;
}

/** A req/s ratio of two targets: the median of their per-round ratios, and the lowest and highest round. */
export interface RoundRatio {
  readonly median: number;
  readonly lowest: number;
  readonly highest: number;
}

/** What one round measured of one target. */
export interface RoundResult {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly cpuUsPerRequest: number;
}

/**
 * Warms every target up, then runs `rounds` rounds; each round measures every target once for the
 * same duration at the same connections, in an order rotated every round so that no target always
 * runs first or last (with a multiple of six rounds, each runs in every position equally often).
 */
export async function benchHttpSync(targets: SyncTargets, plan: BenchPlan['http'], log: (line: string) => void): Promise<HttpSyncFigures> {
  const { connections, warmupSeconds, roundSeconds, rounds, settleMs } = plan;
  for (const name of SYNC_TARGET_NAMES) await runLoad(targets[name].http, { connections, seconds: warmupSeconds });
  const results = perTarget((): RoundResult[] => []);
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < SYNC_TARGET_NAMES.length; i += 1) {
      const name = SYNC_TARGET_NAMES[(round + i) % SYNC_TARGET_NAMES.length];
      await settle(settleMs);
      const result = await measure(targets[name], roundSeconds, connections);
      results[name].push(result);
      log(
        `http sync round ${round + 1}/${rounds} ${targets[name].http.label}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
          `p50 ${result.p50Ms.toFixed(2)} ms, p99 ${result.p99Ms.toFixed(2)} ms, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/request`,
      );
    }
  }
  return {
    targets: perTarget((name) => figuresOf(results[name])),
    roundRequestsPerSecond: perTarget((name) => results[name].map((result) => result.requestsPerSecond)),
  };
}

/** `numerator`'s req/s over `denominator`'s, round by round: their median, lowest and highest. */
export function roundRatio(figures: HttpSyncFigures, numerator: SyncTargetName, denominator: SyncTargetName): RoundRatio {
  return ratioOfRounds(figures.roundRequestsPerSecond[numerator], figures.roundRequestsPerSecond[denominator]);
}

/** One target's req/s over another's, measured in the same rounds (the same index is the same round). */
export function ratioOfRounds(numerator: readonly number[], denominator: readonly number[]): RoundRatio {
  const ratios = numerator.map((requestsPerSecond, round) => requestsPerSecond / denominator[round]);
  return { median: median(ratios), lowest: Math.min(...ratios), highest: Math.max(...ratios) };
}

function perTarget<T>(make: (name: SyncTargetName) => T): Record<SyncTargetName, T> {
  return Object.fromEntries(SYNC_TARGET_NAMES.map((name) => [name, make(name)])) as Record<SyncTargetName, T>;
}

/**
 * Lets the last measurement's aftermath pass before the next: the load generator's own garbage (it
 * shares the machine's two cores with the servers) is collected now, not during the next target's
 * round, which it would slow. Forces the GC when the bench runs with `--expose-gc` (`npm run bench` does).
 */
export async function settle(pauseMs: number): Promise<void> {
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
}

/** One measurement of `target`: `seconds` of load at `connections`, with the server's CPU time per response. */
export async function measure(target: SyncTarget, seconds: number, connections: number): Promise<RoundResult> {
  const cpuBefore = target.cpuSeconds();
  const load = await runLoad(target.http, { connections, seconds });
  const cpuUsPerRequest = ((target.cpuSeconds() - cpuBefore) * 1e6) / load.responses;
  return { requestsPerSecond: load.requestsPerSecond, p50Ms: load.p50Ms, p99Ms: load.p99Ms, cpuUsPerRequest };
}

/** A target's figures over its rounds: the median of each. */
export function figuresOf(results: readonly RoundResult[]): TargetFigures {
  const medianOf = (pick: (result: RoundResult) => number): number => median(results.map(pick));
  return {
    requestsPerSecond: medianOf((result) => result.requestsPerSecond),
    p50Ms: medianOf((result) => result.p50Ms),
    p99Ms: medianOf((result) => result.p99Ms),
    cpuUsPerRequest: medianOf((result) => result.cpuUsPerRequest),
  };
}
