import { fingerprint } from './canonical-json';

describe('fingerprint', () => {
  it('is a SHA-256 hex digest', () => {
    expect(fingerprint({ plugin: 'echo' })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same whatever the order of object keys', () => {
    expect(fingerprint({ plugin: 'echo', tool: 'echo', args: { a: 1, b: 2 } })).toBe(
      fingerprint({ args: { b: 2, a: 1 }, tool: 'echo', plugin: 'echo' }),
    );
  });

  it('is the same whatever the order of keys of objects nested in arrays', () => {
    expect(fingerprint({ list: [{ x: 1, y: 2 }] })).toBe(fingerprint({ list: [{ y: 2, x: 1 }] }));
  });

  it('differs for different values', () => {
    expect(fingerprint({ args: { message: 'a' } })).not.toBe(fingerprint({ args: { message: 'b' } }));
  });

  it('differs for arrays in another order', () => {
    expect(fingerprint([1, 2])).not.toBe(fingerprint([2, 1]));
  });

  it('tells a string from a number', () => {
    expect(fingerprint({ n: '1' })).not.toBe(fingerprint({ n: 1 }));
  });

  it('does not confuse a key with a value', () => {
    expect(fingerprint({ a: 'b' })).not.toBe(fingerprint({ b: 'a' }));
  });

  it('treats a key whose value is undefined as absent, as JSON does', () => {
    expect(fingerprint({ plugin: 'echo', tool: undefined, args: {} })).toBe(fingerprint({ plugin: 'echo', args: {} }));
  });
});
