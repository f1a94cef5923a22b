const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** An object still to scan, and how it was reached (its path is built only when a key is found). */
interface Frame {
  readonly node: object;
  readonly key: string;
  readonly parent: Frame | undefined;
}

/**
 * The JSON Pointer of the first object key in `value` that could pollute prototypes (`__proto__`,
 * `constructor`, `prototype`), at any depth; undefined when there is none. Runs on every request body:
 * it walks with its own stack (no recursion, whatever the depth), made only once a nested value is met;
 * it lists an object's keys with `for…in` rather than `Object.keys`, which would allocate an array per
 * object, and walks an array by index, never by key: `for…in` would make a string of every index.
 */
export function findForbiddenKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  let stack: Frame[] | undefined;
  for (let frame: Frame | undefined = { node: value, key: '', parent: undefined }; frame !== undefined; frame = stack?.pop()) {
    const node = frame.node;
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const child: unknown = node[index];
        if (typeof child === 'object' && child !== null) (stack ??= []).push({ node: child, key: String(index), parent: frame });
      }
      continue;
    }
    for (const key in node) {
      if (!Object.hasOwn(node, key)) continue;
      if (FORBIDDEN_KEYS.has(key)) return `${pathOf(frame)}/${key}`;
      const child: unknown = (node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) (stack ??= []).push({ node: child, key, parent: frame });
    }
  }
  return undefined;
}

function pathOf(frame: Frame): string {
  let path = '';
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) path = `/${at.key}${path}`;
  return path;
}
