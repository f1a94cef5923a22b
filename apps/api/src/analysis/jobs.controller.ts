import { Controller, Delete, Get, Param, Query } from '@nestjs/common';
import { AnalysisExecutionService, type JobQuery, type JobStatus } from '@forgesyte/execution';
import type { Principal } from '../auth/api-key-ring';
import { CurrentCaller } from '../auth/current-caller.decorator';
import { RequireScope } from '../auth/require-scope.decorator';
import { type JobJson, type JobOutcomeJson, presentJob, presentJobOutcome, presentJobPage } from './job.presenter';
import { ListJobsQueryPipe } from './list-jobs-query.pipe';

/** Reads, lists and cancels jobs. A key that is not admin sees only its own jobs. */
@Controller('v1/analyze-execution/jobs')
export class JobsController {
  constructor(private readonly analysis: AnalysisExecutionService) {}

  @Get()
  @RequireScope('jobs:read')
  async list(@Query(ListJobsQueryPipe) query: Omit<JobQuery, 'owner'>, @CurrentCaller() caller: Principal) {
    return presentJobPage(await this.analysis.listJobs(query, caller));
  }

  @Get(':job_id')
  @RequireScope('jobs:read')
  async get(@Param('job_id') jobId: string, @CurrentCaller() caller: Principal): Promise<JobJson> {
    return presentJob(await this.analysis.getJob(jobId, caller));
  }

  @Get(':job_id/result')
  @RequireScope('jobs:read')
  async result(@Param('job_id') jobId: string, @CurrentCaller() caller: Principal): Promise<JobOutcomeJson> {
    return presentJobOutcome(await this.analysis.getResult(jobId, caller));
  }

  @Delete(':job_id')
  @RequireScope('analyze')
  async cancel(@Param('job_id') jobId: string, @CurrentCaller() caller: Principal): Promise<{ job_id: string; status: JobStatus }> {
    const job = await this.analysis.cancel(jobId, caller);
    // The record's status: `running` when another process did not confirm the cancel in time.
    return { job_id: job.id, status: job.status };
  }
}
