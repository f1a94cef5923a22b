import { Module } from '@nestjs/common';
import { AnalysisExecutionService } from './analysis-execution.service';
import { EXECUTION_OPTIONS } from './execution.module-definition';
import { EXECUTION_DEFAULTS, type ExecutionModuleOptions } from './execution.options';
import { ConfigurableExecutionModule } from './execution.module-definition';
import { JobExecutionService } from './job-execution.service';
import { PluginExecutionService } from './plugin-execution.service';
import { SyncAdmission } from './sync-admission';
import { JobStoreMaintenance } from './store/job-store-maintenance.service';
import { JOB_STORE } from './store/job-store';
import { openJobStore } from './store/open-job-store';
import { JOB_QUEUE } from './queue/job-queue';
import { openJobQueue } from './queue/open-job-queue';

/**
 * The execution services: {@link AnalysisExecutionService} (what the API calls) on top of
 * {@link JobExecutionService} (jobs and their executor) on top of {@link PluginExecutionService}
 * (which hands every call to the ToolRunner). Needs `RuntimeModule.forRoot`.
 */
@Module({
  providers: [
    PluginExecutionService,
    JobExecutionService,
    AnalysisExecutionService,
    SyncAdmission,
    JobStoreMaintenance,
    {
      provide: JOB_STORE,
      inject: [EXECUTION_OPTIONS],
      useFactory: (options: ExecutionModuleOptions) =>
        openJobStore(options.store ?? { kind: 'memory' }, options.retainJobs ?? EXECUTION_DEFAULTS.retainJobs),
    },
    { provide: JOB_QUEUE, inject: [EXECUTION_OPTIONS, JOB_STORE], useFactory: openJobQueue },
  ],
  exports: [AnalysisExecutionService, PluginExecutionService],
})
export class ExecutionModule extends ConfigurableExecutionModule {}
