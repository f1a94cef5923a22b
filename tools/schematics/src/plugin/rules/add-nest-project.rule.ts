import type { Rule, Tree } from '@angular-devkit/schematics';
import { jsonPropertyEdit, readJson } from '../ast/json-object.editor';
import { applyEdits } from '../ast/text-edit';
import type { NormalizedPluginOptions } from '../plugin-options';

const NEST_CLI = 'nest-cli.json';

/**
 * Adds the plugin to nest-cli.json's `projects` as a library, like the shipped plugins before it, so
 * `nest g service <x> -p <plugin>` targets it. Nothing to do outside a monorepo or when it is listed.
 */
export function addNestProject(options: NormalizedPluginOptions): Rule {
  return (tree: Tree) => {
    if (!tree.exists(NEST_CLI)) return;
    const source = tree.readText(NEST_CLI);
    const config = readJson(source, NEST_CLI) as { projects?: unknown };
    if (typeof config.projects !== 'object' || config.projects === null) return;
    const project = { type: 'library', root: options.directory, entryFile: 'index', sourceRoot: `${options.directory}/src` };
    const edit = jsonPropertyEdit(source, NEST_CLI, ['projects'], options.name, project);
    if (edit !== undefined) tree.overwrite(NEST_CLI, applyEdits(source, [edit]));
  };
}
