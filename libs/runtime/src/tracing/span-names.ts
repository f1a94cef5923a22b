/**
 * The names of ForgeSyte's spans and of their attributes, in one place so that dashboards and tests
 * name the same things. One trace of a call: the HTTP request (named `METHOD /route`) → `forgesyte.job`
 * (or `forgesyte.job.submit` → `forgesyte.job` for a queued job) → `forgesyte.tool_run` → `forgesyte.plugin_run`.
 */
export const SPAN_NAMES = Object.freeze({
  /** An async job being stored and queued, in the process that accepted it. */
  jobSubmit: 'forgesyte.job.submit',
  /** A job running, sync or async, in the process that runs it. */
  job: 'forgesyte.job',
  /** One ToolRunner call: resolve, validate, run, validate, record. */
  toolRun: 'forgesyte.tool_run',
  /** The plugin's own code running: inline, or in a worker thread (timed there). */
  pluginRun: 'forgesyte.plugin_run',
});

/** Attribute keys of ForgeSyte's spans. */
export const SPAN_ATTRIBUTES = Object.freeze({
  plugin: 'forgesyte.plugin',
  tool: 'forgesyte.tool',
  jobId: 'forgesyte.job_id',
  jobMode: 'forgesyte.job.mode',
  jobStatus: 'forgesyte.job.status',
  /** `success`, or the error code the call ended with (as the metrics' `outcome` label). */
  outcome: 'forgesyte.outcome',
  /** `inline` or `worker`. */
  isolation: 'forgesyte.isolation',
  /** Where a plugin run's times come from: `thread` (measured in the worker thread) or `server` (it never replied). */
  timedIn: 'forgesyte.timed_in',
});
