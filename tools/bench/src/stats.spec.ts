import { summarizeLatencies } from './stats';

describe(summarizeLatencies.name, () => {
  it('gives nearest-rank p50 and p99, the largest and the count, whatever the order', () => {
    const latencies = Array.from({ length: 200 }, (_, i) => 200 - i);

    expect(summarizeLatencies(latencies)).toEqual({ p50Ms: 100, p99Ms: 198, maxMs: 200, count: 200 });
  });

  it('is NaN, not zero, when nothing was measured', () => {
    expect(summarizeLatencies([])).toEqual({ p50Ms: NaN, p99Ms: NaN, maxMs: NaN, count: 0 });
  });
});
