import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { PLUGIN_NAME_PATTERN as SDK_PATTERN } from '@forgesyte/plugin-sdk';
import { PLUGIN_NAME_PATTERN } from './plugin-options';
import schema from './schema.json';

interface SchemaProperty {
  readonly type: string;
  readonly enum?: readonly string[];
}

/** Each property of `PluginOptions` in plugin.schema.d.ts: its type as JSON Schema would say it, and whether it is required. */
function declaredOptions(): Record<string, { type: string; enum?: string[]; required: boolean }> {
  const fileName = join(__dirname, 'plugin.schema.d.ts');
  const file = ts.createSourceFile(fileName, readFileSync(fileName, 'utf8'), ts.ScriptTarget.Latest, true);
  const options = file.statements.find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === 'PluginOptions');
  if (options === undefined) throw new Error('plugin.schema.d.ts declares no PluginOptions');
  return Object.fromEntries(
    options.members.filter(ts.isPropertySignature).map((member) => {
      const type = member.type;
      const literals = type !== undefined && ts.isUnionTypeNode(type) ? type.types.filter(ts.isLiteralTypeNode) : [];
      const declared =
        literals.length > 0
          ? { type: 'string', enum: literals.map((literal) => (literal.literal as ts.StringLiteral).text) }
          : { type: type?.getText(file) ?? 'unknown' };
      return [member.name.getText(file), { ...declared, required: member.questionToken === undefined }];
    }),
  );
}

describe('schema.json and plugin.schema.d.ts', () => {
  it('declare the same options, with the same types, enums and required ones', () => {
    const properties = schema.properties as Record<string, SchemaProperty>;
    const fromSchema = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => [
        name,
        { type: property.type, ...(property.enum === undefined ? {} : { enum: [...property.enum] }), required: schema.required.includes(name) },
      ]),
    );

    expect(declaredOptions()).toEqual(fromSchema);
  });

  it('refuse options they do not declare', () => {
    expect(schema.additionalProperties).toBe(false);
  });
});

describe('PLUGIN_NAME_PATTERN', () => {
  it('is the SDK’s pattern, which the registry enforces', () => {
    expect(PLUGIN_NAME_PATTERN.source).toBe(SDK_PATTERN.source);
    expect(PLUGIN_NAME_PATTERN.flags).toBe(SDK_PATTERN.flags);
  });
});
