import type { JsonSchema } from '@forgesyte/plugin-sdk';
import { IMAGE_MIME_TYPES } from './image-input';

/** The `image` and `mime_type` properties of an image in a tool's args, to embed in a tool's own schema. */
export const imageSchemaProperties = {
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
} as const;

/** Input schema (draft 2020-12) of a tool that takes one image: `{ image, mime_type }`. */
export const imageInputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: imageSchemaProperties,
  required: ['image', 'mime_type'],
  additionalProperties: false,
} as const satisfies JsonSchema;
