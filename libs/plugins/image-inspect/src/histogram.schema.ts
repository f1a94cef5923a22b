import type { JsonSchema } from '@forgesyte/plugin-sdk';

/** Output schema (draft 2020-12) of the `histogram` tool. */
export const histogramOutputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    width: { type: 'integer', minimum: 1 },
    height: { type: 'integer', minimum: 1 },
    channels: {
      type: 'array',
      minItems: 1,
      maxItems: 4,
      items: {
        type: 'object',
        properties: {
          name: { type: 'string', enum: ['red', 'green', 'blue', 'alpha', 'grey'] },
          bins: { type: 'array', minItems: 256, maxItems: 256, items: { type: 'integer', minimum: 0 } },
          mean: { type: 'number', minimum: 0, maximum: 255 },
        },
        required: ['name', 'bins', 'mean'],
        additionalProperties: false,
      },
    },
  },
  required: ['width', 'height', 'channels'],
  additionalProperties: false,
} as const satisfies JsonSchema;
