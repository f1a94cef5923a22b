import { noDirectPluginRun } from './no-direct-plugin-run.rule';
import { untypedRuleTester } from '../testing/rule-tester';

untypedRuleTester().run('no-direct-plugin-run (no type information)', noDirectPluginRun, {
  valid: [
    { name: 'run on names that are not plugins', code: 'job.run(); runner.run(request); pool.run(task); child.run();' },
    { name: 'a registry is not a plugin', code: "pluginRegistry.run('x');" },
    { name: 'this.run inside a plugin', code: 'const plugin = { run() {}, again() { return this.run(); } };' },
    { name: 'a typeof check', code: "if (typeof plugin.run !== 'function') throw new Error('no run');" },
    { name: 'a JavaScript runner the allow option names', code: 'plugin.run();', filename: 'src/runner.js', options: [{ allow: ['src/*.js'] }] },
  ],
  invalid: [
    {
      name: 'the first finding of a file says it is name-based, the others do not',
      code: "plugin.run('t');\nplugins[0].run('t');",
      errors: [
        { messageId: 'directRunByName', line: 1, column: 1, endColumn: 11 },
        { messageId: 'directRun', line: 2, column: 1, endColumn: 15 },
      ],
    },
    {
      name: 'a plugin held by a field',
      code: 'class Bypass { constructor(plugin) { this.plugin = plugin; } go() { return this.plugin.run(); } }',
      filename: 'bypass.js',
      errors: [{ messageId: 'directRunByName', line: 1, column: 76, endColumn: 91 }],
    },
    { name: 'a getter named after plugins', code: "registry.getPlugin('ocr').run();", errors: [{ messageId: 'directRunByName', line: 1, column: 1 }] },
    { name: 'a cast to Plugin', code: 'declare const x: unknown;\n(x as Plugin).run();', errors: [{ messageId: 'directRunByName', line: 2, column: 1 }] },
    { name: 'destructuring a plugin', code: 'const { run } = myPlugin;', errors: [{ messageId: 'directRunByName', line: 1, column: 9 }] },
    {
      name: "in a plugin package (every file a plugin's), the plugin author's advice, said by name once",
      code: "plugin.run('t');\nplugins[0].run('t');",
      filename: 'src/index.js',
      options: [{ pluginFiles: ['**'] }],
      errors: [
        { messageId: 'directRunInPluginByName', line: 1, column: 1, endColumn: 11 },
        { messageId: 'directRunInPlugin', line: 2, column: 1, endColumn: 15 },
      ],
    },
    { name: 'bracket access in JavaScript', code: "plugin['run'].call(plugin);", filename: 'file.js', errors: [{ messageId: 'directRunByName', line: 1, column: 1, endColumn: 14 }] },
  ],
});
