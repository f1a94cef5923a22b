const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The JSON Pointer of the first object key in `value` that could pollute prototypes (`__proto__`,
 * `constructor`, `prototype`), at any depth; undefined when there is none.
 */
export function findForbiddenKey(value: unknown): string | undefined {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [node, path] = stack.pop() as [unknown, string];
    if (typeof node !== 'object' || node === null) continue;
    for (const key of Object.keys(node)) {
      const child = `${path}/${key}`;
      if (FORBIDDEN_KEYS.has(key)) return child;
      stack.push([(node as Record<string, unknown>)[key], child]);
    }
  }
  return undefined;
}
