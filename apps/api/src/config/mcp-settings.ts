import { ConfigError, type Env, integer } from '@forgesyte/engine';

/** The MCP endpoint's settings (`/mcp`, docs/mcp.md). */
export interface McpSettings {
  /**
   * Browser origins besides the loopback ones that may call `/mcp` (`FORGESYTE_MCP_ALLOWED_ORIGINS`,
   * comma-separated, each `scheme://host[:port]`); a request with another `Origin` is 403.
   */
  readonly allowedOrigins: readonly string[];
  /** A session with no request for this long is closed (`FORGESYTE_MCP_SESSION_IDLE_MS`). */
  readonly sessionIdleMs: number;
  /** Open sessions of one API process at most (`FORGESYTE_MCP_MAX_SESSIONS`); a new one closes the least recently used. */
  readonly maxSessions: number;
}

const ORIGIN = /^https?:\/\/[^/\s,]+$/i;

/** Reads and checks the MCP settings; throws a {@link ConfigError} naming the bad variable. */
export function mcpSettings(env: Env): McpSettings {
  const raw = env.FORGESYTE_MCP_ALLOWED_ORIGINS ?? '';
  const allowedOrigins = raw
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  const bad = allowedOrigins.find((origin) => !ORIGIN.test(origin));
  if (bad !== undefined) {
    throw new ConfigError('FORGESYTE_MCP_ALLOWED_ORIGINS', `must be comma-separated origins such as https://agent.example.com or http://localhost:5173 (scheme, host, optional port; no path); got '${bad}'.`);
  }
  return {
    allowedOrigins: allowedOrigins.map((origin) => origin.toLowerCase()),
    sessionIdleMs: integer(env, 'FORGESYTE_MCP_SESSION_IDLE_MS', 1_800_000, 1_000, 86_400_000),
    maxSessions: integer(env, 'FORGESYTE_MCP_MAX_SESSIONS', 10_000, 1, 1_000_000),
  };
}
