import type { JobEvent } from '@forgesyte/client';

/** The events of a job's stream, until it ends or `until` says stop (the stream is then closed). */
export async function collectEvents(events: AsyncIterable<JobEvent>, until?: (event: JobEvent) => boolean): Promise<JobEvent[]> {
  const seen: JobEvent[] = [];
  for await (const event of events) {
    seen.push(event);
    if (until?.(event) === true) break;
  }
  return seen;
}
