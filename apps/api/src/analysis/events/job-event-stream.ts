import { buildEnvelope, type ForgeSyteError } from '@forgesyte/errors';
import { type Job, TERMINAL_STATUSES } from '@forgesyte/execution';
import type { Response } from 'express';
import { presentJob } from '../job.presenter';
import { jobEventId } from './job-event-id';

/** How a {@link JobEventStream} reads its job and keeps its connection. */
export interface JobEventStreamOptions {
  /** Reads the job as it is now (ownership checked); throws a domain error when it cannot. */
  readonly read: () => Promise<Job>;
  /** Turns what `read` threw into the error sent as the last event. */
  readonly toError: (thrown: unknown) => ForgeSyteError;
  /** The id of the state the client saw last (`Last-Event-ID`), not sent again. */
  readonly lastEventId?: string;
  /** The request's id, in an error event's envelope. */
  readonly requestId: string;
  /** A comment line this often keeps proxies from closing an idle stream; a client that took nothing for this long is dropped. */
  readonly heartbeatMs: number;
}

/**
 * One client's Server-Sent Events stream of a job: `state` first (the job's JSON, as `GET` answers it),
 * then `progress` and `status` events as the job changes, until it is finished; then the stream ends.
 *
 * Each change is a signal to read the job again, one read at a time: changes that come while a read or
 * a write is under way are read once, as the latest state. A client that does not read therefore costs
 * one event's bytes (writes wait for the socket to drain), and is dropped once a whole heartbeat
 * interval passed without it taking what was written.
 */
export class JobEventStream {
  private lastId: string | undefined;
  private lastSent: Job | undefined;
  private reading = false;
  private readAgain = false;
  private blocked = false;
  /** Whether the socket was still full at the last heartbeat. */
  private blockedAtHeartbeat = false;
  private ended = false;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly response: Response,
    private readonly options: JobEventStreamOptions,
  ) {
    this.lastId = options.lastEventId;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // nginx would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    response.flushHeaders();
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
    response.on('close', () => this.stop());
    // The client may have gone before the stream began: its `close` is already past.
    if (response.destroyed || response.socket?.destroyed === true) this.stop();
  }

  /** Reads the job and sends what changed; call after each change. */
  update(): void {
    if (this.ended) return;
    if (this.reading || this.blocked) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    this.options
      .read()
      .then(
        (job) => this.send(job),
        (thrown: unknown) => this.fail(thrown),
      )
      .finally(() => {
        this.reading = false;
        if (this.readAgain && !this.blocked) {
          this.readAgain = false;
          this.update();
        }
      });
  }

  /** Sets the function that stops following the job, called once the stream ends. */
  onEnd(stop: () => void): void {
    if (this.ended) stop();
    else this.response.once('close', stop);
  }

  /** Sends the job as read: the first call sends its `state` (unless it is the one the client saw last). */
  send(job: Job): void {
    if (this.ended) return;
    const id = jobEventId(job);
    if (id !== this.lastId) {
      this.write(this.eventOf(job, id));
      this.lastId = id;
      this.lastSent = job;
    }
    if (TERMINAL_STATUSES.has(job.status)) this.end();
  }

  private eventOf(job: Job, id: string): string {
    const previous = this.lastSent;
    if (previous === undefined) return frame('state', id, presentJob(job));
    if (previous.status === job.status && previous.attempt === job.attempt) return frame('progress', id, { job_id: job.id, status: job.status, progress: job.progress });
    return frame('status', id, presentJob(job));
  }

  /** A read that failed (the store is down, the job was pruned): sent as an `error` event with the envelope, and the stream ends; the client may resume. */
  private fail(thrown: unknown): void {
    if (this.ended) return;
    this.write(`event: error\ndata: ${JSON.stringify(buildEnvelope(this.options.toError(thrown), this.options.requestId))}\n\n`);
    this.end();
  }

  private write(chunk: string): void {
    if (this.response.write(chunk)) return;
    this.blocked = true;
    this.response.once('drain', () => {
      this.blocked = false;
      this.blockedAtHeartbeat = false;
      if (this.readAgain) {
        this.readAgain = false;
        this.update();
      }
    });
  }

  private beat(): void {
    if (this.blocked) {
      // Nothing taken for a whole interval: a client that does not read holds no more of our memory.
      if (this.blockedAtHeartbeat) this.response.destroy();
      this.blockedAtHeartbeat = true;
      return;
    }
    this.write(': keep-alive\n\n');
  }

  private end(): void {
    this.stop();
    this.response.end();
  }

  private stop(): void {
    this.ended = true;
    clearInterval(this.heartbeat);
  }
}

function frame(event: string, id: string, data: unknown): string {
  return `event: ${event}\nid: ${id}\ndata: ${JSON.stringify(data)}\n\n`;
}
