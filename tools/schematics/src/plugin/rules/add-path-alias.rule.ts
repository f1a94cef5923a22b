import type { Rule, Tree } from '@angular-devkit/schematics';
import { jsonPropertyEdit, readJson } from '../ast/json-object.editor';
import { applyEdits } from '../ast/text-edit';
import type { NormalizedPluginOptions } from '../plugin-options';

const TSCONFIG = 'tsconfig.json';
/** The alias every in-repo plugin is imported by, e.g. `@forgesyte/plugins/image-inspect`. */
const WILDCARD_ALIAS = '@forgesyte/plugins/*';

/**
 * Adds `@forgesyte/plugins/<name>` to tsconfig.json's `paths`, but only when aliases are per plugin:
 * the wildcard alias already covers every folder of libs/plugins. A tsconfig without its own `paths`
 * (perhaps inheriting them through `extends`) is left alone: a new `paths` would hide the inherited ones.
 */
export function addPathAlias(options: NormalizedPluginOptions): Rule {
  return (tree: Tree) => {
    if (!tree.exists(TSCONFIG)) return;
    const source = tree.readText(TSCONFIG);
    const compilerOptions = (readJson(source, TSCONFIG) as { compilerOptions?: { paths?: Record<string, unknown> } }).compilerOptions;
    if (compilerOptions === undefined) return;
    const alias = `@forgesyte/plugins/${options.name}`;
    const target = [`${options.directory}/src`];
    if (compilerOptions.paths === undefined || WILDCARD_ALIAS in compilerOptions.paths) return;
    const edit = jsonPropertyEdit(source, TSCONFIG, ['compilerOptions', 'paths'], alias, target);
    if (edit !== undefined) tree.overwrite(TSCONFIG, applyEdits(source, [edit]));
  };
}
