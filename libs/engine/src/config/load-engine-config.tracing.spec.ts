import { ConfigError } from './config.error';
import { loadEngineConfig } from './load-engine-config';

describe('loadEngineConfig: OpenTelemetry traces', () => {
  it('is off by default', () => {
    expect(loadEngineConfig({}).tracing).toBeUndefined();
  });

  it('turns on with OTEL_EXPORTER_OTLP_ENDPOINT, sending to its /v1/traces', () => {
    expect(loadEngineConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }).tracing).toEqual({
      otlpUrl: 'http://collector:4318/v1/traces',
      console: false,
      serviceName: undefined,
    });
  });

  it('takes OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as the URL itself, before the base endpoint', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://b/otlp/traces' };
    expect(loadEngineConfig(env).tracing?.otlpUrl).toBe('https://b/otlp/traces');
  });

  it('turns on with OTEL_TRACES_EXPORTER alone: otlp to the default collector, console to stdout', () => {
    expect(loadEngineConfig({ OTEL_TRACES_EXPORTER: 'otlp' }).tracing?.otlpUrl).toBe('http://localhost:4318/v1/traces');
    expect(loadEngineConfig({ OTEL_TRACES_EXPORTER: 'console' }).tracing).toEqual({ otlpUrl: undefined, console: true, serviceName: undefined });
    expect(loadEngineConfig({ OTEL_TRACES_EXPORTER: 'otlp,console', OTEL_SERVICE_NAME: 'edge-api' }).tracing).toEqual({
      otlpUrl: 'http://localhost:4318/v1/traces',
      console: true,
      serviceName: 'edge-api',
    });
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'none', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318' }],
    [{ OTEL_SDK_DISABLED: 'true', OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318' }],
  ])('stays off when told: %j', (env) => {
    expect(loadEngineConfig(env).tracing).toBeUndefined();
  });

  it.each([
    [{ OTEL_TRACES_EXPORTER: 'jaeger' }, new ConfigError('OTEL_TRACES_EXPORTER', "must be a comma-separated list of otlp, console, none; got 'jaeger'.")],
    [{ OTEL_TRACES_EXPORTER: 'none,otlp' }, new ConfigError('OTEL_TRACES_EXPORTER', "'none' turns tracing off and cannot be combined with other exporters.")],
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      new ConfigError('OTEL_EXPORTER_OTLP_ENDPOINT', "must be an http:// or https:// URL of an OTLP/HTTP collector (e.g. http://otel-collector:4318); got 'collector:4318'."),
    ],
  ])('refuses %j, naming the variable', (env, error) => {
    expect(() => loadEngineConfig(env)).toThrow(error);
  });

  it('refuses gRPC, which it cannot send, saying what to set', () => {
    expect(() => loadEngineConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4317', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL.*OTLP\/HTTP port \(4318\)/);
  });
});
