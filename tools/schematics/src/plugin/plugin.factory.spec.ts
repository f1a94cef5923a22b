import {
  filesUnder,
  NEST_CLI_JSON,
  repoTree,
  runPluginSchematic,
  shippedPluginsTsWith,
  tsconfigJson,
} from '../testing/plugin-test-tree';

const LIB = 'libs/plugins/acme-widget';
const SHIPPED = 'libs/shipped-plugins/src/shipped-plugins.ts';

describe('plugin schematic, in the repository', () => {
  it('generates the lib: entry, plugin, tool with its schemas, spec and README, and nothing else there', async () => {
    const tree = await runPluginSchematic({ name: 'acme-widget' });

    expect(filesUnder(tree, LIB)).toEqual([
      'README.md',
      'src/acme-widget.plugin.spec.ts',
      'src/acme-widget.plugin.ts',
      'src/analyze.schema.ts',
      'src/analyze.tool.ts',
      'src/index.ts',
    ]);
    expect(tree.files.filter((file) => !file.startsWith(`/${LIB}/`)).sort()).toEqual([
      '/libs/plugins/image-inspect/src/index.ts',
      `/${SHIPPED}`,
      '/nest-cli.json',
      '/tsconfig.json',
    ]);
  });

  it('imports the plugin in shipped-plugins.ts and lists it after the others, keeping the layout', async () => {
    const tree = await runPluginSchematic({ name: 'acme-widget' });

    expect(tree.readContent(SHIPPED)).toBe(
      shippedPluginsTsWith('acmeWidget', 'acme-widget'),
    );
  });

  it('adds a one-line library project to nest-cli.json and leaves tsconfig.json, whose alias is a wildcard, alone', async () => {
    const tree = await runPluginSchematic({ name: 'acme-widget' });

    expect(tree.readContent('nest-cli.json')).toBe(
      NEST_CLI_JSON.replace(
        '"sourceRoot": "libs/plugins/image-inspect/src" }\n',
        '"sourceRoot": "libs/plugins/image-inspect/src" },\n' +
          `    "acme-widget": { "type": "library", "root": "${LIB}", "entryFile": "index", "sourceRoot": "${LIB}/src" }\n`,
      ),
    );
    expect(tree.readContent('tsconfig.json')).toBe(tsconfigJson());
  });

  it('adds a path alias to tsconfig.json when aliases are per plugin', async () => {
    const perPlugin = '"@forgesyte/plugins/image-inspect": ["libs/plugins/image-inspect/src"]';

    const tree = await runPluginSchematic({ name: 'acme-widget' }, repoTree({ 'tsconfig.json': tsconfigJson(perPlugin) }));

    expect(tree.readContent('tsconfig.json')).toBe(
      tsconfigJson(`${perPlugin},\n      "@forgesyte/plugins/acme-widget": ["${LIB}/src"]`),
    );
  });

  it('leaves a tsconfig.json without paths of its own alone, so paths it inherits through extends stay visible', async () => {
    const inherits = '{\n  "extends": "./tsconfig.base.json",\n  "compilerOptions": { "strict": true }\n}\n';

    const tree = await runPluginSchematic({ name: 'acme-widget' }, repoTree({ 'tsconfig.json': inherits }));

    expect(tree.readContent('tsconfig.json')).toBe(inherits);
  });

  it('builds the plugin with definePlugin, its starter tool as the default tool, dispatched by name', async () => {
    const plugin = (await runPluginSchematic({ name: 'acme-widget' })).readContent(`${LIB}/src/acme-widget.plugin.ts`);

    expect(plugin).toContain("import { definePlugin, type ToolCall } from '@forgesyte/plugin-sdk';");
    expect(plugin).toContain('const tools = { analyze: analyzeTool } as const;');
    expect(plugin).toContain('export function dispatchAcmeWidgetTool(...[tool, args, context]: ToolCall<typeof tools>): Promise<AnalyzeResult> {');
    expect(plugin).toContain("case 'analyze':\n      return runAnalyze(args, context);");
    expect(plugin).toContain(
      "export const acmeWidgetPlugin = definePlugin({\n  name: 'acme-widget',\n  version: '0.1.0',\n",
    );
    expect(plugin).toContain("  defaultTool: 'analyze',\n  tools,\n  run: dispatchAcmeWidgetTool,\n});\n");
  });

  it('exports the plugin as the default export of src/index.ts', async () => {
    const index = (await runPluginSchematic({ name: 'acme-widget' })).readContent(`${LIB}/src/index.ts`);

    expect(index).toBe(
      "import { acmeWidgetPlugin } from './acme-widget.plugin';\n\n" +
        'export { acmeWidgetPlugin };\n' +
        "export type { AcmeWidgetToolName } from './acme-widget.plugin';\n" +
        "export type { AnalyzeInput, AnalyzeResult } from './analyze.tool';\n\n" +
        'export default acmeWidgetPlugin;\n',
    );
  });

  it('gives the tool input and output JSON Schemas and a body that checks its signal at every step', async () => {
    const tree = await runPluginSchematic({ name: 'acme-widget' });
    const tool = tree.readContent(`${LIB}/src/analyze.tool.ts`);
    const schemas = tree.readContent(`${LIB}/src/analyze.schema.ts`);

    expect(schemas).toContain("export const analyzeInputSchema = {\n  $schema: 'https://json-schema.org/draft/2020-12/schema',");
    expect(schemas).toContain('export const analyzeOutputSchema = {');
    expect(tool).toContain("  inputSchema: analyzeInputSchema,\n  outputSchema: analyzeOutputSchema,\n  timeoutMs: 10_000,\n  isolation: 'inline',\n");
    expect(tool).toContain('} satisfies ToolDefinition;');
    expect(tool).toContain('export type AnalyzeInput = ToolArgs<typeof analyzeTool>;');
    expect(tool).toContain('export type AnalyzeResult = ToolResult<typeof analyzeTool>;');
    expect(tool).toContain('export async function runAnalyze(input: AnalyzeInput, context: ToolContext): Promise<AnalyzeResult> {');
    expect(tool).toContain('    await nextTurn();\n    context.signal.throwIfAborted();\n');
  });

  it('writes a spec that runs the tool with the SDK harness and covers valid input, INPUT_INVALID and CANCELLED', async () => {
    const spec = (await runPluginSchematic({ name: 'acme-widget' })).readContent(`${LIB}/src/acme-widget.plugin.spec.ts`);

    expect(spec).toContain("import { createToolHarness, type HarnessOutcome } from '@forgesyte/plugin-sdk/testing';");
    expect(spec).toContain("harness.run('analyze', { text: 'one two\\nthree' })");
    expect(spec).toContain("code: 'INPUT_INVALID'");
    expect(spec).toContain("code: 'CANCELLED', details: { stopped: 'cooperative' }");
  });

  it('writes a README that describes the tool and calls it over HTTP', async () => {
    const readme = (await runPluginSchematic({ name: 'acme-widget' })).readContent(`${LIB}/README.md`);

    expect(readme).toMatch(/^# acme-widget\n/);
    expect(readme).toContain('### `analyze`');
    expect(readme).toContain(
      `curl -s -X POST http://127.0.0.1:3000/v1/analyze-execution -H "X-API-Key: $KEY" -H 'Content-Type: application/json' ` +
        `-d '{"plugin":"acme-widget","tool":"analyze","args":{"text":"one two\\nthree"}}'`,
    );
    expect(readme).toContain('"result": { "characters": 13, "words": 3, "lines": 2 }');
    expect(readme).toContain(`it is listed in\n\`${SHIPPED}\``);
  });

  it("says in the README what happens to a tool that ignores its signal, as its isolation has it", async () => {
    const inline = (await runPluginSchematic({ name: 'acme-widget' })).readContent(`${LIB}/README.md`);
    const worker = (await runPluginSchematic({ name: 'acme-widget', isolation: 'worker' })).readContent(`${LIB}/README.md`);

    expect(inline).toContain('abandoned at its deadline while its code may still run');
    expect(worker).toContain('has its thread terminated at its deadline (`details.stopped: "terminated"`)');
    expect(worker).not.toContain('abandoned');
  });

  it('renders every template: no template tag or path placeholder is left in any file', async () => {
    const tree = await runPluginSchematic({ name: 'acme-widget', tool: 'extract-text', isolation: 'worker', spec: true });

    for (const file of filesUnder(tree, LIB)) {
      expect(file).not.toMatch(/__|\.template$/);
      expect(tree.readContent(`${LIB}/${file}`)).not.toMatch(/<%|%>/);
    }
  });
});
