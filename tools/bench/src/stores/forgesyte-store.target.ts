import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AnalysisExecutionService, type Caller } from '@forgesyte/execution';
import { ToolRunner } from '@forgesyte/runtime';
import { ApiModule } from '../../../../apps/api/src/api.module';
import { loadConfig } from '../../../../apps/api/src/config/load-config';
import { BENCH_API_KEY, BENCH_MAX_QUEUE, BENCH_PLUGIN_MODULE, REPO_ROOT } from '../bench-config';
import type { ServiceContext } from '../in-process/service-context';
import { ReadyChild } from './child-process';

/** Which store a ForgeSyte target keeps its jobs in. */
export type StoreTargetKind = { readonly kind: 'memory' } | { readonly kind: 'sqlite'; readonly dataDir: string } | { readonly kind: 'redis'; readonly url: string; readonly workers: number };

const CALLER: Caller = { id: 'key_bench', isAdmin: true };

/**
 * ForgeSyte with one job store: the API's services in this process (as the API wires them, no HTTP)
 * and, on Redis, `workers` real `apps/worker` processes that run the jobs.
 */
export class ForgeSyteStoreTarget {
  private constructor(
    private readonly app: INestApplicationContext,
    private readonly workers: readonly ReadyChild[],
  ) {}

  static async start(target: StoreTargetKind, concurrency: number): Promise<ForgeSyteStoreTarget> {
    const env: Record<string, string> = {
      FORGESYTE_PLUGINS: BENCH_PLUGIN_MODULE,
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_MAX_QUEUE: String(BENCH_MAX_QUEUE),
      // One key submits every job: its share of the queue is the whole queue.
      FORGESYTE_KEY_MAX_QUEUE: String(BENCH_MAX_QUEUE),
      FORGESYTE_MAX_CONCURRENCY: String(concurrency),
      FORGESYTE_JOB_STORE: target.kind,
      ...(target.kind === 'sqlite' ? { FORGESYTE_DATA_DIR: target.dataDir } : {}),
      ...(target.kind === 'redis' ? { REDIS_URL: target.url } : {}),
    };
    const config = loadConfig({ ...env, FORGESYTE_ADMIN_KEY: BENCH_API_KEY });
    const app = await NestFactory.createApplicationContext(ApiModule.forRoot(config), { logger: false });
    const workerCount = target.kind === 'redis' ? target.workers : 0;
    const workers = await Promise.all(
      Array.from({ length: workerCount }, () => ReadyChild.start(join(REPO_ROOT, 'apps/worker/src/main.ts'), [], env, /worker running jobs/)),
    );
    return new ForgeSyteStoreTarget(app, workers);
  }

  /** The services, as the in-process sections use them (`benchAsyncService` measures through them). */
  get context(): ServiceContext {
    return { analysis: this.app.get(AnalysisExecutionService), runner: this.app.get(ToolRunner), caller: CALLER, close: () => this.stop() };
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.stop()));
    await this.app.close();
  }
}
