import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * A Lua script run by its SHA1 (EVALSHA), falling back to sending its source (EVAL) when the server
 * does not have it cached: after a restart, a failover or `SCRIPT FLUSH`.
 */
export class LuaScript {
  readonly sha1: string;

  constructor(
    readonly name: string,
    readonly source: string,
  ) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  /** Caches the script on the server, so that the first calls need no fallback. */
  async load(redis: Redis): Promise<void> {
    await redis.script('LOAD', this.source);
  }

  /**
   * Runs the script by its source (EVAL), which cannot fail with NOSCRIPT: the command is sent before
   * this returns, and no fallback can send it again later, so it runs before any command sent after
   * it on the same connection.
   */
  runInOrder(redis: Redis, args: readonly (string | number)[]): Promise<unknown> {
    return redis.eval(this.source, 0, ...args);
  }

  /** Runs the script with no declared keys (the scripts build their keys from the prefix in `args[0]`). */
  async run(redis: Redis, args: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha1, 0, ...args);
    } catch (error) {
      if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
      return redis.eval(this.source, 0, ...args);
    }
  }
}
