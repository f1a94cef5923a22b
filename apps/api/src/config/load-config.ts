import { randomBytes } from 'node:crypto';
import { ConfigError, type Env, integer, loadEngineConfig, nonEmpty } from '@forgesyte/engine';
import type { ApiConfig, ServerLimits } from './api-config';
import { mcpSettings } from './mcp-settings';
import { rateLimitSetting } from './rate-limit-setting';

const SIZE = /^(\d+)(b|kb|mb|gb)?$/i;
const SIZE_UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };
const MIN_KEY_LENGTH = 16;

/**
 * Reads and validates the API's configuration from `env`: the engine's (shared with `apps/worker`)
 * and the HTTP server's. The only place the API reads the environment. Throws a
 * {@link ConfigError} naming the first bad variable.
 */
export function loadConfig(env: Env): ApiConfig {
  const adminKey = optionalKey(env, 'FORGESYTE_ADMIN_KEY');
  const userKey = optionalKey(env, 'FORGESYTE_USER_KEY');
  if (userKey !== undefined && userKey === adminKey) {
    throw new ConfigError('FORGESYTE_USER_KEY', 'must differ from FORGESYTE_ADMIN_KEY: each key names one principal.');
  }
  const metricsKey = optionalKey(env, 'FORGESYTE_METRICS_KEY');
  if (metricsKey !== undefined && (metricsKey === adminKey || metricsKey === userKey)) {
    throw new ConfigError('FORGESYTE_METRICS_KEY', 'must differ from FORGESYTE_ADMIN_KEY and FORGESYTE_USER_KEY: each key names one principal.');
  }
  const bodyLimit = (env.FORGESYTE_BODY_LIMIT ?? '16mb').trim();
  const smallBodyLimit = (env.FORGESYTE_SMALL_BODY_LIMIT ?? '64kb').trim();
  const generate = adminKey === undefined && userKey === undefined;
  return {
    ...loadEngineConfig(env),
    port: integer(env, 'PORT', 3000, 0, 65_535),
    host: nonEmpty(env, 'HOST', '127.0.0.1'),
    adminKey: generate ? randomBytes(24).toString('base64url') : adminKey,
    adminKeyGenerated: generate,
    userKey,
    metricsKey,
    bodyLimit,
    bodyLimitBytes: size('FORGESYTE_BODY_LIMIT', bodyLimit),
    smallBodyLimit,
    smallBodyLimitBytes: size('FORGESYTE_SMALL_BODY_LIMIT', smallBodyLimit),
    json: {
      // Past about 1000 levels, serialising a stored job's args would overflow the stack.
      maxDepth: integer(env, 'FORGESYTE_MAX_JSON_DEPTH', 64, 2, 1000),
      maxKeys: integer(env, 'FORGESYTE_MAX_JSON_KEYS', 10_000, 1, 10_000_000),
      maxContainers: integer(env, 'FORGESYTE_MAX_JSON_CONTAINERS', 100_000, 1, 100_000_000),
      maxValues: integer(env, 'FORGESYTE_MAX_JSON_VALUES', 1_000_000, 1, 100_000_000),
    },
    server: serverLimits(env),
    rateLimit: rateLimitSetting(env),
    mcp: mcpSettings(env),
    eventsHeartbeatMs: integer(env, 'FORGESYTE_EVENTS_HEARTBEAT_MS', 15_000, 100, 3_600_000),
  };
}

function serverLimits(env: Env): ServerLimits {
  const headersTimeoutMs = integer(env, 'FORGESYTE_HEADERS_TIMEOUT_MS', 10_000, 100, 3_600_000);
  const requestTimeoutMs = integer(env, 'FORGESYTE_REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000);
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new ConfigError('FORGESYTE_HEADERS_TIMEOUT_MS', `must not exceed FORGESYTE_REQUEST_TIMEOUT_MS (${requestTimeoutMs}): the headers are part of the request; got '${headersTimeoutMs}'.`);
  }
  return {
    headersTimeoutMs,
    requestTimeoutMs,
    keepAliveTimeoutMs: integer(env, 'FORGESYTE_KEEP_ALIVE_TIMEOUT_MS', 5_000, 100, 3_600_000),
    maxConnections: integer(env, 'FORGESYTE_MAX_CONNECTIONS', 1024, 1, 1_000_000),
  };
}

function optionalKey(env: Env, name: string): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw.length < MIN_KEY_LENGTH || /\s/.test(raw)) {
    throw new ConfigError(name, `must be at least ${MIN_KEY_LENGTH} characters without spaces (e.g. from 'openssl rand -hex 24').`);
  }
  return raw;
}

function size(name: string, raw: string): number {
  const match = SIZE.exec(raw);
  const bytes = match === null ? NaN : Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()];
  if (!(bytes >= 1024)) throw new ConfigError(name, `must be a size of at least 1kb such as 512kb or 16mb; got '${raw}'.`);
  return bytes;
}
