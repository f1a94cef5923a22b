// Test helpers other libs' and apps' specs use (`@forgesyte/execution/testing`): never imported by production code.
export { restartAndCloseDuringReadyCheck, unhandledRejectionsDuring } from './redis-reconnects';
export { type RedisServer, startRedisServer } from './redis-server';
export { makeTempDir } from './temp-dir';
