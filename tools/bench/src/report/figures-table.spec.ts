import type { HttpSyncFigures } from '../sections/http-sync.section';
import { httpVariantRows } from './figures-table';

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
