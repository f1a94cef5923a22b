import type { KeyScope } from '@forgesyte/keys';

/** What an API key may do: the stored keys' scopes, one list for both (`@forgesyte/keys`). */
export type Scope = KeyScope;

/** Scopes of the admin key: everything, including other keys' jobs, the Prometheus metrics and the stored keys (`/v1/keys`). */
export const ADMIN_SCOPES: readonly Scope[] = ['admin', 'analyze', 'jobs:read', 'plugins:read', 'metrics:read', 'keys:manage'];

/** Scopes of the metrics key (`FORGESYTE_METRICS_KEY`), a scraper's: `GET /metrics` and nothing else. */
export const METRICS_SCOPES: readonly Scope[] = ['metrics:read'];

/** Scopes of the user key: its own jobs only. */
export const USER_SCOPES: readonly Scope[] = ['analyze', 'jobs:read', 'plugins:read'];
