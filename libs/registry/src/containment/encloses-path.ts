import { isAbsolute, relative, sep } from 'node:path';

/** Whether the absolute `path` is `root` itself or lies inside the directory `root`. */
export function enclosesPath(root: string, path: string): boolean {
  const inside = relative(root, path);
  return inside === '' || (inside !== '..' && !inside.startsWith(`..${sep}`) && !isAbsolute(inside));
}
