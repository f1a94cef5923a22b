import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { PrometheusMetrics } from '@forgesyte/engine';
import type { Server } from 'node:http';
import { type MetricsEndpoint, portOf, serveMetrics } from './serve-metrics';

/** Injection token of the worker's {@link MetricsEndpoint}, or undefined when `FORGESYTE_METRICS_PORT` is unset. */
export const WORKER_METRICS_ENDPOINT = Symbol('WORKER_METRICS_ENDPOINT');

/**
 * The worker's metrics endpoint (`FORGESYTE_METRICS_PORT`): started once the engine is up, closed at
 * shutdown. With no port configured it serves nothing.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerMetrics');
  private server: Server | undefined;

  constructor(
    private readonly metrics: PrometheusMetrics,
    @Inject(WORKER_METRICS_ENDPOINT) private readonly endpoint: MetricsEndpoint | undefined,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.endpoint === undefined) return;
    this.server = await serveMetrics(this.metrics.registry, this.endpoint, (error) => this.logger.warn(`metrics server: ${error.message}`));
    this.logger.log(`metrics on http://${this.endpoint.host}:${portOf(this.server)}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
