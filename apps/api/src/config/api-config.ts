import type { EngineConfig } from '@forgesyte/engine';

/** The API's configuration, validated at boot from the environment: the engine's, and the HTTP server's. */
export interface ApiConfig extends EngineConfig {
  readonly port: number;
  readonly host: string;
  /** The admin API key; generated at boot when no key is configured. */
  readonly adminKey: string | undefined;
  /** True when {@link adminKey} was generated at boot and must be printed once. */
  readonly adminKeyGenerated: boolean;
  readonly userKey: string | undefined;
  /** Body limit as configured (e.g. `16mb`), and in bytes. */
  readonly bodyLimit: string;
  readonly bodyLimitBytes: number;
}

/** Injection token of the {@link ApiConfig}. */
export const API_CONFIG = Symbol('API_CONFIG');
