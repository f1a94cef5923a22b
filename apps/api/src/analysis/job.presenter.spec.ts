import type { Job } from '@forgesyte/execution';
import { presentJob, presentJobOutcome, presentJobPage, presentSyncResult } from './job.presenter';

const created = new Date('2026-01-01T00:00:00.000Z');
const started = new Date('2026-01-01T00:00:01.000Z');
const completed = new Date('2026-01-01T00:00:02.500Z');

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    plugin: 'echo',
    tool: 'echo',
    mode: 'async',
    status: 'success',
    owner: 'key_owner',
    priority: 3,
    createdAt: created,
    startedAt: started,
    completedAt: completed,
    durationMs: 12.345678,
    progress: { fraction: 1, message: 'done' },
    args: { message: 'hi' },
    result: { message: 'hi' },
    idempotencyKey: 'key-1',
    requestHash: 'abc',
    attempt: 1,
    attempts: 1,
    attemptErrors: [],
    nextAttemptAt: null,
    pluginVersion: '1.2.0',
    ...overrides,
  };
}

describe('presentJob', () => {
  it('maps a job to snake_case JSON with ISO times', () => {
    expect(presentJob(job())).toEqual({
      job_id: '11111111-1111-4111-8111-111111111111',
      plugin: 'echo',
      tool: 'echo',
      mode: 'async',
      status: 'success',
      priority: 3,
      created_at: '2026-01-01T00:00:00.000Z',
      started_at: '2026-01-01T00:00:01.000Z',
      completed_at: '2026-01-01T00:00:02.500Z',
      duration_ms: 12.346,
      progress: { fraction: 1, message: 'done' },
      attempt: 1,
      attempts: 1,
      attempt_errors: [],
      next_attempt_at: null,
      plugin_version: '1.2.0',
    });
  });

  it('shows a job waiting between attempts with its attempts, their errors and when the next starts', () => {
    const timeout = { code: 'PLUGIN_TIMEOUT', type: 'ExecutionError', message: 'slow', details: {}, plugin: 'echo', tool: 'echo', job_id: null, retryable: true } as const;
    const nextAttemptAt = new Date('2026-01-01T00:00:03.000Z');

    const json = presentJob(job({ status: 'pending', attempt: 2, attempts: 3, attemptErrors: [timeout], nextAttemptAt }));

    expect(json).toMatchObject({ status: 'pending', attempt: 2, attempts: 3, attempt_errors: [timeout], next_attempt_at: '2026-01-01T00:00:03.000Z' });
  });

  it('shows a pending job with null times, duration and progress', () => {
    const json = presentJob(job({ status: 'pending', startedAt: null, completedAt: null, durationMs: null, progress: null }));

    expect(json).toMatchObject({ status: 'pending', started_at: null, completed_at: null, duration_ms: null, progress: null });
  });

  it('never shows the owner, args, idempotency key or request hash', () => {
    const json = JSON.stringify(presentJob(job()));

    expect(json).not.toContain('key_owner');
    expect(json).not.toContain('key-1');
    expect(json).not.toContain('requestHash');
    expect(json).not.toContain('"args"');
  });
});

describe('presentJobOutcome', () => {
  it('adds the result of a successful job', () => {
    const json = presentJobOutcome(job());

    expect(json.result).toEqual({ message: 'hi' });
    expect(json).not.toHaveProperty('error');
  });

  it('adds the error of a failed job and no result', () => {
    const error = {
      code: 'PLUGIN_ERROR' as const,
      type: 'PluginError' as const,
      message: 'kaboom',
      details: {},
      plugin: 'echo',
      tool: 'echo',
      job_id: 'j',
      retryable: false,
    };

    const json = presentJobOutcome(job({ status: 'failed', result: undefined, error }));

    expect(json.error).toEqual(error);
    expect(json).not.toHaveProperty('result');
  });
});

describe('presentSyncResult', () => {
  it('maps a successful job to the sync response body', () => {
    expect(presentSyncResult(job({ mode: 'sync' }))).toEqual({
      job_id: '11111111-1111-4111-8111-111111111111',
      plugin: 'echo',
      tool: 'echo',
      status: 'success',
      result: { message: 'hi' },
      duration_ms: 12.346,
    });
  });
});

describe('presentJobPage', () => {
  it('maps a page to jobs, count and next_cursor', () => {
    const page = presentJobPage({ jobs: [job(), job({ id: '2' })], nextCursor: 'next' });

    expect(page.count).toBe(2);
    expect(page.next_cursor).toBe('next');
    expect(page.jobs.map((listed) => listed.job_id)).toEqual(['11111111-1111-4111-8111-111111111111', '2']);
  });

  it('shows the last page with a null next_cursor', () => {
    expect(presentJobPage({ jobs: [], nextCursor: null })).toEqual({ jobs: [], count: 0, next_cursor: null });
  });
});
