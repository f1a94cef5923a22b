import type { Redis } from 'ioredis';

/**
 * Holds back a connection's writes until the current tick's promise callbacks have run, so that the
 * commands sent meanwhile (by the caller, or by BullMQ within those callbacks) leave in one write:
 * each write is a system call on both ends, which costs about as much as the work Redis does for a
 * job's insert or end. Order is kept either way. Does nothing while the connection is not ready
 * (ioredis then queues commands itself).
 */
export function writeTogetherThisTick(redis: Redis): void {
  if (redis.status !== 'ready') return;
  const socket = redis.stream;
  if (socket.writableCorked > 0) return;
  socket.cork();
  process.nextTick(() => socket.uncork());
}
