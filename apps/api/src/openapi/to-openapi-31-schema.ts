/** A JSON Schema object as @nestjs/swagger builds it (OpenAPI 3.0 flavoured). */
type Schema = Record<string, unknown>;

const SUBSCHEMA_LISTS = ['allOf', 'oneOf', 'anyOf', 'prefixItems'] as const;
const SUBSCHEMAS = ['items', 'additionalProperties', 'not'] as const;

/**
 * Rewrites, in place, what @nestjs/swagger 11 still emits in OpenAPI 3.0 form into JSON Schema 2020-12,
 * which OpenAPI 3.1 uses: `nullable: true` becomes `null` among the `type`s (and in the `enum`), or a
 * `oneOf` with `{type: 'null'}` around a `$ref`/`allOf`. Walks schema keywords only, never examples.
 */
export function toOpenApi31Schema(schema: unknown): void {
  if (!isSchema(schema)) return;
  const nullable = schema.nullable === true;
  delete schema.nullable;
  if (nullable) allowNull(schema);
  if (isSchema(schema.properties)) for (const property of Object.values(schema.properties)) toOpenApi31Schema(property);
  for (const key of SUBSCHEMAS) toOpenApi31Schema(schema[key]);
  for (const key of SUBSCHEMA_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) for (const item of list) toOpenApi31Schema(item);
  }
}

function allowNull(schema: Schema): void {
  if (typeof schema.type === 'string' && schema.allOf === undefined && schema.$ref === undefined) {
    schema.type = [schema.type, 'null'];
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...(schema.enum as unknown[]), null];
    return;
  }
  // A reference (or swagger's `allOf: [{$ref}]`): the value is that schema, or null.
  // swagger writes `type: 'object'` beside the `allOf`: the reference says it already.
  const { description, example, type, ...rest } = schema;
  for (const key of Object.keys(schema)) delete schema[key];
  const inner = Array.isArray(rest.allOf) && rest.allOf.length === 1 && Object.keys(rest).length === 1 ? (rest.allOf[0] as Schema) : { ...(type === undefined ? {} : { type }), ...rest };
  Object.assign(schema, { oneOf: [inner, { type: 'null' }] }, description === undefined ? {} : { description }, example === undefined ? {} : { example });
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
