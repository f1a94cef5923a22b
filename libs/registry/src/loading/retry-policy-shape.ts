import { RETRY_LIMITS } from '@forgesyte/plugin-sdk';

const BACKOFF_TYPES = new Set(['fixed', 'exponential']);

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
}

/**
 * Lists every way a tool's `retry` fails to be a `RetryPolicy` within {@link RETRY_LIMITS}, each
 * phrased as what to change; an empty list means it is one (or that the tool declares none).
 */
export function findRetryPolicyProblems(tool: string, retry: unknown): string[] {
  if (retry === undefined) return [];
  const where = `tool '${tool}': retry`;
  if (typeof retry !== 'object' || retry === null) return [`${where} must be an object such as { attempts: 3, backoff: { type: 'exponential', delayMs: 1000 } }`];
  const { attempts, backoff } = retry as Record<string, unknown>;
  const problems: string[] = [];
  if (!isIntegerIn(attempts, 1, RETRY_LIMITS.maxAttempts)) {
    problems.push(`${where}.attempts must be an integer from 1 to ${RETRY_LIMITS.maxAttempts} (attempts in all, the first included), not ${JSON.stringify(attempts)}`);
  }
  if (typeof backoff !== 'object' || backoff === null) return [...problems, `${where}.backoff must be an object such as { type: 'fixed', delayMs: 1000 }`];
  const { type, delayMs, maxDelayMs } = backoff as Record<string, unknown>;
  if (!BACKOFF_TYPES.has(type as string)) problems.push(`${where}.backoff.type must be 'fixed' or 'exponential', not ${JSON.stringify(type)}`);
  if (!isIntegerIn(delayMs, 0, RETRY_LIMITS.maxDelayMs)) {
    problems.push(`${where}.backoff.delayMs must be an integer number of milliseconds from 0 to ${RETRY_LIMITS.maxDelayMs}, not ${JSON.stringify(delayMs)}`);
  }
  if (maxDelayMs !== undefined && !isIntegerIn(maxDelayMs, typeof delayMs === 'number' ? Math.max(0, delayMs) : 0, RETRY_LIMITS.maxDelayMs)) {
    problems.push(`${where}.backoff.maxDelayMs must be an integer number of milliseconds from delayMs to ${RETRY_LIMITS.maxDelayMs}, or left out, not ${JSON.stringify(maxDelayMs)}`);
  }
  return problems;
}
