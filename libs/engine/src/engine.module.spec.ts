import { Injectable, type InjectionToken } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { AnalysisExecutionService, JOB_STORE, JobExecutionService } from '@forgesyte/execution';
import { ApiKeyService } from '@forgesyte/keys';
import type { Plugin } from '@forgesyte/plugin-sdk';
import { PluginRegistry } from '@forgesyte/registry';
import { ToolRunner } from '@forgesyte/runtime';
import { SILENT_LOGGER } from '../../../test/support/silent-logger';
import { loadEngineConfig } from './config/load-engine-config';
import { EngineModule } from './engine.module';

const ANY_OBJECT = Object.freeze({ type: 'object' });

/** A plugin whose one tool answers `{ ok: true }`. */
const PROBE: Plugin = {
  name: 'probe',
  version: '1.0.0',
  description: 'Answers every call.',
  tools: { ping: { description: 'Answers.', inputSchema: ANY_OBJECT, outputSchema: ANY_OBJECT } },
  run: () => ({ ok: true }),
};

/** Compiles a module that imports the engine (in-memory jobs, the probe plugin) and declares `providers`. */
function compileWithEngine(providers: Array<new (...args: never[]) => unknown> = []): Promise<TestingModule> {
  const engine = EngineModule.forRoot(loadEngineConfig({ FORGESYTE_JOB_STORE: 'memory' }), { shipped: [PROBE], role: 'api' });
  return Test.createTestingModule({ imports: [engine], providers }).setLogger(SILENT_LOGGER).compile();
}

@Injectable()
class UsesWhatTheApiUses {
  constructor(
    readonly analysis: AnalysisExecutionService,
    readonly registry: PluginRegistry,
  ) {}
}

@Injectable()
class UsesTheRunner {
  constructor(readonly runner: ToolRunner) {}
}

@Injectable()
class UsesTheJobExecutor {
  constructor(readonly jobs: JobExecutionService) {}
}

describe(EngineModule.name, () => {
  describe('one instance of each service per process', () => {
    let moduleRef: TestingModule;

    beforeAll(async () => {
      moduleRef = await compileWithEngine();
      moduleRef.useLogger(false);
      await moduleRef.init();
    });

    afterAll(() => moduleRef.close());

    it.each<[string, InjectionToken]>([
      ['PluginRegistry', PluginRegistry],
      ['ToolRunner', ToolRunner],
      ['JobExecutionService', JobExecutionService],
      ['AnalysisExecutionService', AnalysisExecutionService],
      ['JOB_STORE', JOB_STORE],
      // Imported by the API and by the job owner check: one key view per process.
      ['ApiKeyService', ApiKeyService],
    ])('makes one %s', (_name, token) => {
      expect(moduleRef.get(token, { strict: false, each: true })).toHaveLength(1);
    });

    it('runs analyses through the registry the application resolves', async () => {
      await moduleRef.get(AnalysisExecutionService).analyze({ plugin: 'probe', args: {} }, { id: 'engine-spec', isAdmin: false });

      expect(moduleRef.get(PluginRegistry).snapshot('probe').metrics.successCount).toBe(1);
    });

    it('makes only the registry global', () => {
      const globals = [...moduleRef.get(ModulesContainer).values()]
        .filter((module) => module.isGlobal && module.metatype.name !== 'InternalCoreModule')
        .map((module) => module.metatype.name);

      expect(globals).toEqual(['RegistryModule']);
    });
  });

  describe('what an importer may inject', () => {
    it('gives it the analysis service and the plugin registry', async () => {
      const moduleRef = await compileWithEngine([UsesWhatTheApiUses]);

      expect(moduleRef.get(UsesWhatTheApiUses).analysis).toBeInstanceOf(AnalysisExecutionService);
      await moduleRef.close();
    });

    it('keeps the ToolRunner inside the engine', async () => {
      await expect(compileWithEngine([UsesTheRunner])).rejects.toThrow(/ToolRunner/);
    });

    it('keeps the job executor inside the engine', async () => {
      await expect(compileWithEngine([UsesTheJobExecutor])).rejects.toThrow(/JobExecutionService/);
    });
  });
});
