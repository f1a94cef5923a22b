import { resolve } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GlobalExceptionFilter } from '@forgesyte/errors';
import { ExecutionModule, type JobStoreChoice } from '@forgesyte/execution';
import { RegistryModule } from '@forgesyte/registry';
import { RuntimeModule } from '@forgesyte/runtime';
import { AnalysisController } from './analysis/analysis.controller';
import { JobsController } from './analysis/jobs.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyRing } from './auth/api-key-ring';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { HealthController } from './health/health.controller';
import { PluginsController } from './plugins/plugins.controller';
import { SHIPPED_PLUGINS } from './shipped-plugins';

/** The job store the config names: SQLite in `<FORGESYTE_DATA_DIR>/jobs.sqlite` unless told otherwise. */
function jobStoreChoice(config: ApiConfig): JobStoreChoice {
  switch (config.jobStore) {
    case 'memory':
      return { kind: 'memory' };
    case 'sqlite':
      return { kind: 'sqlite', file: resolve(config.dataDir, 'jobs.sqlite'), retention: config.jobRetention };
    case 'redis':
      return { kind: 'redis', url: config.redisUrl as string, retention: config.jobRetention };
  }
}

/** The HTTP application: the libs' modules configured from {@link ApiConfig}, the controllers, auth and errors. */
@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        RegistryModule.forRoot({ shipped: SHIPPED_PLUGINS, specifiers: config.plugins, initTimeoutMs: config.timeoutMs }),
        RuntimeModule.forRoot({
          defaultTimeoutMs: config.timeoutMs,
          worker: { threads: config.maxConcurrency, graceMs: config.workerGraceMs, maxHeapMb: config.workerHeapMb },
          breaker: { crashes: config.breakerCrashes, windowMs: config.breakerWindowMs, cooldownMs: config.breakerCooldownMs },
        }),
        ExecutionModule.forRoot({
          maxConcurrency: config.maxConcurrency,
          maxQueue: config.maxQueue,
          store: jobStoreChoice(config),
          shutdownGraceMs: config.shutdownGraceMs,
        }),
      ],
      controllers: [AnalysisController, JobsController, PluginsController, HealthController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: ApiKeyRing, useFactory: () => new ApiKeyRing({ admin: config.adminKey, user: config.userKey }) },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
      ],
    };
  }
}
