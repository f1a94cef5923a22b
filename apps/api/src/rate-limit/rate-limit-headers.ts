import type { RatePolicy } from '../config/rate-limit-setting';

/** The IETF header that states the policy (draft-ietf-httpapi-ratelimit-headers): `"<name>";q=<quota>;w=<window seconds>`. */
export const RATE_LIMIT_POLICY_HEADER = 'RateLimit-Policy';
/** The IETF header that states what is left of it: `"<name>";r=<remaining>;t=<seconds until the window resets>`. */
export const RATE_LIMIT_HEADER = 'RateLimit';

/** The `RateLimit-Policy` field of `policy`, a Structured Field list of one item. */
export function policyField(policy: RatePolicy): string {
  return `"${policy.name}";q=${policy.quota};w=${policy.windowSeconds}`;
}

/** The `RateLimit` field: `remaining` requests of `policy` left, for `resetSeconds` more seconds. */
export function rateField(policy: RatePolicy, remaining: number, resetSeconds: number): string {
  return `"${policy.name}";r=${remaining};t=${resetSeconds}`;
}
