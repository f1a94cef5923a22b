import type { JsonSchema } from '@forgesyte/plugin-sdk';

/** Output schema (draft 2020-12) of the `metadata` tool. */
export const metadataOutputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    format: { type: 'string', enum: ['png', 'jpeg', 'webp', 'gif', 'tiff'] },
    width: { type: 'integer', minimum: 1 },
    height: { type: 'integer', minimum: 1 },
    channels: { type: 'integer', minimum: 1 },
    has_alpha: { type: 'boolean' },
    size_bytes: { type: 'integer', minimum: 1 },
  },
  required: ['format', 'width', 'height', 'channels', 'has_alpha', 'size_bytes'],
  additionalProperties: false,
} as const satisfies JsonSchema;
