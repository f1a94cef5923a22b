/** What an API key may do. */
export type Scope = 'admin' | 'analyze' | 'jobs:read' | 'plugins:read';

/** Scopes of the admin key: everything, including other keys' jobs. */
export const ADMIN_SCOPES: readonly Scope[] = ['admin', 'analyze', 'jobs:read', 'plugins:read'];

/** Scopes of the user key: its own jobs only. */
export const USER_SCOPES: readonly Scope[] = ['analyze', 'jobs:read', 'plugins:read'];
