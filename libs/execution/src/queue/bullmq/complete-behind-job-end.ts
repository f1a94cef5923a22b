import { type Job as BullJob, raw2NextJobData, type RedisClient, type Worker } from 'bullmq';

/**
 * Completes BullMQ's copy of a job right behind the write of its outcome, on the job store's
 * connection, while the store holds that write back for this tick: both leave in one write and come
 * back in one read, where BullMQ alone would complete the job one round trip later, once our
 * processor returned. Redis runs a connection's commands in order, so BullMQ never holds a job done
 * whose outcome Redis has not run first; a connection that fails takes both.
 *
 * BullMQ's worker still completes the job as always, once the processor returns, through
 * `job.moveToCompleted`, which this replaces on that job with the reply already on its way (and, when
 * that did not come back, BullMQ's own call on the worker's connection). Whether BullMQ fetches the
 * next job with it is decided now: yes unless the worker is stopping.
 */
export function completeBehindJobEnd(worker: Worker, storeClient: RedisClient, job: BullJob, token: string, fetchNext: boolean): void {
  const args = worker.scripts.moveToCompletedArgs(job, undefined, job.opts.removeOnComplete ?? false, token, fetchNext && !worker.closing);
  // BullMQ's own script call, as `job.moveToCompleted` makes it (typed `any` by BullMQ).
  const runScript: (client: RedisClient, name: string, scriptArgs: typeof args) => Promise<unknown> = worker.scripts.execCommand.bind(worker.scripts);
  const sent = runScript(storeClient, 'moveToFinished', args);
  sent.catch(() => undefined);
  const moveToCompleted = job.moveToCompleted.bind(job);
  job.moveToCompleted = async (returnValue, moveToken, fetchNextNow) => {
    // A negative reply is BullMQ's error code (the lock lost, the job gone): BullMQ's own call reports it.
    const reply = await sent.catch(() => undefined);
    if (reply === undefined || (typeof reply === 'number' && reply < 0)) return moveToCompleted(returnValue, moveToken, fetchNextNow);
    job.finishedOn = Number(args[worker.scripts.moveToFinishedKeys.length + 1]);
    // What BullMQ's own call makes of the reply: the next job, when it fetched one.
    return Array.isArray(reply) ? raw2NextJobData(reply) : undefined;
  };
}
