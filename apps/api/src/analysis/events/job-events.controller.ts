import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AnalysisExecutionService, type Job, TERMINAL_STATUSES } from '@forgesyte/execution';
import type { Request, Response } from 'express';
import type { Principal } from '../../auth/api-key-ring';
import { CurrentCaller } from '../../auth/current-caller.decorator';
import { RequireScope } from '../../auth/require-scope.decorator';
import { API_CONFIG, type ApiConfig } from '../../config/api-config';
import { toForgeSyteError } from '../../errors/to-forgesyte-error';
import { assignRequestId } from '../../http/request-id';
import { ApiErrorResponses } from '../../openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../../openapi/api-key-security.decorator';
import { bodyNotAnObject, jobNotFound, keyErrors, storeUnavailable } from '../../openapi/openapi-examples';
import { ApiJobIdParam } from '../api-job-id-param.decorator';
import { JobIdParams } from '../dto/job-id.params';
import { JobIdParamsPipe } from '../job-id-params.pipe';
import { isJobEventId, jobEventId } from './job-event-id';
import { JobEventStream } from './job-event-stream';
import { EXAMPLE_JOB_EVENTS, JOB_EVENTS_DESCRIPTION } from './job-events.openapi';

/** Follows a job live, as Server-Sent Events, in every store mode (see {@link JobEventStream}). */
@ApiTags('jobs')
@ApiKeySecurity()
@Controller('v1/analyze-execution/jobs')
export class JobEventsController {
  constructor(
    private readonly analysis: AnalysisExecutionService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  @ApiOperation({ operationId: 'getJobEvents', summary: "Follow a job's progress and status live (Server-Sent Events)", description: JOB_EVENTS_DESCRIPTION })
  @ApiJobIdParam()
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The `id` of the last event received, to resume without receiving that state again.', schema: { type: 'string' } })
  @ApiOkResponse({ description: 'The stream, until the job is finished.', content: { 'text/event-stream': { schema: { type: 'string' }, example: EXAMPLE_JOB_EVENTS } } })
  @ApiNoContentResponse({ description: 'The job is finished and `Last-Event-ID` names its final state: nothing more will come (an EventSource stops reconnecting).' })
  @ApiErrorResponses({ 400: bodyNotAnObject(), ...keyErrors('jobs:read'), 404: jobNotFound(), 503: storeUnavailable('read') })
  @Get(':job_id/events')
  @RequireScope('jobs:read')
  async events(@Param(JobIdParamsPipe) { job_id: jobId }: JobIdParams, @CurrentCaller() caller: Principal, @Req() request: Request, @Res() response: Response): Promise<void> {
    const changes: { stream?: JobEventStream; missed: boolean } = { missed: false };
    // Watching before the first read: no change can fall between them. Refusals (404, 503) are still plain responses.
    const stopWatching = await this.analysis.watchJob(jobId, caller, () => {
      if (changes.stream === undefined) changes.missed = true;
      else changes.stream.update();
    });
    const read = () => this.analysis.getJob(jobId, caller);
    let job: Job;
    try {
      job = await read();
    } catch (error) {
      stopWatching();
      throw error;
    }
    const header = request.headers['last-event-id'];
    const lastEventId = isJobEventId(header) ? header : undefined;
    if (TERMINAL_STATUSES.has(job.status) && lastEventId === jobEventId(job)) {
      stopWatching();
      response.status(204).end();
      return;
    }
    const stream = new JobEventStream(response, {
      read,
      toError: (thrown) => toForgeSyteError(thrown, request),
      lastEventId,
      requestId: assignRequestId(request, response),
      heartbeatMs: this.config.eventsHeartbeatMs,
    });
    changes.stream = stream;
    stream.onEnd(stopWatching);
    stream.send(job);
    // A change while the first read was under way: it may not show in `job`.
    if (changes.missed) stream.update();
  }
}
