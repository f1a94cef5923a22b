import { createRule } from '../util/create-rule';
import { describeNode } from '../util/describe-node';
import { DEFAULT_PLUGIN_FILES, DEFAULT_RUNNER_FILES, matchesAnyFile } from '../util/file-matcher';
import { pluginRunAccessListener } from '../util/plugin-run-access';
import { pluginValueOracle } from '../util/plugin-value-oracle';

/** Messages of `forgesyte/no-direct-plugin-run`. */
export type NoDirectPluginRunMessageId = 'directRun' | 'directRunByName' | 'directRunInPlugin' | 'directRunInPluginByName';

/** Options of `forgesyte/no-direct-plugin-run`. */
export type NoDirectPluginRunOptions = [
  {
    /** Files that may use `plugin.run`, as globs matched against the end of the path. */
    readonly allow?: readonly string[];
    /**
     * Files that belong to a plugin, as globs matched against the end of the path: a `run` there gets the
     * plugin author's advice (the API, the SDK's test harness) instead of "call ToolRunner.run".
     */
    readonly pluginFiles?: readonly string[];
  },
];

const HOW_TO_FIX =
  'Execute plugins through ToolRunner.run (or PluginExecutionService.execute), which validates input and output, ' +
  'applies deadlines and cancellation, and records metrics.';
/** The advice inside a plugin, which has no ToolRunner: the server runs tools, a test uses the SDK's harness. */
const HOW_TO_FIX_IN_PLUGIN =
  "Call another plugin's tool through the ForgeSyte API (POST /v1/analyze-execution), and test your tools with the SDK's " +
  'test harness (@forgesyte/plugin-sdk/testing), which runs them as the server does (validation, deadline, cancellation).';
const BY_NAME =
  '(This file has no type information, so `{{target}}` was judged a plugin by its name; said once per file. ' +
  'Enable typed linting with parserOptions.projectService for exact results.)';
const DIRECT_RUN = 'Do not use `run` of the plugin `{{target}}`:';

/**
 * `forgesyte/no-direct-plugin-run`: only the ToolRunner (and the runtime's worker entry, and the SDK's test harness) may use the
 * `run` member of a value whose type is, extends or implements the SDK's `Plugin`. Type-aware; without
 * type information it judges values by name and says so in its first report of the file. In a plugin's
 * files (`pluginFiles`) its advice is the plugin author's: the API and the SDK's test harness.
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
      directRun: `${DIRECT_RUN} only the ToolRunner may call it. ${HOW_TO_FIX}`,
      directRunByName: `${DIRECT_RUN} only the ToolRunner may call it. ${HOW_TO_FIX} ${BY_NAME}`,
      directRunInPlugin: `${DIRECT_RUN} plugins never call each other's \`run\`, only the ForgeSyte server does. ${HOW_TO_FIX_IN_PLUGIN}`,
      directRunInPluginByName: `${DIRECT_RUN} plugins never call each other's \`run\`, only the ForgeSyte server does. ${HOW_TO_FIX_IN_PLUGIN} ${BY_NAME}`,
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
          pluginFiles: {
            type: 'array',
            items: { type: 'string', minLength: 1 },
            uniqueItems: true,
            description: "Files that belong to a plugin (they get the plugin author's advice), as globs matched against the end of the path.",
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: DEFAULT_RUNNER_FILES, pluginFiles: DEFAULT_PLUGIN_FILES }],
  },
  create(context, [{ allow = DEFAULT_RUNNER_FILES, pluginFiles = DEFAULT_PLUGIN_FILES }]) {
    if (matchesAnyFile(context.filename, allow)) return {};
    const oracle = pluginValueOracle(context);
    const [named, byName] = matchesAnyFile(context.filename, pluginFiles)
      ? (['directRunInPlugin', 'directRunInPluginByName'] as const)
      : (['directRun', 'directRunByName'] as const);
    let explained = oracle.typed;
    return pluginRunAccessListener(context, oracle, ({ node, target }) => {
      context.report({
        node,
        messageId: explained ? named : byName,
        data: { target: describeNode(context.sourceCode, target) },
      });
      explained = true;
    });
  },
});
