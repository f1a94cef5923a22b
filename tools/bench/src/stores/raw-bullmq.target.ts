import { Queue, QueueEvents } from 'bullmq';
import { benchSource } from '../process/node-command';
import { ReadyChild } from './child-process';

/**
 * The baseline: a plain BullMQ Queue in this process and `workers` plain BullMQ Worker processes with
 * a no-op processor, on the same Redis. `runBatch` adds `jobs` jobs one after the other (as
 * ForgeSyte's submissions are) and resolves with jobs per second once the last has completed.
 */
export class RawBullMqTarget {
  private constructor(
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    private readonly children: readonly ReadyChild[],
  ) {}

  static async start(url: string, queueName: string, workers: number, concurrency: number): Promise<RawBullMqTarget> {
    const queue = new Queue(queueName, { connection: { url }, defaultJobOptions: { removeOnComplete: true, removeOnFail: true } });
    const events = new QueueEvents(queueName, { connection: { url } });
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
    const children = await Promise.all(
      Array.from({ length: workers }, () =>
        ReadyChild.start(benchSource('stores/raw-bullmq-worker.main.ts'), [url, queueName, String(concurrency)], {}, /raw worker ready/),
      ),
    );
    return new RawBullMqTarget(queue, events, children);
  }

  async runBatch(jobs: number, args: unknown): Promise<number> {
    let completed = 0;
    let lastCompletedAt = 0;
    const allDone = new Promise<void>((resolve) => {
      // The event's stream id starts with the Redis server's clock (ms) when the job completed.
      const onCompleted = (_job: unknown, eventId: string): void => {
        completed += 1;
        lastCompletedAt = Math.max(lastCompletedAt, Number(eventId.split('-')[0]));
        if (completed === jobs) {
          this.events.off('completed', onCompleted);
          resolve();
        }
      };
      this.events.on('completed', onCompleted);
    });
    const startedAt = Date.now();
    for (let i = 0; i < jobs; i += 1) await this.queue.add('noop', args);
    await allDone;
    return (jobs * 1000) / Math.max(1, lastCompletedAt - startedAt);
  }

  async stop(): Promise<void> {
    await Promise.all(this.children.map((child) => child.stop()));
    await this.events.close();
    await this.queue.close();
  }
}
