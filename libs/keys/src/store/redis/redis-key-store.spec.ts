import { Logger } from '@nestjs/common';
import { StoreUnavailableError } from '@forgesyte/errors';
import { type RedisServer, restartAndCloseDuringReadyCheck, startRedisServer, unhandledRejectionsDuring } from '@forgesyte/execution/testing';
import { describeKeyStoreContract } from '../../testing/key-store-contract';
import { auditOf, keyWrite } from '../../testing/key-writes';
import { RedisKeyStore } from './redis-key-store';

let server: RedisServer;
let prefixes = 0;

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await server.stop();
});

// Each test its own key prefix: a fresh, empty store on the one server.
const connect = (): Promise<RedisKeyStore> => RedisKeyStore.connect(server.url, { keyPrefix: `test${(prefixes += 1)}:`, commandTimeoutMs: 500 });

describeKeyStoreContract(RedisKeyStore.name, async () => {
  const store = await connect();
  return { store, close: () => store.close() };
});

describe(RedisKeyStore.name, () => {
  it('tells a watcher on another connection when a key changes', async () => {
    const writer = await connect();
    const reader = await RedisKeyStore.connect(server.url, { keyPrefix: `test${prefixes}:` });
    const changed = new Promise<void>((resolve) => reader.watch(resolve));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const key = keyWrite();

    await writer.save(key, null, auditOf(key.record.id));

    await expect(changed).resolves.toBeUndefined();
    await Promise.all([writer.close(), reader.close()]);
  });

  it('closes while its watcher is still connecting without an unhandled rejection', async () => {
    const rejections: unknown[] = [];
    const record = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', record);
    try {
      // Closed at different moments of the watcher's connect-then-subscribe (as the CLI does after a command).
      for (const delayMs of [0, 1, 2, 3, 5, 8, 13]) {
        const store = await connect();
        store.watch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        await store.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    } finally {
      process.off('unhandledRejection', record);
    }

    expect(rejections).toEqual([]);
  });

  it('subscribes its watcher again once Redis is back after a restart, tells it, and hears changes then', async () => {
    const writer = await connect();
    const reader = await RedisKeyStore.connect(server.url, { keyPrefix: `test${prefixes}:` });
    let signals = 0;
    reader.watch(() => (signals += 1));
    await new Promise((resolve) => setTimeout(resolve, 200));

    await server.kill();
    await server.restart();
    while (signals === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const key = keyWrite();
    await writer.save(key, null, auditOf(key.record.id));

    while (signals === 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(signals).toBe(2);
    await Promise.all([writer.close(), reader.close()]);
  });

  it('closes while its watcher comes back from a Redis restart without an unhandled rejection', async () => {
    const store = await connect();
    store.watch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));

    const rejections = await unhandledRejectionsDuring(() => restartAndCloseDuringReadyCheck(server, 'forgesyte-key-changes', () => store.close()));

    expect(rejections).toEqual([]);
  });

  it('logs the first of a series of failures only, and the first again once Redis answered in between', async () => {
    const store = await connect();
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const outage = async (polls: number) => {
      server.pause();
      try {
        for (let poll = 0; poll < polls; poll += 1) await expect(store.revision()).rejects.toBeInstanceOf(StoreUnavailableError);
      } finally {
        server.resume();
      }
    };
    try {
      await outage(3);
      expect(logged).toHaveBeenCalledTimes(1);
      expect(logged.mock.calls[0][0]).toMatch(/^read failed in Redis \(Command timed out\)/);

      await expect(store.revision()).resolves.toBe(0);
      await outage(2);
      expect(logged).toHaveBeenCalledTimes(2);
    } finally {
      logged.mockRestore();
      await store.close();
    }
  });

  it('fails reads and writes as STORE_UNAVAILABLE, in words about keys, while Redis is hung', async () => {
    const store = await connect();
    const key = keyWrite();
    server.pause();
    try {
      await expect(store.save(key, null, auditOf(key.record.id))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', message: expect.stringMatching(/^The key store could not be written/) });
      await expect(store.revision()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      server.resume();
    }
    await store.close();
  });
});
