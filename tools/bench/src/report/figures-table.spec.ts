import type { HttpSyncFigures } from '../sections/http-sync.section';
import { httpVariantRows, jobEventRows, mcpCallRows } from './figures-table';

const TARGET = { requestsPerSecond: 0, p50Ms: 0, p99Ms: 0, cpuUsPerRequest: 0 };
/** Sync figures in which the governed memory target answered 0.8 of bare Nest's req/s in every round. */
const SYNC: HttpSyncFigures = {
  targets: { governedSqlite: TARGET, governedMemory: TARGET, bareNest: TARGET, bareNestPino: TARGET, express: TARGET, raw: TARGET },
  roundRequestsPerSecond: { governedSqlite: [], governedMemory: [800, 1600], bareNest: [1000, 2000], bareNestPino: [], express: [], raw: [] },
};
const ratio = (median: number) => ({ median, lowest: median, highest: median });

describe(httpVariantRows.name, () => {
  it("prints each variant's ratio, and the drop of the governed memory / bare Nest ratio it makes, against the issues' bounds", () => {
    const rows = httpVariantRows(SYNC, { ratios: { rateLimited: ratio(0.95), storedKeys: ratio(0.99) } });

    expect(rows.map(({ figure, value, target, met }) => ({ figure, value: Number(value.toFixed(3)), target, met }))).toEqual([
      { figure: 'governed memory with FORGESYTE_RATE_LIMIT set (never reached) / governed memory', value: 0.95, target: undefined, met: undefined },
      { figure: 'governed memory / bare Nest, drop with FORGESYTE_RATE_LIMIT set (never reached)', value: 0.04, target: '≤ 0.030', met: false },
      { figure: 'governed memory with 10,000 stored keys, sent a stored `fsk_` key / governed memory', value: 0.99, target: undefined, met: undefined },
      { figure: 'governed memory / bare Nest, drop with 10,000 stored keys, sent a stored `fsk_` key', value: 0.008, target: '≤ 0.020', met: true },
    ]);
  });
});

describe(mcpCallRows.name, () => {
  const figures = (failed: number) => ({
    targets: { post: { ...TARGET, requestsPerSecond: 1500 }, mcp: { ...TARGET, requestsPerSecond: 1000 } },
    postOverMcp: ratio(1.5),
    failed,
  });
  const pick = (rows: ReturnType<typeof mcpCallRows>, start: string) => rows.find((row) => row.figure.startsWith(start));

  it("prints both throughputs and POST / MCP against issue 23's budget of 1.5", () => {
    const rows = mcpCallRows(figures(0));

    expect(pick(rows, 'MCP `tools/call`')?.value).toBe(1000);
    expect(pick(rows, 'governed POST / MCP')).toMatchObject({ value: 1.5, target: '≤ 1.50', met: true });
    expect(pick(rows, 'answers that were not a success')).toMatchObject({ value: 0, target: '≤ 0', met: true });
  });

  it('reports a run with failed answers as such: no speed, the ratio not met, the count', () => {
    const rows = mcpCallRows(figures(3));

    expect(rows.filter((row) => row.unit !== 'answers').every((row) => Number.isNaN(row.value))).toBe(true);
    expect(pick(rows, 'governed POST / MCP')?.met).toBe(false);
    expect(pick(rows, 'answers that were not a success')).toMatchObject({ value: 3, met: false });
  });
});

describe(jobEventRows.name, () => {
  it("prints p50, p99 against issue 23's 50 ms, the largest, and what was received and merged", () => {
    const rows = jobEventRows({ latency: { p50Ms: 1.2, p99Ms: 51, maxMs: 80, count: 3990 }, reports: 4000, notReceived: 10, failed: 0, jobs: 20 });

    expect(rows.map(({ value, target, met }) => ({ value, target, met }))).toEqual([
      { value: 1.2, target: undefined, met: undefined },
      { value: 51, target: '≤ 50', met: false },
      { value: 80, target: undefined, met: undefined },
      { value: 3990, target: undefined, met: undefined },
      { value: 10, target: undefined, met: undefined },
      { value: 0, target: '≤ 0', met: true },
    ]);
  });
});
