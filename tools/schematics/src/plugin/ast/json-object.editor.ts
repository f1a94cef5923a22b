import * as ts from 'typescript';
import type { TextEdit } from './text-edit';

/** A JSON value as the edits write it. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Reads a JSON file that may hold comments or trailing commas (tsconfig.json, nest-cli.json). */
export function readJson(source: string, fileName: string): unknown {
  const parsed: { config?: unknown; error?: ts.Diagnostic } = ts.parseConfigFileTextToJson(fileName, source);
  if (parsed.error !== undefined) {
    throw new Error(`${fileName} is not valid JSON: ${ts.flattenDiagnosticMessageText(parsed.error.messageText, '\n')}`);
  }
  return parsed.config;
}

/**
 * The edit that adds `"key": value` to the object at `path` (property names from the root), laid out
 * like its siblings: on a new line with their indentation, or inline when the object is on one line.
 * `undefined` when the key is already there. Throws, naming the path, when that object is missing.
 */
export function jsonPropertyEdit(source: string, fileName: string, path: readonly string[], key: string, value: JsonValue): TextEdit | undefined {
  const file = ts.parseJsonText(fileName, source);
  const object = objectAt(file, path);
  if (object === undefined) throw new Error(`${fileName} has no object at "${path.join('.')}" to add "${key}" to.`);
  if (object.properties.some((property) => propertyName(property) === key)) return undefined;
  const entry = `${JSON.stringify(key)}: ${inlineJson(value)}`;
  const last = object.properties.at(-1);
  const close = object.end - 1;
  if (last === undefined) return { start: object.getStart(file), end: object.end, text: `{ ${entry} }` };
  const line = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line;
  if (line(last.end) === line(close)) return { start: last.end, end: last.end, text: `, ${entry}` };
  const lineStart = file.getPositionOfLineAndCharacter(line(last.getStart(file)), 0);
  const indent = /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? '';
  return { start: last.end, end: last.end, text: `,\n${indent}${entry}` };
}

/** One-line JSON with a space after separators, as this repo writes short objects: `{ "a": 1, "b": ["x"] }`. */
export function inlineJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => inlineJson(item)).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inlineJson(item)}`);
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function objectAt(file: ts.JsonSourceFile, path: readonly string[]): ts.ObjectLiteralExpression | undefined {
  let node: ts.Expression | undefined = file.statements[0]?.expression;
  for (const key of path) {
    if (node === undefined || !ts.isObjectLiteralExpression(node)) return undefined;
    const property: ts.ObjectLiteralElementLike | undefined = node.properties.find((candidate) => propertyName(candidate) === key);
    node = property !== undefined && ts.isPropertyAssignment(property) ? property.initializer : undefined;
  }
  return node !== undefined && ts.isObjectLiteralExpression(node) ? node : undefined;
}

function propertyName(property: ts.ObjectLiteralElementLike): string | undefined {
  const name = property.name;
  return name !== undefined && (ts.isStringLiteral(name) || ts.isIdentifier(name)) ? name.text : undefined;
}
