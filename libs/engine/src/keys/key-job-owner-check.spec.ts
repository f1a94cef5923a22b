import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { AnalysisExecutionService, type Caller, type Job } from '@forgesyte/execution';
import { ApiKeyService, type KeyActor, type NewKeyInput } from '@forgesyte/keys';
import type { Plugin } from '@forgesyte/plugin-sdk';
import { SILENT_LOGGER } from '../../../../test/support/silent-logger';
import { loadEngineConfig } from '../config/load-engine-config';
import { EngineModule } from '../engine.module';
import { KeyJobOwnerCheck } from './key-job-owner-check';

const ANY_OBJECT = Object.freeze({ type: 'object' });
const ADMIN: Caller = { id: 'key_0123456789abcdef', isAdmin: true };
const ACTOR: KeyActor = { id: 'key_0123456789abcdef', name: 'FORGESYTE_ADMIN_KEY' };

/** A plugin whose `hold` call takes the one executor slot until released, and whose other tools count their runs. */
function gatePlugin(): { plugin: Plugin; release: () => void; runs: string[] } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const runs: string[] = [];
  const tool = { description: 'Runs.', inputSchema: ANY_OBJECT, outputSchema: ANY_OBJECT };
  const plugin: Plugin = {
    name: 'gate',
    version: '1.0.0',
    description: 'Holds the executor, and counts runs.',
    tools: { hold: tool, count: tool, other: tool },
    run: async (name) => {
      if (name === 'hold') await held;
      else runs.push(name);
      return {};
    },
  };
  return { plugin, release, runs };
}

describe.each([['memory'], ['sqlite']])(`${KeyJobOwnerCheck.name} (%s store)`, (store) => {
  const dataDir = mkdtempSync(join(tmpdir(), `forgesyte-owner-check-${store}-`));
  let moduleRef: TestingModule;
  let gate: ReturnType<typeof gatePlugin>;
  let analysis: AnalysisExecutionService;
  let keys: ApiKeyService;

  beforeEach(async () => {
    gate = gatePlugin();
    const config = loadEngineConfig({ FORGESYTE_JOB_STORE: store, FORGESYTE_DATA_DIR: mkdtempSync(join(dataDir, 'run-')), FORGESYTE_MAX_CONCURRENCY: '1' });
    moduleRef = await Test.createTestingModule({ imports: [EngineModule.forRoot(config, { shipped: [gate.plugin], role: 'api' })] })
      .setLogger(SILENT_LOGGER)
      .compile();
    moduleRef.useLogger(false);
    await moduleRef.init();
    analysis = moduleRef.get(AnalysisExecutionService);
    keys = moduleRef.get(ApiKeyService);
  });

  afterEach(async () => {
    gate.release();
    await moduleRef.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** A stored key, and jobs of its submitted while the executor is held by another job. */
  async function jobsQueuedBehindHold(input: Partial<NewKeyInput>, tools: readonly string[]): Promise<{ keyId: string; jobs: Job[] }> {
    const { record } = await keys.create({ name: 'queued', scopes: ['analyze'], ...input }, ACTOR);
    await analysis.submit({ plugin: 'gate', tool: 'hold', args: {} }, ADMIN);
    const owner: Caller = { id: record.id, isAdmin: false };
    const jobs = [];
    for (const tool of tools) jobs.push((await analysis.submit({ plugin: 'gate', tool, args: {} }, owner)).job);
    return { keyId: record.id, jobs };
  }

  const ended = (job: Job): Promise<Job> => waitForEnd(analysis, job.id);

  it("fails a revoked key's queued jobs as FORBIDDEN when they start, without running their tool", async () => {
    const { keyId, jobs } = await jobsQueuedBehindHold({}, ['count', 'count']);

    const revoked = await keys.revoke(keyId, ACTOR);
    gate.release();

    for (const job of jobs) {
      const finished = await ended(job);
      expect(finished).toMatchObject({ status: 'failed', owner: keyId, error: { code: 'FORBIDDEN', type: 'AuthError', retryable: false, job_id: job.id } });
      expect(finished.error?.details).toEqual({ key_id: keyId, reason: 'revoked', at: revoked.revokedAt });
      expect(finished.error?.message).toContain(`its API key ${keyId} was revoked at ${revoked.revokedAt as string}, after the job was submitted`);
    }
    expect(gate.runs).toEqual([]);
  });

  it('fails a queued job whose tool left the key allow-list, and runs the one whose tool stayed in it', async () => {
    const { keyId, jobs } = await jobsQueuedBehindHold({ tools: ['gate.count', 'gate.other'] }, ['count', 'other']);

    await keys.update(keyId, { tools: ['gate.other'] }, ACTOR);
    gate.release();

    const [count, other] = [await ended(jobs[0]), await ended(jobs[1])];
    expect(count).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN', details: { key_id: keyId, reason: 'tool' } } });
    expect(count.error?.message).toContain("may no longer call tool 'gate.count'");
    expect(other.status).toBe('success');
    expect(gate.runs).toEqual(['other']);
  });

  it('fails a queued job whose plugin left the key allow-list', async () => {
    const { keyId, jobs } = await jobsQueuedBehindHold({ plugins: ['gate'] }, ['count']);

    await keys.update(keyId, { plugins: ['elsewhere'] }, ACTOR);
    gate.release();

    expect(await ended(jobs[0])).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN', details: { key_id: keyId, reason: 'plugin' } } });
    expect(gate.runs).toEqual([]);
  });

  it("fails a queued job of a key that lost the 'analyze' scope", async () => {
    const { keyId, jobs } = await jobsQueuedBehindHold({}, ['count']);

    await keys.update(keyId, { scopes: ['jobs:read'] }, ACTOR);
    gate.release();

    expect(await ended(jobs[0])).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN', details: { key_id: keyId, reason: 'scope' } } });
    expect(gate.runs).toEqual([]);
  });

  it('fails a queued job of a key that expired while it waited', async () => {
    const { keyId, jobs } = await jobsQueuedBehindHold({ expiresAt: new Date(Date.now() + 300).toISOString() }, ['count']);

    await new Promise((resolve) => setTimeout(resolve, 350));
    gate.release();

    expect(await ended(jobs[0])).toMatchObject({ status: 'failed', error: { code: 'FORBIDDEN', details: { key_id: keyId, reason: 'expired' } } });
    expect(gate.runs).toEqual([]);
  });

  it('runs the queued jobs of a key left unchanged, and of a bootstrap key', async () => {
    const { jobs } = await jobsQueuedBehindHold({}, ['count']);
    const bootstrap = (await analysis.submit({ plugin: 'gate', tool: 'other', args: {} }, { id: 'key_fedcba9876543210', isAdmin: false })).job;

    gate.release();

    expect(await ended(jobs[0])).toMatchObject({ status: 'success' });
    expect(await ended(bootstrap)).toMatchObject({ status: 'success' });
    expect(gate.runs).toEqual(['count', 'other']);
  });
});

/** Polls the job until it ended; fails after 5 s. */
async function waitForEnd(analysis: AnalysisExecutionService, jobId: string): Promise<Job> {
  const giveUpAt = Date.now() + 5_000;
  for (;;) {
    const job = await analysis.getJob(jobId, ADMIN);
    if (['success', 'failed', 'cancelled'].includes(job.status)) return job;
    if (Date.now() > giveUpAt) throw new Error(`job ${jobId} is still ${job.status} after 5 s`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
