/** A one-line description of anything thrown, for reasons and logs (never a stack). */
export function errorMessageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name;
  if (typeof thrown === 'string') return thrown;
  try {
    return `non-Error value thrown: ${JSON.stringify(thrown)}`;
  } catch {
    return `non-Error value thrown: ${String(thrown)}`;
  }
}
