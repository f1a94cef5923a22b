import { loadConfig } from '../../../apps/api/src/config/load-config';
import { BENCH_API_KEY, BENCH_PLUGIN_MODULE, BENCH_STORED_KEYS, governedEnv, rateLimitedEnv, storedKeysEnv } from './bench-config';

const DATA_DIR = '/tmp/forgesyte-bench-data';

describe(governedEnv.name, () => {
  it('configures the SQLite target as npm start does, apart from the port, the key, the plugins and the data directory', () => {
    const defaults = loadConfig({
      FORGESYTE_ADMIN_KEY: BENCH_API_KEY,
      FORGESYTE_PLUGINS: BENCH_PLUGIN_MODULE,
      FORGESYTE_SHIPPED_PLUGINS: 'none',
      FORGESYTE_DATA_DIR: DATA_DIR,
    });

    const sqlite = loadConfig(governedEnv({ kind: 'sqlite', dataDir: DATA_DIR }));

    expect(sqlite).toEqual({ ...defaults, port: 0 });
    expect(sqlite.jobStore).toBe('sqlite');
  });

  it('configures the memory target like the SQLite one but for the store and a larger queue, all of it open to the bench key', () => {
    const sqlite = loadConfig(governedEnv({ kind: 'sqlite', dataDir: DATA_DIR }));

    const memory = loadConfig(governedEnv({ kind: 'memory' }));

    expect(memory.maxQueue).toBeGreaterThan(sqlite.maxQueue);
    // The bench submits every async batch with one key: its share of the queue is the whole queue.
    expect(memory.keyMaxQueue).toBe(memory.maxQueue);
    expect({ ...memory, maxQueue: sqlite.maxQueue, keyMaxQueue: sqlite.keyMaxQueue, dataDir: DATA_DIR }).toEqual({ ...sqlite, jobStore: 'memory' });
  });
});

describe(rateLimitedEnv.name, () => {
  it('configures the memory target with a rate limit on every key, and nothing else changed', () => {
    const memory = loadConfig(governedEnv({ kind: 'memory' }));

    const limited = loadConfig(rateLimitedEnv());

    expect({ ...limited, rateLimit: memory.rateLimit }).toEqual(memory);
    expect(limited.rateLimit.admin).toEqual(limited.rateLimit.user);
  });

  it('sets a rate far above any the bench reaches, so that every request is counted and none refused', () => {
    const rate = loadConfig(rateLimitedEnv()).rateLimit.admin;

    expect((rate?.quota ?? 0) / (rate?.windowSeconds ?? 1)).toBeGreaterThanOrEqual(100_000);
  });
});

describe(storedKeysEnv.name, () => {
  it('configures the memory target, and asks its server for 10,000 stored keys', () => {
    const env = storedKeysEnv();

    expect(loadConfig(env)).toEqual(loadConfig(governedEnv({ kind: 'memory' })));
    expect(Number(env.BENCH_STORED_KEYS)).toBe(BENCH_STORED_KEYS);
    expect(BENCH_STORED_KEYS).toBe(10_000);
  });
});
