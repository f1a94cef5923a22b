import { posix } from 'node:path';
import { SchematicsException } from '@angular-devkit/schematics';
import type { PluginOptions } from './plugin.schema';

/**
 * Plugin names, as SPEC and the SDK's `PLUGIN_NAME_PATTERN` define them (a spec checks that the two
 * agree: this collection runs outside the repo's path aliases, so it cannot import the SDK).
 */
export const PLUGIN_NAME_PATTERN = /^[a-z][a-z0-9-]{0,63}$/;

/** Starter tool names: lower-case letters, digits, dashes and underscores, starting with a letter. */
export const TOOL_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

/** Where in-repo plugins live; the `@forgesyte/plugins/*` alias points into it. */
export const PLUGINS_ROOT = 'libs/plugins';

/** Source root of the lib that lists the shipped plugins, which both apps load (`@forgesyte/shipped-plugins`). */
export const SHIPPED_PLUGINS_ROOT = 'libs/shipped-plugins/src';

/**
 * The repository's shipped-plugin list: where a plugin is registered when the project named by `-p` has no
 * `shipped-plugins.ts` of its own, as with plain `nest g plugin <name>` (the default project, api, has none).
 */
export const SHIPPED_PLUGINS_FILE = `${SHIPPED_PLUGINS_ROOT}/shipped-plugins.ts`;

/** The options after {@link transform}: validated, defaulted, and with the paths the rules write to. */
export interface NormalizedPluginOptions {
  readonly name: string;
  readonly tool: string;
  readonly isolation: 'inline' | 'worker';
  readonly spec: boolean;
  readonly standalone: boolean;
  /** Whether to add the plugin to the shipped-plugin list (in-repo, without `skipImport`). */
  readonly register: boolean;
  /** The plugin's folder: `libs/plugins/<name>`, or the standalone package's (`''`: the working directory). */
  readonly directory: string;
  /**
   * Source root of the project named by `-p`, as the Nest CLI passes it (its default project's, `apps/api/src`,
   * without `-p`); {@link SHIPPED_PLUGINS_ROOT} by default.
   */
  readonly sourceRoot: string;
}

/** {@link NormalizedPluginOptions} once the tree has said which shipped-plugin list registers the plugin. */
export interface ResolvedPluginOptions extends NormalizedPluginOptions {
  /** The shipped-plugin list the plugin is registered in (or, with `skipImport`, the one the README points to). */
  readonly shippedPluginsFile: string;
}

/**
 * Validates and defaults the options before any rule runs, so a bad option stops the schematic before
 * anything is written. Every message says what is allowed.
 */
export function transform(options: PluginOptions): NormalizedPluginOptions {
  const name = checkName(options.name);
  const tool = options.tool ?? 'analyze';
  if (!TOOL_NAME_PATTERN.test(tool)) {
    throw new SchematicsException(
      `Tool name "${tool}" is not allowed: use 1 to 64 lower-case letters (a-z), digits, dashes and underscores, ` +
        `starting with a letter (${String(TOOL_NAME_PATTERN)}), e.g. --tool extract_text.`,
    );
  }
  const isolation = options.isolation ?? 'inline';
  if (isolation !== 'inline' && isolation !== 'worker') {
    throw new SchematicsException(`--isolation must be inline or worker, not "${String(isolation)}".`);
  }
  if (options.path !== undefined && options.path !== '') {
    throw new SchematicsException(
      `"nest g plugin <name> <path>" is not supported: plugins live in ${PLUGINS_ROOT}/<name>. ` +
        'For a package elsewhere, use --standalone --directory <dir>.',
    );
  }
  const standalone = options.standalone ?? false;
  return {
    name,
    tool,
    isolation,
    spec: options.spec ?? true,
    standalone,
    register: !standalone && !(options.skipImport ?? false),
    directory: standalone ? checkDirectory(options.directory ?? name) : inRepoDirectory(name, options.directory),
    sourceRoot: trimSlashes(options.sourceRoot ?? SHIPPED_PLUGINS_ROOT),
  };
}

function checkName(name: string | undefined): string {
  if (name === undefined || name === '') {
    throw new SchematicsException('Give the plugin a name: nest g plugin <name> (e.g. nest g plugin acme-widget).');
  }
  if (!PLUGIN_NAME_PATTERN.test(name)) {
    throw new SchematicsException(
      `Plugin name "${name}" is not allowed: use 1 to 64 characters, lower-case letters (a-z), digits and dashes, ` +
        `starting with a letter (${String(PLUGIN_NAME_PATTERN)}), e.g. acme-widget.`,
    );
  }
  return name;
}

function inRepoDirectory(name: string, directory: string | undefined): string {
  if (directory !== undefined) {
    throw new SchematicsException(
      `--directory applies only with --standalone: a plugin of this repository lives in ${PLUGINS_ROOT}/${name}.`,
    );
  }
  return `${PLUGINS_ROOT}/${name}`;
}

function checkDirectory(directory: string): string {
  const normalized = posix.normalize(directory.replaceAll('\\', '/'));
  if (posix.isAbsolute(normalized) || /^[A-Za-z]:/.test(directory) || normalized === '..' || normalized.startsWith('../')) {
    throw new SchematicsException(
      `--directory must be a relative path inside the folder you run the command from (got "${directory}"): ` +
        'the schematics engine writes nowhere else. Run the command from the folder that should hold the package.',
    );
  }
  return normalized === '.' ? '' : trimSlashes(normalized);
}

function trimSlashes(path: string): string {
  return path.replace(/^\.\/+/, '').replace(/^\/+|\/+$/g, '');
}
