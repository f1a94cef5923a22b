import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';

/** What Node tries after a `main` it cannot find as given (its CommonJS resolution). */
const MAIN_SUFFIXES = ['', '.js', '.json', '.node', '/index.js', '/index.json', '/index.node'];

/** The part of a package.json read here. */
interface PackageManifest {
  readonly name?: unknown;
  readonly main?: unknown;
  readonly exports?: unknown;
  readonly scripts?: { readonly build?: unknown } | null;
}

/**
 * Why the `FORGESYTE_PLUGINS` specifier did not resolve when it names a package that is there but not
 * built: a path to a package folder, or a package name in `baseDir`'s node_modules, whose package.json
 * points its `main` or `exports` at files that do not exist (a standalone plugin's `dist/` before
 * `npm run build`). `undefined` when the specifier names no such package. Names only the specifier and
 * the package's own relative paths, never an absolute one. Reads files, at start only.
 */
export function unbuiltPackageReason(specifier: string, baseDir: string): string | undefined {
  const dir = packageDirOf(specifier, baseDir);
  const manifest = dir === undefined ? undefined : readManifest(dir);
  if (dir === undefined || manifest === undefined) return undefined;
  const entries = entryFilesOf(manifest);
  const missing = entries.filter((entry) => !entryExists(dir, entry));
  if (entries.length === 0 || missing.length < entries.length) return undefined;
  const build =
    typeof manifest.scripts?.build === 'string' ? 'run `npm run build` in that package' : `build the package so that ${missing[0]} exists`;
  const name = typeof manifest.name === 'string' ? `'${manifest.name}' ` : '';
  const absent = missing.length === 1 ? 'which does not exist' : 'none of which exists';
  return `the package ${name}at '${specifier}' is not built: its package.json points to ${missing.join(', ')}, ${absent}; ${build}, then restart the server`;
}

/** The folder of the package the specifier names, if it names one that is there. */
function packageDirOf(specifier: string, baseDir: string): string | undefined {
  if (specifier.startsWith('.') || isAbsolute(specifier)) {
    const dir = resolve(baseDir, specifier);
    return isDirectory(dir) ? dir : undefined;
  }
  const lookup = createRequire(join(baseDir, 'noop.js')).resolve.paths(specifier) ?? [];
  return lookup.map((modules) => join(modules, specifier)).find((dir) => existsSync(join(dir, 'package.json')));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    // Nothing there: not a package folder.
    return false;
  }
}

function readManifest(dir: string): PackageManifest | undefined {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as unknown;
    return typeof manifest === 'object' && manifest !== null ? manifest : undefined;
  } catch {
    // No package.json, or one that cannot be read: not a package this can say anything about.
    return undefined;
  }
}

/** The files the package's `main` and its `exports` for `.` name, relative to its folder. */
function entryFilesOf(manifest: PackageManifest): string[] {
  const files = new Set<string>();
  if (typeof manifest.main === 'string' && manifest.main !== '') files.add(manifest.main);
  const root = rootExport(manifest.exports);
  for (const target of exportTargets(root)) files.add(target);
  return [...files];
}

/** What `exports` maps `.` to: the whole value when it is a string, a conditions object or an array. */
function rootExport(exportsField: unknown): unknown {
  if (typeof exportsField !== 'object' || exportsField === null || Array.isArray(exportsField)) return exportsField;
  const keys = Object.keys(exportsField);
  return keys.some((key) => key.startsWith('.')) ? (exportsField as Record<string, unknown>)['.'] : exportsField;
}

/** Every file path in an `exports` target (a string, an array, or nested conditions). */
function exportTargets(target: unknown): string[] {
  if (typeof target === 'string') return [target];
  if (Array.isArray(target)) return target.flatMap(exportTargets);
  if (typeof target === 'object' && target !== null) return Object.values(target).flatMap(exportTargets);
  return [];
}

function entryExists(dir: string, entry: string): boolean {
  return MAIN_SUFFIXES.some((suffix) => existsSync(resolve(dir, `${entry}${suffix}`)));
}
