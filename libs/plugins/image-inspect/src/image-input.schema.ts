import type { JsonSchema } from '@forgesyte/plugin-sdk';
import { IMAGE_MIME_TYPES } from './image-input';

/** Input schema (draft 2020-12) shared by every image-inspect tool. */
export const imageInputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    image: {
      type: 'string',
      minLength: 1,
      contentEncoding: 'base64',
      description: 'The image file, base64-encoded, without a data: URL prefix.',
    },
    mime_type: {
      type: 'string',
      enum: [...IMAGE_MIME_TYPES],
      description: 'The format of the image; it must match the bytes.',
    },
  },
  required: ['image', 'mime_type'],
  additionalProperties: false,
} as const satisfies JsonSchema;
