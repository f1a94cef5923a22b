import { NestFactory } from '@nestjs/core';
import { AnalysisExecutionService, type Caller } from '@forgesyte/execution';
import { PluginRegistry } from '@forgesyte/registry';
import { ToolRunner } from '@forgesyte/runtime';
import { ApiModule } from '../../../../apps/api/src/api.module';
import { benchConfig } from '../bench-config';
import { BENCH_PLUGIN } from '../plugins/bench-noop.plugin';

/** The product's services, built through Nest DI exactly as the API wires them, without HTTP. */
export interface ServiceContext {
  readonly analysis: AnalysisExecutionService;
  readonly runner: ToolRunner;
  /** The caller every in-process execution runs as (the bench key's admin principal shape). */
  readonly caller: Caller;
  close(): Promise<void>;
}

/**
 * Boots `ApiModule.forRoot(benchConfig())` as a Nest application context (no HTTP server), logging off,
 * and checks that the no-op plugin loaded and initialized.
 */
export async function createServiceContext(): Promise<ServiceContext> {
  const app = await NestFactory.createApplicationContext(ApiModule.forRoot(benchConfig()), { logger: false });
  const plugin = app.get(PluginRegistry).snapshot(BENCH_PLUGIN);
  if (plugin.state !== 'INITIALIZED') {
    await app.close();
    throw new Error(`the bench plugin is ${plugin.state}: ${plugin.reason ?? 'no reason given'}`);
  }
  return {
    analysis: app.get(AnalysisExecutionService),
    runner: app.get(ToolRunner),
    caller: { id: 'key_bench', isAdmin: true },
    close: () => app.close(),
  };
}
