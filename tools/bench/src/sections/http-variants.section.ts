import type { BenchPlan } from '../bench-plan';
import { runLoad } from '../load/run-load';
import { measure, ratioOfRounds, type RoundRatio, settle, type SyncTarget } from './http-sync.section';

/**
 * Variants of the governed memory target, each measured against the plain one: `rateLimited`, with
 * `FORGESYTE_RATE_LIMIT` set far above the load (every request counted, none refused); `storedKeys`,
 * holding 10,000 stored API keys and sent one of them (`fsk_…`) instead of the bootstrap key.
 */
export const HTTP_VARIANT_NAMES = ['rateLimited', 'storedKeys'] as const;

/** One variant of the governed memory target. */
export type HttpVariantName = (typeof HTTP_VARIANT_NAMES)[number];

/**
 * The targets of the section: the variants, and `plain`, a governed memory target of their own, started
 * and warmed up as they are. Not the sync section's memory target: that one has run every sync round by
 * then, and a server's JIT and heap keep improving for many seconds of load (in a first try against it,
 * fresh variants answered 0.5× to 0.75× of it, round after round, whatever they did).
 */
export const VARIANT_TARGET_NAMES = ['plain', ...HTTP_VARIANT_NAMES] as const;

/** One target of the variants section. */
export type VariantTargetName = (typeof VARIANT_TARGET_NAMES)[number];

/** Each variant's req/s over the plain governed memory target's, in the rounds they shared. */
export interface HttpVariantFigures {
  readonly ratios: Readonly<Record<HttpVariantName, RoundRatio>>;
}

/** Each target's req/s, round by round: the plain target, then each variant. */
export type VariantRounds = Readonly<Record<VariantTargetName, readonly number[]>>;

/**
 * Warms every target up alike, then runs `rounds` short rounds of the plain target and the variants, in
 * an order rotated every round, at the sync section's connections and pause. Only ratios of like targets
 * are read, so these rounds are shorter than the sync section's.
 */
export async function benchHttpVariants(
  targets: Readonly<Record<VariantTargetName, SyncTarget>>,
  plan: Pick<BenchPlan, 'http' | 'httpVariants'>,
  log: (line: string) => void,
): Promise<HttpVariantFigures> {
  const { connections, settleMs } = plan.http;
  const { warmupSeconds, roundSeconds, rounds } = plan.httpVariants;
  const names = VARIANT_TARGET_NAMES;
  for (const name of names) await runLoad(targets[name].http, { connections, seconds: warmupSeconds });
  const perRound: Record<VariantTargetName, number[]> = { plain: [], rateLimited: [], storedKeys: [] };
  for (let round = 0; round < rounds; round += 1) {
    for (let i = 0; i < names.length; i += 1) {
      const name = names[(round + i) % names.length];
      await settle(settleMs);
      const result = await measure(targets[name], roundSeconds, connections);
      perRound[name].push(result.requestsPerSecond);
      log(`http variants round ${round + 1}/${rounds} ${targets[name].http.label}: ${result.requestsPerSecond.toFixed(0)} req/s, ${result.cpuUsPerRequest.toFixed(0)} µs CPU/request`);
    }
  }
  return variantFigures(perRound);
}

/** Each variant's round-by-round ratio over the plain target. */
export function variantFigures(rounds: VariantRounds): HttpVariantFigures {
  return { ratios: { rateLimited: ratioOfRounds(rounds.rateLimited, rounds.plain), storedKeys: ratioOfRounds(rounds.storedKeys, rounds.plain) } };
}
