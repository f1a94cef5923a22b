/**
 * Every lifecycle state a registered plugin can be in. `SUCCESS` and `ERROR` are outcomes of a call,
 * never states.
 */
export const LIFECYCLE_STATES = ['LOADED', 'INITIALIZED', 'RUNNING', 'FAILED', 'UNAVAILABLE'] as const;

/** One of {@link LIFECYCLE_STATES}. */
export type LifecycleState = (typeof LIFECYCLE_STATES)[number];
