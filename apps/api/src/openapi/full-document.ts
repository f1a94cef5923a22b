import type { OpenAPIObject } from '@nestjs/swagger';
import type { PluginSnapshot } from '@forgesyte/registry';
import { ANALYZE_REQUEST } from './analyze-request.schema';
import { TOOL_RESULT_HOLDERS } from './route-document';
import { TOOL_OUTPUTS, toolSchemas } from './tool-schemas';

/**
 * The route document with every tool of `plugins` in it (see {@link toolSchemas}): the analyze body a
 * `oneOf` with one branch per plugin and tool, a result `anyOf` the tools' output schemas (outputs of
 * different tools may overlap, so `oneOf` could reject a valid result). The route document is not
 * changed; without a tool that can run, the result equals it.
 */
export function withToolSchemas(routes: OpenAPIObject, plugins: readonly PluginSnapshot[]): OpenAPIObject {
  const tools = toolSchemas(plugins);
  const document = structuredClone(routes);
  if (tools.requests.length === 0) return document;
  const schemas = document.components?.schemas as Record<string, Record<string, unknown>>;
  // No example: the generic one names no real plugin, so it would match no branch.
  schemas[ANALYZE_REQUEST] = { description: 'One branch per plugin and tool: `plugin` and `tool` select the branch, `args` is that tool\'s input.', oneOf: tools.requests };
  for (const holder of TOOL_RESULT_HOLDERS) {
    const properties = schemas[holder]?.properties as Record<string, Record<string, unknown>> | undefined;
    if (properties?.result !== undefined) properties.result = { description: properties.result.description, anyOf: tools.results };
  }
  Object.assign(schemas, tools.components);
  schemas[TOOL_OUTPUTS] = {
    description: "Each tool's output schema by plugin and tool name: what `result` is when that tool ran. Sent in no body: a map for generated clients.",
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      Object.entries(tools.outputs).map(([plugin, byTool]) => [plugin, { type: 'object', additionalProperties: false, properties: byTool }]),
    ),
  };
  return document;
}
