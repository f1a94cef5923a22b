import { Module } from '@nestjs/common';
import { JobMetrics } from '@forgesyte/execution';
import { RuntimeMetrics } from '@forgesyte/runtime';
import { PrometheusMetrics } from './prometheus-metrics.service';

/**
 * The process's metrics: one {@link PrometheusMetrics} per application (a static module: every module
 * that imports it shares the one instance), provided to the runtime and execution libs under their ports.
 */
@Module({
  providers: [PrometheusMetrics, { provide: RuntimeMetrics, useExisting: PrometheusMetrics }, { provide: JobMetrics, useExisting: PrometheusMetrics }],
  exports: [PrometheusMetrics, RuntimeMetrics, JobMetrics],
})
export class MetricsModule {}
