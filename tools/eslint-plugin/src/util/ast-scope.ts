import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/** A function or the whole program: the unit whose control flow a rule reasons about. */
export type FunctionScopeNode =
  | TSESTree.ArrowFunctionExpression
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.Program;

/** The nearest function around `node` (or the program): code in a nested callback runs on its own. */
export function enclosingFunction(node: TSESTree.Node): FunctionScopeNode {
  let current = node.parent;
  while (current !== undefined) {
    switch (current.type) {
      case AST_NODE_TYPES.ArrowFunctionExpression:
      case AST_NODE_TYPES.FunctionDeclaration:
      case AST_NODE_TYPES.FunctionExpression:
      case AST_NODE_TYPES.Program:
        return current;
      default:
        current = current.parent;
    }
  }
  throw new Error(`a ${node.type} outside any Program`);
}

/** Whether `inner` lies inside `outer` in the source (or is it). */
export function isWithin(inner: TSESTree.Node, outer: TSESTree.Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/**
 * The `try` statements of the same function whose `finally` runs after `node`: those with `node` in
 * their `try` block or `catch` clause, innermost first.
 */
export function tryStatementsAround(node: TSESTree.Node): TSESTree.TryStatement[] {
  const scope = enclosingFunction(node);
  const found: TSESTree.TryStatement[] = [];
  for (let child = node, parent = node.parent; parent !== undefined && parent !== scope; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.TryStatement && child !== parent.finalizer) found.push(parent);
  }
  return found;
}
