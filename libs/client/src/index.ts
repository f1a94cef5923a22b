export { createForgeSyteClient } from './create-forgesyte-client';
export { analyze } from './analyze';
export type { AnalyzeBody, AnalyzeResponse } from './analyze';
export type { ForgeSyteClient, ForgeSyteClientOptions } from './create-forgesyte-client';
export { waitForJob } from './wait-for-job';
export type { JobResultResponse, WaitForJobOptions } from './wait-for-job';
export { JobWaitTimeoutError } from './job-wait-timeout.error';
export { followJob, JobEventsRefusedError } from './follow-job';
export type { FollowJobOptions, JobEvent } from './follow-job';
export { serverSentEvents } from './server-sent-events';
export type { ServerSentEvent } from './server-sent-events';
export type {
  AnalyzeRequest,
  ErrorCode,
  ErrorEnvelope,
  Job,
  JobOutcome,
  JobPage,
  JobStatus,
  PluginName,
  SyncResult,
  ToolArgs,
  ToolName,
  ToolResult,
} from './api-types';
export type { components, operations, paths } from './generated/forgesyte-api';
