import { Module } from '@nestjs/common';
import { AnalysisExecutionService } from './analysis-execution.service';
import { JOB_BACKEND } from './backend/job-backend';
import { JobStoreMaintenance } from './backend/job-store-maintenance.service';
import { openJobBackend, openJobStore } from './backend/open-job-backend';
import { ConfigurableExecutionModule, EXECUTION_OPTIONS } from './execution.module-definition';
import { ExecutionReadiness } from './execution-readiness.service';
import { JobExecutionService } from './job-execution.service';
import { PluginExecutionService } from './plugin-execution.service';
import { SyncAdmission } from './sync-admission';
import { JOB_STORE } from './store/job-store';

/**
 * The execution services: {@link AnalysisExecutionService} (what the API calls) on top of
 * {@link JobExecutionService} (jobs and their executor) on top of {@link PluginExecutionService}
 * (which hands every call to the ToolRunner), and {@link ExecutionReadiness} (what a readiness check reads). Imports the `RuntimeModule.forRoot(...)` given in `forRoot({ imports })`.
 */
@Module({
  providers: [
    PluginExecutionService,
    JobExecutionService,
    AnalysisExecutionService,
    SyncAdmission,
    JobStoreMaintenance,
    ExecutionReadiness,
    // Two providers so that a test can stand in for the store alone; the backend is made around it. A
    // stand-in for a durable kind must be that kind's class (SqliteJobStore, RedisJobStore): its backend uses what only it has.
    { provide: JOB_STORE, inject: [EXECUTION_OPTIONS], useFactory: openJobStore },
    { provide: JOB_BACKEND, inject: [EXECUTION_OPTIONS, JOB_STORE], useFactory: openJobBackend },
  ],
  exports: [AnalysisExecutionService, ExecutionReadiness],
})
export class ExecutionModule extends ConfigurableExecutionModule {}
