import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ApiKeyService, openKeyStore } from '@forgesyte/keys';
import { makeTempDir, type RedisServer, startRedisServer } from '@forgesyte/execution/testing';

const ROOT = resolve(__dirname, '../../..');
const dir = makeTempDir('keys-cli');

afterAll(() => dir.remove());

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `npm run keys -- …` as the operator does (the same node command, without npm's overhead), on the temp data directory. */
function keys(...args: string[]): Promise<Run> {
  return keysOn({ FORGESYTE_JOB_STORE: 'sqlite', FORGESYTE_DATA_DIR: dir.path }, ...args);
}

/** Runs `npm run keys -- …` with the store settings of `env`. */
function keysOn(env: Record<string, string>, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/keys-cli/src/main.ts', ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, FORGESYTE_KEY_ROTATION_GRACE_SECONDS: '3600', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });
}

describe('npm run keys', () => {
  it('creates, lists, rotates and revokes a key in the SQLite file the server uses, printing the secret only when made', async () => {
    const created = await keys('create', '--name', 'ci', '--scopes', 'analyze,jobs:read', '--plugins', 'ocr', '--json');
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const { record, key } = JSON.parse(created.stdout) as { record: { id: string }; key: string };
    expect(record).toMatchObject({ name: 'ci', scopes: ['analyze', 'jobs:read'], plugins: ['ocr'] });

    const listed = await keys('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(`${record.id}  ci  (active)`);
    expect(listed.stdout).not.toContain(key.slice(-43));

    const rotated = await keys('rotate', record.id);
    expect(rotated.code).toBe(0);
    const newKey = /fsk_\S+/.exec(rotated.stdout)?.[0] ?? '';
    expect(newKey).not.toBe(key);

    const service = await ApiKeyService.start(await openKeyStore({ kind: 'sqlite', file: join(dir.path, 'jobs.sqlite') }));
    try {
      expect(service.authenticate(newKey)?.id).toBe(record.id);
      expect(service.authenticate(key)?.id).toBe(record.id);

      const revoked = await keys('revoke', record.id);
      expect(revoked.code).toBe(0);
      expect(revoked.stdout).toContain('(revoked)');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(service.authenticate(newKey)).toBeUndefined();
      expect((await service.audit({ limit: 10 })).items.map((entry) => entry.action)).toEqual(['refused-revoked', 'revoked', 'rotated', 'created']);
    } finally {
      await service.close();
    }
  }, 120_000);

  it('refuses bad input with the fields named and exit code 1, and an unknown command with the usage and exit code 2', async () => {
    const [bad, unknown, revokedTwice] = await Promise.all([
      keys('create', '--name', 'ci', '--scopes', 'analyze,root', '--plugins', ''),
      keys('delete', 'k00000000000000000000'),
      keys('rotate', 'k00000000000000000000'),
    ]);

    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("/scopes/1 is 'root', not a scope");
    expect(bad.stderr).toContain('/plugins is empty');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'delete'");
    expect(revokedTwice.code).toBe(1);
    expect(revokedTwice.stderr).toContain('KEY_NOT_FOUND');
  }, 120_000);

  describe('on Redis', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedisServer();
    });
    afterAll(async () => {
      await redis?.stop();
    });

    it('creates, rotates and revokes a key, exiting 0 with nothing on stderr', async () => {
      const env = { FORGESYTE_JOB_STORE: 'redis', REDIS_URL: redis.url };
      const created = await keysOn(env, 'create', '--name', 'ci', '--scopes', 'analyze', '--json');
      expect(created).toMatchObject({ code: 0, stderr: '' });
      const { record } = JSON.parse(created.stdout) as { record: { id: string } };

      const [rotated, revoked] = [await keysOn(env, 'rotate', record.id), await keysOn(env, 'revoke', record.id)];

      expect(rotated).toMatchObject({ code: 0, stderr: '' });
      expect(revoked).toMatchObject({ code: 0, stderr: '' });
      expect(revoked.stdout).toContain('(revoked)');
    }, 120_000);
  });
});
