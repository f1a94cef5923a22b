/**
 * The files that may call `plugin.run`: the ToolRunner and the worker entry of `libs/runtime`, and the
 * SDK's test harness (`@forgesyte/plugin-sdk/testing`), which runs a tool in a plugin's tests as the
 * server does and is what the rule tells plugin authors to use: its source here, and its compiled copy
 * in a standalone plugin package (`types/plugin-sdk/testing`). Patterns are matched as path suffixes,
 * so they hold whatever folder ESLint runs from (CLI, editor, monorepo).
 */
export const DEFAULT_RUNNER_FILES: readonly string[] = [
  'libs/runtime/src/tool-runner.service.ts',
  'libs/runtime/src/worker/**',
  'libs/plugin-sdk/src/testing/**',
  'types/plugin-sdk/testing/**',
];

/**
 * The files that belong to a plugin rather than to the product: this repo's in-repo plugins. A `run`
 * there gets the plugin author's advice instead of "call ToolRunner.run", which a plugin does not have.
 * The `recommended` config (for plugin packages) sets `**`: every file of a plugin package is the plugin's.
 */
export const DEFAULT_PLUGIN_FILES: readonly string[] = ['libs/plugins/**'];

/**
 * The files whose `plugin.run` calls must record metrics in a `finally`: the ToolRunner only. The
 * worker entry runs in another thread, away from the registry; the ToolRunner's own `finally` counts
 * every call it hands to a worker.
 */
export const DEFAULT_METRICS_FILES: readonly string[] = ['libs/runtime/src/tool-runner.service.ts'];

/**
 * Turns one glob into a regular expression that matches a whole path or a path suffix starting at a
 * `/`. Supports `**` (any folders, including none), `*` (within one path segment) and `?`.
 */
function globToSuffixRegExp(glob: string): RegExp {
  const pattern = glob.replace(/\\/g, '/').replace(/^\.?\/+/, '');
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      source += slashAfter ? '(?:.*/)?' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (char === '*') {
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else {
      source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`(?:^|/)${source}$`);
}

/**
 * Whether `filename` (absolute or relative, any separator) matches one of `globs`, each taken as a
 * path suffix: `libs/runtime/src/worker/**` matches `/repo/libs/runtime/src/worker/entry.ts`.
 */
export function matchesAnyFile(filename: string, globs: readonly string[]): boolean {
  const path = filename.replace(/\\/g, '/');
  return globs.some((glob) => globToSuffixRegExp(glob).test(path));
}
