import { type Rule, SchematicsException, type Tree } from '@angular-devkit/schematics';
import { readJson } from '../ast/json-object.editor';
import type { NormalizedPluginOptions } from '../plugin-options';

/**
 * Refuses to generate over anything: an existing plugin folder (or a non-empty standalone folder),
 * or a Nest project of the same name elsewhere. Runs first, so a refusal writes nothing.
 */
export function assertNewPlugin(options: NormalizedPluginOptions): Rule {
  return (tree: Tree) => {
    const where = options.directory === '' ? 'the current folder' : options.directory;
    if (!isFree(tree, options.directory)) {
      throw new SchematicsException(
        options.standalone
          ? `${where} already exists and is not empty: choose another --directory. Nothing was written.`
          : `A plugin named "${options.name}" already exists in ${where}: choose another name. Nothing was written.`,
      );
    }
    if (!options.standalone) assertNoOtherNestProject(tree, options);
  };
}

function isFree(tree: Tree, directory: string): boolean {
  if (directory !== '' && tree.exists(directory)) return false;
  const dir = tree.getDir(directory === '' ? '/' : directory);
  return dir.subfiles.length === 0 && dir.subdirs.length === 0;
}

function assertNoOtherNestProject(tree: Tree, options: NormalizedPluginOptions): void {
  if (!tree.exists('nest-cli.json')) return;
  const text = tree.readText('nest-cli.json');
  const projects = (readJson(text, 'nest-cli.json') as { projects?: Record<string, { root?: string }> }).projects ?? {};
  const project = projects[options.name];
  if (project !== undefined && project.root !== options.directory) {
    throw new SchematicsException(
      `nest-cli.json already has a project named "${options.name}" (root ${String(project.root)}): ` +
        'a plugin gets a project of its own name, so choose another name. Nothing was written.',
    );
  }
}
