import { JOB_STATUSES } from '@forgesyte/execution';
import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';

/** The query string of the job listing, as it arrives on the wire. */
export interface ListJobsQuery {
  readonly plugin?: string;
  readonly status?: (typeof JOB_STATUSES)[number];
  readonly limit?: string;
  readonly cursor?: string;
}

/** JSON Schema of {@link ListJobsQuery}; `limit` is range-checked after it. */
export const LIST_JOBS_QUERY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    plugin: { type: 'string', pattern: PLUGIN_NAME_PATTERN.source },
    status: { enum: [...JOB_STATUSES] },
    limit: { type: 'string' },
    cursor: { type: 'string', minLength: 1, maxLength: 512 },
  },
} as const;
