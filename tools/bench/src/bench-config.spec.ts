import { loadConfig } from '../../../apps/api/src/config/load-config';
import { BENCH_API_KEY, BENCH_PLUGIN_MODULE, governedEnv } from './bench-config';

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

  it('configures the memory target like the SQLite one but for the store and a larger queue', () => {
    const sqlite = loadConfig(governedEnv({ kind: 'sqlite', dataDir: DATA_DIR }));

    const memory = loadConfig(governedEnv({ kind: 'memory' }));

    expect(memory.maxQueue).toBeGreaterThan(sqlite.maxQueue);
    expect({ ...memory, maxQueue: sqlite.maxQueue, dataDir: DATA_DIR }).toEqual({ ...sqlite, jobStore: 'memory' });
  });
});
