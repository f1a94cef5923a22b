import { filesUnder, repoTree, runPluginSchematic, SHIPPED_PLUGINS_TS, shippedPluginsTsWith } from '../testing/plugin-test-tree';

const LIB = 'libs/plugins/acme-widget';
const SHIPPED = 'libs/shipped-plugins/src/shipped-plugins.ts';

describe('plugin schematic options', () => {
  describe('--tool', () => {
    it('names the tool files, identifiers, default tool and README after the tool', async () => {
      const tree = await runPluginSchematic({ name: 'acme-widget', tool: 'extract_text' });
      const plugin = tree.readContent(`${LIB}/src/acme-widget.plugin.ts`);

      expect(filesUnder(tree, LIB)).toEqual([
        'README.md',
        'src/acme-widget.plugin.spec.ts',
        'src/acme-widget.plugin.ts',
        'src/extract-text.schema.ts',
        'src/extract-text.tool.ts',
        'src/index.ts',
      ]);
      expect(plugin).toContain('const tools = { extract_text: extractTextTool } as const;');
      expect(plugin).toContain("case 'extract_text':\n      return runExtractText(args, context);");
      expect(plugin).toContain("defaultTool: 'extract_text',");
      expect(tree.readContent(`${LIB}/src/extract-text.tool.ts`)).toContain('export const extractTextTool = {');
      expect(tree.readContent(`${LIB}/src/extract-text.tool.ts`)).toContain('export type ExtractTextInput = ToolArgs<typeof extractTextTool>;');
      expect(tree.readContent(`${LIB}/README.md`)).toContain('"tool":"extract_text"');
    });

    it('quotes a tool name that is not an identifier where it is a property key', async () => {
      const tree = await runPluginSchematic({ name: 'acme-widget', tool: 'extract-text' });

      expect(tree.readContent(`${LIB}/src/acme-widget.plugin.ts`)).toContain("const tools = { 'extract-text': extractTextTool } as const;");
    });

    it('defaults to analyze', async () => {
      const tree = await runPluginSchematic({ name: 'acme-widget' });

      expect(tree.readContent(`${LIB}/src/acme-widget.plugin.ts`)).toContain("defaultTool: 'analyze',");
    });
  });

  describe('--isolation', () => {
    it.each(['inline', 'worker'] as const)('declares isolation %s on the tool and in the README', async (isolation) => {
      const tree = await runPluginSchematic({ name: 'acme-widget', isolation });

      expect(tree.readContent(`${LIB}/src/analyze.tool.ts`)).toContain(`  isolation: '${isolation}',\n`);
      expect(tree.readContent(`${LIB}/README.md`)).toContain(`| tools | \`analyze\`: \`isolation: '${isolation}'\`, \`timeoutMs: 10000\` |`);
    });

    it('generates, for worker, a spec that runs the tool through the ToolRunner with a main-thread copy that refuses to run', async () => {
      const spec = (await runPluginSchematic({ name: 'acme-widget', isolation: 'worker' })).readContent(`${LIB}/src/acme-widget.plugin.spec.ts`);

      expect(spec).toContain("shipped: [{ plugin: mainThreadCopy, moduleFile: require.resolve('./index') }]");
      expect(spec).toContain("throw new Error('analyze ran in the main thread');");
      expect(spec).toContain("it('runs analyze in a worker thread, off the main thread'");
    });

    it('generates, for inline, a spec without the ToolRunner and its imports', async () => {
      const spec = (await runPluginSchematic({ name: 'acme-widget' })).readContent(`${LIB}/src/acme-widget.plugin.spec.ts`);

      expect(spec).not.toMatch(/get\(ToolRunner\)|@nestjs\/testing|@forgesyte\/registry|@forgesyte\/runtime/);
      expect(spec.startsWith("import { createToolHarness, type HarnessOutcome } from '@forgesyte/plugin-sdk/testing';\nimport plugin from './index';\n")).toBe(true);
      expect(spec.endsWith('});\n')).toBe(true);
    });
  });

  describe('--spec false', () => {
    it('leaves the spec out and says so in the README', async () => {
      const tree = await runPluginSchematic({ name: 'acme-widget', spec: false });

      expect(filesUnder(tree, LIB)).toEqual(['README.md', 'src/acme-widget.plugin.ts', 'src/analyze.schema.ts', 'src/analyze.tool.ts', 'src/index.ts']);
      expect(tree.readContent(`${LIB}/README.md`)).toContain('No spec was generated (`--spec false`)');
    });
  });

  describe('--skip-import', () => {
    it('generates the lib without registering it, and the README says how to ship it', async () => {
      const tree = await runPluginSchematic({ name: 'acme-widget', skipImport: true });

      expect(tree.readContent(SHIPPED)).toBe(SHIPPED_PLUGINS_TS);
      expect(filesUnder(tree, LIB)).toContain('src/acme-widget.plugin.ts');
      expect(tree.readContent(`${LIB}/README.md`)).toContain(`To ship it, import it in\n\`${SHIPPED}\` and list it in \`SHIPPED_PLUGINS\``);
    });
  });

  describe('--project (the Nest CLI passes its source root)', () => {
    it('registers the plugin in the shipped-plugins.ts of that source root', async () => {
      const other = 'apps/other/src/shipped-plugins.ts';

      const tree = await runPluginSchematic({ name: 'acme-widget', project: 'other', sourceRoot: 'apps/other/src' }, repoTree({ [other]: SHIPPED_PLUGINS_TS }));

      expect(tree.readContent(other)).toContain(`  { plugin: acmeWidget, moduleFile: require.resolve('../../../libs/plugins/acme-widget/src') },\n];`);
      expect(tree.readContent(SHIPPED)).toBe(SHIPPED_PLUGINS_TS);
    });

    it.each([
      ['plain nest g plugin (the default project)', 'api', 'apps/api/src'],
      ['-p worker', 'worker', 'apps/worker/src'],
      ['-p runtime', 'runtime', 'libs/runtime/src'],
    ])('registers the plugin in the repository list when the source root has none: %s', async (_command, project, sourceRoot) => {
      const tree = await runPluginSchematic({ name: 'acme-widget', project, sourceRoot });

      expect(tree.readContent(SHIPPED)).toBe(
        shippedPluginsTsWith('acmeWidget', 'acme-widget'),
      );
      expect(tree.files.sort()).toEqual([
        `/${LIB}/README.md`,
        `/${LIB}/src/acme-widget.plugin.spec.ts`,
        `/${LIB}/src/acme-widget.plugin.ts`,
        `/${LIB}/src/analyze.schema.ts`,
        `/${LIB}/src/analyze.tool.ts`,
        `/${LIB}/src/index.ts`,
        '/libs/plugins/image-inspect/src/index.ts',
        `/${SHIPPED}`,
        '/nest-cli.json',
        '/tsconfig.json',
      ]);
      expect(tree.readContent(`${LIB}/README.md`)).toContain(`it is listed in\n\`${SHIPPED}\``);
    });
  });

  describe('registration', () => {
    it('changes nothing when the plugin is already imported and listed', async () => {
      const registered = shippedPluginsTsWith('acmeWidget', 'acme-widget');

      const tree = await runPluginSchematic({ name: 'acme-widget' }, repoTree({ [SHIPPED]: registered }));

      expect(tree.readContent(SHIPPED)).toBe(registered);
    });

    it('accepts what the Nest CLI passes along: language, flat, spec file suffix, skip-import false, collection', async () => {
      const tree = await runPluginSchematic({
        name: 'acme-widget',
        language: 'ts',
        flat: false,
        specFileSuffix: 'spec',
        skipImport: false,
        collection: '@forgesyte/schematics',
        sourceRoot: 'libs/shipped-plugins/src',
        project: 'shipped-plugins',
      });

      expect(tree.readContent(SHIPPED)).toBe(shippedPluginsTsWith('acmeWidget', 'acme-widget'));
    });
  });
});
