import { posix } from 'node:path';
import { strings } from '@angular-devkit/core';
import { type Rule, type SchematicContext, SchematicsException, type Tree } from '@angular-devkit/schematics';
import { shippedPluginEdits } from '../ast/shipped-plugins.editor';
import { applyEdits, type TextEdit } from '../ast/text-edit';
import { type NormalizedPluginOptions, type ResolvedPluginOptions, SHIPPED_PLUGINS_FILE } from '../plugin-options';

/**
 * Decides, once and from the tree (which transform() cannot see), the shipped-plugin list the plugin is
 * registered in: `<sourceRoot>/shipped-plugins.ts` when the project named by `-p` has one, else the
 * repository's, {@link SHIPPED_PLUGINS_FILE}. Plain `nest g plugin <name>` passes the default project's
 * source root (`apps/api/src`, which has no list), so it lands on the repository's list, as do `-p api`,
 * `-p worker` and `-p shipped-plugins`. When neither exists, {@link assertRegistrable} refuses.
 */
export function resolveShippedPluginsFile(tree: Tree, options: NormalizedPluginOptions): ResolvedPluginOptions {
  const projectFile = projectShippedPluginsFile(options);
  return { ...options, shippedPluginsFile: tree.exists(projectFile) ? projectFile : SHIPPED_PLUGINS_FILE };
}

/**
 * Fails, saying how to fix it, when the plugin could not be registered: no shipped-plugin list (neither
 * at the source root nor the repository's), or no `SHIPPED_PLUGINS` array literal in it. Runs before
 * anything is generated.
 */
export function assertRegistrable(options: ResolvedPluginOptions): Rule {
  return (tree: Tree) => {
    if (options.register) registrationEdits(tree, options);
  };
}

/**
 * Imports the new plugin in `shipped-plugins.ts` (the list both apps load) and lists it in
 * `SHIPPED_PLUGINS` with its module file (`require.resolve` of its `src`, relative to the list, which
 * worker threads load for its `isolation: 'worker'` tools): an edit of the syntax tree that keeps the
 * file's formatting, and does nothing when it is already there.
 */
export function registerShippedPlugin(options: ResolvedPluginOptions): Rule {
  return (tree: Tree, context: SchematicContext) => {
    if (!options.register) return;
    const edits = registrationEdits(tree, options);
    if (edits.length === 0) {
      context.logger.info(`${options.shippedPluginsFile} already ships ${options.name}.`);
      return;
    }
    tree.overwrite(options.shippedPluginsFile, applyEdits(tree.readText(options.shippedPluginsFile), edits));
  };
}

function projectShippedPluginsFile(options: NormalizedPluginOptions): string {
  return `${options.sourceRoot}/shipped-plugins.ts`;
}

function registrationEdits(tree: Tree, options: ResolvedPluginOptions): TextEdit[] {
  const file = options.shippedPluginsFile;
  if (!tree.exists(file)) {
    const projectFile = projectShippedPluginsFile(options);
    const lookedFor = projectFile === file ? file : `${projectFile} and ${file}`;
    throw new SchematicsException(
      `No shipped-plugin list was found (looked for ${lookedFor}), so the plugin cannot be registered: ` +
        `run nest g plugin ${options.name} from the root of the ForgeSyte repository, whose list is ${SHIPPED_PLUGINS_FILE}, ` +
        'or add --skip-import to only generate the lib.',
    );
  }
  try {
    const modulePath = posix.relative(posix.dirname(file), `${options.directory}/src`);
    return shippedPluginEdits(tree.readText(file), file, `@forgesyte/plugins/${options.name}`, strings.camelize(options.name), modulePath.startsWith('.') ? modulePath : `./${modulePath}`);
  } catch (error) {
    throw new SchematicsException((error as Error).message);
  }
}
