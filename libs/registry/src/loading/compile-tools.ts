import type { Plugin } from '@forgesyte/plugin-sdk';
import type { CompiledTool } from '../compiled-tool';
import { JsonSchemaCompiler } from '../schema/json-schema-compiler';

/**
 * Compiles every tool's input and output schema once. Throws an Error naming the tool and schema that
 * does not compile; the loader then registers the plugin as UNAVAILABLE.
 */
export function compileTools(plugin: Plugin): ReadonlyMap<string, CompiledTool> {
  const compiler = new JsonSchemaCompiler();
  const tools = new Map<string, CompiledTool>();
  for (const [name, definition] of Object.entries(plugin.tools)) {
    tools.set(name, {
      name,
      definition,
      validateInput: compileOne(compiler, definition.inputSchema, name, 'inputSchema'),
      validateOutput: compileOne(compiler, definition.outputSchema, name, 'outputSchema'),
    });
  }
  return tools;
}

function compileOne(compiler: JsonSchemaCompiler, schema: object, tool: string, which: string) {
  try {
    return compiler.compile(schema);
  } catch (error) {
    throw new Error(`tool '${tool}' ${which} does not compile: ${(error as Error).message}`, { cause: error });
  }
}
