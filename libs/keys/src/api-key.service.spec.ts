import { GrantForbiddenError, KeyConflictError, KeyNotFoundError, RequestInvalidError, StoreUnavailableError } from '@forgesyte/errors';
import { ApiKeyService } from './api-key.service';
import { formatKey } from './format/presented-key';
import type { KeyServiceOptions } from './keys.options';
import type { KeyActor } from './api-key-record';
import { keyWrite } from './testing/key-writes';
import { MemoryKeyStore } from './store/memory-key-store';

const ADMIN = { id: 'key_0123456789abcdef', name: 'FORGESYTE_ADMIN_KEY' };
const services: ApiKeyService[] = [];

async function startService(store = new MemoryKeyStore(), options: KeyServiceOptions = {}): Promise<ApiKeyService> {
  const service = await ApiKeyService.start(store, options);
  services.push(service);
  return service;
}

afterEach(async () => {
  await Promise.all(services.splice(0).map((service) => service.close()));
});

/** The violations of the REQUEST_INVALID `run` throws. */
async function violationsOf(run: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const error = await run.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(RequestInvalidError);
  return (error as RequestInvalidError).details.violations as { path: string; message: string }[];
}

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe(ApiKeyService.name, () => {
  it('creates a key whose secret authenticates to its record, and shows the secret nowhere else', async () => {
    const service = await startService();

    const { record, key } = await service.create({ name: ' ci ', scopes: ['jobs:read', 'analyze', 'analyze'], plugins: ['ocr'] }, ADMIN);

    expect(record).toMatchObject({ name: 'ci', scopes: ['analyze', 'jobs:read'], plugins: ['ocr'], tools: null, limits: null, lastUsedAt: null, revokedAt: null });
    expect(service.authenticate(key)).toBe(record);
    const secret = key.slice(-43);
    const everywhere = JSON.stringify([await service.get(record.id), await service.list({ limit: 10 }), await service.audit({ limit: 10 })]);
    expect(everywhere).not.toContain(secret);
    expect(everywhere).not.toContain('fsk_');
  });

  it('refuses a forged key with a real id and a wrong secret, and an unknown id, alike', async () => {
    const service = await startService();
    const { record, key } = await service.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);

    expect(service.authenticate(formatKey(record.id, 'A'.repeat(43)))).toBeUndefined();
    expect(service.authenticate(formatKey('k00000000000000000000', key.slice(-43)))).toBeUndefined();
    expect(service.authenticate('fsk_garbage')).toBeUndefined();
  });

  it.each([
    ['an unknown scope', { name: 'ci', scopes: ['analyze', 'root'] }, '/scopes/1'],
    ['no scope at all', { name: 'ci', scopes: [] }, '/scopes'],
    ['an empty plugin allow-list', { name: 'ci', scopes: ['analyze'], plugins: [] }, '/plugins'],
    ['an empty tool allow-list', { name: 'ci', scopes: ['analyze'], tools: [] }, '/tools'],
    ['a plugin that is not a plugin name', { name: 'ci', scopes: ['analyze'], plugins: ['../ocr'] }, '/plugins/0'],
    ['a tool of a plugin outside the allow-list', { name: 'ci', scopes: ['analyze'], plugins: ['ocr'], tools: ['motion-detect.detect'] }, '/tools/0'],
    ['a name of 10 kB', { name: 'x'.repeat(10_240), scopes: ['analyze'] }, '/name'],
    ['an empty name', { name: '   ', scopes: ['analyze'] }, '/name'],
    ['an expiry in the past', { name: 'ci', scopes: ['analyze'], expiresAt: '2020-01-01T00:00:00Z' }, '/expires_at'],
    ['an expiry that is no date', { name: 'ci', scopes: ['analyze'], expiresAt: 'tomorrow' }, '/expires_at'],
    ['a limit of zero', { name: 'ci', scopes: ['analyze'], limits: { ratePerMinute: 0 } }, '/limits/rate_per_minute'],
    ['a name with a right-to-left override', { name: 'ci\u202Etxt.exe', scopes: ['analyze'] }, '/name'],
    ['a name with a zero-width space', { name: 'c\u200Bi', scopes: ['analyze'] }, '/name'],
    ['a name of 101 emoji', { name: '😀'.repeat(101), scopes: ['analyze'] }, '/name'],
  ])('refuses %s with REQUEST_INVALID naming the field', async (_, input, path) => {
    const service = await startService();

    const violations = await violationsOf(service.create(input as Parameters<ApiKeyService['create']>[0], ADMIN));

    expect(violations.map((violation) => violation.path)).toEqual([path]);
    expect((await service.list({ limit: 10 })).items).toEqual([]);
  });

  it('lets a rotated key\'s old secret work during the grace, and no longer after it', async () => {
    const service = await startService(new MemoryKeyStore(), { rotationGraceSeconds: 1 });
    const { key: old } = await service.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);

    const rotated = await service.rotate(old.slice(4, 25), ADMIN);

    expect(rotated.key).not.toBe(old);
    expect(service.authenticate(rotated.key)?.id).toBe(rotated.record.id);
    expect(service.authenticate(old)?.id).toBe(rotated.record.id);
    await later(1_050);
    expect(service.authenticate(old)).toBeUndefined();
    expect(service.authenticate(rotated.key)?.id).toBe(rotated.record.id);
  });

  it('refuses a revoked key at once, audits its refused uses once a minute, and refuses to rotate or change it', async () => {
    const service = await startService();
    const { record, key } = await service.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);

    const revoked = await service.revoke(record.id, ADMIN);
    for (let attempt = 0; attempt < 5; attempt += 1) expect(service.authenticate(key)).toBeUndefined();
    await later(20);

    expect(revoked.revokedAt).not.toBeNull();
    expect(await service.revoke(record.id, ADMIN)).toEqual(revoked);
    expect((await violationsOf(service.rotate(record.id, ADMIN)))[0].message).toMatch(/revoked .* cannot be rotated; create a new key/);
    expect((await violationsOf(service.update(record.id, { name: 'again' }, ADMIN)))[0].path).toBe('/');
    const actions = (await service.audit({ limit: 10 })).items.map((entry) => entry.action);
    expect(actions).toEqual(['refused-revoked', 'revoked', 'created']);
  });

  it('refuses an expired key and audits it', async () => {
    const service = await startService();
    const { key } = await service.create({ name: 'ci', scopes: ['analyze'], expiresAt: new Date(Date.now() + 100).toISOString() }, ADMIN);
    expect(service.authenticate(key)).toBeDefined();

    await later(150);

    expect(service.authenticate(key)).toBeUndefined();
    await later(20);
    expect((await service.audit({ limit: 1 })).items[0]).toMatchObject({ action: 'refused-expired', actor: key.slice(4, 25) });
  });

  it('changes a key, audits each changed field from and to, and authenticates to the new record', async () => {
    const service = await startService();
    const { record, key } = await service.create({ name: 'ci', scopes: ['analyze'], plugins: ['ocr'], tools: ['ocr.read'] }, ADMIN);

    const changed = await service.update(record.id, { name: 'ci-2', plugins: null, tools: null, limits: { maxQueued: 5 } }, ADMIN);

    expect(changed).toMatchObject({ name: 'ci-2', plugins: null, tools: null, limits: { maxQueued: 5 } });
    expect(service.authenticate(key)).toBe(changed);
    const [entry] = (await service.audit({ limit: 1 })).items;
    expect(entry).toMatchObject({ action: 'updated', actor: `${ADMIN.id} (${ADMIN.name})`, keyId: record.id });
    expect(entry.changes).toEqual({
      name: { from: 'ci', to: 'ci-2' },
      plugins: { from: ['ocr'], to: null },
      tools: { from: ['ocr.read'], to: null },
      limits: { from: null, to: { maxQueued: 5 } },
    });
  });

  it('answers KEY_NOT_FOUND for changes of a key that does not exist, and undefined for get', async () => {
    const service = await startService();

    await expect(service.revoke('k00000000000000000000', ADMIN)).rejects.toBeInstanceOf(KeyNotFoundError);
    await expect(service.rotate('../etc', ADMIN)).rejects.toBeInstanceOf(KeyNotFoundError);
    await expect(service.update('k00000000000000000000', { name: 'x' }, ADMIN)).rejects.toBeInstanceOf(KeyNotFoundError);
    expect(await service.get('k00000000000000000000')).toBeUndefined();
  });

  it('records when a key was last used, without a store write per use, and writes it at close', async () => {
    const store = new MemoryKeyStore();
    const service = await ApiKeyService.start(store);
    const { record, key } = await service.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);

    service.authenticate(key);

    expect((await store.get(record.id))?.record.lastUsedAt).toBeNull();
    expect((await service.get(record.id))?.lastUsedAt).not.toBeNull();
    await service.close();
    expect((await store.get(record.id))?.record.lastUsedAt).not.toBeNull();
  });

  it('leaves its view unchanged when the store cannot write', async () => {
    const store = new MemoryKeyStore();
    const service = await startService(store);
    const { record, key } = await service.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);
    jest.spyOn(store, 'save').mockRejectedValue(new StoreUnavailableError('write'));

    await expect(service.revoke(record.id, ADMIN)).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(service.create({ name: 'other', scopes: ['analyze'] }, ADMIN)).rejects.toBeInstanceOf(StoreUnavailableError);

    expect(service.authenticate(key)).toBe(record);
  });

  it('refuses a bad page size or cursor', async () => {
    const service = await startService();

    expect((await violationsOf(service.list({ limit: 0 })))[0].path).toBe('/limit');
    expect((await violationsOf(service.list({ limit: 10, cursor: 'x' })))[0].path).toBe('/cursor');
    expect((await violationsOf(service.audit({ limit: 10, cursor: '-1' })))[0].path).toBe('/cursor');
  });

  it('with 10,000 keys, authenticates in constant time and lists them page by page', async () => {
    const service = await startService();
    const keys: string[] = [];
    for (let index = 0; index < 10_000; index += 1) keys.push((await service.create({ name: `key-${index}`, scopes: ['analyze'] }, ADMIN)).key);

    const meanMicros = (presented: readonly string[]): number => {
      let found = 0;
      const started = process.hrtime.bigint();
      for (let round = 0; round < 3; round += 1) for (const key of presented) if (service.authenticate(key) !== undefined) found += 1;
      expect(found).toBe(presented.length * 3);
      return Number(process.hrtime.bigint() - started) / 1000 / (presented.length * 3);
    };

    meanMicros(keys.slice(0, 1000));
    const sameKey = Array.from({ length: 10_000 }, () => keys[0]);
    // The fastest of alternating rounds: a load spike or a garbage collection slows one round, not all
    // (one round each once read 1.8 µs with one key and 34.5 µs with 10,000, in a loaded CI run).
    let few = Infinity;
    let many = Infinity;
    for (let round = 0; round < 5; round += 1) {
      few = Math.min(few, meanMicros(sameKey));
      many = Math.min(many, meanMicros(keys));
    }

    // A hash and two digest comparisons, whatever the number of keys: the mean with 10,000 different keys
    // stays near the mean with one. The absolute bound is generous (the machine is shared; 56 µs was seen
    // under a loaded CI run, 2-5 µs is usual); a scan of the 10,000 keys would cost about a millisecond.
    expect(many).toBeLessThan(250);
    expect(many).toBeLessThan(few * 3);
    let pages = 0;
    let seen = 0;
    let cursor: string | undefined;
    do {
      const page = await service.list({ limit: 1000, cursor });
      seen += page.items.length;
      pages += 1;
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    expect([pages, seen]).toEqual([10, 10_000]);
  });
});

describe(`${ApiKeyService.name} and who asks`, () => {
  /** A key manager that is not an admin: it may manage keys, call analyze, and only the echo plugin. */
  const MANAGER: KeyActor = { id: 'k00000000000000000001', name: 'mgr', grants: { scopes: ['analyze', 'keys:manage'], plugins: ['echo'], tools: null } };

  async function refusal(run: Promise<unknown>): Promise<GrantForbiddenError> {
    const error = await run.then(() => undefined, (thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(GrantForbiddenError);
    return error as GrantForbiddenError;
  }

  it('lets a manager create keys within its scopes and allow-lists only, saying it cannot grant the rest', async () => {
    const service = await startService();

    await expect(service.create({ name: 'ok', scopes: ['analyze'], plugins: ['echo'] }, MANAGER)).resolves.toBeDefined();
    expect((await refusal(service.create({ name: 'admin', scopes: ['admin'], plugins: ['echo'] }, MANAGER))).details).toEqual({ required_scope: 'admin' });
    expect((await refusal(service.create({ name: 'wide', scopes: ['analyze'] }, MANAGER))).message).toMatch(/cannot grant every plugin/);
    expect((await refusal(service.create({ name: 'ocr', scopes: ['analyze'], plugins: ['echo', 'ocr'] }, MANAGER))).details).toEqual({ plugin: 'ocr' });
    expect((await service.list({ limit: 10 })).items.map((key) => key.name)).toEqual(['ok']);
  });

  it('refuses a manager the rotation, change or revocation of a key with more than it has, and leaves that key as it was', async () => {
    const service = await startService();
    const { record, key } = await service.create({ name: 'root', scopes: ['admin', 'analyze', 'keys:manage'] }, ADMIN);
    const narrow = await service.create({ name: 'narrow', scopes: ['analyze'], plugins: ['echo'] }, ADMIN);

    expect((await refusal(service.rotate(record.id, MANAGER))).message).toMatch(/cannot rotate key 'k[0-9a-f]{20}', which has the 'admin' scope/);
    await refusal(service.update(record.id, { name: 'pwned' }, MANAGER));
    await refusal(service.revoke(record.id, MANAGER));
    await refusal(service.update(narrow.record.id, { plugins: null }, MANAGER));

    expect(service.authenticate(key)).toMatchObject({ name: 'root', revokedAt: null });
    expect(service.authenticate(narrow.key)?.plugins).toEqual(['echo']);
    await expect(service.update(narrow.record.id, { name: 'renamed' }, MANAGER)).resolves.toMatchObject({ name: 'renamed' });
    await expect(service.revoke(narrow.record.id, MANAGER)).resolves.toMatchObject({ name: 'renamed' });
  });

  it("refuses a manager any change of its own key, even one that narrows it", async () => {
    const service = await startService();
    const own = await service.create({ name: 'mgr', scopes: ['analyze', 'keys:manage'], plugins: ['echo'] }, ADMIN);
    const self: KeyActor = { ...MANAGER, id: own.record.id };

    expect((await refusal(service.update(own.record.id, { plugins: null }, self))).message).toMatch(/cannot change its own key/);
    await refusal(service.update(own.record.id, { name: 'narrower' }, self));
    expect(service.authenticate(own.key)?.plugins).toEqual(['echo']);
  });

  it('answers KEY_CONFLICT (retryable) when other writers win every attempt, never a bare error', async () => {
    const store = new MemoryKeyStore();
    const service = await startService(store);
    const { record } = await service.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);
    const save = jest.spyOn(store, 'save').mockResolvedValue(undefined);

    const error = await service.update(record.id, { name: 'lost' }, ADMIN).then(() => undefined, (thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(KeyConflictError);
    expect((error as KeyConflictError).retryable).toBe(true);
    expect(save.mock.calls.length).toBeGreaterThan(3);
  });

  it('counts a name in characters: 100 emoji are a name of 100', async () => {
    const service = await startService();

    await expect(service.create({ name: '😀'.repeat(100), scopes: ['analyze'] }, ADMIN)).resolves.toBeDefined();
  });

  it('does not repeat an id that cannot be a key id in KEY_NOT_FOUND', async () => {
    const service = await startService();

    const error = await service.revoke(`x${'\u0000'.repeat(5000)}`, ADMIN).then(() => undefined, (thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(KeyNotFoundError);
    expect((error as KeyNotFoundError).message.length).toBeLessThan(300);
    expect((error as KeyNotFoundError).details).toEqual({});
  });

  it('says a bad cursor is a bad page, not a bad key', async () => {
    const service = await startService();

    const error = await service.list({ limit: 10, cursor: 'x' }).then(() => undefined, (thrown: unknown) => thrown);

    expect((error as RequestInvalidError).message).toMatch(/^The page requested is invalid: \/cursor/);
    expect((error as RequestInvalidError).details).toMatchObject({ violation_count: 1, truncated: false });
  });

  it('refuses a key revoked in the store at once, even when the revoking clock is ahead of this one', async () => {
    const store = new MemoryKeyStore();
    const service = await startService(store);
    const { record, key } = await service.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);
    const current = await store.get(record.id);
    const ahead = keyWrite({ ...record, revokedAt: new Date(Date.now() + 60_000).toISOString() });

    await store.save({ ...ahead, digest: current?.digest ?? ahead.digest }, current?.revision ?? 0, { at: ahead.record.createdAt, actor: 'x', action: 'revoked', keyId: record.id });

    expect(service.authenticate(key)).toBeUndefined();
  });
});

describe(`${ApiKeyService.name}.manage`, () => {
  it('manages keys without loading them, watching or polling the store', async () => {
    const store = new MemoryKeyStore();
    const first = await startService(store);
    const { record } = await first.create({ name: 'ci', scopes: ['analyze'] }, ADMIN);
    const loadAll = jest.spyOn(store, 'loadAll');
    const watch = jest.spyOn(store, 'watch');

    const managing = ApiKeyService.manage(store);
    await managing.revoke(record.id, ADMIN);
    await managing.close();

    expect(loadAll).not.toHaveBeenCalled();
    expect(watch).not.toHaveBeenCalled();
    expect((await first.get(record.id))?.revokedAt).not.toBeNull();
  });
});
