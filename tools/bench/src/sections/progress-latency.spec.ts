import { progressLatencyMs } from './progress-latency';

describe(progressLatencyMs.name, () => {
  it("subtracts the report's stamp (its message) from the arrival time", () => {
    const data = JSON.stringify({ job_id: 'j', status: 'running', progress: { fraction: 0.5, message: '1700000000000.250' } });

    expect(progressLatencyMs(data, 1_700_000_000_003.75)).toBeCloseTo(3.5, 6);
  });

  it('is undefined for an event without a numeric stamp', () => {
    const withoutMessage = JSON.stringify({ progress: { fraction: 0.5 } });
    const withText = JSON.stringify({ progress: { fraction: 0.5, message: 'step 1 of 4' } });

    expect([withoutMessage, withText, '{', '"x"'].map((data) => progressLatencyMs(data, 1))).toEqual([undefined, undefined, undefined, undefined]);
  });
});
