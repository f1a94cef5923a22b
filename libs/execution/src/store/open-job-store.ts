import type { JobStoreChoice } from '../execution.options';
import type { JobStore } from './job-store';
import { MemoryJobStore } from './memory-job-store';
import { RedisJobStore } from './redis/redis-job-store';
import { SqliteJobStore } from './sqlite/sqlite-job-store';

/** Opens the store `choice` names; a memory store keeps `retainJobs` finished jobs. */
export async function openJobStore(choice: JobStoreChoice, retainJobs: number): Promise<JobStore> {
  switch (choice.kind) {
    case 'memory':
      return new MemoryJobStore(retainJobs);
    case 'sqlite':
      return SqliteJobStore.open(choice.file);
    case 'redis':
      return RedisJobStore.connect(choice.url, { commandTimeoutMs: choice.commandTimeoutMs });
  }
}
