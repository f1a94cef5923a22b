import { join } from 'node:path';
import { Redis } from 'ioredis';
import type { JobStoreChoice } from '../execution.options';
import { openJobStore } from '../backend/open-job-backend';
import type { PrunableJobStore } from '../store/job-retention';
import type { JobStore } from '../store/job-store';
import { type RedisServer, startRedisServer } from './redis-server';
import { makeTempDir } from './temp-dir';

/** The job stores every service-level job test runs against. */
export const STORE_KINDS = ['memory', 'sqlite', 'redis'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/**
 * Registers jest hooks that give each test of the enclosing `describe` a fresh, empty store of `kind`:
 * a new SQLite file in a temp dir, or a flushed real `redis-server` started for the describe block on
 * a free loopback port (BullMQ lock short, so stalled-job checks run within a test). Returns the
 * {@link JobStoreChoice} of the current test.
 */
export function useStoreUnderTest(kind: StoreKind): () => JobStoreChoice {
  const dir = makeTempDir(`store-${kind}`);
  let server: Promise<RedisServer> | undefined;
  let choice: JobStoreChoice = { kind: 'memory' };
  let counter = 0;

  beforeAll(async () => {
    if (STORE_NEEDS_REDIS[kind]) await (server = startRedisServer());
  }, 20_000);

  beforeEach(async () => {
    counter += 1;
    choice = await freshChoice(kind, join(dir.path, `jobs-${counter}.sqlite`), server);
  });

  afterAll(async () => {
    await (await server)?.stop();
    dir.remove();
  });

  return () => choice;
}

/** Which kinds of store need a Redis server. */
const STORE_NEEDS_REDIS: Readonly<Record<StoreKind, boolean>> = { memory: false, sqlite: false, redis: true };

/** A choice of an empty store of `kind`: a new SQLite `file`, or the flushed `server`. */
async function freshChoice(kind: StoreKind, file: string, server: Promise<RedisServer> | undefined): Promise<JobStoreChoice> {
  switch (kind) {
    case 'memory':
      return { kind };
    case 'sqlite':
      return { kind, file };
    case 'redis': {
      const { url } = await (server as Promise<RedisServer>);
      await flush(url);
      return { kind, url, lockMs: 1_000 };
    }
  }
}

async function flush(url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    await redis.flushall();
  } finally {
    redis.disconnect();
  }
}

/** A store opened to read what an app left behind, and how to let it go. */
export interface StoreAfterShutdown {
  readonly store: JobStore;
  close(): Promise<void>;
}

/**
 * The jobs an app closed with `choice` left, as the next process would read them: a durable store is
 * opened again (the app closed its own); the memory store is the app's own `memoryStore`.
 */
export async function storeAfterShutdown(choice: JobStoreChoice, memoryStore: JobStore): Promise<StoreAfterShutdown> {
  switch (choice.kind) {
    case 'memory':
      return { store: memoryStore, close: () => Promise.resolve() };
    case 'sqlite':
    case 'redis': {
      const store = (await openJobStore({ store: choice, retainJobs: 0 })) as PrunableJobStore;
      return { store, close: () => store.close() };
    }
  }
}
