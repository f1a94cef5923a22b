export { createToolHarness, DEFAULT_TIMEOUT_MS, type HarnessCallOptions, type ToolHarness, type ToolHarnessOptions } from './tool-harness';
export type { HarnessError, HarnessErrorCode, HarnessLogLine, HarnessOutcome, HarnessProgress } from './harness-outcome';
