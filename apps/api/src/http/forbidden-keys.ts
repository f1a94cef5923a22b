const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** An object still to scan, and how it was reached (its path is built only when a key is found). */
interface Frame {
  readonly node: object;
  readonly key: string;
  readonly parent: Frame | undefined;
}

/**
 * The JSON Pointer of the first object key in `value` that could pollute prototypes (`__proto__`,
 * `constructor`, `prototype`), at any depth; undefined when there is none.
 */
export function findForbiddenKey(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const stack: Frame[] = [{ node: value, key: '', parent: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    for (const key of Object.keys(frame.node)) {
      if (FORBIDDEN_KEYS.has(key)) return `${pathOf(frame)}/${key}`;
      const child = (frame.node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) stack.push({ node: child, key, parent: frame });
    }
  }
  return undefined;
}

function pathOf(frame: Frame): string {
  let path = '';
  for (let at: Frame | undefined = frame; at?.parent !== undefined; at = at.parent) path = `/${at.key}${path}`;
  return path;
}
