import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

/** The ForgeSyte checkout this collection belongs to (tools/schematics/src/plugin is four levels down). */
export const FORGESYTE_ROOT = resolve(__dirname, '../../../..');

/** One TypeScript source file of the SDK, by its file name. */
export interface SdkSource {
  readonly fileName: string;
  readonly text: string;
}

/**
 * The exact versions this checkout pins for `names` (from its package.json), so a standalone plugin
 * package uses the same toolchain. Throws, naming the package, when one is not pinned here.
 */
export function pinnedVersions(names: readonly string[], root: string = FORGESYTE_ROOT): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  const all = { ...manifest.dependencies, ...manifest.devDependencies };
  return Object.fromEntries(
    names.map((name) => {
      const version = all[name];
      if (version === undefined) throw new Error(`${join(root, 'package.json')} does not pin ${name}, which a standalone plugin needs.`);
      return [name, version];
    }),
  );
}

/**
 * The SDK's sources: every `.ts` file under `libs/plugin-sdk/src` but specs, named by its path there
 * (`schema/schema-check.ts`), sorted.
 */
export function sdkSources(root: string = FORGESYTE_ROOT): SdkSource[] {
  const dir = join(root, 'libs/plugin-sdk/src');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((file) => file.split(sep).join('/'))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts'))
    .sort()
    .map((fileName) => ({ fileName, text: readFileSync(join(dir, fileName), 'utf8') }));
}

/**
 * The checkout's path as seen from `directory` (relative to the working directory), in POSIX form:
 * what a generated package writes to reach back to this checkout, e.g. `../forgesyte`.
 */
export function checkoutPathFrom(directory: string, cwd: string = process.cwd(), root: string = FORGESYTE_ROOT): string {
  const path = relative(resolve(cwd, directory), root).split(sep).join('/');
  return path === '' ? '.' : path;
}

/**
 * The package folder `directory` (relative to the working directory) as seen from this checkout, as
 * `FORGESYTE_PLUGINS` takes a path: starting with `./` or `../`, e.g. `./plugins-wip/acme-gadget`.
 */
export function pathFromCheckout(directory: string, cwd: string = process.cwd(), root: string = FORGESYTE_ROOT): string {
  const path = relative(root, resolve(cwd, directory)).split(sep).join('/');
  return path.startsWith('../') ? path : `./${path}`;
}
