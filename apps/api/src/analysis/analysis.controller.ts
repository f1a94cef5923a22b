import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotencyConflictError, OverloadedError, PayloadTooLargeError } from '@forgesyte/errors';
import { type AnalysisRequest, AnalysisExecutionService } from '@forgesyte/execution';
import type { Response } from 'express';
import type { Principal } from '../auth/api-key-ring';
import { CallPermission } from '../auth/call-permission';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { LargeBody } from '../http/large-body.decorator';
import { assignRequestId } from '../http/request-id';
import { traceparentOf } from '../tracing/http-request-spans';
import { ANALYZE_REQUEST } from '../openapi/analyze-request.schema';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../openapi/api-key-security.decorator';
import { EXAMPLE_JOB_ID } from '../openapi/example-values';
import { EXAMPLE_JOB, EXAMPLE_SYNC_RESULT, invalidAnalyzeBody, keyErrors, storeUnavailable } from '../openapi/openapi-examples';
import { AnalysisRequestBody } from './analysis-request-body.decorator';
import { ClientDisconnect } from './client-disconnect';
import { JobResponse, SyncResultResponse } from './dto/job.response';
import { IDEMPOTENCY_KEY_PATTERN } from './dto/idempotency-key.header';
import { IdempotencyKey } from './idempotency-key.decorator';
import { presentJob, presentSyncResult } from './job.presenter';

/** Runs analyses: now (`POST /v1/analyze-execution`) or as an async job (`POST …/async`). */
@ApiTags('analysis')
@ApiKeySecurity()
@Controller('v1/analyze-execution')
@RequireScope('analyze')
export class AnalysisController {
  constructor(
    private readonly analysis: AnalysisExecutionService,
    private readonly permission: CallPermission,
  ) {}

  @ApiOperation({ operationId: 'analyze', summary: 'Run a tool and wait for its result', description: 'Records a sync job and answers with its result; every failure is a 400 envelope naming it.' })
  @ApiBody({ schema: { $ref: `#/components/schemas/${ANALYZE_REQUEST}` } })
  @ApiOkResponse({ type: SyncResultResponse, example: EXAMPLE_SYNC_RESULT })
  @ApiErrorResponses({
    400: invalidAnalyzeBody(),
    ...keyErrors('analyze'),
    413: new PayloadTooLargeError('16mb'),
    429: new OverloadedError(1, 64, 'sync_busy'),
    503: storeUnavailable('write'),
  })
  @Post()
  @LargeBody()
  @HttpCode(200)
  async analyze(
    @AnalysisRequestBody() request: AnalysisRequest,
    @CurrentCaller() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SyncResultResponse> {
    this.permission.check(caller, request);
    return presentSyncResult(
      await this.analysis.analyze(request, caller, new ClientDisconnect(response), assignRequestId(response.req, response), traceparentOf(response)),
    );
  }

  @ApiOperation({ operationId: 'submitJob', summary: 'Submit an async job', description: 'Checks the request, queues the job and answers at once; poll the job at its `Location`.' })
  @ApiBody({ schema: { $ref: `#/components/schemas/${ANALYZE_REQUEST}` } })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key with the same body returns the first job instead of a new one (1 to 255 visible ASCII characters).', schema: { type: 'string', pattern: IDEMPOTENCY_KEY_PATTERN.source } })
  @ApiAcceptedResponse({
    type: JobResponse,
    example: EXAMPLE_JOB,
    headers: { Location: { description: 'Where to poll the job.', schema: { type: 'string', example: `/v1/analyze-execution/jobs/${EXAMPLE_JOB_ID}` } } },
  })
  @ApiErrorResponses({
    400: invalidAnalyzeBody(),
    ...keyErrors('analyze'),
    409: new IdempotencyConflictError('readme-example-1', EXAMPLE_JOB_ID),
    413: new PayloadTooLargeError('16mb'),
    429: new OverloadedError(1, 256),
    503: storeUnavailable('write'),
  })
  @Post('async')
  @LargeBody()
  @HttpCode(202)
  async submit(
    @AnalysisRequestBody() request: AnalysisRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentCaller() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobResponse> {
    this.permission.check(caller, request);
    const { job } = await this.analysis.submit(request, caller, idempotencyKey, assignRequestId(response.req, response), traceparentOf(response));
    response.setHeader('Location', `/v1/analyze-execution/jobs/${job.id}`);
    return presentJob(job);
  }
}
