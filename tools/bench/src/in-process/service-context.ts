import { NestFactory } from '@nestjs/core';
import { AnalysisExecutionService, type Caller } from '@forgesyte/execution';
import { PluginRegistry } from '@forgesyte/registry';
import { ToolRunner } from '@forgesyte/runtime';
import { ApiModule } from '../../../../apps/api/src/api.module';
import { BENCH_WORKER_PLUGIN, BENCH_WORKER_PLUGIN_MODULE, benchConfig } from '../bench-config';
import { BENCH_PLUGIN } from '../plugins/bench-noop.plugin';

/** The product's services, built through Nest DI exactly as the API wires them, without HTTP. */
export interface ServiceContext {
  readonly analysis: AnalysisExecutionService;
  readonly runner: ToolRunner;
  /** The caller every in-process execution runs as (the bench key's admin principal shape). */
  readonly caller: Caller;
  close(): Promise<void>;
}

/** What a section needs loaded besides the no-op plugin. */
export interface ServiceContextOptions {
  /** Also load the no-op plugin's worker variant (bench-noop-worker). */
  readonly workerPlugin?: boolean;
}

/**
 * Boots `ApiModule.forRoot(benchConfig())` as a Nest application context (no HTTP server), logging off,
 * and checks that the no-op plugin (and its worker variant, when asked for) loaded and initialized.
 */
export async function createServiceContext(options: ServiceContextOptions = {}): Promise<ServiceContext> {
  const workerPlugin = options.workerPlugin === true;
  const config = benchConfig(workerPlugin ? [BENCH_WORKER_PLUGIN_MODULE] : []);
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), { logger: false });
  for (const name of workerPlugin ? [BENCH_PLUGIN, BENCH_WORKER_PLUGIN] : [BENCH_PLUGIN]) {
    const plugin = app.get(PluginRegistry).snapshot(name);
    if (plugin.state !== 'INITIALIZED') {
      await app.close();
      throw new Error(`the bench plugin ${name} is ${plugin.state}: ${plugin.reason ?? 'no reason given'}`);
    }
  }
  return {
    analysis: app.get(AnalysisExecutionService),
    runner: app.get(ToolRunner),
    caller: { id: 'key_bench', isAdmin: true },
    close: () => app.close(),
  };
}
