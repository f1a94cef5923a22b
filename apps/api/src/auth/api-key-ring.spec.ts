import type { ApiKeyRecord } from '@forgesyte/keys';
import { ApiKeyRing, type StoredKeys } from './api-key-ring';
import { ADMIN_SCOPES, USER_SCOPES } from './scope';

const ADMIN_KEY = 'admin-key-0123456789';
const USER_KEY = 'user-key-0123456789';

describe(ApiKeyRing.name, () => {
  const ring = new ApiKeyRing({ admin: ADMIN_KEY, user: USER_KEY });

  it('authenticates the admin key as an admin with every scope', () => {
    const principal = ring.authenticate(ADMIN_KEY);

    expect(principal?.isAdmin).toBe(true);
    expect([...(principal?.scopes ?? [])].sort()).toEqual([...ADMIN_SCOPES].sort());
  });

  it('authenticates the user key as a non-admin without the admin scope', () => {
    const principal = ring.authenticate(USER_KEY);

    expect(principal?.isAdmin).toBe(false);
    expect([...(principal?.scopes ?? [])].sort()).toEqual([...USER_SCOPES].sort());
    expect(principal?.scopes.has('admin')).toBe(false);
  });

  it.each([['an unknown key', 'not-a-configured-key'], ['an empty key', ''], ['a prefix of a key', ADMIN_KEY.slice(0, -1)], ['a key in other case', ADMIN_KEY.toUpperCase()]])(
    'does not authenticate %s',
    (_, key) => {
      expect(ring.authenticate(key)).toBeUndefined();
    },
  );

  it('authenticates the metrics key with the metrics:read scope only', () => {
    const principal = new ApiKeyRing({ metrics: 'metrics-key-0123456789' }).authenticate('metrics-key-0123456789');

    expect(principal?.isAdmin).toBe(false);
    expect([...(principal?.scopes ?? [])]).toEqual(['metrics:read']);
  });

  it('authenticates nothing when no key is configured', () => {
    expect(new ApiKeyRing({}).authenticate(ADMIN_KEY)).toBeUndefined();
  });

  it('gives the admin and user keys different ids', () => {
    expect(ring.authenticate(ADMIN_KEY)?.id).not.toBe(ring.authenticate(USER_KEY)?.id);
  });

  it('gives a key the same id every time', () => {
    expect(new ApiKeyRing({ user: USER_KEY }).authenticate(USER_KEY)?.id).toBe(ring.authenticate(USER_KEY)?.id);
  });

  it.each([['admin', ADMIN_KEY], ['user', USER_KEY]])('gives the %s key an id that does not contain the key', (_, key) => {
    const id = ring.authenticate(key)?.id ?? '';

    expect(id).not.toBe('');
    expect(id).not.toContain(key);
    expect(id).not.toContain(key.slice(0, 8));
  });

  it('keeps no key in the principal it returns', () => {
    expect(JSON.stringify(ring.authenticate(ADMIN_KEY))).not.toContain(ADMIN_KEY);
  });

  it('names each bootstrap key by its variable, and finds it by id', () => {
    const principal = ring.authenticate(ADMIN_KEY);

    expect(principal).toMatchObject({ name: 'FORGESYTE_ADMIN_KEY', bootstrap: true, plugins: null, tools: null });
    expect(ring.bootstrapVariable(principal?.id ?? '')).toBe('FORGESYTE_ADMIN_KEY');
    expect(ring.bootstrapVariable('k0123456789abcdef0123')).toBeUndefined();
  });

  describe('with stored keys', () => {
    const STORED = `fsk_k0123456789abcdef0123_${'s'.repeat(43)}`;
    const record: ApiKeyRecord = {
      id: 'k0123456789abcdef0123',
      name: 'ci',
      scopes: ['analyze', 'plugins:read'],
      plugins: ['echo'],
      tools: ['echo.shout'],
      limits: null,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastUsedAt: null,
      expiresAt: null,
      revokedAt: null,
    };
    /** The stored keys as the ring sees them: the one record for its key, nothing else. */
    const stored: StoredKeys = { authenticate: (presented) => (presented === STORED ? record : undefined) };
    const withStored = new ApiKeyRing({ admin: ADMIN_KEY }, stored);

    it("authenticates a stored key as its record: its id, name, scopes and allow-lists", () => {
      const principal = withStored.authenticate(STORED);

      expect(principal).toMatchObject({ id: record.id, name: 'ci', isAdmin: false, bootstrap: false });
      expect([...(principal?.scopes ?? [])]).toEqual(['analyze', 'plugins:read']);
      expect([...(principal?.plugins ?? [])]).toEqual(['echo']);
      expect([...(principal?.tools ?? [])]).toEqual(['echo.shout']);
    });

    it('makes one principal per record, not one per request', () => {
      expect(withStored.authenticate(STORED)).toBe(withStored.authenticate(STORED));
    });

    it('does not authenticate an fsk_ key the store refuses', () => {
      expect(withStored.authenticate(`fsk_k0123456789abcdef0123_${'x'.repeat(43)}`)).toBeUndefined();
    });

    it('still authenticates the bootstrap keys', () => {
      expect(withStored.authenticate(ADMIN_KEY)?.isAdmin).toBe(true);
    });
  });
});
