import { JOB_STATUSES, type JobStatus, MAX_JOB_PRIORITY, MIN_JOB_PRIORITY } from '@forgesyte/execution';
import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { WhenPresent } from '../../validation/when-present.decorator';
import { PLUGIN_NAME_RULE } from './analyze-request.dto';

/** The most jobs one page lists. */
export const MAX_JOBS_LIMIT = 100;
/** How many jobs a page lists when the query names no limit. */
export const DEFAULT_JOBS_LIMIT = 50;
/** The longest cursor the API issues. */
export const MAX_CURSOR_LENGTH = 512;
/** The priority filter's rule, as violations state it. */
export const PRIORITY_FILTER_RULE = `must be a whole number from ${MIN_JOB_PRIORITY} to ${MAX_JOB_PRIORITY}`;
/** The limit's rule, as violations state it. */
export const LIMIT_RULE = `must be a whole number from 1 to ${MAX_JOBS_LIMIT}`;
const ONCE = 'must be given once';

// Decorators run from the bottom up, stopping at the first failure (see AnalyzeRequestDto).

/** The query string of `GET /v1/analyze-execution/jobs`. A repeated parameter arrives as an array and is refused. */
export class ListJobsQueryDto {
  @Matches(PLUGIN_NAME_PATTERN, { message: `must be a plugin name: ${PLUGIN_NAME_RULE}` })
  @IsString({ message: `${ONCE}: the name of one plugin` })
  @WhenPresent()
  readonly plugin?: string;

  @IsIn(JOB_STATUSES, { message: `must be one of: ${JOB_STATUSES.join(', ')}` })
  @IsString({ message: `${ONCE}, as one of: ${JOB_STATUSES.join(', ')}` })
  @WhenPresent()
  readonly status?: JobStatus;

  /** Only jobs of this priority: digits here, range-checked by `ListJobsQueryPipe`. */
  @Matches(/^\d+$/, { message: PRIORITY_FILTER_RULE })
  @IsString({ message: `${ONCE}, as ${PRIORITY_FILTER_RULE.replace('must be ', '')}` })
  @WhenPresent()
  readonly priority?: string;

  /** Page size, 1 to {@link MAX_JOBS_LIMIT} (default {@link DEFAULT_JOBS_LIMIT}): digits only here, range-checked by `ListJobsQueryPipe`. */
  @Matches(/^\d+$/, { message: LIMIT_RULE })
  @IsString({ message: `${ONCE}, as ${LIMIT_RULE.replace('must be ', '')}` })
  @WhenPresent()
  readonly limit?: string;

  @Length(1, MAX_CURSOR_LENGTH, { message: `must be the next_cursor of a previous page (1 to ${MAX_CURSOR_LENGTH} characters); leave it out for the first page` })
  @IsString({ message: `${ONCE}: the next_cursor of a previous page` })
  @WhenPresent()
  readonly cursor?: string;
}
