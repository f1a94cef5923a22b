import { findForbiddenKey } from './forbidden-keys';

describe('findForbiddenKey', () => {
  it.each([['__proto__'], ['constructor'], ['prototype']])('finds a top-level %s key', (key) => {
    expect(findForbiddenKey(JSON.parse(`{"${key}": {}}`))).toBe(`/${key}`);
  });

  it('finds a forbidden key deep in nested objects', () => {
    expect(findForbiddenKey(JSON.parse('{"args": {"options": {"__proto__": {"admin": true}}}}'))).toBe('/args/options/__proto__');
  });

  it('finds a forbidden key in an object inside an array', () => {
    expect(findForbiddenKey(JSON.parse('{"list": [{"ok": 1}, {"constructor": {"prototype": 1}}]}'))).toBe('/list/1/constructor');
  });

  it('finds a forbidden key in an array at the top level', () => {
    expect(findForbiddenKey(JSON.parse('[1, {"prototype": 2}]'))).toBe('/1/prototype');
  });

  it('finds a forbidden key in arrays nested in arrays', () => {
    expect(findForbiddenKey(JSON.parse('{"grid": [[0, 1], [2, {"__proto__": 3}]]}'))).toBe('/grid/1/1/__proto__');
  });

  it('finds a forbidden key past a long array of numbers', () => {
    const numbers = Array.from({ length: 100_000 }, (_, index) => index);
    const body = JSON.parse(JSON.stringify({ points: [...numbers, { prototype: 1 }] }));

    expect(findForbiddenKey(body)).toBe(`/points/${numbers.length}/prototype`);
  });

  it('finds a forbidden key 100000 levels deep without running out of stack', () => {
    const depth = 100_000;
    const body = JSON.parse(`${'{"a":'.repeat(depth)}{"__proto__":1}${'}'.repeat(depth)}`);

    expect(findForbiddenKey(body)).toBe(`${'/a'.repeat(depth)}/__proto__`);
  });

  it('finds nothing in a clean body', () => {
    expect(findForbiddenKey({ plugin: 'echo', args: { message: 'constructor', list: [{ proto: 1 }] } })).toBeUndefined();
  });

  it.each([[null], [undefined], ['__proto__'], [42], [true]])('finds nothing in the non-object %j', (value) => {
    expect(findForbiddenKey(value)).toBeUndefined();
  });
});
