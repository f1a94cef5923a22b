export { RuntimeModule } from './runtime.module';
export type { RuntimeModuleOptions } from './runtime.options';
export { ToolRunner } from './tool-runner.service';
export type { ToolRunRequest, ExecutionOutcome, ProgressUpdate } from './tool-run-request';
