/**
 * How long a `progress` event took from the tool's report to the client, in ms: `receivedAtMs` minus
 * the epoch time the bench's progress tool wrote as the report's message. Undefined for an event
 * that carries no such stamp.
 */
export function progressLatencyMs(eventData: string, receivedAtMs: number): number | undefined {
  let event: unknown;
  try {
    event = JSON.parse(eventData) as unknown;
  } catch {
    return undefined;
  }
  const progress = typeof event === 'object' && event !== null && 'progress' in event ? event.progress : undefined;
  const message = typeof progress === 'object' && progress !== null && 'message' in progress ? progress.message : undefined;
  const stampMs = typeof message === 'string' && message !== '' ? Number(message) : NaN;
  return Number.isFinite(stampMs) ? receivedAtMs - stampMs : undefined;
}
