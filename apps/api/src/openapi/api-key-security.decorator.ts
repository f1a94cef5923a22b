import { applyDecorators } from '@nestjs/common';
import { ApiSecurity } from '@nestjs/swagger';

/** Name of the `X-API-Key` security scheme. */
export const API_KEY_SCHEME = 'api-key';
/** Name of the `Authorization: Bearer` security scheme. */
export const BEARER_SCHEME = 'bearer';

/**
 * Documents that an operation takes the API key, as `X-API-Key` or as `Authorization: Bearer` (either
 * one); `optional` when it also serves anonymous callers. It only documents: `ApiKeyGuard` and
 * `@RequireScope` enforce.
 */
export function ApiKeySecurity({ optional = false }: { readonly optional?: boolean } = {}): MethodDecorator & ClassDecorator {
  return applyDecorators(...(optional ? [ApiSecurity({})] : []), ApiSecurity(API_KEY_SCHEME), ApiSecurity(BEARER_SCHEME));
}
