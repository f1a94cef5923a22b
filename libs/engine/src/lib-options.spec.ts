import { BULLMQ_JOB_QUEUE_DEFAULTS, EXECUTION_DEFAULTS, REDIS_JOB_STORE_DEFAULTS } from '@forgesyte/execution';
import { REGISTRY_DEFAULTS } from '@forgesyte/registry';
import { RUNTIME_DEFAULTS } from '@forgesyte/runtime';
import { loadEngineConfig } from './config/load-engine-config';
import { executionOptions, registryOptions, runtimeOptions } from './lib-options';

const REDIS = { FORGESYTE_JOB_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('the options the engine gives each lib when nothing is configured', () => {
  const config = loadEngineConfig({});

  it("are the registry's own defaults", () => {
    const { shipped: _shipped, specifiers: _specifiers, ...limits } = registryOptions(config, []);

    expect(REGISTRY_DEFAULTS).toMatchObject(limits);
  });

  it("are the runtime's own defaults", () => {
    expect(RUNTIME_DEFAULTS).toMatchObject(runtimeOptions(config));
  });

  it("are the execution lib's own defaults", () => {
    const { store: _store, consumeJobs: _consumeJobs, ...limits } = executionOptions(config, 'api');

    expect(EXECUTION_DEFAULTS).toMatchObject(limits);
  });

  it("are the Redis store's and queue's own defaults", () => {
    expect(executionOptions(loadEngineConfig(REDIS), 'worker').store).toMatchObject({
      lockMs: BULLMQ_JOB_QUEUE_DEFAULTS.lockMs,
      commandTimeoutMs: REDIS_JOB_STORE_DEFAULTS.commandTimeoutMs,
    });
  });
});
