import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiProcess, freePort } from './support/app-process';
import { SHIPPED_PLUGIN_NAMES } from './support/e2e-app';

jest.setTimeout(90_000);

describe('starting the API process', () => {
  it('starts with no configuration on 127.0.0.1, prints a generated admin key once, and it works', async () => {
    const port = await freePort();
    const api = new ApiProcess({ PORT: String(port) });
    try {
      const [, key] = await api.waitForOutput(/FORGESYTE_ADMIN_KEY=(\S+)\n/);
      await api.waitForOutput(new RegExp(`listening on http://127\\.0\\.0\\.1:${port}`));

      const plugins = await fetch(`http://127.0.0.1:${port}/v1/plugins`, { headers: { 'X-API-Key': key } });
      const denied = await fetch(`http://127.0.0.1:${port}/v1/plugins`);

      expect(plugins.status).toBe(200);
      expect(((await plugins.json()) as { plugins: Array<{ name: string }> }).plugins.map((p) => p.name)).toEqual(SHIPPED_PLUGIN_NAMES);
      expect(denied.status).toBe(401);
      expect(api.stdout.split(key).length - 1).toBe(1);
    } finally {
      expect(await api.stop()).toEqual({ code: null, signal: 'SIGTERM' });
    }
  });

  it.each([
    ['FORGESYTE_TIMEOUT_MS', 'soon', "FORGESYTE_TIMEOUT_MS must be a whole number from 1 to 86400000; got 'soon'."],
    ['FORGESYTE_ADMIN_KEY', 'short', 'FORGESYTE_ADMIN_KEY must be at least 16 characters'],
    ['FORGESYTE_JOB_STORE', 'postgres', "FORGESYTE_JOB_STORE must be one of sqlite, memory, redis; got 'postgres'."],
  ])('refuses to start when %s is invalid, naming it', async (variable, value, message) => {
    const api = new ApiProcess({ PORT: String(await freePort()), [variable]: value });

    expect(await api.exited).toEqual({ code: 1, signal: null });
    expect(api.stderr).toContain(`ForgeSyte failed to start: Invalid configuration: ${message}`);
  });

  it('refuses to start on a corrupt jobs database, naming the file and leaving it untouched', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-corrupt-'));
    const file = join(dataDir, 'jobs.sqlite');
    const garbage = Buffer.from('this is not a SQLite database, but someone cares about it '.repeat(100));
    writeFileSync(file, garbage);

    const api = new ApiProcess({ PORT: String(await freePort()), FORGESYTE_DATA_DIR: dataDir });

    expect(await api.exited).toEqual({ code: 1, signal: null });
    expect(api.stderr).toContain(`ForgeSyte failed to start: Error: jobs database ${file} is not a readable SQLite database`);
    expect(api.stderr).toContain('will not overwrite or delete it');
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('keeps jobs in a SQLite file under FORGESYTE_DATA_DIR by default, across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-restart-'));
    const key = 'boot-admin-key-0123456789';
    const start = async (): Promise<{ api: ApiProcess; url: string }> => {
      const port = await freePort();
      const api = new ApiProcess({ PORT: String(port), FORGESYTE_DATA_DIR: dataDir, FORGESYTE_ADMIN_KEY: key });
      await api.waitForOutput(/listening on/);
      return { api, url: `http://127.0.0.1:${port}` };
    };
    const first = await start();
    const analyzed = await fetch(`${first.url}/v1/analyze-execution`, {
      method: 'POST',
      headers: { 'X-API-Key': key, 'Content-Type': 'application/json' },
      body: JSON.stringify({ plugin: 'image-inspect', tool: 'metadata', image: readFileSync(join(__dirname, 'fixtures/images/grey.png')).toString('base64'), mime_type: 'image/png' }),
    });
    const { job_id: jobId } = (await analyzed.json()) as { job_id: string };
    await first.api.stop();

    const second = await start();
    try {
      const job = await fetch(`${second.url}/v1/analyze-execution/jobs/${jobId}/result`, { headers: { 'X-API-Key': key } });

      expect(job.status).toBe(200);
      expect(await job.json()).toMatchObject({ job_id: jobId, status: 'success', result: { width: 32, height: 32 } });
    } finally {
      await second.api.stop();
    }
  });
});
