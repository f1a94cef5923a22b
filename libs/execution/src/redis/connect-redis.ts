import { Redis, type RedisOptions } from 'ioredis';

/** How {@link connectRedis} connects. */
export interface ConnectRedisOptions {
  /** How long to wait for the first connection (ms). */
  readonly connectTimeoutMs: number;
  /** Extra ioredis options (BullMQ's worker connections need `maxRetriesPerRequest: null`). */
  readonly redisOptions?: RedisOptions;
}

/**
 * Connects to the Redis server at `url` (such as `redis://127.0.0.1:6379`). Throws, naming the server
 * (without its password) and saying what to do, when it cannot be reached. Once connected, ioredis
 * reconnects by itself and replays commands sent in between.
 */
export async function connectRedis(url: string, options: ConnectRedisOptions): Promise<Redis> {
  let connected = false;
  const redis = new Redis(url, {
    ...options.redisOptions,
    lazyConnect: true,
    connectTimeout: options.connectTimeoutMs,
    // The first connection fails fast (and ioredis ends it itself); later drops are retried forever.
    retryStrategy: (attempt) => (connected ? Math.min(attempt * 100, 2_000) : null),
  });
  let lastError: Error | undefined;
  // Without a listener ioredis prints every connection error; the failing command reports it instead.
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
    connected = true;
    return redis;
  } catch (error) {
    if (redis.status !== 'end') redis.disconnect();
    const reason = (lastError ?? (error instanceof Error ? error : undefined))?.message ?? String(error);
    throw new Error(`cannot reach Redis at ${withoutPassword(url)} (${reason}). Start Redis there, or point REDIS_URL at a server that is up.`, {
      cause: error,
    });
  }
}

/** Closes a connection after the replies it waits for; drops it at once when it is not connected. */
export async function disconnectRedis(redis: Redis): Promise<void> {
  if (redis.status === 'ready') await redis.quit();
  else redis.disconnect();
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL (not a valid URL)';
  }
}
