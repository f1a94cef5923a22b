import type { JsonSchema } from '@forgesyte/plugin-sdk';
import { imageSchemaProperties } from '@forgesyte/image-io';
import { DETECT_DEFAULTS, MAX_BLUR_SIGMA, MIN_BLUR_SIGMA } from './detect-input';

/** One frame in the `detect` tool's args: `{ image, mime_type }`, as a single-image tool takes it. */
const frameSchema = (description: string) =>
  ({
    type: 'object',
    description,
    properties: imageSchemaProperties,
    required: ['image', 'mime_type'],
    additionalProperties: false,
  }) as const;

/** Input schema (draft 2020-12) of the `detect` tool. */
export const detectInputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    frame_a: frameSchema('The earlier frame.'),
    frame_b: frameSchema('The later frame, of the same width and height as frame_a.'),
    threshold: {
      type: 'integer',
      minimum: 0,
      maximum: 255,
      default: DETECT_DEFAULTS.threshold,
      description: 'A pixel has changed when its grey levels in the two frames differ by more than this.',
    },
    min_area: {
      type: 'integer',
      minimum: 1,
      default: DETECT_DEFAULTS.min_area,
      description: 'Changed regions with fewer changed pixels than this are dropped as noise.',
    },
    blur: {
      type: 'number',
      minimum: 0,
      maximum: MAX_BLUR_SIGMA,
      default: DETECT_DEFAULTS.blur,
      description:
        `Sigma in pixels of a Gaussian blur applied to both greyscale frames before differencing: ` +
        `0 for none, else ${MIN_BLUR_SIGMA} to ${MAX_BLUR_SIGMA}.`,
    },
  },
  required: ['frame_a', 'frame_b'],
  additionalProperties: false,
} as const satisfies JsonSchema;

/** Output schema (draft 2020-12) of the `detect` tool. */
export const detectOutputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    motion: { type: 'boolean' },
    changed_fraction: { type: 'number', minimum: 0, maximum: 1 },
    regions: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          x: { type: 'integer', minimum: 0 },
          y: { type: 'integer', minimum: 0 },
          width: { type: 'integer', minimum: 1 },
          height: { type: 'integer', minimum: 1 },
          area: { type: 'integer', minimum: 1 },
        },
        required: ['x', 'y', 'width', 'height', 'area'],
        additionalProperties: false,
      },
    },
    width: { type: 'integer', minimum: 1 },
    height: { type: 'integer', minimum: 1 },
  },
  required: ['motion', 'changed_fraction', 'regions', 'width', 'height'],
  additionalProperties: false,
} as const satisfies JsonSchema;
