import { type RedisServer, startRedisServer } from '@forgesyte/execution/testing';
import { connectRedis, disconnectRedis } from '@forgesyte/execution';
import type { Redis } from 'ioredis';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RatePolicy } from '../config/rate-limit-setting';
import { KeyRateLimits } from './key-rate-limits';
import { RateCounters } from './rate-counters';

jest.setTimeout(30_000);

const RATE: RatePolicy = { name: 'default', quota: 4, windowSeconds: 60 };
const newResponse = () => new ServerResponse(new IncomingMessage(new Socket()));

/** Commands the server ran, from INFO commandstats: scripts (EVAL, EVALSHA), and the others the clients sent (besides INFO and the scripts' own). */
async function scriptCalls(redis: Redis): Promise<{ scripts: number; others: number }> {
  const calls = new Map([...(await redis.info('commandstats')).matchAll(/cmdstat_(\w+(?:\|\w+)?):calls=(\d+)/g)].map((match) => [match[1], Number(match[2])]));
  const scripted = new Set(['eval', 'evalsha', 'set', 'incrby', 'pttl', 'expire', 'info']);
  let others = 0;
  for (const [command, count] of calls) if (!scripted.has(command)) others += count;
  return { scripts: (calls.get('eval') ?? 0) + (calls.get('evalsha') ?? 0), others };
}

describe(`${RateCounters.name} in Redis`, () => {
  let server: RedisServer;
  const connections: Redis[] = [];

  /** The limits of one API process: its own connection, as `openKeyRateLimits` makes it. */
  async function process(prefix: string): Promise<KeyRateLimits> {
    const redis = await connectRedis(server.url, { connectTimeoutMs: 2000, redisOptions: { commandTimeout: 500, maxRetriesPerRequest: 1, enableOfflineQueue: false } });
    connections.push(redis);
    return new KeyRateLimits({ admin: null, user: RATE }, new RateCounters(redis, prefix));
  }

  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(async () => {
    await Promise.all(connections.map((redis) => disconnectRedis(redis)));
    await server?.stop();
  });

  it('shares one count per key between processes, in one round trip per request', async () => {
    const [first, second] = [await process('shared:'), await process('shared:')];
    const monitor = connections[0];
    const before = await scriptCalls(monitor);

    const answers = [];
    for (const limits of [first, second, first, second]) answers.push(await limits.admit('k1', RATE, newResponse()));
    const after = await scriptCalls(monitor);

    expect(answers).toEqual([undefined, undefined, undefined, undefined]);
    expect(await first.admit('k1', RATE, newResponse())).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await second.admit('k1', RATE, newResponse())).toMatchObject({ code: 'RATE_LIMITED' });
    // One script per request (EVALSHA; and EVAL the first time a connection runs it): no other command was sent.
    expect(after.scripts - before.scripts).toBeGreaterThanOrEqual(4);
    expect(after.scripts - before.scripts).toBeLessThanOrEqual(4 + 2);
    expect(after.others - before.others).toBe(0);
  });

  it('keeps limiting each process on its own while Redis is down, without failing a request, and counts in Redis again once it is back', async () => {
    const limits = await process('outage:');
    await server.kill();

    const started = Date.now();
    const answers = [];
    for (let request = 0; request < 5; request += 1) answers.push((await limits.admit('k2', RATE, newResponse()))?.code);

    expect(answers).toEqual([undefined, undefined, undefined, undefined, 'RATE_LIMITED']);
    expect(Date.now() - started).toBeLessThan(500);

    await server.restart();
    const redis = connections[connections.length - 1];
    for (let waited = 0; redis.status !== 'ready' && waited < 5000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await limits.admit('k3', RATE, newResponse())).toBeUndefined();
    expect(await redis.get('outage:ratelimit:60s:k3')).toBe('1');
  });
});
