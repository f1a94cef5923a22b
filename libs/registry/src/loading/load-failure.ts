import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { errorMessageOf } from '@forgesyte/errors';

/** The module Node names in a `MODULE_NOT_FOUND` error's first line. */
const MISSING_MODULE = /^Cannot find module '([^']+)'/;

/**
 * Why the `FORGESYTE_PLUGINS` module `specifier` did not resolve or load, in words that say what to fix,
 * without the absolute paths and require stack Node puts in its messages: a module the plugin requires
 * that is missing (a dependency, not the plugin); a bare folder name Node read as a package name (with
 * `baseDir`, the folder specifiers are resolved from); else the module itself not found. Any other
 * error: its first line.
 */
export function loadFailureOf(specifier: string, error: unknown, baseDir?: string): string {
  if ((error as { code?: unknown } | null)?.code !== 'MODULE_NOT_FOUND') return errorMessageOf(error).split('\n')[0];
  const missing = MISSING_MODULE.exec(errorMessageOf(error))?.[1];
  if (missing !== undefined && missing !== specifier && !isAbsolute(missing)) {
    return `it requires '${missing}', which was not found from the plugin's folder; ${missingDependencyAdvice(missing)}`;
  }
  const isPath = specifier.startsWith('.') || isAbsolute(specifier);
  if (!isPath && baseDir !== undefined && existsSync(resolve(baseDir, specifier))) {
    return `no package '${specifier}' was found; to load the folder of that name, write './${specifier}' (a path starts with ./, ../ or /, anything else is a package name)`;
  }
  return `no module '${specifier}' was found; check the path or install the package`;
}

function missingDependencyAdvice(missing: string): string {
  if (missing.startsWith('.')) return "check that path in the plugin's code, or build the package";
  if (missing.startsWith('@forgesyte/')) {
    return (
      `a plugin package outside this repository may take only types from ${missing} (\`import type\`), since the server does not provide it at run time: ` +
      "export the plugin as a plain object, and throw an Error with code 'INPUT_INVALID' instead of a ToolInputError (docs/writing-plugins.md)"
    );
  }
  return 'install it in the plugin package';
}
