import { ConfigError } from '@forgesyte/engine';
import { loadConfig } from './load-config';

const ADMIN_KEY = 'admin-key-0123456789';
const METRICS_KEY = 'metrics-key-0123456789';

function refusal(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error(`expected loadConfig to refuse ${JSON.stringify(env)}`);
}

describe('loadConfig: metrics', () => {
  it('serves no worker metrics endpoint and binds it to loopback by default', () => {
    expect(loadConfig({})).toMatchObject({ metricsPort: undefined, metricsHost: '127.0.0.1', metricsKey: undefined });
  });

  it('reads the worker metrics port and host, and the metrics key', () => {
    expect(loadConfig({ FORGESYTE_METRICS_PORT: '9464', FORGESYTE_METRICS_HOST: '0.0.0.0', FORGESYTE_METRICS_KEY: METRICS_KEY })).toMatchObject({
      metricsPort: 9464,
      metricsHost: '0.0.0.0',
      metricsKey: METRICS_KEY,
    });
  });

  it.each(['0', '65536', 'abc', '-1'])('refuses FORGESYTE_METRICS_PORT=%s, naming the variable', (port) => {
    expect(refusal({ FORGESYTE_METRICS_PORT: port })).toMatch(/^FORGESYTE_METRICS_PORT must be a whole number from 1 to 65535/);
  });

  it('refuses a metrics key equal to the admin key', () => {
    expect(refusal({ FORGESYTE_ADMIN_KEY: ADMIN_KEY, FORGESYTE_METRICS_KEY: ADMIN_KEY })).toMatch(/^FORGESYTE_METRICS_KEY must differ/);
  });

  it('refuses a metrics key that is too short', () => {
    expect(refusal({ FORGESYTE_METRICS_KEY: 'short' })).toMatch(/^FORGESYTE_METRICS_KEY must be at least 16 characters/);
  });
});
