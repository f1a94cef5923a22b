import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyRing } from '../apps/api/src/auth/api-key-ring';
import { sleep, waitFor } from './support/async';
import { ADMIN_KEY, type E2eApp, startApp, USER_KEY } from './support/e2e-app';
import { expectEnvelope } from './support/envelope';

jest.setTimeout(60_000);

/** The rotation grace of this suite: short, so that the old secret's end can be seen. */
const GRACE_SECONDS = 2;
const ECHO = { plugin: 'echo', tool: 'echo', args: { message: 'hi' } };

interface KeyJson {
  id: string;
  name: string;
  key?: string;
  scopes: string[];
  plugins: string[] | null;
  tools: string[] | null;
  revoked_at: string | null;
}

describe('Stored API keys over HTTP (SQLite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'forgesyte-keys-'));
  let api: E2eApp;

  beforeAll(async () => {
    api = await startApp({ FORGESYTE_JOB_STORE: 'sqlite', FORGESYTE_DATA_DIR: dataDir, FORGESYTE_KEY_ROTATION_GRACE_SECONDS: String(GRACE_SECONDS) });
  });
  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const admin = () => ({ 'X-API-Key': ADMIN_KEY });

  async function createKey(body: Record<string, unknown>): Promise<KeyJson & { key: string }> {
    const response = await api.http().post('/v1/keys').set(admin()).send(body);
    expect(response.status).toBe(201);
    return response.body as KeyJson & { key: string };
  }

  const analyze = (key: string, body: object = ECHO) => api.http().post('/v1/analyze-execution').set('X-API-Key', key).send(body);

  it('creates a key whose secret is answered once, in the fsk_<id>_ format, and which then works', async () => {
    const created = await createKey({ name: 'ci', scopes: ['analyze', 'jobs:read', 'plugins:read'] });

    expect(created).toMatchObject({ name: 'ci', scopes: ['analyze', 'jobs:read', 'plugins:read'], plugins: null, tools: null, revoked_at: null });
    expect(created.key.startsWith(`fsk_${created.id}_`)).toBe(true);
    expect((await analyze(created.key)).status).toBe(200);
    expect((await api.http().get('/v1/plugins').set('Authorization', `Bearer ${created.key}`)).status).toBe(200);
  });

  it('lists and reads keys without their secrets', async () => {
    const created = await createKey({ name: 'listed', scopes: ['analyze'] });

    const listed = await api.http().get('/v1/keys?limit=100').set(admin());
    const read = await api.http().get(`/v1/keys/${created.id}`).set(admin());

    expect(listed.status).toBe(200);
    expect((listed.body as { keys: KeyJson[] }).keys.map((key) => key.id)).toContain(created.id);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created.id, name: 'listed' });
    const secret = created.key.slice(`fsk_${created.id}_`.length);
    for (const body of [listed.body, read.body]) {
      expect(JSON.stringify(body)).not.toContain(secret);
      expect(JSON.stringify(body)).not.toContain('"key"');
    }
  });

  it('pages the listing with next_cursor', async () => {
    await createKey({ name: 'page-a', scopes: ['analyze'] });
    await createKey({ name: 'page-b', scopes: ['analyze'] });
    const first = await api.http().get('/v1/keys?limit=1').set(admin());
    const second = await api.http().get(`/v1/keys?limit=1&cursor=${(first.body as { next_cursor: string }).next_cursor}`).set(admin());

    expect((first.body as { count: number }).count).toBe(1);
    expect((second.body as { keys: KeyJson[] }).keys[0].id).not.toBe((first.body as { keys: KeyJson[] }).keys[0].id);
  });

  it('restricts a key to its plugins: another plugin is 403 FORBIDDEN naming it, and the plugin list shows only its own', async () => {
    const { key } = await createKey({ name: 'only-echo', scopes: ['analyze', 'plugins:read'], plugins: ['echo'] });

    expect((await analyze(key)).status).toBe(200);
    expectEnvelope(await analyze(key, { plugin: 'thrower', tool: 'boom', args: {} }), 403, {
      code: 'FORBIDDEN',
      type: 'AuthError',
      plugin: 'thrower',
      details: { plugin: 'thrower', allowed_plugins: ['echo'] },
      message: /may not call plugin 'thrower'.*allow-list is echo.*PATCH \/v1\/keys/,
    });
    expectEnvelope(await api.http().post('/v1/analyze-execution/async').set('X-API-Key', key).send({ plugin: 'thrower', tool: 'boom' }), 403, { code: 'FORBIDDEN', type: 'AuthError' });
    const listed = await api.http().get('/v1/plugins').set('X-API-Key', key);
    expect((listed.body as { plugins: Array<{ name: string }> }).plugins.map((plugin) => plugin.name)).toEqual(['echo']);
    expectEnvelope(await api.http().get('/v1/plugins/thrower').set('X-API-Key', key), 403, { code: 'FORBIDDEN', type: 'AuthError' });
    expectEnvelope(await api.http().get('/v1/plugins/thrower/health').set('X-API-Key', key), 403, { code: 'FORBIDDEN', type: 'AuthError' });
  });

  it('refuses a plugin no tools entry names, when the request names no tool, as a plugin outside the allow-list', async () => {
    const { key } = await createKey({ name: 'shout-only', scopes: ['analyze'], tools: ['echo.shout'] });

    const error = expectEnvelope(await analyze(key, { plugin: 'no-such-plugin', args: {} }), 403, { code: 'FORBIDDEN', type: 'AuthError', tool: null });

    expect(error.details).toEqual({ plugin: 'no-such-plugin', allowed_plugins: ['echo'] });
    expect(error.message).toMatch(/may not call plugin 'no-such-plugin'/);
    expect(error.message).not.toMatch(/default tool/);
  });

  it('names at most ten entries of a long allow-list in a refusal message, and all of them in its details', async () => {
    const plugins = Array.from({ length: 300 }, (_, index) => `plugin-${index}`);
    const { key } = await createKey({ name: 'many', scopes: ['analyze'], plugins });

    const error = expectEnvelope(await analyze(key), 403, { code: 'FORBIDDEN', type: 'AuthError' });

    expect(error.message).toMatch(/and 290 more/);
    expect(error.message).not.toContain('plugin-299');
    expect((error.details as { allowed_plugins: string[] }).allowed_plugins).toHaveLength(300);
  });

  it('refuses a plugin outside the allow-list the same way whether or not it exists', async () => {
    const { key } = await createKey({ name: 'no-oracle', scopes: ['analyze'], plugins: ['echo'] });

    const absent = expectEnvelope(await analyze(key, { plugin: 'no-such-plugin' }), 403, { code: 'FORBIDDEN', type: 'AuthError' });

    expect(absent.details).toEqual({ plugin: 'no-such-plugin', allowed_plugins: ['echo'] });
  });

  it('restricts a key to its tools, the default tool included, and shows it only those', async () => {
    const { key } = await createKey({ name: 'only-shout', scopes: ['analyze', 'plugins:read'], tools: ['echo.shout'] });

    expect((await analyze(key, { plugin: 'echo', tool: 'shout', args: { message: 'hi' } })).body).toMatchObject({ result: { message: 'HI' } });
    expectEnvelope(await analyze(key), 403, { code: 'FORBIDDEN', type: 'AuthError', tool: 'echo', details: { plugin: 'echo', tool: 'echo', allowed_tools: ['echo.shout'] } });
    expectEnvelope(await analyze(key, { plugin: 'echo', args: { message: 'hi' } }), 403, { code: 'FORBIDDEN', type: 'AuthError', tool: 'echo' });
    const detail = await api.http().get('/v1/plugins/echo').set('X-API-Key', key);
    expect((detail.body as { tools: Array<{ name: string }> }).tools.map((tool) => tool.name)).toEqual(['shout']);
    const listed = await api.http().get('/v1/plugins').set('X-API-Key', key);
    expect((listed.body as { plugins: Array<{ name: string; tools: string[] }> }).plugins).toEqual([expect.objectContaining({ name: 'echo', tools: ['shout'] })]);
  });

  it('gives a key with allow-lists the generic OpenAPI document, which names no tool', async () => {
    const { key } = await createKey({ name: 'docs', scopes: ['plugins:read'], plugins: ['echo'] });

    const document = await api.http().get('/v1/openapi.json').set('X-API-Key', key);

    expect(document.status).toBe(200);
    expect(JSON.stringify(document.body)).not.toContain('"echo"');
  });

  it("changes a key's allow-list and scopes with PATCH, effective on its next request", async () => {
    const created = await createKey({ name: 'patched', scopes: ['analyze'], plugins: ['thrower'] });
    expect((await analyze(created.key)).status).toBe(403);

    const patched = await api.http().patch(`/v1/keys/${created.id}`).set(admin()).send({ plugins: null, name: 'patched-2' });

    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id: created.id, name: 'patched-2', plugins: null });
    expect((await analyze(created.key)).status).toBe(200);
    await api.http().patch(`/v1/keys/${created.id}`).set(admin()).send({ scopes: ['jobs:read'] }).expect(200);
    expectEnvelope(await analyze(created.key), 403, { code: 'FORBIDDEN', type: 'AuthError', details: { required_scope: 'analyze' } });
  });

  it("owns its jobs by the key's id: another key cannot see them, an admin can, also after the key is revoked", async () => {
    const created = await createKey({ name: 'owner', scopes: ['analyze', 'jobs:read'] });
    const jobId = (await analyze(created.key)).body.job_id as string;

    expect((await api.http().get(`/v1/analyze-execution/jobs/${jobId}`).set('X-API-Key', created.key)).status).toBe(200);
    expectEnvelope(await api.http().get(`/v1/analyze-execution/jobs/${jobId}`).set('X-API-Key', USER_KEY), 404, { code: 'JOB_NOT_FOUND', type: 'NotFoundError' });
    await api.http().delete(`/v1/keys/${created.id}`).set(admin()).expect(200);
    expect((await api.http().get(`/v1/analyze-execution/jobs/${jobId}`).set(admin())).body).toMatchObject({ job_id: jobId, status: 'success' });
  });

  it('rotates a key: the new secret works at once, the old one during the grace period, then 401', async () => {
    const created = await createKey({ name: 'rotated', scopes: ['analyze'] });

    const rotated = await api.http().post(`/v1/keys/${created.id}/rotate`).set(admin());
    const rotatedAt = Date.now();

    expect(rotated.status).toBe(200);
    const fresh = (rotated.body as { key: string }).key;
    expect(rotated.body).toMatchObject({ id: created.id, name: 'rotated' });
    expect(fresh).not.toBe(created.key);
    expect(fresh.startsWith(`fsk_${created.id}_`)).toBe(true);
    expect((await analyze(fresh)).status).toBe(200);
    expect((await analyze(created.key)).status).toBe(200);
    expect(Date.now() - rotatedAt).toBeLessThan(GRACE_SECONDS * 1000);
    await sleep(GRACE_SECONDS * 1000 - (Date.now() - rotatedAt) + 100);
    expectEnvelope(await analyze(created.key), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
    expect((await analyze(fresh)).status).toBe(200);
  });

  it('revokes a key: 401 on its next request, revoked_at set; revoking again changes nothing', async () => {
    const created = await createKey({ name: 'revoked', scopes: ['analyze'] });

    const revoked = await api.http().delete(`/v1/keys/${created.id}`).set(admin());

    expect(revoked.status).toBe(200);
    expect((revoked.body as KeyJson).revoked_at).toEqual(expect.any(String));
    expectEnvelope(await analyze(created.key), 401, { code: 'UNAUTHENTICATED', type: 'AuthError', message: /not valid/ });
    expect((await api.http().delete(`/v1/keys/${created.id}`).set(admin())).body).toMatchObject({ revoked_at: (revoked.body as KeyJson).revoked_at });
  });

  it('refuses to rotate a revoked key', async () => {
    const created = await createKey({ name: 'revoked-then-rotated', scopes: ['analyze'] });
    await api.http().delete(`/v1/keys/${created.id}`).set(admin()).expect(200);

    expectEnvelope(await api.http().post(`/v1/keys/${created.id}/rotate`).set(admin()), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /revoked/ });
  });

  it('records creation, change, rotation, revocation and refused uses of a revoked key in the audit, without secrets', async () => {
    const created = await createKey({ name: 'audited', scopes: ['analyze'] });
    await api.http().patch(`/v1/keys/${created.id}`).set(admin()).send({ name: 'audited-2' }).expect(200);
    const rotated = (await api.http().post(`/v1/keys/${created.id}/rotate`).set(admin())).body as { key: string };
    await api.http().delete(`/v1/keys/${created.id}`).set(admin()).expect(200);
    await analyze(rotated.key).expect(401);

    const audit = await waitFor(
      async () => ((await api.http().get('/v1/audit?limit=100').set(admin())).body as { entries: Array<{ key_id: string; action: string; actor: string }> }).entries,
      (entries) => entries.filter((entry) => entry.key_id === created.id).length >= 5,
    );

    const mine = audit.filter((entry) => entry.key_id === created.id);
    expect(mine.map((entry) => entry.action).sort()).toEqual(['created', 'refused-revoked', 'revoked', 'rotated', 'updated']);
    expect(mine.find((entry) => entry.action === 'created')?.actor).toContain('FORGESYTE_ADMIN_KEY');
    const text = JSON.stringify(audit);
    for (const key of [created.key, rotated.key]) expect(text).not.toContain(key.slice(`fsk_${created.id}_`.length));
  });

  it('answers a forged key with a valid id and a wrong secret 401, as an unknown id', async () => {
    const created = await createKey({ name: 'forged', scopes: ['analyze'] });
    const forged = `fsk_${created.id}_${'A'.repeat(43)}`;
    const unknown = `fsk_k${'0'.repeat(20)}_${'A'.repeat(43)}`;

    const forgedError = expectEnvelope(await analyze(forged), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });
    const unknownError = expectEnvelope(await analyze(unknown), 401, { code: 'UNAUTHENTICATED', type: 'AuthError' });

    expect(forgedError.message).toBe(unknownError.message);
  });

  describe('refuses bad input', () => {
    it.each<[string, Record<string, unknown>, string]>([
      ['an unknown scope', { name: 'x', scopes: ['analyze', 'superuser'] }, '/scopes'],
      ['no scope', { name: 'x', scopes: [] }, '/scopes'],
      ['an empty plugin allow-list', { name: 'x', scopes: ['analyze'], plugins: [] }, '/plugins'],
      ['an empty tool allow-list', { name: 'x', scopes: ['analyze'], tools: [] }, '/tools'],
      ['a tool entry without its plugin', { name: 'x', scopes: ['analyze'], tools: ['shout'] }, '/tools'],
      ['a name of 10 kB', { name: 'n'.repeat(10_240), scopes: ['analyze'] }, '/name'],
      ['no name', { scopes: ['analyze'] }, '/name'],
      ['limits of an unknown kind', { name: 'x', scopes: ['analyze'], limits: { burst: 3 } }, '/limits'],
      ['an expiry that is not a date', { name: 'x', scopes: ['analyze'], expires_at: 'tomorrow' }, '/expires_at'],
      ['an unknown field', { name: 'x', scopes: ['analyze'], owner: 'me' }, '/owner'],
      ['a name with a right-to-left override', { name: 'ci\u202Etxt.exe', scopes: ['analyze'] }, '/name'],
      ['a name of 101 emoji', { name: '😀'.repeat(101), scopes: ['analyze'] }, '/name'],
    ])('%s with 400 REQUEST_INVALID naming the field', async (_, body, path) => {
      const error = expectEnvelope(await api.http().post('/v1/keys').set(admin()).send(body), 400, { code: 'REQUEST_INVALID', type: 'ValidationError' });

      expect((error.details as { violations: Array<{ path: string }> }).violations.map((violation) => violation.path)).toContain(path);
    });

    it('an expiry in the past with 400 REQUEST_INVALID', async () => {
      const error = expectEnvelope(await api.http().post('/v1/keys').set(admin()).send({ name: 'x', scopes: ['analyze'], expires_at: '2020-01-01T00:00:00Z' }), 400, {
        code: 'REQUEST_INVALID',
        type: 'ValidationError',
      });

      expect(JSON.stringify(error.details)).toContain('/expires_at');
    });

    it('a PATCH that changes nothing', async () => {
      const created = await createKey({ name: 'unchanged', scopes: ['analyze'] });

      expectEnvelope(await api.http().patch(`/v1/keys/${created.id}`).set(admin()).send({}), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /changes nothing/ });
    });

    it('accepts a name of 100 emoji: the API and the service count a name in characters alike', async () => {
      expect((await createKey({ name: '😀'.repeat(100), scopes: ['analyze'] })).name).toBe('😀'.repeat(100));
    });

    it('an id that cannot be a key id with 404 KEY_NOT_FOUND, without repeating it', async () => {
      for (const id of ['a'.repeat(5000), '%00%01', 'k0000000000000000000Z']) {
        const error = expectEnvelope(await api.http().get(`/v1/keys/${id}`).set(admin()), 404, { code: 'KEY_NOT_FOUND', type: 'NotFoundError', details: {} });
        expect((error.message as string).length).toBeLessThan(300);
        expect(error.message).not.toContain('aaaa');
      }
    });

    it('a bad page of the key listing or the audit as a bad page, in the details shape of every request check', async () => {
      for (const path of ['/v1/keys?cursor=zzz', '/v1/audit?cursor=zzz', '/v1/keys?limit=0', '/v1/audit?limit=100000']) {
        const error = expectEnvelope(await api.http().get(path).set(admin()), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', details: { violation_count: 1, truncated: false } });
        expect(error.message).not.toMatch(/key is invalid/);
      }
    });

    it('an id no key has with 404 KEY_NOT_FOUND', async () => {
      expectEnvelope(await api.http().get(`/v1/keys/k${'0'.repeat(20)}`).set(admin()), 404, { code: 'KEY_NOT_FOUND', type: 'NotFoundError' });
      expectEnvelope(await api.http().delete('/v1/keys/not-an-id').set(admin()), 404, { code: 'KEY_NOT_FOUND', type: 'NotFoundError' });
    });

    it('revoking, rotating or changing the bootstrap admin key with a message saying how to replace it', async () => {
      const id = new ApiKeyRing({ admin: ADMIN_KEY }).authenticate(ADMIN_KEY)?.id as string;

      for (const request of [api.http().delete(`/v1/keys/${id}`), api.http().post(`/v1/keys/${id}/rotate`), api.http().patch(`/v1/keys/${id}`).send({ name: 'x' })]) {
        expectEnvelope(await request.set(admin()), 400, { code: 'REQUEST_INVALID', type: 'ValidationError', message: /bootstrap key from FORGESYTE_ADMIN_KEY.*restart/ });
      }
      expect((await analyze(ADMIN_KEY)).status).toBe(200);
    });
  });

  describe('the keys:manage scope', () => {
    it('is needed for every key route: the user key is 403', async () => {
      for (const request of [api.http().get('/v1/keys'), api.http().post('/v1/keys').send({ name: 'x', scopes: ['analyze'] }), api.http().get('/v1/audit')]) {
        expectEnvelope(await request.set('X-API-Key', USER_KEY), 403, { code: 'FORBIDDEN', type: 'AuthError', details: { required_scope: 'keys:manage' } });
      }
    });

    it('keeps a manager without admin within its own scopes and allow-lists: no admin key rotated, changed or revoked, no wider key, not its own key', async () => {
      const manager = await createKey({ name: 'mgr', scopes: ['keys:manage', 'analyze'], plugins: ['echo'] });
      const root = await createKey({ name: 'stored-admin', scopes: ['admin', 'keys:manage', 'analyze'] });
      const as = { 'X-API-Key': manager.key };
      const forbidden = { code: 'FORBIDDEN', type: 'AuthError' };

      const rotation = expectEnvelope(await api.http().post(`/v1/keys/${root.id}/rotate`).set(as), 403, {
        ...forbidden,
        message: /cannot rotate key 'k[0-9a-f]{20}', which has the 'admin' scope/,
        details: { key_id: root.id, required_scope: 'admin' },
      });
      expect(JSON.stringify(rotation)).not.toContain('fsk_');
      expectEnvelope(await api.http().patch(`/v1/keys/${root.id}`).set(as).send({ name: 'pwned', expires_at: '2099-01-01T00:00:00Z' }), 403, forbidden);
      expectEnvelope(await api.http().delete(`/v1/keys/${root.id}`).set(as), 403, forbidden);
      expectEnvelope(await api.http().post('/v1/keys').set(as).send({ name: 'wide', scopes: ['analyze'] }), 403, { ...forbidden, message: /cannot grant every plugin/ });
      expectEnvelope(await api.http().post('/v1/keys').set(as).send({ name: 'ocr', scopes: ['analyze'], plugins: ['echo', 'ocr'] }), 403, { ...forbidden, details: { plugin: 'ocr' } });
      expectEnvelope(await api.http().patch(`/v1/keys/${manager.id}`).set(as).send({ plugins: null }), 403, { ...forbidden, message: /cannot change its own key/ });

      expect((await analyze(root.key)).status).toBe(200);
      expect((await api.http().get(`/v1/keys/${root.id}`).set(admin())).body).toMatchObject({ name: 'stored-admin', expires_at: null, revoked_at: null });
      expect((await api.http().get(`/v1/keys/${manager.id}`).set(admin())).body).toMatchObject({ plugins: ['echo'] });
      const minted = await api.http().post('/v1/keys').set(as).send({ name: 'echo-only', scopes: ['analyze'], plugins: ['echo'] });
      expect(minted.status).toBe(201);
      await api.http().post(`/v1/keys/${(minted.body as KeyJson).id}/rotate`).set(as).expect(200);
      await api.http().delete(`/v1/keys/${(minted.body as KeyJson).id}`).set(as).expect(200);
    });

    it('lets a stored admin key manage every key, stored admin keys included', async () => {
      const root = await createKey({ name: 'second-admin', scopes: ['admin', 'keys:manage'] });
      const other = await createKey({ name: 'other-admin', scopes: ['admin', 'analyze'] });

      await api.http().post(`/v1/keys/${other.id}/rotate`).set('X-API-Key', root.key).expect(200);
      await api.http().patch(`/v1/keys/${other.id}`).set('X-API-Key', root.key).send({ plugins: ['echo'] }).expect(200);
      await api.http().delete(`/v1/keys/${other.id}`).set('X-API-Key', root.key).expect(200);
    });

    it('lets a stored key manage keys, but not grant a scope it lacks', async () => {
      const { key } = await createKey({ name: 'key-admin', scopes: ['keys:manage', 'analyze'] });

      expect((await api.http().post('/v1/keys').set('X-API-Key', key).send({ name: 'minted', scopes: ['analyze'] })).status).toBe(201);
      expectEnvelope(await api.http().post('/v1/keys').set('X-API-Key', key).send({ name: 'escalated', scopes: ['admin'] }), 403, {
        code: 'FORBIDDEN',
        type: 'AuthError',
        details: { required_scope: 'admin' },
      });
    });
  });
});
