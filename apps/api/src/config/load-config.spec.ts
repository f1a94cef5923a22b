import { ConfigError } from '@forgesyte/engine';
import { loadConfig } from './load-config';

const ADMIN_KEY = 'admin-key-0123456789';
const USER_KEY = 'user-key-0123456789';

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected loadConfig to refuse ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  describe('defaults', () => {
    it('uses the documented defaults for an empty environment', () => {
      expect(loadConfig({})).toMatchObject({
        port: 3000,
        host: '127.0.0.1',
        userKey: undefined,
        plugins: [],
        jobStore: 'sqlite',
        jobRetention: { maxAgeMs: 7 * 86_400_000 },
        shutdownGraceMs: 10_000,
        dataDir: './data',
        redisUrl: undefined,
        timeoutMs: 30_000,
        maxConcurrency: 4,
        maxQueue: 1000,
        maxSync: 16,
        maxSyncQueue: 64,
        syncWaitMs: 1000,
        maxAbandoned: 16,
        workerGraceMs: 100,
        workerHeapMb: 512,
        breakerCrashes: 5,
        breakerWindowMs: 60_000,
        breakerCooldownMs: 30_000,
        bodyLimit: '16mb',
        bodyLimitBytes: 16 * 1024 * 1024,
      });
    });

    it('uses the documented HTTP limits for an empty environment', () => {
      expect(loadConfig({})).toMatchObject({
        smallBodyLimit: '64kb',
        smallBodyLimitBytes: 64 * 1024,
        json: { maxDepth: 64, maxKeys: 10_000, maxContainers: 100_000, maxValues: 1_000_000 },
        server: { headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000, maxConnections: 1024 },
      });
    });

    it('reads the HTTP limits', () => {
      expect(
        loadConfig({
          FORGESYTE_SMALL_BODY_LIMIT: '8kb',
          FORGESYTE_MAX_JSON_DEPTH: '16',
          FORGESYTE_MAX_JSON_KEYS: '500',
          FORGESYTE_MAX_JSON_CONTAINERS: '1000',
          FORGESYTE_MAX_JSON_VALUES: '20000',
          FORGESYTE_HEADERS_TIMEOUT_MS: '2000',
          FORGESYTE_REQUEST_TIMEOUT_MS: '4000',
          FORGESYTE_KEEP_ALIVE_TIMEOUT_MS: '1000',
          FORGESYTE_MAX_CONNECTIONS: '64',
        }),
      ).toMatchObject({
        smallBodyLimitBytes: 8 * 1024,
        json: { maxDepth: 16, maxKeys: 500, maxContainers: 1000, maxValues: 20_000 },
        server: { headersTimeoutMs: 2000, requestTimeoutMs: 4000, keepAliveTimeoutMs: 1000, maxConnections: 64 },
      });
    });

    it('refuses a headers timeout longer than the request timeout, naming both', () => {
      expect(configErrorOf({ FORGESYTE_HEADERS_TIMEOUT_MS: '5000', FORGESYTE_REQUEST_TIMEOUT_MS: '1000' }).message).toMatch(
        /^FORGESYTE_HEADERS_TIMEOUT_MS must not exceed FORGESYTE_REQUEST_TIMEOUT_MS/,
      );
    });

    it('generates an admin key when no key is configured', () => {
      const config = loadConfig({});

      expect(config.adminKeyGenerated).toBe(true);
      expect(config.adminKey).toEqual(expect.any(String));
      expect((config.adminKey ?? '').length).toBeGreaterThanOrEqual(16);
    });

    it('generates a different admin key at every start', () => {
      expect(loadConfig({}).adminKey).not.toBe(loadConfig({}).adminKey);
    });

    it('generates a key that loadConfig itself would accept', () => {
      const generated = loadConfig({}).adminKey ?? '';

      expect(loadConfig({ FORGESYTE_ADMIN_KEY: generated }).adminKey).toBe(generated);
    });

    it('uses the configured admin key without generating one', () => {
      expect(loadConfig({ FORGESYTE_ADMIN_KEY: ADMIN_KEY })).toMatchObject({ adminKey: ADMIN_KEY, adminKeyGenerated: false });
    });

    it('generates no admin key when only a user key is configured', () => {
      expect(loadConfig({ FORGESYTE_USER_KEY: USER_KEY })).toMatchObject({
        adminKey: undefined,
        adminKeyGenerated: false,
        userKey: USER_KEY,
      });
    });

    it('treats an empty key variable as unset', () => {
      expect(loadConfig({ FORGESYTE_ADMIN_KEY: '' }).adminKeyGenerated).toBe(true);
    });
  });

  describe('values', () => {
    it('reads every variable', () => {
      const config = loadConfig({
        PORT: '8080',
        HOST: '0.0.0.0',
        FORGESYTE_ADMIN_KEY: ADMIN_KEY,
        FORGESYTE_USER_KEY: USER_KEY,
        FORGESYTE_PLUGINS: ' ./a.js , pkg-b ,, ',
        FORGESYTE_JOB_STORE: 'memory',
        FORGESYTE_JOB_RETENTION: '12h,5000',
        FORGESYTE_SHUTDOWN_GRACE_MS: '2500',
        FORGESYTE_DATA_DIR: '/var/lib/forgesyte',
        REDIS_URL: 'redis://localhost:6379',
        FORGESYTE_TIMEOUT_MS: '5000',
        FORGESYTE_MAX_CONCURRENCY: '8',
        FORGESYTE_MAX_QUEUE: '50',
        FORGESYTE_MAX_SYNC: '6',
        FORGESYTE_MAX_SYNC_QUEUE: '0',
        FORGESYTE_SYNC_WAIT_MS: '250',
        FORGESYTE_MAX_ABANDONED: '2',
        FORGESYTE_WORKER_GRACE_MS: '0',
        FORGESYTE_WORKER_HEAP_MB: '128',
        FORGESYTE_BREAKER_CRASHES: '3',
        FORGESYTE_BREAKER_WINDOW_MS: '10000',
        FORGESYTE_BREAKER_COOLDOWN_MS: '5000',
        FORGESYTE_BODY_LIMIT: '512kb',
      });

      expect(config).toMatchObject({
        port: 8080,
        host: '0.0.0.0',
        adminKey: ADMIN_KEY,
        userKey: USER_KEY,
        plugins: ['./a.js', 'pkg-b'],
        jobStore: 'memory',
        jobRetention: { maxAgeMs: 12 * 3_600_000, maxJobs: 5000 },
        shutdownGraceMs: 2500,
        dataDir: '/var/lib/forgesyte',
        redisUrl: 'redis://localhost:6379',
        timeoutMs: 5000,
        maxConcurrency: 8,
        maxQueue: 50,
        maxSync: 6,
        maxSyncQueue: 0,
        syncWaitMs: 250,
        maxAbandoned: 2,
        workerGraceMs: 0,
        workerHeapMb: 128,
        breakerCrashes: 3,
        breakerWindowMs: 10_000,
        breakerCooldownMs: 5000,
        bodyLimit: '512kb',
        bodyLimitBytes: 512 * 1024,
      });
    });

    it.each([
      ['1kb', 1024],
      ['2048', 2048],
      ['1MB', 1024 ** 2],
      ['1gb', 1024 ** 3],
    ])('reads the body limit %s as %i bytes', (raw, bytes) => {
      expect(loadConfig({ FORGESYTE_BODY_LIMIT: raw }).bodyLimitBytes).toBe(bytes);
    });

    it.each([
      ['90s', { maxAgeMs: 90_000 }],
      ['30m', { maxAgeMs: 1_800_000 }],
      ['10000', { maxJobs: 10_000 }],
      ['7d, 100', { maxAgeMs: 7 * 86_400_000, maxJobs: 100 }],
    ])('reads the job retention %s', (raw, retention) => {
      expect(loadConfig({ FORGESYTE_JOB_RETENTION: raw }).jobRetention).toEqual(retention);
    });

    it('refuses the redis store without REDIS_URL, naming REDIS_URL', () => {
      expect(() => loadConfig({ FORGESYTE_JOB_STORE: 'redis' })).toThrow(/^REDIS_URL must be set when FORGESYTE_JOB_STORE is 'redis'/);
    });

    it('selects the redis store when REDIS_URL is set', () => {
      expect(loadConfig({ FORGESYTE_JOB_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379' }).jobStore).toBe('redis');
    });

    it('accepts a rediss:// URL', () => {
      expect(loadConfig({ REDIS_URL: 'rediss://cache.example:6380' }).redisUrl).toBe('rediss://cache.example:6380');
    });
  });

  describe('bad values', () => {
    it.each([
      ['PORT', 'abc'],
      ['PORT', '70000'],
      ['PORT', '-1'],
      ['PORT', '3000.5'],
      ['PORT', '1e3'],
      ['FORGESYTE_TIMEOUT_MS', '0'],
      ['FORGESYTE_TIMEOUT_MS', 'soon'],
      ['FORGESYTE_TIMEOUT_MS', '-5'],
      ['FORGESYTE_MAX_CONCURRENCY', '0'],
      ['FORGESYTE_MAX_QUEUE', 'many'],
      ['FORGESYTE_KEY_MAX_QUEUE', '0'],
      ['FORGESYTE_KEY_MAX_QUEUE', '1001'],
      ['FORGESYTE_KEY_MAX_QUEUE', 'half'],
      ['FORGESYTE_KEY_MAX_CONCURRENCY', '0'],
      ['FORGESYTE_KEY_MAX_CONCURRENCY', 'two'],
      ['FORGESYTE_MAX_SYNC', '0'],
      ['FORGESYTE_MAX_SYNC_QUEUE', '-1'],
      ['FORGESYTE_SYNC_WAIT_MS', '1s'],
      ['FORGESYTE_MAX_ABANDONED', '0'],
      ['FORGESYTE_WORKER_GRACE_MS', '-1'],
      ['FORGESYTE_WORKER_HEAP_MB', '8'],
      ['FORGESYTE_BREAKER_CRASHES', '0'],
      ['FORGESYTE_BREAKER_WINDOW_MS', 'a minute'],
      ['FORGESYTE_BREAKER_COOLDOWN_MS', '0'],
      ['FORGESYTE_BODY_LIMIT', '16 parsecs'],
      ['FORGESYTE_BODY_LIMIT', '100b'],
      ['FORGESYTE_BODY_LIMIT', 'mb'],
      ['FORGESYTE_BODY_LIMIT', ''],
      ['FORGESYTE_SMALL_BODY_LIMIT', '10b'],
      ['FORGESYTE_MAX_JSON_DEPTH', '1'],
      ['FORGESYTE_MAX_JSON_DEPTH', '5000'],
      ['FORGESYTE_MAX_JSON_KEYS', '0'],
      ['FORGESYTE_MAX_JSON_CONTAINERS', '0'],
      ['FORGESYTE_MAX_JSON_VALUES', 'many'],
      ['FORGESYTE_HEADERS_TIMEOUT_MS', '0'],
      ['FORGESYTE_REQUEST_TIMEOUT_MS', 'slow'],
      ['FORGESYTE_KEEP_ALIVE_TIMEOUT_MS', '-1'],
      ['FORGESYTE_MAX_CONNECTIONS', '0'],
      ['FORGESYTE_JOB_STORE', 'postgres'],
      ['FORGESYTE_JOB_RETENTION', '7 days'],
      ['FORGESYTE_JOB_RETENTION', '7d,8d'],
      ['FORGESYTE_JOB_RETENTION', ''],
      ['FORGESYTE_SHUTDOWN_GRACE_MS', 'later'],
      ['FORGESYTE_JOB_STORE', ''],
      ['FORGESYTE_ADMIN_KEY', 'short'],
      ['FORGESYTE_ADMIN_KEY', '0123456789abcde'],
      ['FORGESYTE_ADMIN_KEY', 'has a space in the middle'],
      ['FORGESYTE_USER_KEY', 'short'],
      ['REDIS_URL', 'http://localhost:6379'],
      ['REDIS_URL', 'localhost:6379'],
      ['HOST', '   '],
      ['FORGESYTE_DATA_DIR', ''],
    ])('refuses %s=%j with a ConfigError naming the variable', (variable, value) => {
      const error = configErrorOf({ [variable]: value });

      expect(error.variable).toBe(variable);
      expect(error.message.startsWith(`${variable} `)).toBe(true);
      expect(error.name).toBe('ConfigError');
    });

    it('refuses FORGESYTE_KEY_MAX_CONCURRENCY with the Redis store, which does not apply it, and takes it with SQLite', () => {
      const redis = { FORGESYTE_JOB_STORE: 'redis', REDIS_URL: 'redis://127.0.0.1:6379', FORGESYTE_KEY_MAX_CONCURRENCY: '2' };

      expect(configErrorOf(redis)).toMatchObject({ variable: 'FORGESYTE_KEY_MAX_CONCURRENCY', message: expect.stringContaining("unset it, or use the 'sqlite' or 'memory' store") });
      expect(loadConfig({ FORGESYTE_KEY_MAX_CONCURRENCY: '2' }).keyMaxConcurrency).toBe(2);
    });

    it('quotes the bad value in the message', () => {
      expect(configErrorOf({ PORT: 'abc' }).message).toContain("'abc'");
    });

    it('never repeats a refused key in the message', () => {
      expect(configErrorOf({ FORGESYTE_ADMIN_KEY: 'tooshortkey' }).message).not.toContain('tooshortkey');
    });

    it('accepts a key of exactly 16 characters', () => {
      expect(loadConfig({ FORGESYTE_ADMIN_KEY: '0123456789abcdef' }).adminKey).toBe('0123456789abcdef');
    });
  });
});
