import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';

/** The body of both analyze endpoints, as it arrives on the wire. */
export interface AnalyzeRequestBody {
  readonly plugin: string;
  readonly tool?: string;
  readonly args?: Readonly<Record<string, unknown>>;
  /** Base64 image: ForgeSyte's shorthand for `args.image`. */
  readonly image?: string;
  /** Its media type: shorthand for `args.mime_type`. */
  readonly mime_type?: string;
}

/** JSON Schema of {@link AnalyzeRequestBody}. */
export const ANALYZE_REQUEST_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['plugin'],
  properties: {
    plugin: { type: 'string', pattern: PLUGIN_NAME_PATTERN.source },
    tool: { type: 'string', minLength: 1, maxLength: 128 },
    args: { type: 'object' },
    image: { type: 'string' },
    mime_type: { type: 'string' },
  },
} as const;
