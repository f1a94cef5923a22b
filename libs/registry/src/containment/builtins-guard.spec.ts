import { createContext, runInContext } from 'node:vm';
import { BuiltinsGuard } from './builtins-guard';

/** A fresh realm: its built-ins are its own, so a test can change and lock them without touching jest's. */
function realm(): { global: typeof globalThis; run: (code: string) => unknown } {
  const context = createContext();
  return { global: runInContext('globalThis', context) as typeof globalThis, run: (code) => runInContext(code, context) };
}

describe(BuiltinsGuard.name, () => {
  it('reports nothing when nothing changed', () => {
    const { global } = realm();

    expect(new BuiltinsGuard(global).restore()).toEqual({ changes: [], permanent: [] });
  });

  it('undoes a property added to Object.prototype, so that for…in no longer sees it', () => {
    const { global, run } = realm();
    const guard = new BuiltinsGuard(global);
    run("Object.prototype.polluted = 'yes'");

    expect(guard.restore()).toEqual({ changes: ['Object.prototype.polluted (added)'], permanent: [] });
    expect(run('const keys = []; for (const key in {}) keys.push(key); keys')).toEqual([]);
  });

  it('puts back a replaced method, a removed one and a replaced global binding', () => {
    const { global, run } = realm();
    const guard = new BuiltinsGuard(global);
    run('Array.prototype.includes = () => true; delete String.prototype.trim; JSON.parse = () => 42; globalThis.Promise = function FakePromise() {}');

    expect(guard.restore().changes).toEqual([
      'Array.prototype.includes (replaced)',
      'String.prototype.trim (removed)',
      'JSON.parse (replaced)',
      'globalThis.Promise (replaced)',
    ]);
    expect(run("[1].includes(2) === false && ' x '.trim() === 'x' && JSON.parse('1') === 1 && Promise.name === 'Promise'")).toBe(true);
  });

  it('puts back a prototype whose own prototype was replaced', () => {
    const { global, run } = realm();
    const guard = new BuiltinsGuard(global);
    run("Object.setPrototypeOf(Array.prototype, { polluted: 'yes' })");

    expect(guard.restore().changes).toEqual(['Array.prototype (its prototype was replaced)']);
    expect(run('Object.getPrototypeOf(Array.prototype) === Object.prototype')).toBe(true);
  });

  it('names symbol-keyed changes', () => {
    const { global, run } = realm();
    const guard = new BuiltinsGuard(global);
    run('Array.prototype[Symbol.iterator] = function* () {}');

    expect(guard.restore().changes).toEqual(['Array.prototype[Symbol.iterator] (replaced)']);
  });

  it('says which changes could not be undone', () => {
    const { global, run } = realm();
    const guard = new BuiltinsGuard(global);
    run("Object.defineProperty(Object.prototype, 'stuck', { value: 1, enumerable: true, configurable: false })");

    expect(guard.restore()).toEqual({ changes: ['Object.prototype.stuck (added)'], permanent: ['Object.prototype.stuck (added)'] });
  });

  it('once locked, makes adding to a prototype fail (a TypeError in strict code) without freezing its members', () => {
    const { global, run } = realm();
    const guard = new BuiltinsGuard(global);

    guard.lock();

    expect(() => run("'use strict'; Object.prototype.polluted = 'yes'")).toThrow(/not extensible/);
    expect(run("const error = new Error('x'); error.toString = () => 'own'; String(error)")).toBe('own');
    expect(guard.restore().changes).toEqual([]);
  });

  it('leaves constructors and the global object extensible when locked', () => {
    const { global, run } = realm();
    const guard = new BuiltinsGuard(global);

    guard.lock();

    expect(run("Error.prepareStackTrace = undefined; Reflect.metadata = () => 1; globalThis.someLibrary = {}; typeof Reflect.metadata")).toBe('function');
  });
});
