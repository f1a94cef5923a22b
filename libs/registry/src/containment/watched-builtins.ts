/** A built-in object whose own properties the server relies on, with the name a message shows. */
export interface WatchedBuiltin {
  readonly label: string;
  readonly target: object;
  /** Whether it is made non-extensible once plugins are loaded (prototypes only: see {@link watchedBuiltins}). */
  readonly lockable: boolean;
}

/** Constructors whose prototypes every request's code walks (for…in, JSON, validation, promises). */
const PROTOTYPE_OWNERS = [
  'Object', 'Array', 'Function', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Promise', 'RegExp', 'Date',
  'Error', 'Map', 'Set', 'WeakMap', 'WeakSet', 'ArrayBuffer',
] as const;

/** Constructors and namespaces whose static members the server calls (`JSON.parse`, `Object.keys`, …). */
const NAMESPACES = ['Object', 'Array', 'Promise', 'JSON', 'Reflect', 'Math'] as const;

/**
 * The built-ins a plugin must not change, of the realm `global`: the prototypes of the core
 * constructors (and of typed arrays), the static members of `Object`, `Array`, `Promise`, `JSON`,
 * `Reflect` and `Math`, and the global bindings of all of these. Only the prototypes are lockable:
 * making a constructor or the global object non-extensible would break libraries that legitimately
 * add to them (`Error.prepareStackTrace`, `Reflect.metadata`, new globals).
 */
export function watchedBuiltins(global: typeof globalThis = globalThis): readonly WatchedBuiltin[] {
  const bindings = global as unknown as Record<string, { prototype: object } & object>;
  const watched: WatchedBuiltin[] = PROTOTYPE_OWNERS.map((name) => ({
    label: `${name}.prototype`,
    target: bindings[name].prototype,
    lockable: true,
  }));
  watched.push({ label: 'TypedArray.prototype', target: Object.getPrototypeOf(bindings.Uint8Array.prototype) as object, lockable: true });
  for (const name of NAMESPACES) watched.push({ label: name, target: bindings[name], lockable: false });
  return watched;
}

/** Names of the global bindings watched (compared by identity: `globalThis.Promise = …` is a change). */
export const WATCHED_GLOBALS: readonly string[] = [...new Set<string>([...PROTOTYPE_OWNERS, ...NAMESPACES, 'Uint8Array'])];
