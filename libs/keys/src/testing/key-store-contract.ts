import { digestSecret } from '../format/presented-key';
import type { KeyStore } from '../store/key-store';
import { auditOf, keyWrite } from './key-writes';

/** A store opened for one contract test, and how to let it go. */
export interface OpenedKeyStore {
  readonly store: KeyStore;
  close(): Promise<void>;
}

/**
 * Every behaviour the {@link KeyStore} interface promises, as one `describe`, so that each
 * implementation passes the same cases. Each test gets a fresh, empty store from `open`.
 */
export function describeKeyStoreContract(name: string, open: () => Promise<OpenedKeyStore>): void {
  describe(`KeyStore contract: ${name}`, () => {
    let opened: OpenedKeyStore | undefined;
    beforeEach(async () => (opened = await open()));
    afterEach(async () => {
      await opened?.close();
      opened = undefined;
    });
    const store = (): KeyStore => (opened as OpenedKeyStore).store;

    it('saves a new key, reads it back whole, and refuses a second insert of the same id', async () => {
      const key = keyWrite({ plugins: ['ocr'], tools: ['ocr.read'], limits: { ratePerMinute: 60 }, expiresAt: '2030-01-01T00:00:00.000Z' });

      const saved = await store().save(key, null, auditOf(key.record.id));

      expect(saved?.record).toEqual(key.record);
      expect(saved?.digest.equals(key.digest)).toBe(true);
      expect(await store().get(key.record.id)).toEqual(saved);
      expect(await store().save(key, null, auditOf(key.record.id))).toBeUndefined();
    });

    it('writes a change only over the revision it was computed from, and nothing (not even the audit) otherwise', async () => {
      const key = keyWrite();
      const first = await store().save(key, null, auditOf(key.record.id));
      const stale = (first?.revision ?? 0) - 1;

      expect(await store().save({ ...key, record: { ...key.record, name: 'lost' } }, stale, auditOf(key.record.id, 'updated'))).toBeUndefined();
      const second = await store().save({ ...key, record: { ...key.record, name: 'renamed' }, previousDigest: digestSecret('old'), previousUntil: 5 }, first?.revision ?? 0, auditOf(key.record.id, 'updated'));

      expect(second?.record.name).toBe('renamed');
      expect(second?.previousDigest?.equals(digestSecret('old'))).toBe(true);
      expect(second?.previousUntil).toBe(5);
      expect((await store().audit(10)).map(({ entry }) => entry.action)).toEqual(['updated', 'created']);
    });

    it('bumps the revision with every change, and tells the keys changed after one', async () => {
      const [a, b] = [keyWrite(), keyWrite()];
      await store().save(a, null, auditOf(a.record.id));
      const seen = await store().revision();
      await store().save(b, null, auditOf(b.record.id));

      const changes = await store().changesSince(seen);

      expect(changes.keys.map((key) => key.record.id)).toEqual([b.record.id]);
      expect(changes.revision).toBe(seen + 1);
      expect((await store().loadAll()).keys.map((key) => key.record.id).sort()).toEqual([a.record.id, b.record.id].sort());
    });

    it('lists keys by id, a page after the cursor, without gaps or repeats', async () => {
      const ids: string[] = [];
      for (let index = 0; index < 7; index += 1) {
        const key = keyWrite();
        ids.push(key.record.id);
        await store().save(key, null, auditOf(key.record.id));
      }
      const pages: string[][] = [];
      let after: string | undefined;
      for (;;) {
        const page = await store().list(3, after);
        if (page.length === 0) break;
        pages.push(page.map((key) => key.record.id));
        after = page[page.length - 1].record.id;
      }

      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual([...ids].sort());
    });

    it('moves last use forward only, without bumping the revision, and keeps it across later saves', async () => {
      const key = keyWrite();
      const saved = await store().save(key, null, auditOf(key.record.id));
      const revision = await store().revision();

      await store().touch(new Map([[key.record.id, Date.parse('2026-02-01T00:00:00Z')], ['k00000000000000000000', 1]]));
      await store().touch(new Map([[key.record.id, Date.parse('2026-01-15T00:00:00Z')]]));
      await store().save({ ...key, record: { ...key.record, name: 'renamed' } }, saved?.revision ?? 0, auditOf(key.record.id, 'updated'));

      expect((await store().get(key.record.id))?.record.lastUsedAt).toBe('2026-02-01T00:00:00.000Z');
      expect(await store().revision()).toBe(revision + 1);
      expect(await store().get('k00000000000000000000')).toBeUndefined();
    });

    it('pages the audit newest first, appended entries included', async () => {
      for (let index = 0; index < 5; index += 1) await store().appendAudit({ ...auditOf(`k${index}`, 'refused-revoked'), changes: undefined });

      const first = await store().audit(3);
      const second = await store().audit(3, first[first.length - 1].seq);

      expect([...first, ...second].map(({ entry }) => entry.keyId)).toEqual(['k4', 'k3', 'k2', 'k1', 'k0']);
      expect(first[0].entry).toEqual({ at: '2026-01-01T00:00:00.000Z', actor: 'key_test (FORGESYTE_ADMIN_KEY)', action: 'refused-revoked', keyId: 'k4' });
    });
  });
}
