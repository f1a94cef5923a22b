import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PrometheusMetrics } from '@forgesyte/engine';
import { createApp } from '../bootstrap';
import { loadConfig } from '../config/load-config';

const DASHBOARD = resolve(__dirname, '../../../../deploy/grafana/forgesyte.json');

/** Words of PromQL that are not metric names. */
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset', 'inf', 'nan']);

/**
 * The metric names a PromQL expression reads: its identifiers once strings, label matchers, ranges and
 * grouping label lists are removed, except function names (followed by `(`) and PromQL's keywords.
 */
function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, '')
    .replace(/\boffset\s+\S+/g, '');
  return [...bare.matchAll(/(?<![a-zA-Z0-9_:.])[a-zA-Z_:][a-zA-Z0-9_:]*(?!\s*\(|[a-zA-Z0-9_:])/g)].map(([name]) => name).filter((name) => !PROMQL_WORDS.has(name.toLowerCase()));
}

/** Every PromQL expression of the dashboard: its panels' targets and its template variables' queries. */
function dashboardQueries(dashboard: DashboardJson): string[] {
  const targets = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
  const variables = dashboard.templating.list.map((variable) => /^label_values\((.*),[^,]*\)$/.exec(variable.definition)?.[1] ?? variable.definition);
  return [...targets, ...variables];
}

interface DashboardJson {
  readonly panels: ReadonlyArray<{ readonly title: string; readonly targets: ReadonlyArray<{ readonly expr: string }> }>;
  readonly templating: { readonly list: ReadonlyArray<{ readonly definition: string }> };
}

/** The series names a started API exports: each metric's name, and a histogram's `_bucket`, `_sum` and `_count`. */
async function exportedSeriesNames(app: INestApplication): Promise<Set<string>> {
  const metrics = await app.get(PrometheusMetrics).registry.getMetricsAsJSON();
  return new Set(metrics.flatMap(({ name, type }) => (String(type) === 'histogram' ? [`${name}_bucket`, `${name}_sum`, `${name}_count`] : [name])));
}

describe('deploy/grafana/forgesyte.json', () => {
  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as DashboardJson;
  let app: INestApplication;
  let exported: Set<string>;

  beforeAll(async () => {
    app = await createApp(loadConfig({ FORGESYTE_JOB_STORE: 'memory', FORGESYTE_SHIPPED_PLUGINS: 'none', FORGESYTE_ADMIN_KEY: 'grafana-spec-admin-key-0123' }), { log: false });
    await app.init();
    exported = await exportedSeriesNames(app);
  }, 30_000);
  afterAll(() => app.close());

  it('names in its queries only metrics the server exports', () => {
    expect(dashboardQueries(dashboard).flatMap(metricNamesIn).length).toBeGreaterThan(20);
    const unknown = dashboardQueries(dashboard).flatMap((expr) => metricNamesIn(expr).filter((name) => !exported.has(name)).map((name) => `${name} (in ${expr})`));

    expect(unknown).toEqual([]);
  });

  it('shows calls and failures by plugin and code, latency percentiles, queue depth and worker crashes', () => {
    const read = new Set(dashboardQueries(dashboard).flatMap(metricNamesIn));

    for (const name of [
      'forgesyte_tool_execution_duration_seconds_count',
      'forgesyte_tool_execution_duration_seconds_bucket',
      'forgesyte_queue_waiting_jobs',
      'forgesyte_worker_threads_crashed_total',
    ]) {
      expect(read.has(name)).toBe(true);
    }
    expect(dashboard.panels.some((panel) => panel.targets.some((target) => target.expr.includes('outcome!="success"')))).toBe(true);
    expect(dashboard.panels.some((panel) => panel.targets.some((target) => target.expr.startsWith('histogram_quantile(0.99')))).toBe(true);
  });

  describe(metricNamesIn.name, () => {
    it('finds the metrics of an expression, not its functions, labels, ranges or keywords', () => {
      expect(
        metricNamesIn('histogram_quantile(0.95, sum by (le, plugin) (rate(a_bucket{plugin=~"$plugin", x!="by"}[$__rate_interval]))) / on (plugin) b_total offset 5m'),
      ).toEqual(['a_bucket', 'b_total']);
    });
  });
});
