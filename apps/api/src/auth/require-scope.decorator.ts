import { SetMetadata } from '@nestjs/common';
import type { Scope } from './scope';

/** Metadata key of {@link RequireScope}. */
export const REQUIRED_SCOPE = 'forgesyte:required-scope';

/**
 * Marks a route as needing an API key with `scope` (or, given a list, any one of them: the route checks
 * the rest per operation, as `/mcp` does); use `'public'` for routes open to everyone.
 */
export const RequireScope = (scope: Scope | 'public' | readonly Scope[]) => SetMetadata(REQUIRED_SCOPE, scope);
