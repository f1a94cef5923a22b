import { createRule } from '../util/create-rule';
import { describeNode } from '../util/describe-node';
import { DEFAULT_RUNNER_FILES, matchesAnyFile } from '../util/file-matcher';
import { pluginRunAccessListener } from '../util/plugin-run-access';
import { pluginValueOracle } from '../util/plugin-value-oracle';

/** Messages of `forgesyte/no-direct-plugin-run`. */
export type NoDirectPluginRunMessageId = 'directRun' | 'directRunByName';

/** Options of `forgesyte/no-direct-plugin-run`. */
export type NoDirectPluginRunOptions = [
  {
    /** Files that may use `plugin.run`, as globs matched against the end of the path. */
    readonly allow?: readonly string[];
  },
];

const HOW_TO_FIX =
  'Execute plugins through ToolRunner.run (or PluginExecutionService.execute), which validates input and output, ' +
  'applies deadlines and cancellation, and records metrics.';

/**
 * `forgesyte/no-direct-plugin-run`: only the ToolRunner (and the runtime's worker entry) may use the
 * `run` member of a value whose type is, extends or implements the SDK's `Plugin`. Type-aware; without
 * type information it judges values by name and says so in its first report of the file.
 */
export const noDirectPluginRun = createRule<NoDirectPluginRunOptions, NoDirectPluginRunMessageId>({
  name: 'no-direct-plugin-run',
  meta: {
    type: 'problem',
    docs: {
      description: "Disallow using a plugin's `run` anywhere but the ToolRunner",
      requiresTypeChecking: true,
    },
    messages: {
      directRun: `Do not use \`run\` of the plugin \`{{target}}\`: only the ToolRunner may call it. ${HOW_TO_FIX}`,
      directRunByName:
        `Do not use \`run\` of the plugin \`{{target}}\`: only the ToolRunner may call it. ${HOW_TO_FIX} ` +
        '(This file has no type information, so `{{target}}` was judged a plugin by its name; said once per file. ' +
        'Enable typed linting with parserOptions.projectService for exact results.)',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: 'Files that may use plugin.run, as globs matched against the end of the path.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: DEFAULT_RUNNER_FILES }],
  },
  create(context, [{ allow = DEFAULT_RUNNER_FILES }]) {
    if (matchesAnyFile(context.filename, allow)) return {};
    const oracle = pluginValueOracle(context);
    let explained = oracle.typed;
    return pluginRunAccessListener(context, oracle, ({ node, target }) => {
      context.report({
        node,
        messageId: explained ? 'directRun' : 'directRunByName',
        data: { target: describeNode(context.sourceCode, target) },
      });
      explained = true;
    });
  },
});
