import { HostTree } from '@angular-devkit/schematics';
import { UnitTestTree } from '@angular-devkit/schematics/testing';
import { checkoutPathFrom, pathFromCheckout, pinnedVersions } from './forgesyte-checkout';
import { filesUnder, NEST_CLI_JSON, repoTree, runPluginSchematic, SHIPPED_PLUGINS_TS, tsconfigJson } from '../testing/plugin-test-tree';
import { STANDALONE_DEV_DEPENDENCIES } from './template-data';

const PACKAGE_FILES = [
  '.gitignore',
  'README.md',
  'eslint.config.mjs',
  'jest.config.js',
  'package.json',
  'src/acme-gadget.plugin.spec.ts',
  'src/acme-gadget.plugin.ts',
  'src/analyze.schema.ts',
  'src/analyze.tool.ts',
  'src/index.ts',
  'tsconfig.build.json',
  'tsconfig.json',
  'types/plugin-sdk/define-plugin.d.ts',
  'types/plugin-sdk/index.d.ts',
  'types/plugin-sdk/plugin.d.ts',
  'types/plugin-sdk/retry-policy.d.ts',
  'types/plugin-sdk/schema/schema-check.js',
  'types/plugin-sdk/schema/schema-validation-options.js',
  'types/plugin-sdk/schema/schema-violation.js',
  'types/plugin-sdk/schema/value-size.js',
  'types/plugin-sdk/schema/violation-report.js',
  'types/plugin-sdk/testing/harness-context.js',
  'types/plugin-sdk/testing/harness-errors.js',
  'types/plugin-sdk/testing/harness-outcome.d.ts',
  'types/plugin-sdk/testing/harness-schemas.js',
  'types/plugin-sdk/testing/index.d.ts',
  'types/plugin-sdk/testing/index.js',
  'types/plugin-sdk/testing/tool-harness.d.ts',
  'types/plugin-sdk/testing/tool-harness.js',
  'types/plugin-sdk/tool-context.d.ts',
  'types/plugin-sdk/tool-definition.d.ts',
  'types/plugin-sdk/tool-types.d.ts',
];

describe('plugin schematic --standalone', () => {
  it('generates a package in a folder named after the plugin, and touches nothing of the repository', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true });

    expect(filesUnder(tree, 'acme-gadget')).toEqual(PACKAGE_FILES);
    expect(tree.readContent('libs/shipped-plugins/src/shipped-plugins.ts')).toBe(SHIPPED_PLUGINS_TS);
    expect(tree.readContent('nest-cli.json')).toBe(NEST_CLI_JSON);
    expect(tree.readContent('tsconfig.json')).toBe(tsconfigJson());
  });

  it('generates it in --directory', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true, directory: 'plugins/acme-gadget' });

    expect(filesUnder(tree, 'plugins/acme-gadget')).toEqual(PACKAGE_FILES);
  });

  it('generates it in the working directory with --directory . when that is empty', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true, directory: '.' }, new UnitTestTree(new HostTree()));

    expect(tree.files.map((file) => file.slice(1)).sort()).toEqual(PACKAGE_FILES);
  });

  it('writes a package.json whose main is the build, with no dependencies and the checkout’s pinned toolchain', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true, directory: 'plugins/acme-gadget' });
    const manifest = tree.readJson('plugins/acme-gadget/package.json') as Record<string, unknown>;

    expect(manifest).toMatchObject({ name: 'forgesyte-plugin-acme-gadget', main: 'dist/index.js', types: 'dist/index.d.ts', files: ['dist'] });
    expect(manifest).not.toHaveProperty('dependencies');
    expect(manifest.scripts).toEqual({
      build: 'tsc -p tsconfig.build.json',
      typecheck: 'tsc --noEmit -p tsconfig.json',
      test: 'jest',
      lint: 'eslint .',
    });
    expect(manifest.devDependencies).toEqual({
      ...pinnedVersions(STANDALONE_DEV_DEPENDENCIES),
      'eslint-plugin-forgesyte': `file:${checkoutPathFrom('plugins/acme-gadget')}/tools/eslint-plugin`,
    });
  });

  it('maps @forgesyte/plugin-sdk to the SDK types it carries, which export types only', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true });
    const tsconfig = tree.readJson('acme-gadget/tsconfig.json') as { compilerOptions: Record<string, unknown> };
    const index = tree.readContent('acme-gadget/types/plugin-sdk/index.d.ts');

    expect(tsconfig.compilerOptions).toMatchObject({
      rootDir: 'src',
      outDir: 'dist',
      paths: { '@forgesyte/plugin-sdk': ['./types/plugin-sdk/index.d.ts'], '@forgesyte/plugin-sdk/testing': ['./types/plugin-sdk/testing/index.d.ts'] },
    });
    expect(index.split('\n').filter((line) => line.startsWith('export'))).toEqual([
      "export type { ToolDefinition, ToolIsolation, JsonSchema, ToolAnnotations } from './tool-definition';",
      "export type { AnyToolResult, SchemaValue, ToolArgs, ToolCall, ToolResult } from './tool-types';",
      "export type { ToolContext, ToolLogger } from './tool-context';",
      "export type { RetryBackoff, RetryBackoffType, RetryPolicy } from './retry-policy';",
      "export type { Plugin, PluginModuleExport } from './plugin';",
      "export type { PluginDefinition } from './define-plugin';",
    ]);
  });

  it('types the plugin as a PluginDefinition and imports only types from the SDK', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true });
    const plugin = tree.readContent('acme-gadget/src/acme-gadget.plugin.ts');
    const sdkImports = filesUnder(tree, 'acme-gadget/src').flatMap((file) =>
      tree.readContent(`acme-gadget/src/${file}`).split('\n').filter((line) => line.includes("from '@forgesyte/plugin-sdk'")),
    );

    expect(plugin).toContain('export const acmeGadgetPlugin: PluginDefinition<typeof tools> = {');
    expect(plugin).not.toContain('definePlugin(');
    expect(sdkImports.length).toBeGreaterThan(0);
    expect(sdkImports.every((line) => line.startsWith('import type '))).toBe(true);
  });

  it('lints with typescript-eslint type-checked and the forgesyte rules', async () => {
    const config = (await runPluginSchematic({ name: 'acme-gadget', standalone: true })).readContent('acme-gadget/eslint.config.mjs');

    expect(config).toContain("import forgesyte from 'eslint-plugin-forgesyte';");
    expect(config).toContain('extends: [tseslint.configs.recommendedTypeChecked],');
    expect(config).toContain('forgesyte.configs.recommended,');
  });

  it('tests the tool with the SDK harness, mapped to the JavaScript it carries: valid input, invalid input and cancellation', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true });
    const spec = tree.readContent('acme-gadget/src/acme-gadget.plugin.spec.ts');

    expect(spec).toContain("import { createToolHarness, type HarnessOutcome } from '@forgesyte/plugin-sdk/testing';");
    expect(spec).toContain('runs analyze on valid input, and when a request names no tool');
    expect(spec).toContain('refuses input that breaks the input schema with INPUT_INVALID, naming each field');
    expect(spec).toContain('stops at its next step with CANCELLED when the caller cancels mid-run');
    expect(tree.readContent('acme-gadget/jest.config.js')).toContain(
      "moduleNameMapper: { '^@forgesyte/plugin-sdk/testing$': '<rootDir>/types/plugin-sdk/testing/index.js' },",
    );
  });

  it('tells in its README how to load it through FORGESYTE_PLUGINS and call it', async () => {
    const readme = (await runPluginSchematic({ name: 'acme-gadget', standalone: true })).readContent('acme-gadget/README.md');

    // Generated from the checkout's root here: the folder as FORGESYTE_PLUGINS takes a path, ./ first.
    expect(readme).toContain('FORGESYTE_PLUGINS=./acme-gadget npm start');
    expect(pathFromCheckout('acme-gadget', '/home/me/work', '/home/me/forgesyte')).toBe('../work/acme-gadget');
    expect(readme).toContain('-d \'{"plugin":"acme-gadget","tool":"analyze","args":{"text":"one two\\nthree"}}\'');
  });

  it('leaves the spec out with --spec false, and jest then passes with no tests', async () => {
    const tree = await runPluginSchematic({ name: 'acme-gadget', standalone: true, spec: false });

    expect(filesUnder(tree, 'acme-gadget')).toEqual(PACKAGE_FILES.filter((file) => !file.endsWith('.spec.ts')));
    expect(tree.readJson('acme-gadget/package.json')).toHaveProperty('scripts.test', 'jest --passWithNoTests');
  });

  it('refuses a folder that is not empty and writes nothing', async () => {
    const tree = repoTree({ 'acme-gadget/notes.txt': 'mine\n' });

    await expect(runPluginSchematic({ name: 'acme-gadget', standalone: true }, tree)).rejects.toThrow(
      'acme-gadget already exists and is not empty: choose another --directory. Nothing was written.',
    );
    expect(filesUnder(tree, 'acme-gadget')).toEqual(['notes.txt']);
  });

  it.each(['../acme-gadget', '/tmp/acme-gadget', 'a/../../acme-gadget'])('refuses --directory %s, outside the working directory', async (directory) => {
    await expect(runPluginSchematic({ name: 'acme-gadget', standalone: true, directory })).rejects.toThrow(
      `--directory must be a relative path inside the folder you run the command from (got "${directory}")`,
    );
  });
});
