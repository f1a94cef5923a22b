import { join } from 'node:path';
import { HostTree } from '@angular-devkit/schematics';
import { SchematicTestRunner, UnitTestTree } from '@angular-devkit/schematics/testing';
import type { PluginOptions } from '../plugin/plugin.schema';

/** This package's collection.json, as nest-cli.json's `collection` reaches it. */
export const COLLECTION_PATH = join(__dirname, '../../collection.json');

/** The element of libs/shipped-plugins/src/shipped-plugins.ts that lists in-repo plugin `name` as `local`. */
export function shippedEntry(local: string, name: string): string {
  return `{ plugin: ${local}, moduleFile: require.resolve('../../plugins/${name}/src') }`;
}

/** libs/shipped-plugins/src/shipped-plugins.ts as the repository has it. */
export const SHIPPED_PLUGINS_TS = `import type { PluginModuleExport } from '@forgesyte/plugin-sdk';
import imageInspect from '@forgesyte/plugins/image-inspect';

/** The plugins that ship with ForgeSyte, registered before any from \`FORGESYTE_PLUGINS\`. */
export const SHIPPED_PLUGINS: readonly { readonly plugin: PluginModuleExport; readonly moduleFile: string }[] = [
  ${shippedEntry('imageInspect', 'image-inspect')},
];
`;

/** {@link SHIPPED_PLUGINS_TS} once in-repo plugin `name` is imported as `local` and listed last, as the schematic registers it. */
export function shippedPluginsTsWith(local: string, name: string): string {
  const imageInspect = `  ${shippedEntry('imageInspect', 'image-inspect')},\n`;
  return SHIPPED_PLUGINS_TS.replace("image-inspect';\n", `image-inspect';\nimport ${local} from '@forgesyte/plugins/${name}';\n`).replace(
    imageInspect,
    `${imageInspect}  ${shippedEntry(local, name)},\n`,
  );
}

/** nest-cli.json, reduced to what the schematic reads: the collection and one-line library projects. */
export const NEST_CLI_JSON = `{
  "collection": "@forgesyte/schematics",
  "monorepo": true,
  "projects": {
    "api": { "type": "application", "root": "apps/api", "sourceRoot": "apps/api/src" },
    "runtime": { "type": "library", "root": "libs/runtime", "entryFile": "index", "sourceRoot": "libs/runtime/src" },
    "shipped-plugins": { "type": "library", "root": "libs/shipped-plugins", "entryFile": "index", "sourceRoot": "libs/shipped-plugins/src" },
    "image-inspect": { "type": "library", "root": "libs/plugins/image-inspect", "entryFile": "index", "sourceRoot": "libs/plugins/image-inspect/src" }
  }
}
`;

/** tsconfig.json with the repository's path aliases; `pluginPaths` replaces the plugins' wildcard. */
export function tsconfigJson(pluginPaths = '"@forgesyte/plugins/*": ["libs/plugins/*/src"]'): string {
  return `{
  "compilerOptions": {
    "strict": true,
    "paths": {
      "@forgesyte/plugin-sdk": ["libs/plugin-sdk/src"],
      ${pluginPaths}
    }
  }
}
`;
}

/** A tree shaped like the repository root: the files the schematic edits, plus an existing plugin. */
export function repoTree(files: Readonly<Record<string, string>> = {}): UnitTestTree {
  const tree = new UnitTestTree(new HostTree());
  const all = {
    'libs/shipped-plugins/src/shipped-plugins.ts': SHIPPED_PLUGINS_TS,
    'nest-cli.json': NEST_CLI_JSON,
    'tsconfig.json': tsconfigJson(),
    'libs/plugins/image-inspect/src/index.ts': 'export default {};\n',
    ...files,
  };
  for (const [path, content] of Object.entries(all)) tree.create(path, content);
  return tree;
}

/** Runs the `plugin` schematic of this collection on `tree` (a repository-shaped tree by default). */
export function runPluginSchematic(options: PluginOptions, tree: UnitTestTree = repoTree()): Promise<UnitTestTree> {
  return new SchematicTestRunner('@forgesyte/schematics', COLLECTION_PATH).runSchematic('plugin', options, tree);
}

/** The files of `tree` under `directory`, relative to it and sorted. */
export function filesUnder(tree: UnitTestTree, directory: string): string[] {
  const prefix = `/${directory}/`;
  return tree.files
    .filter((file) => file.startsWith(prefix))
    .map((file) => file.slice(prefix.length))
    .sort();
}
