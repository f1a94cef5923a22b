import type { JobStoreChoice } from '@forgesyte/execution';
import type { KeyStore } from './key-store';
import { MemoryKeyStore } from './memory-key-store';
import { RedisKeyStore } from './redis/redis-key-store';
import { SqliteKeyStore } from './sqlite/sqlite-key-store';

// The one place of this lib that knows the kinds of store: the rest gets a KeyStore.

/** The key store in the job store's database: the same SQLite file, the same Redis, or this process's memory. */
export async function openKeyStore(choice: JobStoreChoice = { kind: 'memory' }): Promise<KeyStore> {
  switch (choice.kind) {
    case 'memory':
      return new MemoryKeyStore();
    case 'sqlite':
      return SqliteKeyStore.open(choice.file);
    case 'redis':
      return RedisKeyStore.connect(choice.url, { commandTimeoutMs: choice.commandTimeoutMs });
  }
}
