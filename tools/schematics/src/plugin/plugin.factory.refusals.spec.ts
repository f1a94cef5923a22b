import type { UnitTestTree } from '@angular-devkit/schematics/testing';
import { repoTree, runPluginSchematic } from '../testing/plugin-test-tree';
import type { PluginOptions } from './plugin.schema';

/** Runs the schematic on `tree` (a repository tree by default) and returns its files before and after, for "nothing written". */
async function refusal(options: PluginOptions, tree: UnitTestTree = repoTree()): Promise<{ error: unknown; before: string[]; after: string[] }> {
  const before = tree.files.map((file) => `${file}:${tree.readContent(file)}`);
  const error = await runPluginSchematic(options, tree).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  return { error, before, after: tree.files.map((file) => `${file}:${tree.readContent(file)}`) };
}

describe('plugin schematic refusals', () => {
  it.each(['Acme', '9lives', 'acme_widget', 'acme widget', '-acme', `a${'b'.repeat(64)}`])(
    'refuses the plugin name %j, saying what is allowed',
    async (name) => {
      const { error, before, after } = await refusal({ name });

      expect(error).toHaveProperty(
        'message',
        `Plugin name "${name}" is not allowed: use 1 to 64 characters, lower-case letters (a-z), digits and dashes, ` +
          'starting with a letter (/^[a-z][a-z0-9-]{0,63}$/), e.g. acme-widget.',
      );
      expect(after).toEqual(before);
    },
  );

  it('accepts a name of 64 characters', async () => {
    const name = `a${'b'.repeat(63)}`;

    const tree = await runPluginSchematic({ name });

    expect(tree.exists(`libs/plugins/${name}/src/index.ts`)).toBe(true);
  });

  it.each(['Analyze', '1st', 'do it', 'a.b'])('refuses the tool name %j, saying what is allowed', async (tool) => {
    const { error } = await refusal({ name: 'acme-widget', tool });

    expect(error).toHaveProperty('message', expect.stringMatching(new RegExp(`^Tool name "${tool.replace('.', '\\.')}" is not allowed: use 1 to 64 lower-case letters`)));
  });

  it('refuses a plugin that already exists and writes nothing', async () => {
    const { error, before, after } = await refusal({ name: 'image-inspect' });

    expect(error).toHaveProperty(
      'message',
      'A plugin named "image-inspect" already exists in libs/plugins/image-inspect: choose another name. Nothing was written.',
    );
    expect(after).toEqual(before);
  });

  it('refuses a name that another Nest project has', async () => {
    const { error, before, after } = await refusal({ name: 'runtime' });

    expect(error).toHaveProperty('message', expect.stringContaining('nest-cli.json already has a project named "runtime" (root libs/runtime)'));
    expect(after).toEqual(before);
  });

  it('refuses the positional path of `nest g plugin <name> <path>`', async () => {
    const { error } = await refusal({ name: 'acme-widget', path: 'somewhere' });

    expect(error).toHaveProperty('message', expect.stringContaining('plugins live in libs/plugins/<name>'));
  });

  it('refuses --directory without --standalone', async () => {
    const { error } = await refusal({ name: 'acme-widget', directory: 'plugins/acme-widget' });

    expect(error).toHaveProperty('message', '--directory applies only with --standalone: a plugin of this repository lives in libs/plugins/acme-widget.');
  });

  it('says how to fix a tree without any shipped-plugin list, naming the files it looked for, and writes nothing', async () => {
    const tree = repoTree();
    tree.delete('libs/shipped-plugins/src/shipped-plugins.ts');

    const { error, before, after } = await refusal({ name: 'acme-widget', sourceRoot: 'apps/api/src', project: 'api' }, tree);

    expect(error).toHaveProperty(
      'message',
      'No shipped-plugin list was found (looked for apps/api/src/shipped-plugins.ts and libs/shipped-plugins/src/shipped-plugins.ts), ' +
        'so the plugin cannot be registered: run nest g plugin acme-widget from the root of the ForgeSyte repository, ' +
        'whose list is libs/shipped-plugins/src/shipped-plugins.ts, or add --skip-import to only generate the lib.',
    );
    expect(after).toEqual(before);
  });

  it('names only the repository list when the source root is its own', async () => {
    const tree = repoTree();
    tree.delete('libs/shipped-plugins/src/shipped-plugins.ts');

    const { error } = await refusal({ name: 'acme-widget' }, tree);

    expect(error).toHaveProperty('message', expect.stringMatching(/^No shipped-plugin list was found \(looked for libs\/shipped-plugins\/src\/shipped-plugins\.ts\), so/));
  });

  it('says what to do by hand when shipped-plugins.ts has no SHIPPED_PLUGINS array literal', async () => {
    const { error } = await refusal({ name: 'acme-widget' }, repoTree({ 'libs/shipped-plugins/src/shipped-plugins.ts': 'export const SHIPPED_PLUGINS = load();\n' }));

    expect(error).toHaveProperty(
      'message',
      expect.stringContaining(
        "import it from '@forgesyte/plugins/acme-widget' and list it there by hand as { plugin: <its import>, moduleFile: require.resolve('../../plugins/acme-widget/src') }",
      ),
    );
  });

  it('refuses an isolation other than inline or worker', async () => {
    const { error } = await refusal({ name: 'acme-widget', isolation: 'thread' as 'inline' });

    expect(error).toHaveProperty('message', expect.stringContaining('must be equal to one of the allowed values'));
  });

  it('refuses an option it does not know', async () => {
    const { error } = await refusal({ name: 'acme-widget', tol: 'scan' } as PluginOptions);

    expect(error).toHaveProperty('message', expect.stringContaining('must NOT have additional properties(tol)'));
  });
});
