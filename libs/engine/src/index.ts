export { EngineModule, type EngineModuleOptions, type EngineRole } from './engine.module';
export type { EngineConfig } from './config/engine-config';
export { loadEngineConfig } from './config/load-engine-config';
export { ConfigError } from './config/config.error';
export { type Env, integer, list, nonEmpty } from './config/env-readers';
