import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { calleeName } from '../util/ast-names';
import { enclosingFunction, isWithin, tryStatementsAround } from '../util/ast-scope';
import { createRule } from '../util/create-rule';
import { describeNode } from '../util/describe-node';
import { DEFAULT_METRICS_FILES, matchesAnyFile } from '../util/file-matcher';
import { pluginRunAccessListener } from '../util/plugin-run-access';
import { pluginValueOracle } from '../util/plugin-value-oracle';

/** Messages of `forgesyte/toolrunner-metrics-in-finally`. */
export type ToolrunnerMetricsInFinallyMessageId = 'missingFinally' | 'metricsOutsideFinally' | 'metricsConditional' | 'earlyReturn';

/** Options of `forgesyte/toolrunner-metrics-in-finally`. */
export type ToolrunnerMetricsInFinallyOptions = [
  {
    /** Files to check (the ToolRunner by default), as globs matched against the end of the path. */
    readonly allow?: readonly string[];
    /** The registry method that records an execution. */
    readonly metricsMethod?: string;
  },
];

const DEFAULT_METRICS_METHOD = 'updateExecutionMetrics';

/** Whether a metrics call is a statement of the `finally` block itself (`await`/`void` allowed), not under a branch. */
function isStatementOf(call: TSESTree.CallExpression, block: TSESTree.BlockStatement): boolean {
  let node: TSESTree.Node = call;
  while (
    node.parent?.type === AST_NODE_TYPES.ChainExpression ||
    node.parent?.type === AST_NODE_TYPES.AwaitExpression ||
    (node.parent?.type === AST_NODE_TYPES.UnaryExpression && node.parent.operator === 'void')
  ) {
    node = node.parent;
  }
  return node.parent?.type === AST_NODE_TYPES.ExpressionStatement && node.parent.parent === block;
}

/**
 * `forgesyte/toolrunner-metrics-in-finally`: in the files allowed to call `plugin.run`, the function
 * that calls it records metrics (`updateExecutionMetrics` by default) as a statement of the `finally`
 * of a `try` around the call, and no `return` in that `finally` comes before it.
 */
export const toolrunnerMetricsInFinally = createRule<ToolrunnerMetricsInFinallyOptions, ToolrunnerMetricsInFinallyMessageId>({
  name: 'toolrunner-metrics-in-finally',
  meta: {
    type: 'problem',
    docs: { description: 'Require the ToolRunner to record plugin metrics in a `finally` around `plugin.run`' },
    messages: {
      missingFinally:
        '`{{target}}` is not inside a `try` whose `finally` records metrics. Wrap it: ' +
        '`try { … } finally { this.registry.{{method}}(…) }`, so every call is counted exactly once, even when the plugin throws, times out or is cancelled.',
      metricsOutsideFinally:
        '`{{method}}` is called outside a `finally` that encloses the plugin call, so a throw, timeout or early return skips it. ' +
        'Move it into the `finally` of a `try` around `plugin.run`.',
      metricsConditional:
        '`{{method}}` is called under a condition in the `finally`, so some calls go unrecorded. ' +
        'Make it a plain statement of the `finally` block and pass the outcome as an argument.',
      earlyReturn:
        'This `return` leaves after the plugin may have run but before `{{method}}` records it. ' +
        'Record metrics first: call `{{method}}` in the `finally`, before any `return`.',
    },
    schema: [
      {
        type: 'object',
        properties: {
          allow: { type: 'array', items: { type: 'string', minLength: 1 }, uniqueItems: true },
          metricsMethod: { type: 'string', pattern: '^[A-Za-z_$][A-Za-z0-9_$]*$' },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allow: DEFAULT_METRICS_FILES, metricsMethod: DEFAULT_METRICS_METHOD }],
  },
  create(context, [{ allow = DEFAULT_METRICS_FILES, metricsMethod: method = DEFAULT_METRICS_METHOD }]) {
    if (!matchesAnyFile(context.filename, allow)) return {};
    const runs: TSESTree.Node[] = [];
    const metricsCalls: TSESTree.CallExpression[] = [];
    const returns: TSESTree.ReturnStatement[] = [];
    const reported = new Set<TSESTree.Node>();
    const report = (node: TSESTree.Node, messageId: ToolrunnerMetricsInFinallyMessageId): void => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data: { method, target: describeNode(context.sourceCode, node) } });
    };
    const sameFunction = (node: TSESTree.Node, scope: TSESTree.Node): boolean => enclosingFunction(node) === scope;

    function check(run: TSESTree.Node): void {
      const scope = enclosingFunction(run);
      const recordingFinallies = tryStatementsAround(run)
        .map((tryStatement) => tryStatement.finalizer)
        .filter((finalizer): finalizer is TSESTree.BlockStatement => finalizer !== null)
        .map((finalizer) => ({ finalizer, calls: metricsCalls.filter((call) => isWithin(call, finalizer) && sameFunction(call, scope)) }))
        .filter(({ calls }) => calls.length > 0);
      for (const { finalizer, calls } of recordingFinallies) {
        const statement = calls.find((call) => isStatementOf(call, finalizer));
        if (statement === undefined) continue;
        returns
          .filter((ret) => isWithin(ret, finalizer) && sameFunction(ret, scope) && ret.range[1] <= statement.range[0])
          .forEach((ret) => report(ret, 'earlyReturn'));
        return;
      }
      if (recordingFinallies.length > 0) {
        recordingFinallies[0].calls.forEach((call) => report(call, 'metricsConditional'));
        return;
      }
      const elsewhere = metricsCalls.filter((call) => sameFunction(call, scope));
      if (elsewhere.length === 0) {
        report(run, 'missingFinally');
        return;
      }
      for (const call of elsewhere) {
        report(call, 'metricsOutsideFinally');
        returns
          .filter((ret) => sameFunction(ret, scope) && run.range[1] <= ret.range[0] && ret.range[1] <= call.range[0])
          .forEach((ret) => report(ret, 'earlyReturn'));
      }
    }

    const access = pluginRunAccessListener(context, pluginValueOracle(context), ({ node }) => runs.push(node));
    return {
      ...access,
      CallExpression(node) {
        access.CallExpression?.(node);
        if (calleeName(node.callee) === method) metricsCalls.push(node);
      },
      ReturnStatement(node) {
        returns.push(node);
      },
      'Program:exit'() {
        runs.forEach(check);
      },
    };
  },
});
