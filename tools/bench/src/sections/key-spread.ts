import { median } from '../stats';

/** How many API keys the many-keys batches spread their jobs over (issue 22: fair dequeue costs O(1) or O(log keys) per job). */
export const MANY_KEYS = 100;

/** Jobs per second of batches submitted by one key and of the same batches spread over {@link MANY_KEYS} keys. */
export interface KeySpreadFigures {
  /** Median jobs/s of the one-key batches. */
  readonly oneKey: number;
  /** Median jobs/s of the many-keys batches. */
  readonly manyKeys: number;
  /** Median over rounds of many keys' jobs/s over one key's in the same round. */
  readonly ratio: number;
  readonly keys: number;
}

/** Runs a batch whose jobs `keys` keys submit in turn, and answers its jobs per second. */
export type KeyedBatch = (keys: number) => Promise<number>;

/**
 * Runs `rounds` rounds of one batch by one key and one spread over {@link MANY_KEYS} keys, the order
 * swapped every round so that neither always runs first, and answers the medians.
 */
export async function measureKeySpread(run: KeyedBatch, rounds: number): Promise<KeySpreadFigures> {
  const oneKey: number[] = [];
  const manyKeys: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let one: number;
    let many: number;
    if (round % 2 === 0) {
      one = await run(1);
      many = await run(MANY_KEYS);
    } else {
      many = await run(MANY_KEYS);
      one = await run(1);
    }
    oneKey.push(one);
    manyKeys.push(many);
    ratios.push(many / one);
  }
  return { oneKey: median(oneKey), manyKeys: median(manyKeys), ratio: median(ratios), keys: MANY_KEYS };
}
