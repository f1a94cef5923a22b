import type { EngineConfig } from '@forgesyte/engine';
import type { McpSettings } from './mcp-settings';
import type { RateLimitSetting } from './rate-limit-setting';

/** The API's configuration, validated at boot from the environment: the engine's, and the HTTP server's. */
export interface ApiConfig extends EngineConfig {
  readonly port: number;
  readonly host: string;
  /** The admin API key; generated at boot when no key is configured. */
  readonly adminKey: string | undefined;
  /** True when {@link adminKey} was generated at boot and must be printed once. */
  readonly adminKeyGenerated: boolean;
  readonly userKey: string | undefined;
  /** A key with the `metrics:read` scope only (`FORGESYTE_METRICS_KEY`), for a Prometheus scraper. */
  readonly metricsKey: string | undefined;
  /** Body limit of the routes that take images (the two analyze POSTs), as configured (e.g. `16mb`), and in bytes. */
  readonly bodyLimit: string;
  readonly bodyLimitBytes: number;
  /** Body limit of every other route (`FORGESYTE_SMALL_BODY_LIMIT`), as configured, and in bytes. */
  readonly smallBodyLimit: string;
  readonly smallBodyLimitBytes: number;
  /** Shape limits of a JSON body, checked before it is parsed. */
  readonly json: JsonLimits;
  /** Limits of the Node HTTP server itself. */
  readonly server: ServerLimits;
  /** Each API key's request rate (`FORGESYTE_RATE_LIMIT`): off unless set. */
  readonly rateLimit: RateLimitSetting;
  /** The MCP endpoint's origins and sessions (docs/mcp.md). */
  readonly mcp: McpSettings;
  /** How often a job events stream sends a keep-alive comment (`FORGESYTE_EVENTS_HEARTBEAT_MS`); a client that took nothing for this long is dropped. */
  readonly eventsHeartbeatMs: number;
}

/** How deep a JSON body may nest, how many members one of its objects may have, and how large it may be as a whole. */
export interface JsonLimits {
  /** Arrays and objects nested in one another (`FORGESYTE_MAX_JSON_DEPTH`); the body itself is level 1. */
  readonly maxDepth: number;
  /** Members of one object (`FORGESYTE_MAX_JSON_KEYS`). */
  readonly maxKeys: number;
  /** Arrays and objects in the whole body (`FORGESYTE_MAX_JSON_CONTAINERS`): each costs about 1.5 µs to parse and check. */
  readonly maxContainers: number;
  /** Values (members and items) in the whole body (`FORGESYTE_MAX_JSON_VALUES`). */
  readonly maxValues: number;
}

/** Timeouts and the connection cap of the Node HTTP server. */
export interface ServerLimits {
  /** Time to receive a request's headers (`FORGESYTE_HEADERS_TIMEOUT_MS`). */
  readonly headersTimeoutMs: number;
  /** Time to receive a whole request, headers and body (`FORGESYTE_REQUEST_TIMEOUT_MS`); not the time to answer it. */
  readonly requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open (`FORGESYTE_KEEP_ALIVE_TIMEOUT_MS`). */
  readonly keepAliveTimeoutMs: number;
  /** Open connections at most (`FORGESYTE_MAX_CONNECTIONS`); more are closed at once. */
  readonly maxConnections: number;
}

/** Injection token of the {@link ApiConfig}. */
export const API_CONFIG = Symbol('API_CONFIG');
