import { Logger } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { PluginRegistry, RegistryModule } from '@forgesyte/registry';
import { RuntimeModule } from '@forgesyte/runtime';
import { resolve } from 'node:path';
import { AnalysisExecutionService } from '../analysis-execution.service';
import { ExecutionModule } from '../execution.module';
import type { ExecutionModuleOptions } from '../execution.options';
import { JobExecutionService } from '../job-execution.service';
import type { Job } from '../jobs/job';
import type { JobStatus } from '../jobs/job-status';
import { JOB_STORE, type JobStore } from '../store/job-store';
import { SILENT_LOGGER } from '../../../../test/support/silent-logger';

/** The repository root: fixture plugin paths are relative to it. */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** The fixture plugins of `test/fixtures/plugins` the execution specs load. */
export const FIXTURE_PLUGIN_SPECIFIERS = [
  'echo.plugin.js',
  'throws.plugin.js',
  'abortable.plugin.js',
  'slow-progress.plugin.js',
  'init-throws.plugin.js',
  'flaky.plugin.js',
].map((file) => `./test/fixtures/plugins/${file}`);

/** The Nest testing module of the execution lib over the fixture plugins, and its providers. */
export interface ExecutionTestApp {
  readonly moduleRef: TestingModule;
  readonly jobs: JobExecutionService;
  readonly analysis: AnalysisExecutionService;
  readonly store: JobStore;
  readonly registry: PluginRegistry;
  /** Closes the module once; later calls do nothing. */
  close(): Promise<void>;
}

/**
 * Builds RegistryModule + RuntimeModule + ExecutionModule through DI over the fixture plugins, and
 * runs the lifecycle hooks (plugins are loaded and initialised). Nest's log is silenced. `store`, when
 * given, replaces the store the options choose (a test double of a failing store).
 */
export async function createExecutionTestApp(options: ExecutionModuleOptions = {}, store?: JobStore): Promise<ExecutionTestApp> {
  Logger.overrideLogger(false);
  const builder = Test.createTestingModule({
    imports: [
      RegistryModule.forRoot({ specifiers: FIXTURE_PLUGIN_SPECIFIERS, baseDir: REPO_ROOT }),
      ExecutionModule.forRoot({ shutdownGraceMs: 0, ...options, imports: [RuntimeModule.forRoot({ defaultTimeoutMs: 20_000 })] }),
    ],
  });
  if (store !== undefined) builder.overrideProvider(JOB_STORE).useValue(store);
  const moduleRef = await builder.setLogger(SILENT_LOGGER).compile();
  await moduleRef.init();
  let closed: Promise<void> | undefined;
  return {
    moduleRef,
    jobs: moduleRef.get(JobExecutionService),
    analysis: moduleRef.get(AnalysisExecutionService),
    store: moduleRef.get<JobStore>(JOB_STORE),
    registry: moduleRef.get(PluginRegistry),
    close: () => (closed ??= moduleRef.close()),
  };
}

/**
 * Polls `probe` every few milliseconds until it returns something other than undefined, and resolves
 * with it; rejects naming `what` after `timeoutMs`.
 */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 5_000): Promise<T> {
  const giveUpAt = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 5));
  }
}

/** Waits until the stored job `jobId` has `status`, and resolves with it. */
export function waitForStatus(store: JobStore, jobId: string, status: JobStatus): Promise<Job> {
  return waitFor(`job ${jobId} to be ${status}`, async () => {
    const job = await store.get(jobId);
    return job?.status === status ? job : undefined;
  });
}
