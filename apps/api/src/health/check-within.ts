import type { HealthIndicatorResult } from '@nestjs/terminus';

/** How long one readiness check may take, in ms: the checks run side by side, so the whole answer is as quick (a Kubernetes probe times out after 1 s by default). */
export const READINESS_CHECK_TIMEOUT_MS = 500;

/**
 * The result of `check`, or `down`'s once `ms` passed without one. A check that throws is `down` too,
 * never a 500 (terminus rethrows what a check throws), and its message holds none of the error's words:
 * they may name an internal path or server, and readiness is public.
 */
export async function checkWithin<Key extends string>(
  down: (message: string) => HealthIndicatorResult<Key>,
  check: () => Promise<HealthIndicatorResult<Key>>,
  ms: number = READINESS_CHECK_TIMEOUT_MS,
): Promise<HealthIndicatorResult<Key>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<HealthIndicatorResult<Key>>((resolve) => {
    timer = setTimeout(() => resolve(down(`The check did not answer within ${ms} ms.`)), ms);
  });
  const answered = check().catch(() => down('The check failed unexpectedly; the server log may say why.'));
  try {
    return await Promise.race([answered, late]);
  } finally {
    clearTimeout(timer);
  }
}
