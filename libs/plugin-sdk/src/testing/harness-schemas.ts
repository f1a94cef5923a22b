import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { Plugin } from '../plugin';
import { schemaValidator } from '../schema/schema-check';
import { SCHEMA_VALIDATION_OPTIONS } from '../schema/schema-validation-options';
import type { SchemaValidator } from '../schema/schema-violation';

/** A tool's schemas, compiled as the server compiles them at registration. */
export interface HarnessValidators {
  readonly input: SchemaValidator;
  readonly output: SchemaValidator;
}

/**
 * Compiles every tool's schemas with the server's Ajv configuration (draft 2020-12, the SDK's
 * `SCHEMA_VALIDATION_OPTIONS`, `ajv-formats`), one compiler pair per plugin as the registry does. Throws,
 * naming the tool and the schema, when one does not compile: the server would list the plugin UNAVAILABLE.
 */
export function compileToolSchemas(plugin: Plugin): ReadonlyMap<string, HarnessValidators> {
  const first = new Ajv2020({ ...SCHEMA_VALIDATION_OPTIONS, allErrors: false });
  const all = new Ajv2020({ ...SCHEMA_VALIDATION_OPTIONS, allErrors: true });
  addFormats(first);
  addFormats(all);
  const compile = (tool: string, which: 'input' | 'output', schema: object): SchemaValidator => {
    try {
      return schemaValidator(first.compile(schema), all.compile(schema));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`Tool '${tool}' of plugin '${plugin.name}' has an ${which} schema the server cannot compile (${reason}); the server would list the plugin UNAVAILABLE. Fix the schema.`, { cause: error });
    }
  };
  return new Map(
    Object.entries(plugin.tools).map(([tool, definition]) => [
      tool,
      { input: compile(tool, 'input', definition.inputSchema), output: compile(tool, 'output', definition.outputSchema) },
    ]),
  );
}
