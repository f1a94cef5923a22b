import { noDirectPluginRun } from './no-direct-plugin-run.rule';
import { typedRuleTester } from '../testing/rule-tester';
import { withSdk } from '../testing/typed-code';

const PLUGIN_CLASS =
  "class OcrPlugin implements Plugin { name = 'ocr'; version = '1.0.0'; description = 'd'; tools = {}; run() { return 1; } }";
const HELLO =
  "const hello = definePlugin({ name: 'hello', version: '1.0.0', description: 'd', " +
  "tools: { greet: { description: 'd', inputSchema: {}, outputSchema: {} } }, run: () => ({}) });";

typedRuleTester().run('no-direct-plugin-run', noDirectPluginRun, {
  valid: [
    { name: 'a run of an unrelated type (Job)', code: withSdk('declare const job: { run(): void };', 'job.run();') },
    { name: 'a class with its own run', code: withSdk('class Job { run(): void {} }', 'new Job().run();') },
    { name: 'Piscina.run', code: withSdk('declare class Piscina { run(task: unknown): Promise<unknown> }', 'void new Piscina().run({});') },
    { name: 'a child process wrapper', code: withSdk('declare const child: { run(command: string): void };', "child.run('ls');") },
    {
      name: "a plugin class calling its own this.run",
      code: withSdk(
        "class Ocr implements Plugin { name = 'ocr'; version = '1.0.0'; description = 'd'; tools = {};",
        '  run() { return 1; }',
        '  retry() { return this.run(); }',
        '}',
      ),
    },
    {
      name: 'an object-literal plugin calling this.run',
      code: withSdk(
        "const p = { name: 'p', version: '1.0.0', description: 'd', tools: {},",
        '  run(): number { return 1; },',
        '  again(): number { return this.run(); },',
        '} satisfies Plugin;',
        'void p;',
      ),
    },
    { name: 'a subclass calling super.run', code: withSdk(PLUGIN_CLASS, 'class Fast extends OcrPlugin { override run() { return super.run(); } }') },
    { name: 'a typeof check of run', code: withSdk("const callable = typeof plugin.run === 'function';") },
    { name: 'other members of a plugin', code: withSdk('const described = [plugin.name, plugin.version, plugin.tools, plugin.defaultTool];', 'void plugin.init?.();') },
    { name: "an 'in' check", code: withSdk("const hasRun = 'run' in plugin;") },
    { name: 'destructuring other members', code: withSdk('const { name, tools } = plugin;') },
    { name: 'leaving run out with a rest pattern', code: withSdk('const { run: _run, ...withoutRun } = plugin;', 'void withoutRun;') },
    { name: 'defining a plugin', code: withSdk(HELLO) },
    { name: 'destructuring run from a non-plugin', code: withSdk('declare const job: { run(): void };', 'const { run } = job;') },
    { name: 'members named like run', code: withSdk('declare const p: Plugin & { runner: string; running: boolean };', 'void [p.runner, p.running];') },
    {
      name: 'executing through the ToolRunner',
      code: withSdk(
        "import type { ToolRunner } from '@forgesyte/runtime';",
        'declare const runner: ToolRunner; declare const request: Parameters<ToolRunner["run"]>[0];',
        'void runner.run(request);',
      ),
    },
    { name: 'a file the allow option names', code: withSdk("plugin.run('t', {}, context);"), options: [{ allow: ['**/file.ts'] }] },
    {
      name: 'the ToolRunner itself (default allow)',
      code: withSdk("plugin.run('t', {}, context);"),
      filename: 'libs/runtime/src/tool-runner.service.ts',
    },
    {
      name: 'the worker entry of the runtime (default allow)',
      code: withSdk("plugin.run('t', {}, context);"),
      filename: 'libs/runtime/src/worker/plugin-worker.ts',
    },
    {
      name: "the SDK's test harness (default allow)",
      code: withSdk("plugin.run('t', {}, context);"),
      filename: 'libs/plugin-sdk/src/testing/tool-harness.ts',
    },
    {
      name: 'allow wins over pluginFiles',
      code: withSdk("plugin.run('t', {}, context);"),
      options: [{ allow: ['**/file.ts'], pluginFiles: ['**'] }],
    },
  ],
  invalid: [
    { name: 'plugin.run(…)', code: withSdk("plugin.run('t', {}, context);"), errors: [{ messageId: 'directRun', line: 3, column: 1, endColumn: 11 }] },
    {
      name: 'through an alias',
      code: withSdk('const p = plugin;', "p.run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 1, endColumn: 6 }],
    },
    { name: "plugin['run'](…)", code: withSdk("plugin['run']('t', {}, context);"), errors: [{ messageId: 'directRun', line: 3, column: 1, endColumn: 14 }] },
    { name: 'plugin[`run`](…)', code: withSdk("plugin[`run`]('t', {}, context);"), errors: [{ messageId: 'directRun', line: 3, column: 1 }] },
    {
      name: 'plugin?.run(…)',
      code: withSdk('declare const maybe: Plugin | undefined;', "void maybe?.run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 6, endColumn: 16 }],
    },
    {
      name: 'a non-null assertion',
      code: withSdk('declare const maybe: Plugin | undefined;', "maybe!.run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 1 }],
    },
    { name: 'const { run } = plugin', code: withSdk('const { run } = plugin;'), errors: [{ messageId: 'directRun', line: 3, column: 9, endColumn: 12 }] },
    {
      name: 'destructuring under another name',
      code: withSdk('const { run: execute } = plugin;', "void execute('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 3, column: 9, endColumn: 21 }],
    },
    {
      name: 'destructuring a parameter',
      code: withSdk('function call({ run }: Plugin) { return run; }'),
      errors: [{ messageId: 'directRun', line: 3, column: 17 }],
    },
    {
      name: 'destructuring in for…of',
      code: withSdk('declare const all: Plugin[];', 'for (const { run } of all) void run;'),
      errors: [{ messageId: 'directRun', line: 4, column: 14 }],
    },
    {
      name: 'a destructuring assignment',
      code: withSdk('let run: unknown;', '({ run } = plugin);'),
      errors: [{ messageId: 'directRun', line: 4, column: 4 }],
    },
    { name: 'const r = plugin.run', code: withSdk('const r = plugin.run;'), errors: [{ messageId: 'directRun', line: 3, column: 11, endColumn: 21 }] },
    {
      name: 'plugin.run.call(…)',
      code: withSdk("plugin.run.call(plugin, 't', {}, context);"),
      errors: [{ messageId: 'directRun', line: 3, column: 1, endColumn: 11 }],
    },
    {
      name: 'plugin.run.apply(…)',
      code: withSdk("plugin.run.apply(plugin, ['t', {}, context]);"),
      errors: [{ messageId: 'directRun', line: 3, column: 1 }],
    },
    { name: 'plugin.run.bind(…)', code: withSdk('const bound = plugin.run.bind(plugin);'), errors: [{ messageId: 'directRun', line: 3, column: 15 }] },
    {
      name: 'Reflect.apply(plugin.run, …)',
      code: withSdk("Reflect.apply(plugin.run, plugin, ['t', {}, context]);"),
      errors: [{ messageId: 'directRun', line: 3, column: 15, endColumn: 25 }],
    },
    { name: "Reflect.get(plugin, 'run')", code: withSdk("const got: unknown = Reflect.get(plugin, 'run');"), errors: [{ messageId: 'directRun', line: 3, column: 22 }] },
    {
      name: 'passing plugin.run as a callback',
      code: withSdk('declare function later(callback: unknown): void;', 'later(plugin.run);'),
      errors: [{ messageId: 'directRun', line: 4, column: 7, endColumn: 17 }],
    },
    {
      name: 'registry.get(x).run(…)',
      code: withSdk('declare const registry: { get(name: string): Plugin };', "registry.get('ocr').run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 1, endColumn: 24 }],
    },
    {
      name: "the real PluginRegistry: find(x)?.plugin?.run(…)",
      code: withSdk(
        "import type { PluginRegistry } from '@forgesyte/registry';",
        'declare const registry: PluginRegistry;',
        "void registry.find('ocr')?.plugin?.run('t', {}, context);",
      ),
      errors: [{ messageId: 'directRun', line: 5, column: 6 }],
    },
    {
      name: '(value as Plugin).run(…)',
      code: withSdk('declare const loaded: unknown;', "(loaded as Plugin).run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 1, endColumn: 23 }],
    },
    {
      name: 'arr.map(p => p.run(…))',
      code: withSdk('declare const all: Plugin[];', "const results = all.map((p) => p.run('t', {}, context));"),
      errors: [{ messageId: 'directRun', line: 4, column: 32, endColumn: 37 }],
    },
    {
      name: 'a class implementing Plugin, called from outside',
      code: withSdk(PLUGIN_CLASS, 'new OcrPlugin().run();'),
      errors: [{ messageId: 'directRun', line: 4, column: 1, endColumn: 20 }],
    },
    {
      name: 'a subclass of a plugin class',
      code: withSdk(PLUGIN_CLASS, 'class Fast extends OcrPlugin {}', 'new Fast().run();'),
      errors: [{ messageId: 'directRun', line: 5, column: 1 }],
    },
    {
      name: 'a plugin made with definePlugin',
      code: withSdk(HELLO, "void hello.run('greet', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 6, endColumn: 15 }],
    },
    {
      name: 'an object literal that satisfies Plugin',
      code: withSdk("const lit = { name: 'l', version: '1.0.0', description: 'd', tools: {}, run: () => 1 } satisfies Plugin;", 'lit.run();'),
      errors: [{ messageId: 'directRun', line: 4, column: 1 }],
    },
    {
      name: 'an interface extending Plugin',
      code: withSdk('interface OcrPlugin extends Plugin { readonly languages: string[] }', 'declare const ocr: OcrPlugin;', "void ocr.run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 5, column: 6 }],
    },
    {
      name: 'a type parameter constrained to Plugin',
      code: withSdk("function execute<T extends Plugin>(p: T) { return p.run('t', {}, context); }"),
      errors: [{ messageId: 'directRun', line: 3, column: 51, endColumn: 56 }],
    },
    {
      name: 'Readonly<Plugin>',
      code: withSdk('declare const frozen: Readonly<Plugin>;', "void frozen.run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 6 }],
    },
    {
      name: 'a union that may be a plugin',
      code: withSdk('declare const either: Plugin | { run(): void };', 'void either.run();'),
      errors: [{ messageId: 'directRun', line: 4, column: 6 }],
    },
    {
      name: "a key whose type is 'run'",
      code: withSdk("const key = 'run';", "void plugin[key]('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 6, endColumn: 17 }],
    },
    {
      name: 'a plugin factory result',
      code: withSdk('declare const factory: () => Plugin;', "void factory().run('t', {}, context);"),
      errors: [{ messageId: 'directRun', line: 4, column: 6 }],
    },
    {
      name: 'replacing run',
      code: withSdk('plugin.run = () => ({});'),
      errors: [{ messageId: 'directRun', line: 3, column: 1, endColumn: 11 }],
    },
    {
      name: 'every use in a file',
      code: withSdk("plugin.run('a', {}, context);", 'const { run } = plugin;'),
      errors: [
        { messageId: 'directRun', line: 3, column: 1 },
        { messageId: 'directRun', line: 4, column: 9 },
      ],
    },
    {
      name: 'a file outside the allow option',
      code: withSdk("plugin.run('t', {}, context);"),
      options: [{ allow: ['libs/runtime/src/worker/**'] }],
      errors: [{ messageId: 'directRun', line: 3, column: 1 }],
    },
    {
      name: 'a runtime file other than the ToolRunner',
      code: withSdk("plugin.run('t', {}, context);"),
      filename: 'libs/runtime/src/resolve-tool.ts',
      errors: [{ messageId: 'directRun', line: 3, column: 1 }],
    },
    {
      name: "an in-repo plugin's file (default pluginFiles): the plugin author's advice",
      code: withSdk("plugin.run('t', {}, context);"),
      filename: 'libs/plugins/ocr/src/ocr.plugin.ts',
      errors: [{ messageId: 'directRunInPlugin', line: 3, column: 1, endColumn: 11 }],
    },
    {
      name: "a plugin package (the recommended config: every file a plugin's): the plugin author's advice",
      code: withSdk("plugin.run('t', {}, context);", 'const { run } = plugin;'),
      options: [{ pluginFiles: ['**'] }],
      errors: [
        { messageId: 'directRunInPlugin', line: 3, column: 1 },
        { messageId: 'directRunInPlugin', line: 4, column: 9 },
      ],
    },
    {
      name: 'a product file when pluginFiles names other folders',
      code: withSdk("plugin.run('t', {}, context);"),
      filename: 'libs/runtime/src/resolve-tool.ts',
      options: [{ pluginFiles: ['libs/plugins/**', 'plugins-wip/**'] }],
      errors: [{ messageId: 'directRun', line: 3, column: 1 }],
    },
  ],
});
