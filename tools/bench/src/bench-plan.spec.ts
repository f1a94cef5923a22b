import { planFromArgs } from './bench-plan';

/** Seconds of load a plan's sync section measures (six targets), and its variants section runs (three, warm-ups included). */
const syncSeconds = (argv: string[]) => planFromArgs(argv, {}).http.rounds * 6 * planFromArgs(argv, {}).http.roundSeconds;
const variantSeconds = (argv: string[]) => {
  const { warmupSeconds, rounds, roundSeconds } = planFromArgs(argv, {}).httpVariants;
  return 3 * warmupSeconds + rounds * 3 * roundSeconds;
};

describe(planFromArgs.name, () => {
  it.each([[[]], [['--quick']]])('keeps the variants section (%p) under a quarter of the sync section', (argv) => {
    expect(variantSeconds(argv)).toBeLessThanOrEqual(syncSeconds(argv) / 4);
  });

  it('measures each variant in at least three rounds, so that a median means something', () => {
    expect(planFromArgs(['--quick'], {}).httpVariants.rounds).toBeGreaterThanOrEqual(3);
    expect(planFromArgs([], {}).httpVariants.rounds).toBeGreaterThanOrEqual(3);
  });
});
