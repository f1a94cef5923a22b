import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { enclosesPath } from '../containment/encloses-path';

/** This file's directory: the server's own code, which no plugin's root may enclose. */
const SERVER_CODE_DIR = __dirname;

/**
 * Where the code of the plugin whose module is `file` lives, for `PluginCodeLocations`: its package's
 * root, the nearest directory up from `file` whose package.json has a `name` (a package.json without
 * one, such as `{"type": "module"}` in a build folder, only sets a module format), which holds the
 * package's own node_modules too. `file` alone when there is no such package, or when that directory
 * also holds `baseDir` or the server's own code: a plugin file kept in the app's repository or
 * deployment, whose package's root would claim the server's frames and its neighbours'. Reads
 * package.json files, at start only.
 */
export function pluginCodeRoot(file: string, baseDir: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (isPackageRoot(dir)) return enclosesPath(dir, baseDir) || enclosesPath(dir, SERVER_CODE_DIR) ? file : dir;
    if (dirname(dir) === dir) return file;
  }
}

function isPackageRoot(dir: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown } | null;
    return typeof manifest?.name === 'string';
  } catch {
    // No package.json here, or one that cannot be read: not a package's root.
    return false;
  }
}
