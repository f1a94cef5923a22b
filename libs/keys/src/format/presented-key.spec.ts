import { digestSecret, digestsMatch, formatKey, isKeyId, newKeyId, newSecret, parsePresentedKey } from './presented-key';

describe('presented keys', () => {
  it('formats fsk_<id>_<secret> with a k+20-hex id and a 32-byte base64url secret, and parses it back', () => {
    const id = newKeyId();
    const secret = newSecret();
    const key = formatKey(id, secret);

    expect(key).toMatch(/^fsk_k[0-9a-f]{20}_[A-Za-z0-9_-]{43}$/);
    expect(isKeyId(id)).toBe(true);
    expect(parsePresentedKey(key)).toEqual({ id, secret });
  });

  it.each([
    ['an empty string', ''],
    ['a bootstrap key', 'my-admin-key'],
    ['a key one character short', formatKey(newKeyId(), newSecret()).slice(0, -1)],
    ['a key without its separator', ((key: string) => `${key.slice(0, 25)}x${key.slice(26)}`)(formatKey(newKeyId(), newSecret()))],
    ['another prefix', formatKey(newKeyId(), newSecret()).replace('fsk_', 'gsk_')],
    ['not a string', 42],
    ['a huge string', 'fsk_'.repeat(100_000)],
  ])('parses %s as no key, without throwing', (_, presented) => {
    expect(parsePresentedKey(presented)).toBeUndefined();
  });

  it('matches digests of the same secret only', () => {
    const secret = newSecret();

    expect(digestsMatch(digestSecret(secret), digestSecret(secret))).toBe(true);
    expect(digestsMatch(digestSecret(secret), digestSecret(`${secret.slice(0, -1)}x`))).toBe(false);
    expect(digestsMatch(digestSecret(secret), Buffer.alloc(3))).toBe(false);
  });
});
