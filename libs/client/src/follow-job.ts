import type { ErrorEnvelope, Job, JobStatus } from './api-types';
import type { ForgeSyteClient } from './create-forgesyte-client';
import { pause } from './pause';
import { serverSentEvents } from './server-sent-events';

/** An event of a job's stream (`GET /v1/analyze-execution/jobs/{job_id}/events`). */
export type JobEvent =
  /** The job as it is when a connection starts (or resumes with changes missed). */
  | { readonly type: 'state'; readonly id: string; readonly job: Job }
  /** The tool reported progress. */
  | { readonly type: 'progress'; readonly id: string; readonly job_id: string; readonly status: JobStatus; readonly progress: NonNullable<Job['progress']> }
  /** The job's status or attempt changed; the last event of the stream when the job finished. */
  | { readonly type: 'status'; readonly id: string; readonly job: Job }
  /** The server could not go on (the store failed, the job was pruned): the stream's last event. */
  | { readonly type: 'error'; readonly envelope: ErrorEnvelope };

/** Options of {@link followJob}. */
export interface FollowJobOptions {
  /** Resume after this event id (an earlier stream's last `id`): that state is not sent again. */
  readonly lastEventId?: string;
  /** Stops following (and the request in flight) when aborted. */
  readonly signal?: AbortSignal;
  /** Reconnections in a row, with `Last-Event-ID`, when the connection drops before the job finished (default 3). */
  readonly reconnects?: number;
  /** Pause before a reconnection (default 1 s). */
  readonly reconnectDelayMs?: number;
}

/** The stream's answer was not a stream: `error` is the envelope (404 `JOB_NOT_FOUND`, 401…) or the body as it came. */
export class JobEventsRefusedError extends Error {
  constructor(
    readonly status: number,
    readonly error: unknown,
  ) {
    super(`following the job was refused with HTTP ${status}${codeOf(error)}`);
    this.name = 'JobEventsRefusedError';
  }
}

const TERMINAL: ReadonlySet<string> = new Set(['success', 'failed', 'cancelled']);

/**
 * Follows a job live: yields its `state`, then `progress` and `status` events, and returns once the
 * job finished (or after an `error` event). A connection that drops before then is resumed with the
 * last event's id, so no state is yielded twice. Throws {@link JobEventsRefusedError} when the server
 * refuses the stream (the job does not exist for this key, the key lacks `jobs:read`…).
 */
export async function* followJob(client: ForgeSyteClient, jobId: string, options: FollowJobOptions = {}): AsyncGenerator<JobEvent> {
  let lastEventId = options.lastEventId;
  let reconnectsLeft = options.reconnects ?? 3;
  for (;;) {
    const answer = await client.GET('/v1/analyze-execution/jobs/{job_id}/events', {
      params: { path: { job_id: jobId }, header: lastEventId === undefined ? {} : { 'Last-Event-ID': lastEventId } },
      parseAs: 'stream',
      signal: options.signal,
    });
    // The job is finished and lastEventId named its final state: nothing more will come.
    if (answer.response.status === 204) return;
    if (answer.error !== undefined || answer.response.body === null) throw new JobEventsRefusedError(answer.response.status, answer.error);
    try {
      for await (const raw of serverSentEvents(answer.response.body)) {
        const event = jobEventOf(raw.event, raw.id, raw.data);
        if (event === undefined) continue;
        if (event.type !== 'error') lastEventId = event.id;
        reconnectsLeft = options.reconnects ?? 3;
        yield event;
        if (event.type === 'error' || (event.type !== 'progress' && TERMINAL.has(event.job.status))) return;
      }
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
    }
    if (reconnectsLeft === 0) throw new Error(`the events stream of job ${jobId} ended before the job finished, ${options.reconnects ?? 3} times in a row`);
    reconnectsLeft -= 1;
    await pause(options.reconnectDelayMs ?? 1_000, options.signal);
  }
}

function jobEventOf(type: string, id: string | undefined, data: string): JobEvent | undefined {
  const parsed = JSON.parse(data) as Record<string, unknown>;
  switch (type) {
    case 'state':
    case 'status':
      return { type, id: id ?? '', job: parsed as unknown as Job };
    case 'progress':
      return { type, id: id ?? '', ...(parsed as { job_id: string; status: JobStatus; progress: NonNullable<Job['progress']> }) };
    case 'error':
      return { type, envelope: parsed as unknown as ErrorEnvelope };
    default:
      // An event type a newer server added: skipped.
      return undefined;
  }
}

function codeOf(error: unknown): string {
  const code = (error as { error?: { code?: unknown } } | undefined)?.error?.code;
  return typeof code === 'string' ? ` (${code})` : '';
}
