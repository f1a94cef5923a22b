import type { JsonSchema } from '@forgesyte/plugin-sdk';

/** Input schema (draft 2020-12) of `languages`: no arguments, so only the empty object. */
export const languagesInputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {},
  additionalProperties: false,
} as const satisfies JsonSchema;

/** Output schema (draft 2020-12) of `languages`. */
export const languagesOutputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    default_language: { type: 'string', minLength: 1 },
    languages: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        properties: {
          code: { type: 'string', minLength: 1 },
          package: { type: 'string', minLength: 1 },
          version: { type: 'string', minLength: 1 },
          model: { type: 'string', minLength: 1 },
        },
        required: ['code', 'package', 'version', 'model'],
        additionalProperties: false,
      },
    },
  },
  required: ['default_language', 'languages'],
  additionalProperties: false,
} as const satisfies JsonSchema;
