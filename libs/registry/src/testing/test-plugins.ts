import { resolve } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Plugin, ToolDefinition } from '@forgesyte/plugin-sdk';
import { PluginRegistry } from '../plugin-registry.service';
import { RegistryModule } from '../registry.module';
import type { RegistryModuleOptions } from '../registry.options';
import { SILENT_LOGGER } from '../../../../test/support/silent-logger';

/** The repository root: fixture specifiers such as `./test/fixtures/plugins/echo.plugin.js` resolve from it. */
export const REPO_ROOT = resolve(__dirname, '../../../..');

/** A fixture plugin's specifier, relative to {@link REPO_ROOT}. */
export function fixture(file: string): string {
  return `./test/fixtures/plugins/${file}`;
}

/** A schema every object satisfies. */
export const ANY_OBJECT = Object.freeze({ type: 'object' });

/** A valid tool definition; `overrides` replace its fields. */
export function testTool(overrides: Partial<ToolDefinition> = {}): ToolDefinition {
  return { description: 'A tool built by a test.', inputSchema: ANY_OBJECT, outputSchema: ANY_OBJECT, ...overrides };
}

/** A valid plugin with one tool `noop` that returns `{}`; `overrides` replace its fields. */
export function testPlugin(overrides: Partial<Plugin> = {}): Plugin {
  return {
    name: 'test-plugin',
    version: '1.0.0',
    description: 'A plugin built by a test.',
    tools: { noop: testTool() },
    run: () => ({}),
    ...overrides,
  };
}

/** A deliberately malformed plugin export, typed as a plugin so it can be passed as `shipped`. */
export function malformed(value: unknown): Plugin {
  return value as Plugin;
}

/** A registry booted through DI: the loader's `onModuleInit` has run. Close it to dispose plugins. */
export interface BootedRegistry {
  readonly moduleRef: TestingModule;
  readonly registry: PluginRegistry;
}

/** Compiles `RegistryModule.forRoot(options)` (baseDir defaults to the repo root) without running its hooks. */
export async function compileRegistry(options: RegistryModuleOptions): Promise<BootedRegistry> {
  const moduleRef = await Test.createTestingModule({
    imports: [RegistryModule.forRoot({ baseDir: REPO_ROOT, ...options })],
  }).setLogger(SILENT_LOGGER).compile();
  moduleRef.useLogger(false);
  return { moduleRef, registry: moduleRef.get(PluginRegistry) };
}

/** {@link compileRegistry}, then runs the init hooks so every plugin is loaded and initialized. */
export async function bootRegistry(options: RegistryModuleOptions): Promise<BootedRegistry> {
  const booted = await compileRegistry(options);
  await booted.moduleRef.init();
  return booted;
}

export { deferred, type Deferred, sleep } from '../../../../test/support/async';
