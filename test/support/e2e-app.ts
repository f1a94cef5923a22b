import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { resolve } from 'node:path';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { type ShippedPlugin, shippedPluginParts } from '@forgesyte/registry';
import { SHIPPED_PLUGINS } from '@forgesyte/shipped-plugins';
import { ApiModule } from '../../apps/api/src/api.module';
import { configureApp } from '../../apps/api/src/bootstrap';
import { JsonReplyExpressAdapter } from '../../apps/api/src/http/json-reply.adapter';
import { loadConfig } from '../../apps/api/src/config/load-config';
import { SILENT_LOGGER } from './silent-logger';

/** The admin key every e2e app is configured with. */
export const ADMIN_KEY = 'e2e-admin-key-0123456789';
/** The user key every e2e app is configured with. */
export const USER_KEY = 'e2e-user-key-0123456789';
/** The repository root: FORGESYTE_PLUGINS paths are relative to it. */
export const REPO_ROOT = resolve(__dirname, '../..');

/** Names of the plugins shipped with the product (derived, so a newly scaffolded plugin keeps tests green). */
export const SHIPPED_PLUGIN_NAMES: readonly string[] = SHIPPED_PLUGINS.map((shipped) => {
  const { exported } = shippedPluginParts(shipped);
  return (typeof exported === 'function' ? exported() : exported).name;
});

/** Every fixture plugin of `test/fixtures/plugins`, as FORGESYTE_PLUGINS lists them. */
export const FIXTURE_PLUGINS = [
  'echo.plugin.js',
  'throws.plugin.js',
  'bad-output.plugin.js',
  'never-resolves.plugin.js',
  'abortable.plugin.js',
  'init-throws.plugin.js',
  'slow-progress.plugin.js',
  'bad-schema.plugin.js',
].map((file) => `./test/fixtures/plugins/${file}`);

/** A running API over a real HTTP server, with helpers to call it. */
export interface E2eApp {
  readonly app: INestApplication;
  /** A supertest client of the app's HTTP server. */
  readonly http: () => TestAgent;
  close(): Promise<void>;
}

/**
 * Boots the real ApiModule with the real HTTP pipeline, configured from `env` on top of the e2e keys
 * and fixture plugins; `extraControllers` are test-only edges; `shipped` replaces the shipped-plugin list.
 */
export async function startApp(env: Record<string, string> = {}, extraControllers: Type[] = [], shipped: readonly ShippedPlugin[] = SHIPPED_PLUGINS): Promise<E2eApp> {
  const config = loadConfig({
    FORGESYTE_ADMIN_KEY: ADMIN_KEY,
    FORGESYTE_USER_KEY: USER_KEY,
    FORGESYTE_PLUGINS: FIXTURE_PLUGINS.join(','),
    FORGESYTE_JOB_STORE: 'memory',
    FORGESYTE_SHUTDOWN_GRACE_MS: '0',
    ...env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(config, undefined, shipped)], controllers: extraControllers }).setLogger(SILENT_LOGGER).compile();
  const app = configureApp(moduleRef.createNestApplication(new JsonReplyExpressAdapter(), { bodyParser: false, logger: false }), config);
  await app.init();
  const server = app.getHttpServer();
  return { app, http: () => request(server), close: () => app.close() };
}
