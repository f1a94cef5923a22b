import { job } from '../testing/job-records';
import { updatedJob } from './updated-job';

describe(updatedJob.name, () => {
  it('sets the status and the fields the update has, and keeps every other field', () => {
    const pending = job({ args: { n: 1 }, idempotencyKey: 'idem-1', requestHash: 'sha256:abc' });
    const startedAt = new Date(5_000);

    const running = updatedJob(pending, 'running', { startedAt });

    expect(running).toEqual({ ...pending, status: 'running', startedAt });
  });

  it('clears a field the update sets to undefined', () => {
    const pending = job({ args: { n: 1 } });

    const finished = updatedJob(pending, 'success', { args: undefined, result: { ok: true }, durationMs: 3 });

    expect(finished.args).toBeUndefined();
    expect(finished).toMatchObject({ status: 'success', result: { ok: true }, durationMs: 3 });
  });

  it('leaves the job it was given unchanged', () => {
    const pending = job({ args: { n: 1 } });
    const before = { ...pending };

    updatedJob(pending, 'cancelled', { args: undefined, durationMs: 1 });

    expect(pending).toEqual(before);
  });

  it('gives a new job and every job it makes the same keys', () => {
    const pending = job();

    expect(Object.keys(updatedJob(pending, 'running', {}))).toEqual(Object.keys(pending));
  });
});
