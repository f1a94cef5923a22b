import { planFromArgs } from './bench-plan';

/** Seconds of load a plan's sync section measures (six targets), and its variants section runs (three, warm-ups included). */
const syncSeconds = (argv: string[]) => planFromArgs(argv, {}).http.rounds * 6 * planFromArgs(argv, {}).http.roundSeconds;
const variantSeconds = (argv: string[]) => {
  const { warmupSeconds, rounds, roundSeconds } = planFromArgs(argv, {}).httpVariants;
  return 3 * warmupSeconds + rounds * 3 * roundSeconds;
};

/** Seconds the MCP and job-events sections take at least (issue 23's rows): load, pauses, and the progress jobs' reports. */
const issue23Seconds = (argv: string[]) => {
  const { http, mcp, jobEvents } = planFromArgs(argv, {});
  const mcpSeconds = 2 * mcp.warmupSeconds + mcp.rounds * 2 * (mcp.roundSeconds + http.settleMs / 1000);
  return mcpSeconds + ((jobEvents.rounds + 1) * jobEvents.reports * jobEvents.intervalMs) / 1000;
};

describe(planFromArgs.name, () => {
  it('adds under 40 s to a full run for the MCP and job-events rows, so that `npm run bench` stays about as long', () => {
    expect(issue23Seconds([])).toBeLessThan(40);
  });

  it.each([[[]], [['--quick']]])('keeps the variants section (%p) under a quarter of the sync section', (argv) => {
    expect(variantSeconds(argv)).toBeLessThanOrEqual(syncSeconds(argv) / 4);
  });

  it('measures each variant in at least three rounds, so that a median means something', () => {
    expect(planFromArgs(['--quick'], {}).httpVariants.rounds).toBeGreaterThanOrEqual(3);
    expect(planFromArgs([], {}).httpVariants.rounds).toBeGreaterThanOrEqual(3);
  });
});
