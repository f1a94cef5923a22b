import * as ts from 'typescript';
import type { TextEdit } from './text-edit';

/** The array constant that lists the shipped plugins. */
export const SHIPPED_PLUGINS_CONST = 'SHIPPED_PLUGINS';

/** Lines past this width are reflowed to one element per line, as a formatter would. */
const MAX_LINE_WIDTH = 120;

/**
 * The edits that import `specifier` (a plugin module's default export) and list it in the
 * `SHIPPED_PLUGINS` array literal, keeping the file's quotes, semicolons and layout. Idempotent: an
 * existing import of `specifier` is reused, and an element already listed is not added again (no edits).
 * Throws, saying what to do by hand, when the file has no such array literal.
 */
export function shippedPluginEdits(source: string, fileName: string, specifier: string, preferredName: string): TextEdit[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const array = findShippedArray(file);
  if (array === undefined) {
    throw new Error(
      `${fileName} has no "${SHIPPED_PLUGINS_CONST} = [...]" array literal to register the plugin in: ` +
        `import it from '${specifier}' and list it there by hand.`,
    );
  }
  const imports = file.statements.filter(ts.isImportDeclaration);
  const existing = imports.find((node) => ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === specifier);
  const edits: TextEdit[] = [];
  let local = existing?.importClause?.name?.text;
  if (existing !== undefined && (local === undefined || existing.importClause?.isTypeOnly === true)) {
    throw new Error(`${fileName} imports '${specifier}' without a default import (or as a type only): import its default export and list it in ${SHIPPED_PLUGINS_CONST}.`);
  }
  if (local === undefined) {
    local = freeName(file, preferredName);
    edits.push(importEdit(file, imports, local, specifier));
  }
  const listed = array.elements.some((element) => ts.isIdentifier(element) && element.text === local);
  if (!listed) edits.push(elementEdit(file, array, local));
  return edits;
}

function findShippedArray(file: ts.SourceFile): ts.ArrayLiteralExpression | undefined {
  for (const statement of file.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || declaration.name.text !== SHIPPED_PLUGINS_CONST) continue;
      const value = declaration.initializer === undefined ? undefined : withoutWrappers(declaration.initializer);
      if (value !== undefined && ts.isArrayLiteralExpression(value)) return value;
    }
  }
  return undefined;
}

/** The expression inside `(…)`, `… as T`, `… satisfies T` and `<T>…`. */
function withoutWrappers(expression: ts.Expression): ts.Expression {
  let inner = expression;
  while (ts.isParenthesizedExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner) || ts.isTypeAssertionExpression(inner)) {
    inner = inner.expression;
  }
  return inner;
}

/** `preferred`, or `preferredPlugin`, `preferredPlugin2`… when the file already binds that name. */
function freeName(file: ts.SourceFile, preferred: string): string {
  const taken = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) taken.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (!taken.has(preferred)) return preferred;
  for (let n = 1; ; n += 1) {
    const candidate = `${preferred}Plugin${n === 1 ? '' : n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

function importEdit(file: ts.SourceFile, imports: readonly ts.ImportDeclaration[], local: string, specifier: string): TextEdit {
  const last = imports.at(-1);
  const quote = last !== undefined && last.moduleSpecifier.getText(file).startsWith('"') ? '"' : "'";
  const semicolon = last === undefined || last.getText(file).endsWith(';') ? ';' : '';
  const statement = `import ${local} from ${quote}${specifier}${quote}${semicolon}`;
  if (last === undefined) return { start: 0, end: 0, text: `${statement}\n\n` };
  return { start: last.end, end: last.end, text: `\n${statement}` };
}

function elementEdit(file: ts.SourceFile, array: ts.ArrayLiteralExpression, local: string): TextEdit {
  const elements = array.elements;
  const open = array.getStart(file);
  const close = array.end - 1;
  const lastElement = elements.at(-1);
  if (lastElement === undefined) return { start: open + 1, end: close, text: local };
  const line = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line;
  if (line(lastElement.end) !== line(close)) {
    const indent = indentationAt(file, lastElement.getStart(file));
    if (!elements.hasTrailingComma) return { start: lastElement.end, end: lastElement.end, text: `,\n${indent}${local}` };
    const afterComma = file.text.indexOf(',', lastElement.end) + 1;
    return { start: afterComma, end: afterComma, text: `\n${indent}${local},` };
  }
  const inline: TextEdit = { start: lastElement.end, end: lastElement.end, text: `, ${local}` };
  const lineStart = file.getPositionOfLineAndCharacter(line(close), 0);
  const lineEnd = file.getLineEndOfPosition(close);
  if (lineEnd - lineStart + inline.text.length <= MAX_LINE_WIDTH) return inline;
  return reflowEdit(file, array, [...elements.map((element) => element.getText(file)), local]);
}

/** Rewrites the array one element per line, indented one level deeper than its statement. */
function reflowEdit(file: ts.SourceFile, array: ts.ArrayLiteralExpression, items: readonly string[]): TextEdit {
  const base = indentationAt(file, array.getStart(file));
  const body = items.map((item) => `${base}  ${item},`).join('\n');
  return { start: array.getStart(file), end: array.end, text: `[\n${body}\n${base}]` };
}

function indentationAt(file: ts.SourceFile, pos: number): string {
  const lineStart = file.getPositionOfLineAndCharacter(file.getLineAndCharacterOfPosition(pos).line, 0);
  return /^[ \t]*/.exec(file.text.slice(lineStart))?.[0] ?? '';
}
