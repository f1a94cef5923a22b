import { publicPluginName } from '@forgesyte/errors';
import type { JsonSchema } from '@forgesyte/plugin-sdk';
import type { PluginSnapshot } from '@forgesyte/registry';
import { ANALYZE_MAX_ATTEMPTS_PROPERTY, ANALYZE_PRIORITY_PROPERTY, ANALYZE_SHORTHAND_PROPERTIES, IMAGE_PAIRING } from './analyze-request.schema';

/** Component schemas, by name. */
export type SchemaMap = Record<string, object>;

/** What {@link toolSchemas} adds to a document: the components, and the analyze body's and result's branches. */
export interface ToolSchemas {
  readonly components: SchemaMap;
  /** One branch per plugin and tool (two when the tool takes the image shorthand): the analyze body's `oneOf`. */
  readonly requests: object[];
  /** One reference per tool's output schema: a result's `anyOf`. */
  readonly results: object[];
  /** The same references by plugin and tool name, as they are spelled (see {@link TOOL_OUTPUTS}). */
  readonly outputs: Record<string, Record<string, object>>;
}

/**
 * Name of the component that maps each plugin and tool, by their names as sent, to the tool's output
 * schema: how a generated client finds a tool's result type without knowing how component names are
 * made safe (a tool's name may hold any character; a component's may not).
 */
export const TOOL_OUTPUTS = 'ToolOutputs';

const COMPONENT_NAME_UNSAFE = /[^A-Za-z0-9._-]/g;

/**
 * The schemas of every tool of every plugin that can run (UNAVAILABLE ones are left out), for the
 * OpenAPI document: each tool's `inputSchema` and `outputSchema` as components, verbatim (OpenAPI 3.1
 * schemas are JSON Schema 2020-12), and one analyze-body branch per tool with `plugin` and `tool` as
 * constants and `args` referencing the input schema. The plugin's default tool (its `defaultTool`,
 * else its first) is the branch where `tool` may be left out. A tool whose input takes `image` gets a
 * second branch for the `image`/`mime_type` shorthand, whose `args` are the rest of its arguments.
 */
export function toolSchemas(plugins: readonly PluginSnapshot[]): ToolSchemas {
  const components: SchemaMap = {};
  const requests: object[] = [];
  const results: object[] = [];
  const outputs: Record<string, Record<string, object>> = {};
  const reference = (name: string, schema: JsonSchema): object => {
    let unique = name.replace(COMPONENT_NAME_UNSAFE, '_');
    for (let n = 2; unique in components; n++) unique = `${name.replace(COMPONENT_NAME_UNSAFE, '_')}_${n}`;
    components[unique] = embeddable(schema, unique);
    return { $ref: `#/components/schemas/${unique}` };
  };
  for (const plugin of plugins) {
    if (plugin.state === 'UNAVAILABLE') continue;
    const name = publicPluginName(plugin.name);
    const defaultTool = plugin.defaultTool ?? Object.keys(plugin.tools)[0];
    const byTool: Array<[string, object]> = [];
    for (const [tool, definition] of Object.entries(plugin.tools)) {
      const input = reference(`${name}.${tool}.input`, definition.inputSchema);
      const output = reference(`${name}.${tool}.output`, definition.outputSchema);
      results.push(output);
      byTool.push([tool, output]);
      const branch = (title: string, args: object, extra: object = {}) => ({
        title,
        description: definition.description,
        type: 'object',
        additionalProperties: false,
        required: tool === defaultTool ? ['plugin'] : ['plugin', 'tool'],
        properties: { plugin: { const: name }, tool: { const: tool }, args, priority: ANALYZE_PRIORITY_PROPERTY, max_attempts: ANALYZE_MAX_ATTEMPTS_PROPERTY, ...extra },
      });
      requests.push(branch(`${name} ${tool}`, input));
      if (takesImage(definition.inputSchema)) {
        const shorthand = branch(`${name} ${tool} (image shorthand)`, { type: 'object', description: `The tool's other arguments: image and mime_type are sent at the top level.` }, ANALYZE_SHORTHAND_PROPERTIES);
        requests.push({ ...shorthand, required: [...shorthand.required, ...IMAGE_PAIRING] });
      }
    }
    // Object.fromEntries defines every key as an own property, a tool named `__proto__` included.
    outputs[name] = Object.fromEntries(byTool);
  }
  return { components, requests, results, outputs };
}

function takesImage(schema: JsonSchema): boolean {
  const properties = schema.properties;
  return typeof properties === 'object' && properties !== null && 'image' in properties;
}

/**
 * A tool's schema as a component: verbatim, unless it refers to itself (`$ref: '#/…'`), which inside
 * the document would point at the document's root: those references are re-rooted at the component,
 * and a top-level `$id` (which would re-root them again) is dropped.
 */
function embeddable(schema: JsonSchema, component: string): object {
  if (!JSON.stringify(schema).includes('"$ref":"#')) return schema;
  const rerooted = reroot(schema, `#/components/schemas/${component}`) as Record<string, unknown>;
  delete rerooted.$id;
  return rerooted;
}

function reroot(value: unknown, root: string): unknown {
  if (Array.isArray(value)) return value.map((item) => reroot(item, root));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, key === '$ref' && typeof item === 'string' && item.startsWith('#') ? root + item.slice(1) : reroot(item, root)]),
  );
}
