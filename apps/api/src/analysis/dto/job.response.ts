import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DEFAULT_JOB_PRIORITY, JOB_STATUSES, type JobStatus, MAX_JOB_PRIORITY, MIN_JOB_PRIORITY } from '@forgesyte/execution';
import { ErrorBodyResponse } from '../../errors/error-envelope.response';
import { EXAMPLE_JOB_ID, EXAMPLE_PLUGIN, EXAMPLE_TIMESTAMP, EXAMPLE_TOOL } from '../../openapi/example-values';

/** How far a running job is, as its tool last reported. */
export class JobProgressResponse {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5 })
  readonly fraction!: number;

  @ApiProperty({ type: String, nullable: true, example: 'decoded the image' })
  readonly message!: string | null;
}

/** A job on the wire (snake_case). */
export class JobResponse {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_JOB_ID })
  readonly job_id!: string;

  @ApiProperty({ example: EXAMPLE_PLUGIN })
  readonly plugin!: string;

  @ApiProperty({ type: String, nullable: true, description: 'The tool that ran (the default tool when the request named none).', example: EXAMPLE_TOOL })
  readonly tool!: string | null;

  @ApiProperty({ enum: ['sync', 'async', 'mcp'], example: 'async', description: '`mcp`: an MCP client\'s `tools/call` (docs/mcp.md).' })
  readonly mode!: 'sync' | 'async' | 'mcp';

  @ApiProperty({ enum: JOB_STATUSES, enumName: 'JobStatus', example: 'pending' })
  readonly status!: JobStatus;

  @ApiProperty({
    type: 'integer',
    minimum: MIN_JOB_PRIORITY,
    maximum: MAX_JOB_PRIORITY,
    description: `The order of an async job among its key's waiting jobs: ${MIN_JOB_PRIORITY} first, ${MAX_JOB_PRIORITY} last (default ${DEFAULT_JOB_PRIORITY}); keys take turns whatever their priorities. A sync job, which never waits, shows what it was sent with.`,
    example: DEFAULT_JOB_PRIORITY,
  })
  readonly priority!: number;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIMESTAMP })
  readonly created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readonly started_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readonly completed_at!: string | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Run time in milliseconds, once finished.', example: null })
  readonly duration_ms!: number | null;

  @ApiProperty({ type: () => JobProgressResponse, nullable: true, example: null })
  readonly progress!: JobProgressResponse | null;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: 'The attempt the job is on, or ended on: 1 for the first. An async job whose attempt fails with a retryable error goes back to `pending` for the next one while attempts are left.',
    example: 1,
  })
  readonly attempt!: number;

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    description: "The most attempts the job may make: its tool's retry policy (`retry.attempts`), lowered by the submission's `max_attempts`; 1 for a sync job, which is never retried.",
    example: 3,
  })
  readonly attempts!: number;

  @ApiProperty({
    type: () => [ErrorBodyResponse],
    description: "The error of each earlier attempt, oldest first; empty when no attempt failed yet. The last attempt's error is the job's `error`.",
    example: [],
  })
  readonly attempt_errors!: readonly ErrorBodyResponse[];

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When a job waiting between attempts (status `pending`) may start its next one; null otherwise.',
    example: null,
  })
  readonly next_attempt_at!: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The `version` of the plugin that produced the job's outcome (of its last attempt, on whichever process ran it); null until a plugin ran it.",
    example: null,
  })
  readonly plugin_version!: string | null;
}

/** A finished job on the wire, with its `result` (status `success`) or its `error`. */
export class JobOutcomeResponse extends JobResponse {
  @ApiPropertyOptional({ description: "The tool's output (status `success`), valid against the tool's outputSchema." })
  readonly result?: unknown;

  @ApiPropertyOptional({ type: () => ErrorBodyResponse, description: 'Why the job did not succeed (status `failed` or `cancelled`).' })
  readonly error?: ErrorBodyResponse;
}

/** The body of a successful sync analysis. */
export class SyncResultResponse {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_JOB_ID })
  readonly job_id!: string;

  @ApiProperty({ example: EXAMPLE_PLUGIN })
  readonly plugin!: string;

  @ApiProperty({ type: String, nullable: true, example: EXAMPLE_TOOL })
  readonly tool!: string | null;

  @ApiProperty({ enum: ['success'], example: 'success' })
  readonly status!: 'success';

  @ApiProperty({ description: "The tool's output, valid against the tool's outputSchema." })
  readonly result!: unknown;

  @ApiProperty({ type: Number, nullable: true, example: 4.217 })
  readonly duration_ms!: number | null;
}

/** One page of the job listing, newest first. */
export class JobPageResponse {
  @ApiProperty({ type: () => [JobResponse] })
  readonly jobs!: JobResponse[];

  @ApiProperty({ minimum: 0, example: 1 })
  readonly count!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.', example: null })
  readonly next_cursor!: string | null;
}

/** The answer to a cancel. */
export class CancelResponse {
  @ApiProperty({ format: 'uuid', example: EXAMPLE_JOB_ID })
  readonly job_id!: string;

  @ApiProperty({
    enum: JOB_STATUSES,
    enumName: 'JobStatus',
    description: '`cancelled`; `running` when another process did not confirm the cancel in time.',
    example: 'cancelled',
  })
  readonly status!: JobStatus;
}
