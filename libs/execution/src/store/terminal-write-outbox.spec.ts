import { Logger } from '@nestjs/common';
import { newJob } from '../jobs/new-job';
import { OutageJobStore } from '../testing/outage-job-store';
import { TerminalWriteOutbox } from './terminal-write-outbox';

describe(TerminalWriteOutbox.name, () => {
  const logger = new Logger('test');
  let store: OutageJobStore;
  let logged: string[];

  beforeEach(() => {
    store = new OutageJobStore();
    logged = [];
    for (const level of ['log', 'warn', 'error'] as const) jest.spyOn(logger, level).mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
  });

  afterEach(() => jest.restoreAllMocks());

  const running = async () => {
    const job = await store.insert(newJob({ plugin: 'echo', tool: 'echo', mode: 'async', owner: 'key' }));
    await store.transition(job.id, ['pending'], 'running');
    return job.id;
  };
  const succeed = (jobId: string) => ({ jobId, from: ['running'] as const, to: 'success' as const, update: { result: { ok: true } } });

  it('writes again, oldest first, what the store refused, once it takes writes', async () => {
    const outbox = new TerminalWriteOutbox(store, logger, { capacity: 10, firstRetryMs: 5, maxRetryMs: 20 });
    const ids = [await running(), await running()];
    store.down = true;

    for (const id of ids) await expect(outbox.write(succeed(id))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(outbox.size).toBe(2);
    store.down = false;
    await Promise.all(ids.map((id) => outbox.untilWritten(id)));

    for (const id of ids) expect(await store.get(id)).toMatchObject({ status: 'success', result: { ok: true } });
    expect(logged.filter((line) => line.endsWith('recorded success after the store recovered'))).toEqual(ids.map((id) => `job ${id}: recorded success after the store recovered`));
  });

  it('keeps no more than its capacity, logging the outcome it cannot keep with its job id', async () => {
    const outbox = new TerminalWriteOutbox(store, logger, { capacity: 1, firstRetryMs: 5, maxRetryMs: 20 });
    const [kept, dropped] = [await running(), await running()];
    store.down = true;

    await expect(outbox.write(succeed(kept))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    await expect(outbox.write(succeed(dropped))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });

    expect([outbox.has(kept), outbox.has(dropped)]).toEqual([true, false]);
    expect(logged).toContainEqual(expect.stringMatching(new RegExp(`^job ${dropped}: could not record it success .*1 outcomes already wait.*crash recovery`)));
    await outbox.flushBeforeExit(0);
  });

  it('drops a kept outcome whose job another process ended meanwhile', async () => {
    const outbox = new TerminalWriteOutbox(store, logger, { capacity: 10, firstRetryMs: 5, maxRetryMs: 20 });
    const id = await running();
    store.down = true;
    await expect(outbox.write(succeed(id))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    store.down = false;
    await store.transition(id, ['running'], 'failed');

    await outbox.untilWritten(id);

    expect(await store.get(id)).toMatchObject({ status: 'failed' });
    expect(logged).toContain(`job ${id}: no longer running when its outcome (success) could be written; dropped`);
  });
});
