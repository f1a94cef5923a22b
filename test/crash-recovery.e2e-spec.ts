import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiProcess, freePort } from './support/app-process';
import { waitFor } from './support/async';
import { allJobs, type ApiCall, apiCall, isTerminal, type JobView } from './support/process-api-client';

jest.setTimeout(120_000);

const KEY = 'crash-admin-key-0123456789';
const JOBS = 200;
/** Test-only preload that kills the API in the middle of a SQLite group commit (see the file). */
const KILL_AT_COMMIT = resolve(__dirname, 'fixtures/kill-at-commit.cjs');

/** The API as a child process on a SQLite file in `dataDir`, with the slow fixture plugin (and `env`). */
async function startApi(dataDir: string, env: Record<string, string> = {}): Promise<{ api: ApiProcess; call: ApiCall }> {
  const port = await freePort();
  const api = new ApiProcess({
    PORT: String(port),
    FORGESYTE_ADMIN_KEY: KEY,
    FORGESYTE_DATA_DIR: dataDir,
    FORGESYTE_PLUGINS: './test/fixtures/plugins/slow-progress.plugin.js',
    FORGESYTE_MAX_CONCURRENCY: '4',
    ...env,
  });
  await api.waitForOutput(/listening on/);
  return { api, call: apiCall(port, KEY) };
}

/** Every job the API lists, once every one is terminal (crash recovery and the queue done). */
function allTerminal(call: ApiCall): Promise<JobView[]> {
  return waitFor(() => allJobs(call), (jobs) => jobs.every(isTerminal), 90_000);
}

describe('crash recovery on SQLite', () => {
  it('after kill -9 mid-run, every one of 200 jobs ends terminal: none lost, none left running, results intact', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-kill9-'));
    const first = await startApi(dataDir);
    const submitted: string[] = [];
    for (let i = 0; i < JOBS; i += 1) {
      const response = await first.call('/v1/analyze-execution/async', {
        method: 'POST',
        body: JSON.stringify({ plugin: 'slow-progress', tool: 'count', args: { steps: 4, delay_ms: 25 } }),
      });
      expect(response.status).toBe(202);
      submitted.push(((await response.json()) as { job_id: string }).job_id);
    }
    const beforeKill = await waitFor(
      () => allJobs(first.call),
      (jobs) => jobs.filter((job) => job.status === 'success').length >= 20,
      60_000,
    );
    first.api.child.kill('SIGKILL');
    expect(await first.api.exited).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await startApi(dataDir);
    try {
      const after = await allTerminal(second.call);

      expect(after.map((job) => job.job_id).sort()).toEqual([...submitted].sort());
      const statuses = new Map(after.map((job) => [job.job_id, job]));
      for (const earlier of beforeKill.filter((job) => job.status === 'success')) {
        const result = await (await second.call(`/v1/analyze-execution/jobs/${earlier.job_id}/result`)).json();
        expect(result).toMatchObject({ status: 'success', result: { steps: 4 } });
      }
      const interrupted = after.filter((job) => job.status === 'failed');
      expect(interrupted.length).toBeGreaterThan(0);
      for (const job of interrupted) {
        const result = (await (await second.call(`/v1/analyze-execution/jobs/${job.job_id}/result`)).json()) as JobView;
        expect(result.error).toMatchObject({ code: 'JOB_INTERRUPTED', retryable: true });
      }
      const wasRunning = beforeKill.filter((job) => job.status === 'running').map((job) => job.job_id);
      expect(wasRunning.every((id) => statuses.get(id)?.status !== 'running')).toBe(true);
      expect(after.filter((job) => job.status === 'success').length).toBe(JOBS - interrupted.length);
    } finally {
      await second.api.stop();
    }
  });

  it('after kill -9 in the middle of a group commit, every job whose submission was answered is there after restart, and ends terminal', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-kill9-commit-'));
    const first = await startApi(dataDir, { NODE_OPTIONS: `--require ${KILL_AT_COMMIT}`, FORGESYTE_TEST_KILL_AT_COMMIT: '80' });
    const acknowledged: string[] = [];
    // Clients submitting side by side until the process dies under them: batches hold inserts, starts, progress and ends.
    const client = async (): Promise<void> => {
      for (;;) {
        const response = await first.call('/v1/analyze-execution/async', {
          method: 'POST',
          body: JSON.stringify({ plugin: 'slow-progress', tool: 'count', args: { steps: 2, delay_ms: 1 } }),
        }).catch(() => undefined);
        if (response === undefined) return;
        expect(response.status).toBe(202);
        acknowledged.push(((await response.json()) as { job_id: string }).job_id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    expect(await first.api.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(first.api.stderr).toContain('kill-at-commit: SIGKILL in group commit 80');

    const second = await startApi(dataDir);
    try {
      const after = await allTerminal(second.call);

      expect(acknowledged.length).toBeGreaterThan(8);
      const kept = new Set(after.map((job) => job.job_id));
      expect(acknowledged.filter((id) => !kept.has(id))).toEqual([]);
    } finally {
      await second.api.stop();
    }
  });
});
