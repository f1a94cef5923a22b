import { DEFAULT_JOB_PRIORITY, MAX_JOB_PRIORITY, MIN_JOB_PRIORITY } from '@forgesyte/execution';
import { PLUGIN_NAME_PATTERN, RETRY_LIMITS } from '@forgesyte/plugin-sdk';
import { SUPPORTED_IMAGE_TYPES } from '../analysis/image-signature';
import { EXAMPLE_PLUGIN, EXAMPLE_TOOL } from './example-values';

/** A 32×32 grey PNG (test/fixtures/images/grey.png), for examples. */
export const GREY_PNG =
  'iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAIAAAD8GO2jAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAMUlEQVR4nO3QMQ0AAAjAMKQjHQm7+FoDSzb7bASKRcmiZFGyKFmULEoWJYuSRel90QEt3gBbXDgkDwAAAABJRU5ErkJggg==';

/** Name of the analyze body's component schema. */
export const ANALYZE_REQUEST = 'AnalyzeRequest';

/** The image shorthand's two fields, which go together. */
export const IMAGE_PAIRING = ['image', 'mime_type'] as const;

/** The image shorthand's fields, as the analyze body takes them. */
export const ANALYZE_SHORTHAND_PROPERTIES = {
  image: {
    type: 'string',
    contentEncoding: 'base64',
    description: 'Shorthand for `args.image`: plain base64 (no `data:` prefix) of the image file. Send with `mime_type`.',
  },
  mime_type: {
    type: 'string',
    enum: [...SUPPORTED_IMAGE_TYPES],
    description: "Shorthand for `args.mime_type`: the image's media type, which must match its leading bytes.",
  },
} as const;

/** The analyze body's `max_attempts`. */
export const ANALYZE_MAX_ATTEMPTS_PROPERTY = {
  type: 'integer',
  minimum: 1,
  maximum: RETRY_LIMITS.maxAttempts,
  description:
    "The most attempts an async job makes when an attempt fails with a retryable error (`retryable: true`): at most what the tool's retry policy allows (a larger value gets that), which is also the default. A sync call is never retried: it makes one attempt whatever this says.",
} as const;

/** The analyze body's `priority`. */
export const ANALYZE_PRIORITY_PROPERTY = {
  type: 'integer',
  minimum: MIN_JOB_PRIORITY,
  maximum: MAX_JOB_PRIORITY,
  default: DEFAULT_JOB_PRIORITY,
  description:
    "An async job's place among the same key's waiting jobs: 1 runs first, 10 last. Keys take turns for free executor slots whatever their jobs' priorities, so a priority never moves a job ahead of another key's. A sync call runs at once: its job only records the value.",
} as const;

/**
 * The analyze body (both POSTs) in the public document, where no plugin is named: `args` is a plain
 * object here, each tool's own schema being in the document a key with `plugins:read` reads.
 */
export const GENERIC_ANALYZE_REQUEST = {
  type: 'object',
  additionalProperties: false,
  required: ['plugin'],
  properties: {
    plugin: { type: 'string', pattern: PLUGIN_NAME_PATTERN.source, description: 'The plugin to run (GET /v1/plugins lists them).' },
    tool: {
      type: 'string',
      minLength: 1,
      maxLength: 128,
      description: "The tool to run; the plugin's default tool (else its first) when left out.",
    },
    args: { type: 'object', description: "The tool's arguments, valid against its input schema (GET /v1/plugins/{name})." },
    priority: ANALYZE_PRIORITY_PROPERTY,
    max_attempts: ANALYZE_MAX_ATTEMPTS_PROPERTY,
    ...ANALYZE_SHORTHAND_PROPERTIES,
  },
  dependentRequired: { image: ['mime_type'], mime_type: ['image'] },
  examples: [{ plugin: EXAMPLE_PLUGIN, tool: EXAMPLE_TOOL, image: GREY_PNG, mime_type: 'image/png' }],
} as const;
