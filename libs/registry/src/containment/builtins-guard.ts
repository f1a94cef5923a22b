import { WATCHED_GLOBALS, type WatchedBuiltin, watchedBuiltins } from './watched-builtins';

// Taken once, before any plugin runs: a plugin that replaces them cannot blind the guard.
const { defineProperty, getOwnPropertyDescriptor, getPrototypeOf, isExtensible, preventExtensions, setPrototypeOf } = Object;
const { ownKeys, deleteProperty } = Reflect;

/** How one watched object looked. */
interface ObjectState {
  readonly watched: WatchedBuiltin;
  readonly proto: object | null;
  extensible: boolean;
  readonly properties: Map<PropertyKey, PropertyDescriptor>;
}

/** What {@link BuiltinsGuard.restore} found changed since the baseline, and what it could not undo. */
export interface BuiltinChanges {
  /** Each change, e.g. `Object.prototype.polluted (added)`; empty when nothing changed. */
  readonly changes: readonly string[];
  /** The changes that could not be undone (a property made non-configurable, an object frozen). */
  readonly permanent: readonly string[];
}

/**
 * Protects the built-ins the server relies on from plugin code running in its thread. It records the
 * own properties, prototype and extensibility of each watched built-in (see {@link watchedBuiltins})
 * when created, before any plugin code runs; {@link restore}, called after each plugin's module load
 * and `init`, reports every change since and undoes it, so that the loader can refuse that plugin.
 * {@link lock} then makes the prototypes non-extensible: an added property (the `for…in` poisoning of
 * `Object.prototype.polluted = …`) fails from then on. Not frozen: freezing makes assignments such as
 * `error.toString = …` throw in libraries' strict code (the "override mistake").
 */
export class BuiltinsGuard {
  private readonly objects: ObjectState[];
  private readonly globals: Map<string, PropertyDescriptor | undefined>;

  constructor(private readonly global: typeof globalThis = globalThis) {
    this.objects = watchedBuiltins(global).map((watched) => ({
      watched,
      proto: getPrototypeOf(watched.target) as object | null,
      extensible: isExtensible(watched.target),
      properties: propertiesOf(watched.target),
    }));
    this.globals = new Map(WATCHED_GLOBALS.map((name) => [name, getOwnPropertyDescriptor(global, name)]));
  }

  /** Undoes every change to the watched built-ins since the baseline and says what they were. */
  restore(): BuiltinChanges {
    const changes: string[] = [];
    const permanent: string[] = [];
    const report = (change: string, undone: boolean): void => {
      changes.push(change);
      if (!undone) permanent.push(change);
    };
    for (const state of this.objects) this.restoreObject(state, report);
    for (const [name, before] of this.globals) {
      const now = getOwnPropertyDescriptor(this.global, name);
      if (!sameDescriptor(before, now)) report(`globalThis.${name} (${before === undefined ? 'added' : now === undefined ? 'removed' : 'replaced'})`, reset(this.global, name, before));
    }
    return { changes, permanent };
  }

  /** Makes the watched prototypes non-extensible: adding a property to one fails from now on. */
  lock(): void {
    for (const state of this.objects) {
      if (!state.watched.lockable) continue;
      preventExtensions(state.watched.target);
      state.extensible = false;
    }
  }

  private restoreObject(state: ObjectState, report: (change: string, undone: boolean) => void): void {
    const { target, label } = state.watched;
    if (getPrototypeOf(target) !== state.proto) report(`${label} (its prototype was replaced)`, trySetPrototype(target, state.proto));
    const now = propertiesOf(target);
    for (const [key, before] of state.properties) {
      const after = now.get(key);
      if (!sameDescriptor(before, after)) report(`${label}${keyLabel(key)} (${after === undefined ? 'removed' : 'replaced'})`, reset(target, key, before));
    }
    for (const key of now.keys()) {
      if (!state.properties.has(key)) report(`${label}${keyLabel(key)} (added)`, reset(target, key, undefined));
    }
    if (state.extensible && !isExtensible(target)) report(`${label} (made non-extensible)`, false);
  }
}

function propertiesOf(target: object): Map<PropertyKey, PropertyDescriptor> {
  const properties = new Map<PropertyKey, PropertyDescriptor>();
  const keys = ownKeys(target);
  for (let i = 0; i < keys.length; i += 1) properties.set(keys[i], getOwnPropertyDescriptor(target, keys[i]) as PropertyDescriptor);
  return properties;
}

function sameDescriptor(a: PropertyDescriptor | undefined, b: PropertyDescriptor | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.value === b.value &&
    a.get === b.get &&
    a.set === b.set &&
    a.writable === b.writable &&
    a.enumerable === b.enumerable &&
    a.configurable === b.configurable
  );
}

/** Puts `key` of `target` back as `before` (deletes it when it did not exist); false when it cannot. */
function reset(target: object, key: PropertyKey, before: PropertyDescriptor | undefined): boolean {
  try {
    return before === undefined ? deleteProperty(target, key) : defineProperty(target, key, before) === target;
  } catch {
    return false;
  }
}

function trySetPrototype(target: object, proto: object | null): boolean {
  try {
    setPrototypeOf(target, proto);
    return true;
  } catch {
    return false;
  }
}

function keyLabel(key: PropertyKey): string {
  return typeof key === 'symbol' ? `[${key.description ?? 'symbol'}]` : `.${String(key)}`;
}
