/** What an API key may do; the same words as the API's scopes (`apps/api/src/auth/scope.ts`). */
export type KeyScope = 'admin' | 'analyze' | 'jobs:read' | 'plugins:read' | 'metrics:read' | 'keys:manage';

/** Every {@link KeyScope}, in the order listings and messages show them. */
export const KEY_SCOPES: readonly KeyScope[] = Object.freeze(['admin', 'analyze', 'jobs:read', 'plugins:read', 'metrics:read', 'keys:manage']);
