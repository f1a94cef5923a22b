import type { JsonSchema } from '@forgesyte/plugin-sdk';

/** Output schema (draft 2020-12) of the `sharpness` tool. */
export const sharpnessOutputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    // The 3x3 Laplacian needs at least one pixel with all four neighbours.
    width: { type: 'integer', minimum: 3 },
    height: { type: 'integer', minimum: 3 },
    laplacian_variance: { type: 'number', minimum: 0 },
    mean_intensity: { type: 'number', minimum: 0, maximum: 255 },
  },
  required: ['width', 'height', 'laplacian_variance', 'mean_intensity'],
  additionalProperties: false,
} as const satisfies JsonSchema;
