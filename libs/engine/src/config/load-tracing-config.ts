import { ConfigError } from './config.error';
import type { TracingConfig } from './engine-config';
import { type Env, list } from './env-readers';

/** The exporters `OTEL_TRACES_EXPORTER` may name. */
const TRACES_EXPORTERS = ['otlp', 'console', 'none'] as const;

/** Where an OTLP/HTTP collector takes traces when only `OTEL_TRACES_EXPORTER=otlp` is set (the OpenTelemetry default). */
const DEFAULT_OTLP_ENDPOINT = 'http://localhost:4318';

/**
 * Tracing from the standard OpenTelemetry variables, or undefined (off, the default): on when
 * `OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT` is set, or `OTEL_TRACES_EXPORTER`
 * names `otlp` or `console`; off with `OTEL_TRACES_EXPORTER=none` or `OTEL_SDK_DISABLED=true`.
 */
export function loadTracingConfig(env: Env): TracingConfig | undefined {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  const tracesEndpoint = endpoint(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const baseEndpoint = endpoint(env, 'OTEL_EXPORTER_OTLP_ENDPOINT');
  const exporters = tracesExporters(env, tracesEndpoint !== undefined || baseEndpoint !== undefined);
  if (exporters.length === 0) return undefined;
  const otlp = exporters.includes('otlp');
  if (otlp) checkProtocol(env);
  const serviceName = env.OTEL_SERVICE_NAME?.trim();
  return {
    // The per-signal variable is the URL itself; the base one gets the signal's path (the OpenTelemetry rule).
    otlpUrl: !otlp ? undefined : (tracesEndpoint ?? `${(baseEndpoint ?? DEFAULT_OTLP_ENDPOINT).replace(/\/+$/, '')}/v1/traces`),
    console: exporters.includes('console'),
    serviceName: serviceName === undefined || serviceName === '' ? undefined : serviceName,
  };
}

function tracesExporters(env: Env, endpointSet: boolean): ReadonlyArray<'otlp' | 'console'> {
  const names = list(env.OTEL_TRACES_EXPORTER?.toLowerCase());
  if (names.length === 0) return endpointSet ? ['otlp'] : [];
  const unknown = names.find((name) => !(TRACES_EXPORTERS as readonly string[]).includes(name));
  if (unknown !== undefined) {
    throw new ConfigError('OTEL_TRACES_EXPORTER', `must be a comma-separated list of ${TRACES_EXPORTERS.join(', ')}; got '${unknown}'.`);
  }
  if (names.includes('none')) {
    if (names.length > 1) throw new ConfigError('OTEL_TRACES_EXPORTER', "'none' turns tracing off and cannot be combined with other exporters.");
    return [];
  }
  return names.filter((name): name is 'otlp' | 'console' => name !== 'none');
}

function endpoint(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return undefined;
  if (!/^https?:\/\/[^\s/]+/.test(raw)) throw new ConfigError(name, `must be an http:// or https:// URL of an OTLP/HTTP collector (e.g. http://otel-collector:4318); got '${raw}'.`);
  return raw;
}

/** ForgeSyte sends OTLP over HTTP (JSON bodies, which OTLP/HTTP collectors accept whatever protocol is named); gRPC it cannot. */
function checkProtocol(env: Env): void {
  for (const name of ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL']) {
    const raw = env[name]?.trim().toLowerCase();
    if (raw === 'grpc') {
      throw new ConfigError(name, "'grpc' is not supported: ForgeSyte exports traces over OTLP/HTTP. Point the endpoint at the collector's OTLP/HTTP port (4318) and set http/json or unset this.");
    }
  }
}
