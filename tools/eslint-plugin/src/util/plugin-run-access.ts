import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { isLiteralRun, type PluginValueOracle } from './plugin-value-oracle';

/** One use of a plugin's `run` member. */
export interface PluginRunAccess {
  /** What to report: the member expression, the destructured property, or the `Reflect.get` call. */
  readonly node: TSESTree.Node;
  /** The expression (or destructuring pattern) that holds the plugin. */
  readonly target: TSESTree.Node;
}

type Context = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** `typeof plugin.run` only checks a shape: nothing runs. */
function isTypeofOperand(node: TSESTree.Node): boolean {
  let child = node;
  let parent = node.parent;
  while (parent?.type === AST_NODE_TYPES.ChainExpression) {
    child = parent;
    parent = parent.parent;
  }
  return parent?.type === AST_NODE_TYPES.UnaryExpression && parent.operator === 'typeof' && parent.argument === child;
}

function isRunProperty(property: TSESTree.Property | TSESTree.RestElement): property is TSESTree.Property {
  if (property.type !== AST_NODE_TYPES.Property) return false;
  if (!property.computed && property.key.type === AST_NODE_TYPES.Identifier) return property.key.name === 'run';
  return isLiteralRun(property.key);
}

/**
 * Whether a destructured `run` is only there to be left out, as in `const { run: _run, ...rest } =
 * plugin` (the usual way to copy a plugin without its `run`): the pattern has a rest element and the
 * `run` binding is never read, so nothing can be executed through it.
 */
function isOmittedByRest(context: Context, pattern: TSESTree.ObjectPattern, value: TSESTree.Node): boolean {
  if (!pattern.properties.some((property) => property.type === AST_NODE_TYPES.RestElement)) return false;
  const identifier = value.type === AST_NODE_TYPES.AssignmentPattern ? value.left : value;
  if (identifier.type !== AST_NODE_TYPES.Identifier) return false;
  for (let scope: TSESLint.Scope.Scope | null = context.sourceCode.getScope(identifier); scope; scope = scope.upper) {
    const variable = scope.set.get(identifier.name);
    if (variable?.identifiers.includes(identifier)) return variable.references.every((reference) => !reference.isRead());
  }
  return false;
}

function isReflectGet(call: TSESTree.CallExpression): boolean {
  const { callee } = call;
  return (
    callee.type === AST_NODE_TYPES.MemberExpression &&
    !callee.computed &&
    callee.object.type === AST_NODE_TYPES.Identifier &&
    callee.object.name === 'Reflect' &&
    callee.property.type === AST_NODE_TYPES.Identifier &&
    callee.property.name === 'get'
  );
}

/**
 * Listeners that find every use of `run` on a plugin value and hand it to `onAccess`: member access in
 * any form (`p.run`, `p['run']`, `p?.run`, `registry.get(x).run`, `(x as Plugin).run`, and so
 * `.call/.apply/.bind`, callbacks and `Reflect.apply(p.run, …)`), destructuring (`const { run } = p`,
 * parameters, `for…of`) and `Reflect.get(p, 'run')`. A plugin's own `this.run`/`super.run`,
 * `typeof p.run`, and a `run` left out by a rest pattern (`const { run: _, ...rest } = p`) are not uses.
 */
export function pluginRunAccessListener(
  context: Context,
  oracle: PluginValueOracle,
  onAccess: (access: PluginRunAccess) => void,
): TSESLint.RuleListener {
  return {
    MemberExpression(node) {
      const { object } = node;
      if (object.type === AST_NODE_TYPES.ThisExpression || object.type === AST_NODE_TYPES.Super) return;
      if (!oracle.isRunKey(node) || isTypeofOperand(node) || !oracle.isPlugin(object)) return;
      onAccess({ node, target: object });
    },
    ObjectPattern(node) {
      const runs = node.properties.filter(isRunProperty).filter((property) => !isOmittedByRest(context, node, property.value));
      if (runs.length === 0 || !oracle.isPlugin(node)) return;
      for (const property of runs) onAccess({ node: property, target: node });
    },
    CallExpression(node) {
      const [target, key] = node.arguments;
      if (!isReflectGet(node) || target === undefined || key === undefined || !isLiteralRun(key)) return;
      if (oracle.isPlugin(target)) onAccess({ node, target });
    },
  };
}
