import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { calleeName, keyName } from './ast-names';
import { enclosingFunction } from './ast-scope';

/** Where lifecycle states are written: the names that hold one and the functions that take one. */
export interface LifecycleStatePositions {
  /** Variables and properties holding a state (`state`, `entry.state`, `{ state: … }`). */
  readonly properties: readonly string[];
  /** Functions and methods whose first argument is a state (`markState('…')`, `x.transitionTo('…')`). */
  readonly functions: readonly string[];
}

/** A string written literally: `'LOADED'` or `` `LOADED` `` (a template without expressions). */
export type StateLiteral = TSESTree.StringLiteral | TSESTree.TemplateLiteral;

const EQUALITY = new Set(['==', '===', '!=', '!==']);
const ASSIGNMENT = new Set(['=', '||=', '??=']);
const JEST_EQUALITY = new Set(['toBe', 'toEqual', 'toStrictEqual']);

/** The literal strings an expression may evaluate to: itself, both branches of `?:`, both sides of `??`/`||`. */
function literalsOf(node: TSESTree.Node | null | undefined): StateLiteral[] {
  if (node == null) return [];
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? [node] : [];
    case AST_NODE_TYPES.TemplateLiteral:
      return node.expressions.length === 0 ? [node] : [];
    case AST_NODE_TYPES.ConditionalExpression:
      return [...literalsOf(node.consequent), ...literalsOf(node.alternate)];
    case AST_NODE_TYPES.LogicalExpression:
      return node.operator === '&&' ? literalsOf(node.right) : [...literalsOf(node.left), ...literalsOf(node.right)];
    case AST_NODE_TYPES.TSAsExpression:
    case AST_NODE_TYPES.TSSatisfiesExpression:
    case AST_NODE_TYPES.TSNonNullExpression:
      return literalsOf(node.expression);
    default:
      return [];
  }
}

function valueOf(literal: StateLiteral): string {
  return literal.type === AST_NODE_TYPES.TemplateLiteral ? (literal.quasis[0]?.value.cooked ?? '') : literal.value;
}

/** The argument of `expect(…)` behind `expect(x).toBe`, `expect(x).not.toBe`. */
function expectedSubject(matcher: TSESTree.MemberExpression): TSESTree.Node | undefined {
  const { object } = matcher;
  const negated = object.type === AST_NODE_TYPES.MemberExpression && keyName(object.property, object.computed) === 'not';
  const call = negated ? object.object : object;
  if (call.type !== AST_NODE_TYPES.CallExpression || calleeName(call.callee) !== 'expect') return undefined;
  return call.arguments[0];
}

/**
 * Listeners that find every literal string written as a lifecycle state and hand it to `onValue`. A
 * position is: an assignment or declaration of a holder (`x.state = V`, `const state = V`, a class
 * field `state = V`); an equality with a holder (`x.state === V`, `V !== state`); a `case V` of a
 * `switch` on a holder; an object property (`{ state: V }`, a destructuring default `{ state = V }`);
 * the first argument of a state function (`markState(V)`); a `return V` in a `get state()` accessor;
 * and a Jest equality on a holder (`expect(x.state).toBe(V)`). The empty string is never reported.
 */
export function lifecycleStateListener(
  positions: LifecycleStatePositions,
  onValue: (node: StateLiteral, value: string) => void,
): TSESLint.RuleListener {
  const holders = new Set(positions.properties);
  const functions = new Set(positions.functions);
  // An empty string is a "nothing yet" placeholder (`let state = ''`), never mistaken for a state.
  const check = (node: TSESTree.Node | null | undefined): void =>
    literalsOf(node)
      .filter((literal) => valueOf(literal) !== '')
      .forEach((literal) => onValue(literal, valueOf(literal)));
  const isHolder = (node: TSESTree.Node | undefined): boolean => {
    if (node === undefined) return false;
    if (node.type === AST_NODE_TYPES.Identifier) return holders.has(node.name);
    if (node.type === AST_NODE_TYPES.ChainExpression || node.type === AST_NODE_TYPES.TSNonNullExpression) return isHolder(node.expression);
    if (node.type !== AST_NODE_TYPES.MemberExpression) return false;
    const name = keyName(node.property, node.computed);
    return name !== undefined && holders.has(name);
  };
  const isStateGetter = (node: TSESTree.Node): boolean => {
    const method = node.parent;
    return (
      (method?.type === AST_NODE_TYPES.MethodDefinition || method?.type === AST_NODE_TYPES.Property) &&
      method.kind === 'get' &&
      holders.has(keyName(method.key, method.computed) ?? '')
    );
  };

  return {
    AssignmentExpression(node) {
      if (ASSIGNMENT.has(node.operator) && isHolder(node.left)) check(node.right);
    },
    VariableDeclarator(node) {
      if (isHolder(node.id)) check(node.init);
    },
    PropertyDefinition(node) {
      if (holders.has(keyName(node.key, node.computed) ?? '')) check(node.value);
    },
    BinaryExpression(node) {
      if (!EQUALITY.has(node.operator)) return;
      if (isHolder(node.left)) check(node.right);
      if (isHolder(node.right)) check(node.left);
    },
    SwitchStatement(node) {
      if (isHolder(node.discriminant)) node.cases.forEach((switchCase) => check(switchCase.test));
    },
    Property(node) {
      if (!holders.has(keyName(node.key, node.computed) ?? '')) return;
      if (node.parent.type === AST_NODE_TYPES.ObjectExpression) check(node.value);
      else if (node.value.type === AST_NODE_TYPES.AssignmentPattern) check(node.value.right);
    },
    CallExpression(node) {
      const name = calleeName(node.callee);
      if (name !== undefined && functions.has(name)) check(node.arguments[0]);
      if (node.callee.type === AST_NODE_TYPES.MemberExpression && JEST_EQUALITY.has(name ?? '') && isHolder(expectedSubject(node.callee))) {
        check(node.arguments[0]);
      }
    },
    ReturnStatement(node) {
      const fn = enclosingFunction(node);
      if (fn.type !== AST_NODE_TYPES.Program && isStateGetter(fn)) check(node.argument);
    },
  };
}
