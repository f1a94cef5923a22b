import type { Principal } from '../../auth/api-key-ring';

/**
 * Who the stdio server's calls belong to: the local user who started the process (it owns the
 * process, so no key is asked). Its jobs are owned by `local-stdio`; an admin key sees them in
 * `GET /v1/analyze-execution/jobs` of an API on the same store.
 */
export const LOCAL_PRINCIPAL: Principal = Object.freeze({
  id: 'local-stdio',
  isAdmin: false,
  name: 'stdio',
  scopes: new Set(['analyze', 'plugins:read'] as const),
  plugins: null,
  tools: null,
  limits: null,
  bootstrap: true,
});
