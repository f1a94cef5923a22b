import type { JobChanges, StopWatching } from './job-changes';

/** The changes of the jobs of a process that owns its store alone (memory, SQLite): every change is made here. */
export class LocalJobChanges implements JobChanges {
  private readonly watchers = new Map<string, Set<() => void>>();

  readonly changed = (jobId: string): void => {
    const watchers = this.watchers.get(jobId);
    if (watchers === undefined) return;
    for (const onChange of watchers) onChange();
  };

  watch(jobId: string, onChange: () => void): Promise<StopWatching> {
    let watchers = this.watchers.get(jobId);
    if (watchers === undefined) this.watchers.set(jobId, (watchers = new Set()));
    const watcher = () => onChange();
    watchers.add(watcher);
    return Promise.resolve(() => {
      watchers.delete(watcher);
      if (watchers.size === 0 && this.watchers.get(jobId) === watchers) this.watchers.delete(jobId);
    });
  }

  close(): Promise<void> {
    this.watchers.clear();
    return Promise.resolve();
  }
}
