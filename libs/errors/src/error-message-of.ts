/**
 * A one-line description of anything thrown, for reasons and logs (never a stack). Errors are matched
 * by shape, not `instanceof`, so errors from another realm (a worker, a VM context) read the same.
 */
export function errorMessageOf(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown;
  const { message, name } = (thrown ?? {}) as { message?: unknown; name?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  if (thrown instanceof Error && typeof name === 'string') return name;
  try {
    return `non-Error value thrown: ${JSON.stringify(thrown)}`;
  } catch {
    return `non-Error value thrown: ${String(thrown)}`;
  }
}
