import { join } from 'node:path';
import { makeTempDir, type RedisServer, startRedisServer } from '@forgesyte/execution/testing';
import { ApiKeyService } from './api-key.service';
import type { KeyStore } from './store/key-store';
import { RedisKeyStore } from './store/redis/redis-key-store';
import { SqliteKeyStore } from './store/sqlite/sqlite-key-store';

const ADMIN = { id: 'key_0123456789abcdef', name: 'FORGESYTE_ADMIN_KEY' };

/** Polls `check` until it holds; resolves with the ms it took, or fails after `withinMs`. */
async function msUntil(check: () => boolean, withinMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not seen within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

/** Two processes' services over one store (each with its own connection, as two processes have): a change in one is seen by the other within a second. */
function describeTwoProcesses(kind: string, connect: () => Promise<KeyStore>): void {
  describe(`two ApiKeyService instances over one ${kind}`, () => {
    let first: ApiKeyService;
    let second: ApiKeyService;

    beforeEach(async () => {
      first = await ApiKeyService.start(await connect());
      second = await ApiKeyService.start(await connect());
    });

    afterEach(async () => {
      await Promise.all([first.close(), second.close()]);
    });

    it('sees a key created, changed and revoked in the other within a second', async () => {
      const { record, key } = await first.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);
      expect(await msUntil(() => second.authenticate(key) !== undefined, 1_000)).toBeLessThan(1_000);

      await first.update(record.id, { plugins: ['ocr'] }, ADMIN);
      await msUntil(() => second.authenticate(key)?.plugins?.[0] === 'ocr', 1_000);

      await first.revoke(record.id, ADMIN);
      expect(first.authenticate(key)).toBeUndefined();
      expect(await msUntil(() => second.authenticate(key) === undefined, 1_000)).toBeLessThan(1_000);
    });

    it('lets the other process use a rotated key\'s new secret within a second, and the old one still', async () => {
      const { record, key: old } = await first.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);
      await msUntil(() => second.authenticate(old) !== undefined, 1_000);

      const { key } = await first.rotate(record.id, ADMIN);

      await msUntil(() => second.authenticate(key) !== undefined, 1_000);
      expect(second.authenticate(old)?.id).toBe(record.id);
    });
  });
}

const dir = makeTempDir('keys-processes');
let files = 0;
let server: RedisServer;
let prefixes = 0;
let prefix = '';

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await server.stop();
  dir.remove();
});

let file = '';
beforeEach(() => {
  file = join(dir.path, `jobs-${(files += 1)}.sqlite`);
  prefix = `p${(prefixes += 1)}:`;
});

describeTwoProcesses('SQLite file', async () => SqliteKeyStore.open(file));
describeTwoProcesses('Redis', () => RedisKeyStore.connect(server.url, { keyPrefix: prefix }));
