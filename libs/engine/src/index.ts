export { EngineModule, type EngineModuleOptions } from './engine.module';
export type { EngineRole } from './lib-options';
export type { EngineConfig } from './config/engine-config';
export { loadEngineConfig } from './config/load-engine-config';
export { ConfigError } from './config/config.error';
export { type Env, integer, list, nonEmpty } from './config/env-readers';
