import { resolve } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Plugin, ToolContext, ToolDefinition } from '@forgesyte/plugin-sdk';
import { PluginRegistry, RegistryModule, type ShippedPlugin } from '@forgesyte/registry';
import { RuntimeModule } from '../runtime.module';
import type { RuntimeModuleOptions } from '../runtime.options';
import { ToolRunner } from '../tool-runner.service';

/** The repository root, where the fixture plugins' specifiers resolve from. */
const REPO_ROOT = resolve(__dirname, '../../../..');

/** A fixture plugin's specifier, e.g. `fixture('echo.plugin.js')`. */
export function fixture(file: string): string {
  return `./test/fixtures/plugins/${file}`;
}

/** A schema every object satisfies. */
export const ANY_OBJECT = Object.freeze({ type: 'object' });

/** A valid tool definition; `overrides` replace its fields. */
export function testTool(overrides: Partial<ToolDefinition> = {}): ToolDefinition {
  return { description: 'A tool built by a test.', inputSchema: ANY_OBJECT, outputSchema: ANY_OBJECT, ...overrides };
}

/** A plugin whose tools all run `handler`; `overrides` replace its other fields. */
export function testPlugin(
  handler: (tool: string, args: unknown, context: ToolContext) => unknown,
  overrides: Partial<Omit<Plugin, 'run'>> = {},
): Plugin {
  return {
    name: 'test-plugin',
    version: '1.0.0',
    description: 'A plugin built by a test.',
    tools: { noop: testTool() },
    run: handler,
    ...overrides,
  };
}

/** A ToolRunner and its PluginRegistry, built through DI with the plugins loaded and initialized. */
export interface RunnerHarness {
  readonly runner: ToolRunner;
  readonly registry: PluginRegistry;
  readonly moduleRef: TestingModule;
}

/** What to load into a {@link RunnerHarness}. */
export interface RunnerHarnessOptions {
  readonly plugins?: readonly ShippedPlugin[];
  readonly specifiers?: readonly string[];
  readonly defaultTimeoutMs?: number;
  /** Worker tier and breaker limits. */
  readonly runtime?: Omit<RuntimeModuleOptions, 'defaultTimeoutMs'>;
}

/** Boots `RegistryModule.forRoot` + `RuntimeModule.forRoot` and runs their init hooks. Close `moduleRef` after. */
export async function createRunnerHarness(options: RunnerHarnessOptions): Promise<RunnerHarness> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      RegistryModule.forRoot({ shipped: options.plugins, specifiers: options.specifiers, baseDir: REPO_ROOT }),
      RuntimeModule.forRoot({ ...options.runtime, defaultTimeoutMs: options.defaultTimeoutMs }),
    ],
  }).setLogger(SILENT_LOGGER).compile();
  moduleRef.useLogger(false);
  await moduleRef.init();
  return { moduleRef, runner: moduleRef.get(ToolRunner), registry: moduleRef.get(PluginRegistry) };
}

/** The number of calls a plugin's metrics account for. */
export function callsRecorded(registry: PluginRegistry, plugin: string): number {
  const { successCount, errorCount } = registry.snapshot(plugin).metrics;
  return successCount + errorCount;
}

import { sleep } from '../../../../test/support/async';
import { SILENT_LOGGER } from '../../../../test/support/silent-logger';

export { deferred, type Deferred, sleep } from '../../../../test/support/async';

/** Resolves once `condition` holds, polling every few ms; rejects after `timeoutMs`. */
export async function waitFor(condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const giveUpAt = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > giveUpAt) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
