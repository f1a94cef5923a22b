import { type HttpSyncFigures, roundRatio, type SyncTargetName } from './http-sync.section';

function figuresWithRounds(rounds: Partial<Record<SyncTargetName, number[]>>): HttpSyncFigures {
  const figures = { requestsPerSecond: 0, p50Ms: 0, p99Ms: 0, cpuUsPerRequest: 0 };
  const targets = { governedSqlite: figures, governedMemory: figures, bareNest: figures, bareNestPino: figures, express: figures, raw: figures };
  return { targets, roundRequestsPerSecond: { governedSqlite: [], governedMemory: [], bareNest: [], bareNestPino: [], express: [], raw: [], ...rounds } };
}

describe(roundRatio.name, () => {
  it('divides the targets round by round and gives the median, the lowest and the highest of those ratios', () => {
    const figures = figuresWithRounds({ governedSqlite: [900, 400, 1200], bareNest: [1000, 1000, 1000] });

    expect(roundRatio(figures, 'governedSqlite', 'bareNest')).toEqual({ median: 0.9, lowest: 0.4, highest: 1.2 });
  });

  it('compares the rounds two targets shared, not their medians', () => {
    // A round where the machine slowed everyone down counts as one ratio, not as a slow numerator.
    const figures = figuresWithRounds({ governedSqlite: [500, 1000, 1000], governedMemory: [1000, 2000, 500] });

    expect(roundRatio(figures, 'governedSqlite', 'governedMemory').median).toBe(0.5);
  });
});
