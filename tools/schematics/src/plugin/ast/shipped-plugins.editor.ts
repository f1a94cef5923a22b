import * as ts from 'typescript';
import type { TextEdit } from './text-edit';

/** The array constant that lists the shipped plugins. */
export const SHIPPED_PLUGINS_CONST = 'SHIPPED_PLUGINS';

/** Lines past this width are reflowed to one element per line, as a formatter would. */
const MAX_LINE_WIDTH = 120;

/**
 * The element that lists plugin `local` with its module file, found by `require.resolve(modulePath)`
 * from the list's file (so that worker threads can load it, from the sources and from `dist`).
 */
export function shippedPluginEntry(local: string, modulePath: string, quote: '"' | "'" = "'"): string {
  return `{ plugin: ${local}, moduleFile: require.resolve(${quote}${modulePath}${quote}) }`;
}

/**
 * The edits that import `specifier` (a plugin module's default export) and list it in the
 * `SHIPPED_PLUGINS` array literal as {@link shippedPluginEntry} with `modulePath` (the plugin's source
 * folder, relative to the list's file), keeping the file's quotes, semicolons and layout. Idempotent: an
 * existing import of `specifier` is reused, and a plugin already listed (alone or with its module file)
 * is not added again (no edits). Throws, saying what to do by hand, when the file has no such array literal.
 */
export function shippedPluginEdits(source: string, fileName: string, specifier: string, preferredName: string, modulePath: string): TextEdit[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const array = findShippedArray(file);
  if (array === undefined) {
    throw new Error(
      `${fileName} has no "${SHIPPED_PLUGINS_CONST} = [...]" array literal to register the plugin in: ` +
        `import it from '${specifier}' and list it there by hand as ${shippedPluginEntry('<its import>', modulePath)}.`,
    );
  }
  const imports = file.statements.filter(ts.isImportDeclaration);
  const existing = imports.find((node) => ts.isStringLiteral(node.moduleSpecifier) && node.moduleSpecifier.text === specifier);
  const edits: TextEdit[] = [];
  let local = existing?.importClause?.name?.text;
  if (existing !== undefined && (local === undefined || existing.importClause?.isTypeOnly === true)) {
    throw new Error(`${fileName} imports '${specifier}' without a default import (or as a type only): import its default export and list it in ${SHIPPED_PLUGINS_CONST}.`);
  }
  const quote = quoteOf(file, imports);
  if (local === undefined) {
    local = freeName(file, preferredName);
    edits.push(importEdit(file, imports, local, specifier, quote));
  }
  const listedName = local;
  if (!array.elements.some((element) => listsPlugin(element, listedName))) {
    edits.push(elementEdit(file, array, shippedPluginEntry(local, modulePath, quote)));
  }
  return edits;
}

/** Whether `element` lists `local`: the plugin alone, or `{ plugin: local, … }`. */
function listsPlugin(element: ts.Expression, local: string): boolean {
  if (ts.isIdentifier(element)) return element.text === local;
  if (!ts.isObjectLiteralExpression(element)) return false;
  return element.properties.some(
    (property) =>
      ts.isPropertyAssignment(property) &&
      ts.isIdentifier(property.name) &&
      property.name.text === 'plugin' &&
      ts.isIdentifier(property.initializer) &&
      property.initializer.text === local,
  );
}

/** The file's quote for module specifiers: that of its last import, else a single quote. */
function quoteOf(file: ts.SourceFile, imports: readonly ts.ImportDeclaration[]): '"' | "'" {
  return imports.at(-1)?.moduleSpecifier.getText(file).startsWith('"') === true ? '"' : "'";
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

function importEdit(file: ts.SourceFile, imports: readonly ts.ImportDeclaration[], local: string, specifier: string, quote: string): TextEdit {
  const last = imports.at(-1);
  const semicolon = last === undefined || last.getText(file).endsWith(';') ? ';' : '';
  const statement = `import ${local} from ${quote}${specifier}${quote}${semicolon}`;
  if (last === undefined) return { start: 0, end: 0, text: `${statement}\n\n` };
  return { start: last.end, end: last.end, text: `\n${statement}` };
}

function elementEdit(file: ts.SourceFile, array: ts.ArrayLiteralExpression, entry: string): TextEdit {
  const elements = array.elements;
  const open = array.getStart(file);
  const close = array.end - 1;
  const lastElement = elements.at(-1);
  if (lastElement === undefined) return { start: open + 1, end: close, text: entry };
  const line = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line;
  if (line(lastElement.end) !== line(close)) {
    const indent = indentationAt(file, lastElement.getStart(file));
    if (!elements.hasTrailingComma) return { start: lastElement.end, end: lastElement.end, text: `,\n${indent}${entry}` };
    const afterComma = file.text.indexOf(',', lastElement.end) + 1;
    return { start: afterComma, end: afterComma, text: `\n${indent}${entry},` };
  }
  const inline: TextEdit = { start: lastElement.end, end: lastElement.end, text: `, ${entry}` };
  const lineStart = file.getPositionOfLineAndCharacter(line(close), 0);
  const lineEnd = file.getLineEndOfPosition(close);
  if (lineEnd - lineStart + inline.text.length <= MAX_LINE_WIDTH) return inline;
  return reflowEdit(file, array, [...elements.map((element) => element.getText(file)), entry]);
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
