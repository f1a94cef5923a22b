import { StoreUnavailableError } from '@forgesyte/errors';
import { type RedisServer, startRedisServer } from '../../../../execution/src/testing/redis-server';
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

  it('fails reads and writes as STORE_UNAVAILABLE while Redis is hung', async () => {
    const store = await connect();
    const key = keyWrite();
    server.pause();
    try {
      await expect(store.save(key, null, auditOf(key.record.id))).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.revision()).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      server.resume();
    }
    await store.close();
  });
});
