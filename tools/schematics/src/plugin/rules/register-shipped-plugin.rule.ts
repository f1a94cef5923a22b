import { strings } from '@angular-devkit/core';
import { type Rule, type SchematicContext, SchematicsException, type Tree } from '@angular-devkit/schematics';
import { shippedPluginEdits } from '../ast/shipped-plugins.editor';
import { applyEdits, type TextEdit } from '../ast/text-edit';
import type { NormalizedPluginOptions } from '../plugin-options';

/**
 * Fails, saying how to fix it, when the plugin could not be registered: no `shipped-plugins.ts` at the
 * source root, or no `SHIPPED_PLUGINS` array literal in it. Runs before anything is generated.
 */
export function assertRegistrable(options: NormalizedPluginOptions): Rule {
  return (tree: Tree) => {
    if (options.register) registrationEdits(tree, options);
  };
}

/**
 * Imports the new plugin in `shipped-plugins.ts` (the list both apps load) and lists it in
 * `SHIPPED_PLUGINS`: an edit of the syntax tree that keeps the file's formatting, and does nothing
 * when it is already there.
 */
export function registerShippedPlugin(options: NormalizedPluginOptions): Rule {
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

function registrationEdits(tree: Tree, options: NormalizedPluginOptions): TextEdit[] {
  const file = options.shippedPluginsFile;
  if (!tree.exists(file)) {
    throw new SchematicsException(
      `${file} was not found, so the plugin cannot be registered: name the project that lists the shipped plugins ` +
        `(nest g plugin ${options.name} -p shipped-plugins), or add --skip-import to only generate the lib.`,
    );
  }
  try {
    return shippedPluginEdits(tree.readText(file), file, `@forgesyte/plugins/${options.name}`, strings.camelize(options.name));
  } catch (error) {
    throw new SchematicsException((error as Error).message);
  }
}
