import { buildEnvelope, RateLimitedError } from '@forgesyte/errors';
import { ErrorEnvelopeResponse } from '../errors/error-envelope.response';
import { REQUEST_ID_HEADER } from '../http/request-id';
import { RATE_LIMIT_HEADER, RATE_LIMIT_POLICY_HEADER } from '../rate-limit/rate-limit-headers';
import { REQUEST_ID_RESPONSE_HEADER } from './any-route-responses';
import { EXAMPLE_REQUEST_ID, EXAMPLE_TIME } from './example-values';

type Operation = { security?: readonly unknown[]; responses: Record<string, { description?: string; headers?: Record<string, unknown> }> };

const POLICY_NAMES = '(default|admin|user|key)';
const RETRY_AFTER = { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } } as const;
const RATE_LIMITED_DESCRIPTION =
  'The API key sent more requests than its rate allows (`RATE_LIMITED`; FORGESYTE_RATE_LIMIT, or the key\'s own `rate_per_minute`): retry after `Retry-After` seconds.';

/**
 * The headers of every answer to a key that has a rate (draft-ietf-httpapi-ratelimit-headers): not
 * required, since a key without a rate gets neither.
 */
const RATE_LIMIT_HEADERS = {
  [RATE_LIMIT_POLICY_HEADER]: {
    description:
      'The rate the key is held to, sent when it has one: `"<policy>";q=<requests>;w=<window in seconds>`. The policy is `default` (FORGESYTE_RATE_LIMIT), `admin` or `user` (its entry for that kind of key), or `key` (the stored key\'s own `rate_per_minute`).',
    required: false,
    schema: { type: 'string', pattern: `^"${POLICY_NAMES}";q=\\d+;w=\\d+$`, examples: ['"default";q=600;w=60'] },
  },
  [RATE_LIMIT_HEADER]: {
    description: 'What is left of that rate, with this request counted: `"<policy>";r=<requests remaining>;t=<seconds until the window resets>`.',
    required: false,
    schema: { type: 'string', pattern: `^"${POLICY_NAMES}";r=\\d+;t=\\d+$`, examples: ['"default";r=599;t=60'] },
  },
} as const;

/**
 * Documents the per-key rate limit on every operation that needs an API key (a public one, or one
 * where the key is optional, is never limited): the `RateLimit-Policy` and `RateLimit` headers on each
 * of its answers, and `RATE_LIMITED` among its 429s (with `Retry-After`). Call it before the answers
 * any route can give are added: those come from the HTTP server, before a key is counted.
 */
export function addRateLimitResponses(operations: readonly Operation[]): void {
  const example = buildEnvelope(new RateLimitedError(12, { quota: 600, windowSeconds: 60, setting: 'FORGESYTE_RATE_LIMIT' }), EXAMPLE_REQUEST_ID, EXAMPLE_TIME);
  for (const operation of operations) {
    const security = operation.security ?? [];
    if (security.length === 0 || security.some((requirement) => Object.keys(requirement as object).length === 0)) continue;
    const overloaded = operation.responses['429'];
    if (overloaded === undefined) {
      operation.responses['429'] = {
        description: RATE_LIMITED_DESCRIPTION,
        headers: { [REQUEST_ID_HEADER]: REQUEST_ID_RESPONSE_HEADER, 'Retry-After': RETRY_AFTER },
        content: { 'application/json': { schema: { $ref: `#/components/schemas/${ErrorEnvelopeResponse.name}` }, example } },
      } as Operation['responses'][string];
    } else {
      overloaded.description = `${overloaded.description ?? ''} Or: ${RATE_LIMITED_DESCRIPTION}`;
    }
    for (const response of Object.values(operation.responses)) response.headers = { ...response.headers, ...RATE_LIMIT_HEADERS };
  }
}
