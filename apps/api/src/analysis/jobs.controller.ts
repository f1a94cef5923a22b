import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { JobAlreadyFinishedError, JobNotFinishedError } from '@forgesyte/errors';
import { AnalysisExecutionService, JOB_STATUSES, type JobQuery, type JobStatus, MAX_JOB_PRIORITY, MIN_JOB_PRIORITY } from '@forgesyte/execution';
import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import type { Principal } from '../auth/api-key-ring';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../openapi/api-key-security.decorator';
import { EXAMPLE_JOB_ID } from '../openapi/example-values';
import { bodyNotAnObject, EXAMPLE_JOB, EXAMPLE_JOB_OUTCOME, invalidJobQuery, jobNotFound, keyErrors, storeUnavailable } from '../openapi/openapi-examples';
import { ApiJobIdParam } from './api-job-id-param.decorator';
import { JobIdParams } from './dto/job-id.params';
import { DEFAULT_JOBS_LIMIT, MAX_CURSOR_LENGTH, MAX_JOBS_LIMIT } from './dto/list-jobs-query.dto';
import { CancelResponse, JobOutcomeResponse, JobPageResponse, JobResponse } from './dto/job.response';
import { JobIdParamsPipe } from './job-id-params.pipe';
import { presentJob, presentJobOutcome, presentJobPage } from './job.presenter';
import { ListJobsQueryPipe } from './list-jobs-query.pipe';

/** Reads, lists and cancels jobs. A key that is not admin sees only its own jobs. */
@ApiTags('jobs')
@ApiKeySecurity()
@Controller('v1/analyze-execution/jobs')
export class JobsController {
  constructor(private readonly analysis: AnalysisExecutionService) {}

  @ApiOperation({ operationId: 'listJobs', summary: 'List jobs, newest first', description: 'A key that is not admin sees only its own jobs.' })
  @ApiQuery({ name: 'plugin', required: false, schema: { type: 'string', pattern: PLUGIN_NAME_PATTERN.source } })
  @ApiQuery({ name: 'status', required: false, schema: { type: 'string', enum: [...JOB_STATUSES] } })
  @ApiQuery({ name: 'priority', required: false, description: 'Only jobs of this priority.', schema: { type: 'integer', minimum: MIN_JOB_PRIORITY, maximum: MAX_JOB_PRIORITY } })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_JOBS_LIMIT, default: DEFAULT_JOBS_LIMIT } })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `next_cursor` of the previous page.', schema: { type: 'string', minLength: 1, maxLength: MAX_CURSOR_LENGTH } })
  @ApiOkResponse({ type: JobPageResponse, example: { jobs: [EXAMPLE_JOB], count: 1, next_cursor: null } })
  @ApiErrorResponses({ 400: invalidJobQuery(), ...keyErrors('jobs:read'), 503: storeUnavailable('read') })
  @Get()
  @RequireScope('jobs:read')
  async list(@Query(ListJobsQueryPipe) query: Omit<JobQuery, 'owner'>, @CurrentCaller() caller: Principal) {
    return presentJobPage(await this.analysis.listJobs(query, caller));
  }

  @ApiOperation({ operationId: 'getJob', summary: 'Read a job' })
  @ApiJobIdParam()
  @ApiOkResponse({ type: JobResponse, example: EXAMPLE_JOB })
  @ApiErrorResponses({ 400: bodyNotAnObject(), ...keyErrors('jobs:read'), 404: jobNotFound(), 503: storeUnavailable('read') })
  @Get(':job_id')
  @RequireScope('jobs:read')
  async get(@Param(JobIdParamsPipe) { job_id: jobId }: JobIdParams, @CurrentCaller() caller: Principal): Promise<JobResponse> {
    return presentJob(await this.analysis.getJob(jobId, caller));
  }

  @ApiOperation({ operationId: 'getJobResult', summary: "Read a finished job with its result or error" })
  @ApiJobIdParam()
  @ApiOkResponse({ type: JobOutcomeResponse, example: EXAMPLE_JOB_OUTCOME })
  @ApiErrorResponses({
    400: bodyNotAnObject(),
    ...keyErrors('jobs:read'),
    404: jobNotFound(),
    409: new JobNotFinishedError(EXAMPLE_JOB_ID, 'running'),
    503: storeUnavailable('read'),
  })
  @Get(':job_id/result')
  @RequireScope('jobs:read')
  async result(@Param(JobIdParamsPipe) { job_id: jobId }: JobIdParams, @CurrentCaller() caller: Principal): Promise<JobOutcomeResponse> {
    return presentJobOutcome(await this.analysis.getResult(jobId, caller));
  }

  @ApiOperation({ operationId: 'cancelJob', summary: 'Cancel a pending or running job' })
  @ApiJobIdParam()
  @ApiOkResponse({ type: CancelResponse, example: { job_id: EXAMPLE_JOB_ID, status: 'cancelled' } })
  @ApiErrorResponses({
    400: bodyNotAnObject(),
    ...keyErrors('analyze'),
    404: jobNotFound(),
    409: new JobAlreadyFinishedError(EXAMPLE_JOB_ID, 'success'),
    503: storeUnavailable('write'),
  })
  @Delete(':job_id')
  @RequireScope('analyze')
  async cancel(@Param(JobIdParamsPipe) { job_id: jobId }: JobIdParams, @CurrentCaller() caller: Principal): Promise<{ job_id: string; status: JobStatus }> {
    const job = await this.analysis.cancel(jobId, caller);
    // The record's status: `running` when another process did not confirm the cancel in time.
    return { job_id: job.id, status: job.status };
  }
}
