/** The prefix of every metric ForgeSyte exports, Node's default process metrics included. */
export const METRIC_PREFIX = 'forgesyte_';

/** Upper bounds of the execution-duration buckets, in seconds: from a fast inline tool to the longest default deadline. */
export const EXECUTION_SECONDS_BUCKETS: readonly number[] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
