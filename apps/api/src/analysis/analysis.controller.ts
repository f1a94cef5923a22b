import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { type AnalysisRequest, AnalysisExecutionService } from '@forgesyte/execution';
import type { Response } from 'express';
import type { Principal } from '../auth/api-key-ring';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { LargeBody } from '../http/large-body.decorator';
import { AnalysisRequestBody } from './analysis-request-body.decorator';
import { ClientDisconnect } from './client-disconnect';
import { IdempotencyKey } from './idempotency-key.decorator';
import { type JobJson, presentJob, presentSyncResult, type SyncResultJson } from './job.presenter';

/** Runs analyses: now (`POST /v1/analyze-execution`) or as an async job (`POST …/async`). */
@Controller('v1/analyze-execution')
@RequireScope('analyze')
export class AnalysisController {
  constructor(private readonly analysis: AnalysisExecutionService) {}

  @Post()
  @LargeBody()
  @HttpCode(200)
  async analyze(
    @AnalysisRequestBody() request: AnalysisRequest,
    @CurrentCaller() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SyncResultJson> {
    return presentSyncResult(await this.analysis.analyze(request, caller, new ClientDisconnect(response)));
  }

  @Post('async')
  @LargeBody()
  @HttpCode(202)
  async submit(
    @AnalysisRequestBody() request: AnalysisRequest,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @CurrentCaller() caller: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<JobJson> {
    const { job } = await this.analysis.submit(request, caller, idempotencyKey);
    response.setHeader('Location', `/v1/analyze-execution/jobs/${job.id}`);
    return presentJob(job);
  }
}
