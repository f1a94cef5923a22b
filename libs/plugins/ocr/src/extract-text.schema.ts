import type { JsonSchema } from '@forgesyte/plugin-sdk';
import { imageSchemaProperties } from '@forgesyte/image-io';
import { DEFAULT_PAGE_SEGMENTATION_MODE, PAGE_SEGMENTATION_MODE_VALUES } from './page-segmentation';

/**
 * Input schema (draft 2020-12) of `extract_text`: the image, plus an optional `lang` among the installed
 * language codes (`languages`, the schema's enum) and an optional page segmentation mode.
 */
export function extractTextInputSchema(languages: readonly string[], defaultLanguage: string): JsonSchema {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      ...imageSchemaProperties,
      lang: {
        type: 'string',
        enum: [...languages],
        default: defaultLanguage,
        description: 'Language model to read the text with: one of the installed ones (see the `languages` tool).',
      },
      psm: {
        type: 'integer',
        enum: [...PAGE_SEGMENTATION_MODE_VALUES],
        default: DEFAULT_PAGE_SEGMENTATION_MODE,
        description: "Tesseract's page segmentation mode: 3 fully automatic, 6 one block, 7 one line, 8 one word, 11 sparse text.",
      },
    },
    required: ['image', 'mime_type'],
    additionalProperties: false,
  };
}

/** A box in image pixels: (x0, y0) the top-left corner, (x1, y1) the bottom-right one, exclusive. */
const bbox = {
  type: 'object',
  properties: {
    x0: { type: 'integer', minimum: 0 },
    y0: { type: 'integer', minimum: 0 },
    x1: { type: 'integer', minimum: 0 },
    y1: { type: 'integer', minimum: 0 },
  },
  required: ['x0', 'y0', 'x1', 'y1'],
  additionalProperties: false,
} as const;

/** A recognised word or line: its text, tesseract's confidence in it (0..100) and its box. */
const textSpan = {
  type: 'object',
  properties: {
    text: { type: 'string' },
    confidence: { type: 'number', minimum: 0, maximum: 100 },
    bbox,
  },
  required: ['text', 'confidence', 'bbox'],
  additionalProperties: false,
} as const;

/** Output schema (draft 2020-12) of `extract_text`. */
export const extractTextOutputSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    text: { type: 'string' },
    confidence: { type: 'number', minimum: 0, maximum: 100 },
    words: { type: 'array', items: textSpan },
    lines: { type: 'array', items: textSpan },
  },
  required: ['text', 'confidence', 'words', 'lines'],
  additionalProperties: false,
} as const satisfies JsonSchema;
