import type { ParserServicesWithTypeInformation, TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ESLintUtils } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { PluginTypeMatcher } from './plugin-type';

/** Names that look like a plugin when there are no types: `plugin`, `myPlugin`, `plugins`, `getPlugin`. */
const PLUGIN_NAME = /plugin(s|instance)?$/i;
/** Type names that look like the SDK plugin in an `as`/`satisfies` without type information. */
const PLUGIN_TYPE_NAME = /plugin$/i;

/** How a rule recognises plugin values in one file: with the type checker, or, without it, by name. */
export interface PluginValueOracle {
  /** Whether the file has type information (otherwise answers are name-based guesses). */
  readonly typed: boolean;
  /** Whether an expression or destructuring pattern holds a value whose type is the SDK `Plugin`. */
  isPlugin(node: TSESTree.Node): boolean;
  /** Whether a member expression names `run`: `.run`, `['run']`, or a key whose type is `'run'`. */
  isRunKey(member: TSESTree.MemberExpression): boolean;
}

const matchers = new WeakMap<ts.TypeChecker, PluginTypeMatcher>();

function matcherFor(checker: ts.TypeChecker): PluginTypeMatcher {
  let matcher = matchers.get(checker);
  if (matcher === undefined) {
    matcher = new PluginTypeMatcher(checker);
    matchers.set(checker, matcher);
  }
  return matcher;
}

/** Whether a node is the string `run` written literally: `'run'`, `"run"` or `` `run` ``. */
export function isLiteralRun(node: TSESTree.Node): boolean {
  if (node.type === AST_NODE_TYPES.Literal) return node.value === 'run';
  return node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0 && node.quasis[0]?.value.cooked === 'run';
}

function isSyntacticRunKey(member: TSESTree.MemberExpression): boolean {
  if (!member.computed) return member.property.type === AST_NODE_TYPES.Identifier && member.property.name === 'run';
  return isLiteralRun(member.property);
}

function typedServices(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): ParserServicesWithTypeInformation | undefined {
  // getParserServices throws for parsers without node maps (espree): ask only when they exist.
  if (context.sourceCode.parserServices?.esTreeNodeToTSNodeMap == null) return undefined;
  const services = ESLintUtils.getParserServices(context, true);
  return services.program === null ? undefined : services;
}

/** What a destructuring pattern destructures, when written beside it: `const { run } = plugin`. */
export function destructuredSource(pattern: TSESTree.Node): TSESTree.Node | undefined {
  const parent = pattern.parent;
  if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.id === pattern) return parent.init ?? undefined;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === pattern) return parent.right;
  return undefined;
}

function typedOracle(services: ParserServicesWithTypeInformation): PluginValueOracle {
  const matcher = matcherFor(services.program.getTypeChecker());
  const isRunType = (type: ts.Type): boolean =>
    type.isUnion() ? type.types.some(isRunType) : type.isStringLiteral() && type.value === 'run';
  return {
    typed: true,
    isPlugin: (node) => {
      const source = node.type === AST_NODE_TYPES.ObjectPattern ? destructuredSource(node) : undefined;
      return matcher.isPluginType(services.getTypeAtLocation(source ?? node));
    },
    isRunKey: (member) =>
      isSyntacticRunKey(member) ||
      (member.computed && member.property.type !== AST_NODE_TYPES.Literal && isRunType(services.getTypeAtLocation(member.property))),
  };
}

/** The name a value is known by, for the no-types heuristic: `plugin`, `this.plugin` → `plugin`, `getPlugin()`. */
function looksLikePlugin(node: TSESTree.Node): boolean {
  switch (node.type) {
    case AST_NODE_TYPES.Identifier:
      return PLUGIN_NAME.test(node.name);
    case AST_NODE_TYPES.MemberExpression:
      return node.computed ? looksLikePlugin(node.object) : looksLikePlugin(node.property);
    case AST_NODE_TYPES.CallExpression:
      return looksLikePlugin(node.callee);
    case AST_NODE_TYPES.ChainExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return looksLikePlugin(node.expression);
    case AST_NODE_TYPES.AwaitExpression:
      return looksLikePlugin(node.argument);
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSTypeAssertion: {
      const annotation = node.typeAnnotation;
      const named =
        annotation.type === AST_NODE_TYPES.TSTypeReference &&
        annotation.typeName.type === AST_NODE_TYPES.Identifier &&
        PLUGIN_TYPE_NAME.test(annotation.typeName.name);
      return named || looksLikePlugin(node.expression);
    }
    default:
      return false;
  }
}

const heuristicOracle: PluginValueOracle = {
  typed: false,
  isPlugin: (node) => {
    if (node.type !== AST_NODE_TYPES.ObjectPattern) return looksLikePlugin(node);
    const source = destructuredSource(node);
    return source !== undefined && looksLikePlugin(source);
  },
  isRunKey: isSyntacticRunKey,
};

/** The oracle for the file being linted: type-aware when the parser has a program, else name-based. */
export function pluginValueOracle(context: Readonly<TSESLint.RuleContext<string, readonly unknown[]>>): PluginValueOracle {
  const services = typedServices(context);
  return services === undefined ? heuristicOracle : typedOracle(services);
}
