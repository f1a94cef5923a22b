import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

import { destructuredSource } from './plugin-value-oracle';

const MAX_LENGTH = 40;

/** Short source text of a node for a message: whitespace collapsed, long text cut with `…`. */
export function describeNode(sourceCode: Readonly<TSESLint.SourceCode>, node: TSESTree.Node): string {
  const shown = (node.type === AST_NODE_TYPES.ObjectPattern ? destructuredSource(node) : undefined) ?? node;
  const text = sourceCode.getText(shown).replace(/\s+/g, ' ');
  return text.length > MAX_LENGTH ? `${text.slice(0, MAX_LENGTH - 1)}…` : text;
}
